/**
 * A static server for a built app whose content can be swapped while it runs, so a spec can play a
 * deploy: the same origin serves one build, then another. It answers like `vite preview` in what the app
 * relies on: the Content-Security-Policy header (taken from the built index.html's own meta, which
 * vite.config.ts writes from the same policy), unknown paths falling back to index.html, and
 * `Cache-Control: no-cache` so the browser always revalidates, as it would against a fresh deploy.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { contentType, inside } from './files.ts';
import type { AddressInfo } from 'node:net';

export interface StaticServer {
  /** Origin of the server, e.g. http://127.0.0.1:4381 */
  url: string;
  /** Serves `dir` from the next request on, as a deploy replacing the files would. */
  serve(dir: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Reads the policy the build put in its index.html.
 * @throws when index.html carries no CSP meta, so a spec never runs the app without its policy
 */
async function policyOf(dir: string): Promise<string> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  if (!policy) throw new Error(`${dir}/index.html carries no Content-Security-Policy meta`);
  return policy;
}

/**
 * Starts serving `dir` on 127.0.0.1 (a secure context, so service workers run).
 * @param port 0 lets the system pick a free port
 * @returns the running server; close it when done
 * @throws when `dir` has no index.html with a CSP meta, or the port is taken
 */
export async function startStaticServer(dir: string, port = 0): Promise<StaticServer> {
  let root = resolve(dir);
  let policy = await policyOf(root);

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = inside(root, path === '/' ? '/index.html' : path);
    if (!file) {
      res.writeHead(403).end();
      return;
    }
    const headers = { 'Content-Security-Policy': policy, 'Cache-Control': 'no-cache' };
    readFile(file)
      .then((body) => ({ body, type: contentType(file) }))
      // Like vite preview: an address that is not a file is a screen of the app.
      .catch(async () => ({
        body: await readFile(join(root, 'index.html')),
        type: contentType('index.html'),
      }))
      .then(({ body, type }) => res.writeHead(200, { ...headers, 'Content-Type': type }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const { port: bound } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${bound}`,
    async serve(next: string) {
      policy = await policyOf(resolve(next));
      root = resolve(next);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

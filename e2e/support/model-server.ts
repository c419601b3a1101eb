/**
 * A small static server for the model end-to-end tests and the download benchmark. It serves the built
 * app (so model files are same-origin, covered by the CSP's 'self') and, under /models/, the generated
 * model folders with HTTP Range support. It records every model request and can be told to cut the
 * network: once `cutAfterBytes` body bytes of model files have gone out, the transfer in progress is
 * dropped mid-file and every later model request is refused, until `heal()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentType, inside } from './files.ts';
import type { AddressInfo } from 'node:net';

export interface ModelRequest {
  /** Path below /models/. */
  path: string;
  range: string | null;
  status: number;
  /** Body bytes actually sent. */
  sent: number;
  /** True when the whole response body went out. */
  complete: boolean;
  /** Requests made while the network was cut are refused with no response. */
  refused: boolean;
}

export interface ModelServer {
  url: string;
  port: number;
  log: ModelRequest[];
  /** Drop the network after this many more model bytes. */
  cutAfterBytes(bytes: number): void;
  /** True once the cut has dropped a transfer. */
  readonly cut: boolean;
  heal(): void;
  /** Limit model transfers to this many bytes per second in total (Infinity: no limit). */
  limitRate(bytesPerSec: number): void;
  close(): Promise<void>;
}

/**
 * Starts the server.
 * @param appDir the built app (dist/); unknown paths fall back to its index.html
 * @param modelDir the fixture folder served at /models/
 * @param port 0 for any free port
 */
export async function startModelServer(appDir: string, modelDir: string, port = 0): Promise<ModelServer> {
  const log: ModelRequest[] = [];
  let budget = Infinity;
  let down = false;
  let cut = false;
  // A shared link speed for all model transfers (a token bucket); Infinity serves as fast as possible.
  let rate = Infinity;
  let linkFreeAt = 0;
  /** Milliseconds to wait before sending more, having just sent `bytes`. */
  const pace = (bytes: number): number => {
    if (!Number.isFinite(rate)) return 0;
    const now = performance.now();
    linkFreeAt = Math.max(now, linkFreeAt) + (bytes * 1000) / rate;
    return Math.max(0, linkFreeAt - now);
  };

  function serveModel(req: IncomingMessage, res: ServerResponse, path: string): void {
    const entry: ModelRequest = {
      path,
      range: req.headers.range ?? null,
      status: 0,
      sent: 0,
      complete: false,
      refused: false,
    };
    log.push(entry);
    if (down) {
      entry.refused = true;
      req.socket.destroy();
      return;
    }
    const file = inside(resolve(modelDir), path);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      entry.status = 404;
      res.writeHead(404).end();
      return;
    }
    const size = statSync(file).size;
    let start = 0;
    let end = size - 1;
    // "bytes=N-" (a resumed file) and "bytes=N-M" (the quick check of a source before downloading).
    const match = /^bytes=(\d+)-(\d*)$/.exec(entry.range ?? '');
    if (match) {
      start = Math.min(Number(match[1]), size);
      if (match[2]) end = Math.min(Number(match[2]), size - 1);
    }
    entry.status = match ? 206 : 200;
    const headers: Record<string, string | number> = {
      'content-type': contentType(file),
      'content-length': Math.max(0, end - start + 1),
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
    };
    if (match) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    res.writeHead(entry.status, headers);
    if (end - start + 1 <= 0) {
      entry.complete = true;
      res.end();
      return;
    }
    const stream = createReadStream(file, { start, end, highWaterMark: 64 * 1024 });
    stream.on('data', (chunk: string | Buffer) => {
      const bytes = chunk.length;
      if (bytes >= budget) {
        // The network drops mid-file: send what the budget allows, then kill the connection.
        const part = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        res.write(part.subarray(0, budget));
        entry.sent += budget;
        budget = 0;
        down = true;
        cut = true;
        stream.destroy();
        // Let the bytes already written reach the browser before the connection dies, as on a real
        // network where what arrived before the drop is in the client's hands.
        setTimeout(() => req.socket.destroy(), 300);
        return;
      }
      budget -= bytes;
      entry.sent += bytes;
      const wait = pace(bytes);
      if (!res.write(chunk)) {
        stream.pause();
        res.once('drain', () => setTimeout(() => stream.resume(), wait));
      } else if (wait > 0) {
        stream.pause();
        setTimeout(() => stream.resume(), wait);
      }
    });
    stream.on('end', () => {
      entry.complete = true;
      res.end();
    });
    res.on('close', () => stream.destroy());
  }

  function serveApp(res: ServerResponse, path: string): void {
    let file = inside(resolve(appDir), path === '/' ? '/index.html' : path);
    if (!file || !existsSync(file) || !statSync(file).isFile()) file = join(appDir, 'index.html');
    res.writeHead(200, {
      'content-type': contentType(file),
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/models/')) serveModel(req, res, path.slice('/models/'.length));
    else serveApp(res, path);
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    log,
    cutAfterBytes(bytes) {
      budget = bytes;
    },
    get cut() {
      return cut;
    },
    heal() {
      budget = Infinity;
      down = false;
    },
    limitRate(bytesPerSec) {
      rate = bytesPerSec;
      linkFreeAt = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

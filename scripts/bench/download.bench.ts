/**
 * Download throughput: the app's download manager (src/lib/engine/download.ts, with hash-wasm MD5
 * checks as in the app) against a plain fetch of the same files, from the same local server, in the
 * same run. Runs in Node: Node's fetch, and an in-memory Cache Storage double instead of the browser's
 * (so disk writes of Cache Storage are not part of either figure). Goal: ratio >= 0.9.
 *
 * Usage: npx tsx scripts/bench/download.bench.ts [shards=8] [shardMiB=16] [rounds=5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMD5 } from 'hash-wasm';
import { makeModelFixture } from '../make-model-fixture.ts';
import { startModelServer } from '../../e2e/support/model-server.ts';
import { downloadModel, type DownloadDeps } from '../../src/lib/engine/download.ts';
import {
  findWebLlmModel,
  registry,
  resolveModelUrl,
  weightFolderUrl,
} from '../../src/lib/engine/registry.ts';
import type { CacheLike, CacheStorageLike } from '../../src/lib/engine/download.ts';

/**
 * Cache Storage stand-in that keeps each Response as given (no copy of the body), so the figure is the
 * manager's own work: streaming, size and MD5 checks, assembling each file. The browser's Cache Storage
 * also writes to disk; that cost is the browser's and is not measured here.
 */
class ResponseCaches implements CacheStorageLike {
  readonly stores = new Map<string, Map<string, Response>>();
  async open(name: string): Promise<CacheLike> {
    const store = this.stores.get(name) ?? new Map<string, Response>();
    this.stores.set(name, store);
    return {
      match: async (url) => store.get(url)?.clone(),
      put: async (url, response) => void store.set(url, response),
      delete: async (url) => store.delete(url),
    };
  }
  bytes(): number {
    let n = 0;
    for (const store of this.stores.values())
      for (const r of store.values()) n += Number(r.headers.get('content-length') ?? 0);
    return n;
  }
}

const [shards = 8, shardMiB = 16, rounds = 5] = process.argv.slice(2).map(Number);
const modelId = registry.defaultModelId;
const dir = mkdtempSync(join(tmpdir(), 'yizhen-bench-'));
const files = makeModelFixture(dir, { shards, shardBytes: shardMiB * 1024 * 1024, models: [modelId] });
const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
const server = await startModelServer(dir, dir);
const mirror = `${server.url}/models/`;
const entry = findWebLlmModel(modelId);
const folder = weightFolderUrl(entry, mirror, server.url);
const library = resolveModelUrl(entry.libraryUrl, mirror, server.url);
const urls = files.map((f) => `${mirror}${f.path}`);

/**
 * Plain fetch of every file, 4 at a time (as the manager does), reading each body to the end and keeping
 * nothing: the fastest the network path allows, so the manager's verifying and storing is the difference.
 */
async function plainFetch(): Promise<number> {
  const queue = [...urls];
  let bytes = 0;
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      const reader = (await fetch(url)).body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return bytes;
}

async function managed(verifyMd5: boolean): Promise<number> {
  const caches = new ResponseCaches();
  const deps: DownloadDeps = {
    fetch: (url, init) => fetch(url, init),
    caches,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => performance.now(),
    md5: !verifyMd5
      ? null
      : async () => {
          const hasher = await createMD5();
          return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest('hex') };
        },
  };
  await downloadModel(folder, library, deps);
  return caches.bytes();
}

async function timed(run: () => Promise<number>): Promise<{ mbps: number; bytes: number }> {
  const t0 = performance.now();
  const bytes = await run();
  const s = (performance.now() - t0) / 1000;
  return { mbps: bytes / 1e6 / s, bytes };
}

try {
  console.log(
    `fixture: ${files.length} files, ${(totalBytes / 1e6).toFixed(1)} MB (${shards} shards of ${shardMiB} MiB), ${rounds} rounds`,
  );
  await plainFetch(); // warm the page cache and the server
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const line = (label: string, xs: number[]) =>
    console.log(
      `${label.padEnd(40)} median ${median(xs).toFixed(0).padStart(5)} MB/s  (${xs.map((x) => x.toFixed(0)).join(', ')})`,
    );
  // Unlimited: localhost, where the manager's own CPU work (MD5, assembling files) is the limit.
  // Then a fast home link (200 Mbit/s = 25 MB/s), where the network is the limit, as for a patient.
  for (const [name, rate] of [
    ['localhost, no limit', Infinity],
    ['link limited to 25 MB/s (200 Mbit/s)', 25e6],
  ] as const) {
    server.limitRate(rate);
    const plain: number[] = [];
    const mine: number[] = [];
    const sizeOnly: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate, so drift on a shared machine hits all sides alike.
      plain.push((await timed(plainFetch)).mbps);
      mine.push((await timed(() => managed(true))).mbps);
      sizeOnly.push((await timed(() => managed(false))).mbps);
    }
    console.log(`\n${name}`);
    line('plain fetch (read and discard)', plain);
    line('download manager, size + MD5 (shipped)', mine);
    line('download manager, size check only', sizeOnly);
    console.log(
      `${'ratio, as shipped'.padEnd(40)} ${(median(mine) / median(plain)).toFixed(2)}  (goal >= 0.90)`,
    );
    console.log(`${'ratio, size check only'.padEnd(40)} ${(median(sizeOnly) / median(plain)).toFixed(2)}`);
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  CACHE_CONFIG,
  CACHE_MODEL,
  CACHE_PARTIAL,
  CACHE_WASM,
  downloadModel,
  type DownloadDeps,
  type DownloadProgress,
} from '../../../src/lib/engine/download.ts';
import { EngineError } from '../../../src/lib/engine/errors.ts';
import { MemoryCaches, MemoryHost } from './memory-doubles.ts';

const FOLDER = 'https://models.example/mlc-ai/Tiny-MLC/resolve/main/';
const LIB = 'https://libs.example/v0_2_80/Tiny-ctx4k_cs1k-webgpu.wasm';
const url = (f: string) => new URL(f, FOLDER).href;

function bytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

function md5(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

/** A model with three shards of 10 KiB, each listed with its size and md5 as MLC's tensor-cache.json does. */
function tinyModel(): MemoryHost {
  const host = new MemoryHost();
  const shards = [0, 1, 2].map((i) => bytes(10 * 1024, i));
  const enc = new TextEncoder();
  host.files.set(
    url('mlc-chat-config.json'),
    enc.encode(JSON.stringify({ tokenizer_files: ['tokenizer.json', 'tokenizer_config.json'] })),
  );
  host.files.set(url('tokenizer.json'), enc.encode('{"model":{}}'));
  host.files.set(LIB, bytes(2048, 9));
  host.files.set(
    url('tensor-cache.json'),
    enc.encode(
      JSON.stringify({
        records: shards.map((s, i) => ({
          dataPath: `params_shard_${i}.bin`,
          nbytes: s.length,
          md5sum: md5(s),
        })),
      }),
    ),
  );
  shards.forEach((s, i) => host.files.set(url(`params_shard_${i}.bin`), s));
  return host;
}

const nodeMd5: DownloadDeps['md5'] = async () => {
  const h = createHash('md5');
  return { update: (c) => h.update(c), digest: () => h.digest('hex') };
};

function deps(host: MemoryHost, caches: MemoryCaches, sleeps: number[] = []): DownloadDeps {
  let t = 0;
  return {
    fetch: host.fetch,
    caches,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => (t += 50),
    md5: nodeMd5,
  };
}

const shardRequests = (host: MemoryHost, i: number) =>
  host.log.filter((r) => r.url === url(`params_shard_${i}.bin`));

describe('downloadModel: failures the patient can act on', () => {
  it('a transfer cut part-way is "interrupted", with what arrived kept for Retry', async () => {
    const host = tinyModel();
    host.cutOnce.set(url('params_shard_1.bin'), 4096);
    const caches = new MemoryCaches();
    const error = await downloadModel(FOLDER, LIB, deps(host, caches), { retries: 0, parallel: 1 }).catch(
      (e) => e,
    );
    expect((error as EngineError).kind).toBe('interrupted');
    expect(caches.keys(CACHE_PARTIAL).length + caches.keys(CACHE_MODEL).length).toBeGreaterThan(0);
  });

  it('a connection that fails before anything arrives is "network", which claims nothing was kept', async () => {
    const host = tinyModel();
    host.failFirst = 100;
    const error = await downloadModel(FOLDER, LIB, deps(host, new MemoryCaches()), { retries: 0 }).catch(
      (e) => e,
    );
    expect((error as EngineError).kind).toBe('network');
  });

  it('a mirror answering with its own web page is "notModelFile" at once, without retries', async () => {
    const host = tinyModel();
    host.files.set(
      url('mlc-chat-config.json'),
      new TextEncoder().encode('<!doctype html><title>App</title>'),
    );
    host.types.set(url('mlc-chat-config.json'), 'text/html');
    const sleeps: number[] = [];
    const error = await downloadModel(FOLDER, LIB, deps(host, new MemoryCaches(), sleeps)).catch((e) => e);
    expect((error as EngineError).kind).toBe('notModelFile');
    expect((error as EngineError).host).toBe('models.example');
    expect(sleeps).toEqual([]);
    expect(host.log).toHaveLength(1);
  });

  it('offline, a failed request is "offline" at once instead of a minute of retries', async () => {
    const host = tinyModel();
    host.failFirst = 100;
    const sleeps: number[] = [];
    const error = await downloadModel(FOLDER, LIB, {
      ...deps(host, new MemoryCaches(), sleeps),
      online: () => false,
    }).catch((e) => e);
    expect((error as EngineError).kind).toBe('offline');
    expect(sleeps).toEqual([]);
  });
});

describe('downloadModel', () => {
  it('stores every file where web-llm reads it, tensor-cache.json last', async () => {
    const host = tinyModel();
    const caches = new MemoryCaches();
    const seen: DownloadProgress[] = [];
    await downloadModel(FOLDER, LIB, deps(host, caches), { onProgress: (p) => seen.push(p) });
    expect(caches.keys(CACHE_CONFIG)).toEqual([url('mlc-chat-config.json')]);
    expect(caches.keys(CACHE_WASM)).toEqual([LIB]);
    expect(caches.keys(CACHE_MODEL).sort()).toEqual(
      [
        url('tokenizer.json'),
        url('params_shard_0.bin'),
        url('params_shard_1.bin'),
        url('params_shard_2.bin'),
        url('tensor-cache.json'),
      ].sort(),
    );
    expect(caches.keys(CACHE_MODEL).at(-1)).toBe(url('tensor-cache.json'));
    const last = seen.at(-1)!;
    expect(last.fraction).toBe(1);
    expect(last.doneBytes).toBe(last.totalBytes);
    expect(last.filesDone).toBe(last.filesTotal);
    // Progress never goes backwards in a clean run.
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.doneBytes).toBeGreaterThanOrEqual(seen[i - 1]!.doneBytes);
  });

  it('does not fetch files already in the cache again (a reload resumes)', async () => {
    const host = tinyModel();
    const caches = new MemoryCaches();
    const shard0 = host.files.get(url('params_shard_0.bin'))!;
    await (
      await caches.open(CACHE_MODEL)
    ).put(url('params_shard_0.bin'), new Response(shard0 as Uint8Array<ArrayBuffer>));
    await downloadModel(FOLDER, LIB, deps(host, caches));
    expect(shardRequests(host, 0)).toHaveLength(0);
    expect(shardRequests(host, 1)).toHaveLength(1);
  });

  it('continues a cut transfer with an HTTP Range request and backs off between attempts', async () => {
    const host = tinyModel();
    host.cutOnce.set(url('params_shard_1.bin'), 4096);
    const caches = new MemoryCaches();
    const sleeps: number[] = [];
    await downloadModel(FOLDER, LIB, deps(host, caches, sleeps), { backoffMs: 100 });
    expect(shardRequests(host, 1).map((r) => r.range)).toEqual([null, 'bytes=4096-']);
    const stored = await (await (
      await caches.open(CACHE_MODEL)
    ).match(url('params_shard_1.bin')))!.arrayBuffer();
    expect(new Uint8Array(stored)).toEqual(host.files.get(url('params_shard_1.bin')));
    expect(sleeps).toEqual([100]);
    expect(caches.keys(CACHE_PARTIAL)).toEqual([]);
  });

  it('starts the file over when the server ignores Range', async () => {
    const host = tinyModel();
    host.honourRange = false;
    host.cutOnce.set(url('params_shard_2.bin'), 3072);
    const caches = new MemoryCaches();
    await downloadModel(FOLDER, LIB, deps(host, caches));
    const stored = await (await (
      await caches.open(CACHE_MODEL)
    ).match(url('params_shard_2.bin')))!.arrayBuffer();
    expect(new Uint8Array(stored)).toEqual(host.files.get(url('params_shard_2.bin')));
  });

  it('retries a dropped network with doubling backoff, then gives up with a network error', async () => {
    const host = tinyModel();
    host.failFirst = 100;
    const sleeps: number[] = [];
    const error = await downloadModel(FOLDER, LIB, deps(host, new MemoryCaches(), sleeps), {
      retries: 3,
      backoffMs: 10,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('network');
    expect(sleeps).toEqual([10, 20, 40]);
  });

  it('recovers when the network comes back within the retries', async () => {
    const host = tinyModel();
    host.failFirst = 2;
    const caches = new MemoryCaches();
    await downloadModel(FOLDER, LIB, deps(host, caches), { retries: 3 });
    expect(caches.keys(CACHE_MODEL)).toContain(url('tensor-cache.json'));
  });

  it('on a full disk, fails with quota and leaves nothing that counts as complete', async () => {
    const host = tinyModel();
    const caches = new MemoryCaches();
    caches.quotaBytes = 15 * 1024; // room for the small files and one shard, not all three
    const error = await downloadModel(FOLDER, LIB, deps(host, caches), { parallel: 1 }).catch((e) => e);
    expect((error as EngineError).kind).toBe('quota');
    // web-llm's hasModelInCache starts from tensor-cache.json: it must be absent.
    expect(caches.keys(CACHE_MODEL)).not.toContain(url('tensor-cache.json'));
    // Every stored shard is whole.
    const model = await caches.open(CACHE_MODEL);
    for (const key of caches.keys(CACHE_MODEL)) {
      const stored = new Uint8Array(await (await model.match(key))!.arrayBuffer());
      expect(stored).toEqual(host.files.get(key));
    }
  });

  it('rejects a file whose checksum does not match tensor-cache.json', async () => {
    const host = tinyModel();
    const shard = host.files.get(url('params_shard_0.bin'))!;
    shard[5] = shard[5]! ^ 0xff;
    const caches = new MemoryCaches();
    const error = await downloadModel(FOLDER, LIB, deps(host, caches), { retries: 1 }).catch((e) => e);
    expect((error as EngineError).kind).toBe('corrupt');
    expect(caches.keys(CACHE_MODEL)).not.toContain(url('params_shard_0.bin'));
    expect(caches.keys(CACHE_MODEL)).not.toContain(url('tensor-cache.json'));
  });

  it('cancel stops with AbortError and keeps the unfinished bytes for next time', async () => {
    const host = tinyModel();
    const caches = new MemoryCaches();
    const controller = new AbortController();
    const error = await downloadModel(FOLDER, LIB, deps(host, caches), {
      signal: controller.signal,
      parallel: 1,
      onProgress: (p) => {
        if (p.doneBytes > 15 * 1024) controller.abort();
      },
    }).catch((e) => e);
    expect((error as DOMException).name).toBe('AbortError');
    expect(caches.keys(CACHE_MODEL)).not.toContain(url('tensor-cache.json'));
    expect(caches.keys(CACHE_PARTIAL)).toHaveLength(1);
    // The next run picks up from there.
    host.log.length = 0;
    await downloadModel(FOLDER, LIB, deps(host, caches));
    expect(host.log.some((r) => r.range !== null)).toBe(true);
    expect(caches.keys(CACHE_MODEL)).toContain(url('tensor-cache.json'));
  });

  it('one failed file stops the transfers beside it, keeping their bytes', async () => {
    const host = tinyModel();
    host.files.delete(url('params_shard_0.bin')); // the mirror lacks a file: HTTP 404
    const caches = new MemoryCaches();
    const error = await downloadModel(FOLDER, LIB, deps(host, caches), { retries: 0, parallel: 2 }).catch(
      (e) => e,
    );
    // A 404 means the address has no such file (a wrong mirror), not a bad connection.
    expect((error as EngineError).kind).toBe('notModelFile');
    expect((error as EngineError).host).toBe('models.example');
    expect((error as EngineError).detail).toMatch(/HTTP 404/);
    // Give any stray transfer time to show itself: shard 2 must never start.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shardRequests(host, 2)).toHaveLength(0);
    expect(caches.keys(CACHE_MODEL)).not.toContain(url('tensor-cache.json'));
  });

  it('a saved part the server cannot continue (HTTP 416) is dropped and the file fetched whole', async () => {
    const host = tinyModel();
    const caches = new MemoryCaches();
    const whole = host.files.get(url('params_shard_1.bin'))!;
    await (
      await caches.open(CACHE_PARTIAL)
    ).put(url('params_shard_1.bin'), new Response(whole.slice() as Uint8Array<ArrayBuffer>));
    await downloadModel(FOLDER, LIB, deps(host, caches), { backoffMs: 1 });
    expect(shardRequests(host, 1).map((r) => r.range)).toEqual([`bytes=${whole.length}-`, null]);
    const stored = await (await (
      await caches.open(CACHE_MODEL)
    ).match(url('params_shard_1.bin')))!.arrayBuffer();
    expect(new Uint8Array(stored)).toEqual(whole);
  });
});

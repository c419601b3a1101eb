/**
 * downloadFiles, the core both engines' downloads share, with what the llama.cpp plan adds: the first bytes
 * of each file checked (a web page from a wrong mirror is not a model), SHA-256 where the registry gives
 * one, and the Content-Type kept (the service worker later serves the llama.cpp worker script from it).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { downloadFiles, type DownloadDeps, type ModelFile } from '../../../src/lib/engine/download.ts';
import { EngineError } from '../../../src/lib/engine/errors.ts';
import { llamaCppPlan } from '../../../src/lib/engine/wllama/download.ts';
import { llamaCppFiles } from '../../../src/lib/engine/wllama/files.ts';
import { CACHE_LLAMA } from '../../../src/lib/engine/cache-names.ts';
import { findModel, type LlamaCppEntry } from '../../../src/lib/engine/registry.ts';
import { MemoryCaches, MemoryHost } from './memory-doubles.ts';

const ORIGIN = 'https://app.example';
const ENTRY = findModel('Qwen3-0.6B-Q8_0-GGUF') as LlamaCppEntry;
const FILES = llamaCppFiles(ENTRY, '/assets/wllama-abc.wasm', '/models/', ORIGIN);

const gguf = Uint8Array.from([
  ...new TextEncoder().encode('GGUF'),
  ...Array.from({ length: 5000 }, (_, i) => i & 0xff),
]);
const wasm = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const tokenizer = new TextEncoder().encode('{"model":{"type":"BPE"}}');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function host(): MemoryHost {
  const h = new MemoryHost();
  h.files.set(FILES.wasm, wasm);
  h.types.set(FILES.wasm, 'application/wasm');
  h.files.set(FILES.tokenizer, tokenizer);
  h.files.set(FILES.gguf[0]!, gguf);
  return h;
}

function deps(h: MemoryHost, caches: MemoryCaches): DownloadDeps {
  let t = 0;
  const hash = (algorithm: string) => async () => {
    const hasher = createHash(algorithm);
    return { update: (c: Uint8Array) => void hasher.update(c), digest: () => hasher.digest('hex') };
  };
  return {
    fetch: h.fetch,
    caches,
    sleep: async () => {},
    now: () => (t += 10),
    md5: hash('md5'),
    sha256: hash('sha256'),
  };
}

const stored = async (caches: MemoryCaches, url: string) => (await caches.open(CACHE_LLAMA)).match(url);

describe('the llama.cpp download', () => {
  it('resolves every file through the mirror layout, the wasm on the app origin', () => {
    expect(FILES).toEqual({
      gguf: ['https://app.example/models/Qwen/Qwen3-0.6B-GGUF/resolve/main/Qwen3-0.6B-Q8_0.gguf'],
      tokenizer: 'https://app.example/models/Qwen/Qwen3-0.6B/resolve/main/tokenizer.json',
      wasm: 'https://app.example/assets/wllama-abc.wasm',
    });
  });

  it('stores the wasm, the tokenizer and the GGUF whole, keeping each Content-Type', async () => {
    const h = host();
    const caches = new MemoryCaches();
    await downloadFiles(llamaCppPlan(ENTRY, FILES), deps(h, caches));
    expect(caches.keys(CACHE_LLAMA).sort()).toEqual([FILES.wasm, FILES.tokenizer, FILES.gguf[0]!].sort());
    const g = await stored(caches, FILES.gguf[0]!);
    expect(new Uint8Array(await g!.arrayBuffer())).toEqual(gguf);
    expect((await stored(caches, FILES.wasm))!.headers.get('content-type')).toBe('application/wasm');
  });

  it('refuses a web page where the GGUF should be (a wrong mirror address), storing nothing for it', async () => {
    const h = host();
    h.files.set(FILES.gguf[0]!, new TextEncoder().encode('<!doctype html><title>Not found</title>'));
    const caches = new MemoryCaches();
    const error = await downloadFiles(llamaCppPlan(ENTRY, FILES), deps(h, caches), { retries: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).detail).toMatch(/something other than the model file/);
    expect(await stored(caches, FILES.gguf[0]!)).toBeUndefined();
  });

  it('checks a GGUF against the sha256 the registry gives, and accepts the right one', async () => {
    const plan = (digest: string): ModelFile[] =>
      llamaCppPlan({ ...ENTRY, files: [{ ...ENTRY.files[0]!, sha256: digest }] }, FILES);
    const bad = await downloadFiles(plan('0'.repeat(64)), deps(host(), new MemoryCaches()), {
      retries: 0,
    }).catch((e: unknown) => e);
    expect((bad as EngineError).kind).toBe('corrupt');
    const caches = new MemoryCaches();
    await downloadFiles(plan(sha256(gguf)), deps(host(), caches));
    expect(await stored(caches, FILES.gguf[0]!)).toBeDefined();
  });

  it('continues a GGUF cut mid-way with a Range request and verifies the whole file', async () => {
    const h = host();
    h.cutOnce.set(FILES.gguf[0]!, 2048);
    const caches = new MemoryCaches();
    const entry = { ...ENTRY, files: [{ ...ENTRY.files[0]!, sha256: sha256(gguf) }] };
    await downloadFiles(llamaCppPlan(entry, FILES), deps(h, caches));
    expect(h.log.filter((r) => r.url === FILES.gguf[0]).map((r) => r.range)).toEqual([null, 'bytes=2048-']);
    expect(new Uint8Array(await (await stored(caches, FILES.gguf[0]!))!.arrayBuffer())).toEqual(gguf);
  });
});

/**
 * The llama.cpp backend over a fake Wllama, driven through the real EngineHost and WorkerChatEngine: the
 * files come from the app's cache as Blobs, the load is checked and timed, the stream maps to the app's
 * pieces, and a stop ends it without an error. (Real llama.cpp runs in e2e/prod/cpu-engine.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  llamaThreads,
  wllamaBackend,
  type WllamaChunk,
  type WllamaLike,
} from '../../../src/lib/engine/wllama/backend.ts';
import { llamaCppFiles } from '../../../src/lib/engine/wllama/files.ts';
import { EngineHost } from '../../../src/lib/engine/worker/host.ts';
import { WorkerChatEngine } from '../../../src/lib/engine/worker/client.ts';
import type { ChatWorker, EngineResponse } from '../../../src/lib/engine/worker/protocol.ts';
import { EngineError } from '../../../src/lib/engine/errors.ts';
import { findModel, type LlamaCppEntry, type LoadSettings } from '../../../src/lib/engine/registry.ts';

const ORIGIN = 'https://app.example';
const WASM = '/assets/wllama-abc.wasm';
const MODEL = 'Qwen3-1.7B-Q4_K_M-GGUF';
const settings: LoadSettings = { mirror: '/models/', contextWindow: null };
const files = llamaCppFiles(findModel(MODEL) as LlamaCppEntry, WASM, settings.mirror, ORIGIN);
const tick = () => new Promise((r) => setTimeout(r, 0));

class FakeWllama implements WllamaLike {
  loaded: { blobs: Blob[]; params: Record<string, unknown> } | null = null;
  requests: Record<string, unknown>[] = [];
  exited = false;
  vocab = 151_936;
  hangLoad = false;
  hangFirstToken = false;
  words = ['Sleep ', 'at ', 'the ', 'same ', 'time.'];
  constructor(readonly wasmUrl: string) {}
  async loadModel(blobs: Blob[], params: Record<string, unknown>) {
    if (this.hangLoad) await new Promise(() => {});
    this.loaded = { blobs, params };
  }
  getLoadedContextInfo() {
    return { n_vocab: this.vocab, n_ctx: 4096 };
  }
  async createChatCompletion(params: Record<string, unknown>): Promise<AsyncIterable<WllamaChunk>> {
    this.requests.push(params);
    const signal = params.abortSignal as AbortSignal;
    const { words, hangFirstToken } = this;
    return (async function* () {
      if (hangFirstToken) await new Promise(() => {});
      for (const [i, word] of words.entries()) {
        await tick();
        if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'WllamaAbortError' });
        const last = i === words.length - 1;
        yield {
          choices: [{ delta: { content: word }, finish_reason: last ? 'length' : null }],
          ...(last
            ? {
                timings: {
                  prompt_n: 40,
                  prompt_ms: 120,
                  prompt_per_second: 333,
                  predicted_n: 5,
                  predicted_per_second: 41,
                },
              }
            : {}),
        };
      }
    })();
  }
  async exit() {
    this.exited = true;
  }
}

function harness(options: { hangLoad?: boolean; hangFirstToken?: boolean; vocab?: number } = {}) {
  const cache = new Map<string, Blob>([
    [files.wasm, new Blob([Uint8Array.of(0, 0x61, 0x73, 0x6d)])],
    [files.tokenizer, new Blob(['{"model":{}}'])],
    [files.gguf[0]!, new Blob(['GGUF', new Uint8Array(100)])],
  ]);
  const created: FakeWllama[] = [];
  const backend = wllamaBackend({
    create: (url) => {
      const w = new FakeWllama(url);
      w.hangLoad = options.hangLoad ?? false;
      w.hangFirstToken = options.hangFirstToken ?? false;
      if (options.vocab !== undefined) w.vocab = options.vocab;
      created.push(w);
      return w;
    },
    cache: async () => ({
      match: async (url) => (cache.has(url) ? new Response(cache.get(url)) : undefined),
      delete: async (url) => cache.delete(url),
    }),
    wasmUrl: WASM,
    origin: ORIGIN,
    threads: 8,
    // One token per character: enough to see the count come from the tokenizer, not the estimate.
    tokenizer: async () => ({ encode: (t: string) => Array.from(t, (c) => c.codePointAt(0)!) }),
    toBlobUrl: () => 'blob:https://app.example/wasm',
    loadTimeoutMs: () => 50,
    firstTokenTimeoutMs: 50,
  });
  const worker: ChatWorker = {
    onmessage: null,
    postMessage: (m) => setTimeout(() => host.receive(structuredClone(m)), 0),
  };
  const host = new EngineHost(backend, (r: EngineResponse) =>
    setTimeout(() => worker.onmessage?.({ data: structuredClone(r) }), 0),
  );
  const client = new WorkerChatEngine(worker, {
    settings: () => settings,
    hasThinkingMode: (id) => findModel(id).hasThinkingMode,
  });
  return { backend, client, cache, created };
}

describe('llama.cpp backend', () => {
  it('loads the GGUF from the app cache as Blobs, with the wasm as a blob: URL and the entry’s settings', async () => {
    const { client, created } = harness();
    const progress: number[] = [];
    await client.load(MODEL, (p) => progress.push(p.fraction));
    const w = created[0]!;
    expect(w.wasmUrl).toBe('blob:https://app.example/wasm');
    expect(w.loaded!.blobs.map((b) => b.size)).toEqual([104]);
    expect(w.loaded!.params).toMatchObject({
      n_ctx: 4096,
      n_threads: 8,
      n_gpu_layers: 0,
      cache_type_k: 'f16',
      cache_type_v: 'f16',
    });
    expect(progress.at(-1)).toBe(1);
  });

  it('a load that resolves with no vocabulary is a plain-word failure, and the engine is freed', async () => {
    const { client, created } = harness({ vocab: 0 });
    const error = await client.load(MODEL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('loadFailed');
    expect(created[0]!.exited).toBe(true);
  });

  it('a load that never finishes times out instead of hanging', async () => {
    const { client } = harness({ hangLoad: true });
    const error = await client.load(MODEL).catch((e: unknown) => e);
    expect((error as EngineError).kind).toBe('timeout');
  });

  it('a model file missing from the cache fails before llama.cpp starts', async () => {
    const { client, cache, created } = harness();
    cache.delete(files.gguf[0]!);
    const error = await client.load(MODEL).catch((e: unknown) => e);
    expect((error as EngineError).kind).toBe('corrupt');
    expect(created).toHaveLength(0);
  });

  it('streams pieces in order with usage, sampling in OpenAI names and thinking off for hybrid models', async () => {
    const { client, created } = harness();
    await client.load(MODEL);
    const pieces: string[] = [];
    const result = await client.generate([{ role: 'user', content: 'I cannot sleep' }], {
      onToken: (d) => pieces.push(d),
      temperature: 0.3,
      topP: 0.9,
      repetitionPenalty: 1.1,
      maxTokens: 5,
    });
    expect(pieces).toEqual(['Sleep ', 'at ', 'the ', 'same ', 'time.']);
    expect(result).toEqual({
      text: 'Sleep at the same time.',
      finishReason: 'length',
      usage: {
        promptTokens: 40,
        completionTokens: 5,
        timeToFirstTokenMs: 120,
        prefillTokensPerSec: 333,
        decodeTokensPerSec: 41,
      },
    });
    expect(created[0]!.requests[0]).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      repeat_penalty: 1.1,
      max_tokens: 5,
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it('Stop ends the answer with what came so far, not an error', async () => {
    const { client } = harness();
    await client.load(MODEL);
    const stop = new AbortController();
    const result = await client.generate([{ role: 'user', content: 'hi' }], {
      signal: stop.signal,
      onToken: () => stop.abort(),
    });
    expect(result.finishReason).toBe('abort');
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.text).not.toBe('Sleep at the same time.');
  });

  it('a first token that never comes times out', async () => {
    const { client } = harness({ hangFirstToken: true });
    await client.load(MODEL);
    const error = await client.generate([{ role: 'user', content: 'hi' }]).catch((e: unknown) => e);
    expect((error as EngineError).kind).toBe('timeout');
  });

  it('counts tokens with the tokenizer built from the cached tokenizer.json', async () => {
    const { client } = harness();
    expect(await client.countTokens('abc')).toBeNull(); // nothing loaded yet: the caller estimates
    await client.load(MODEL);
    expect(await client.countTokens('abcd')).toBe(4);
  });

  it('is cached only when every file is, and deleting keeps the shared wasm', async () => {
    const { backend, cache } = harness();
    expect(await backend.isCached(MODEL, settings)).toBe(true);
    await backend.deleteModel(MODEL, settings);
    expect([...cache.keys()]).toEqual([files.wasm]);
    expect(await backend.isCached(MODEL, settings)).toBe(false);
  });
});

describe('llamaThreads', () => {
  it('uses every logical core, not the half wllama would', () => {
    expect(llamaThreads(8)).toBe(8);
    expect(llamaThreads(2)).toBe(2);
    expect(llamaThreads(1)).toBe(1);
  });

  it('takes one thread when the browser hides or garbles its core count', () => {
    expect(llamaThreads(undefined)).toBe(1);
    expect(llamaThreads(0)).toBe(1);
    expect(llamaThreads(Number.NaN)).toBe(1);
  });
});

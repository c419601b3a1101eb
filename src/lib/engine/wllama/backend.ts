/**
 * llama.cpp (@wllama/wllama, WebAssembly on the CPU) behind the engine backend interface. The model's
 * files come from the app's own cache as Blobs (never a second download into wllama's cache); wllama's
 * own wasm too, as a blob: URL, so an offline reload needs no network and no CDN is ever asked.
 *
 * Two facts shape it (../shared/ARCHITECTURE.md): a failed load can resolve anyway with no vocabulary,
 * and a load that lacks a CSP permission hangs instead of failing. So the load is checked and both the
 * load and the first token have time limits.
 */
import { EngineError } from '../errors.ts';
import { findModel, type LlamaCppEntry, type LoadSettings } from '../registry.ts';
import type { HostedTokenizer } from '../tokenizer.ts';
import type { GenerationUsage } from '../types.ts';
import type { EngineBackend, StreamPiece } from '../worker/backend.ts';
import { allFiles, llamaCppFiles } from './files.ts';

/** The parts of a Wllama instance the backend uses. */
export interface WllamaLike {
  loadModel(blobs: Blob[], params: Record<string, unknown>): Promise<void>;
  getLoadedContextInfo(): { n_vocab: number; n_ctx: number };
  createChatCompletion(params: Record<string, unknown>): Promise<AsyncIterable<WllamaChunk>>;
  exit(): Promise<void>;
}

/** One streamed chunk, OpenAI-style; the last carries llama.cpp's timings. */
export interface WllamaChunk {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  timings?: {
    prompt_n?: number;
    prompt_ms?: number;
    prompt_per_second?: number;
    predicted_n?: number;
    predicted_per_second?: number;
  };
}

export interface CacheReader {
  match(url: string): Promise<Response | undefined>;
  delete(url: string): Promise<boolean>;
}

export interface WllamaBackendDeps {
  /** A fresh Wllama with its wasm at this URL (and compat mode off: it would load from a CDN). */
  create(wasmUrl: string): WllamaLike;
  /** The app's llama.cpp cache (CACHE_LLAMA). */
  cache(): Promise<CacheReader>;
  /** The bundled wllama.wasm, as the page and the worker both see it. */
  wasmUrl: string;
  origin: string;
  /** Threads for llama.cpp (llamaThreads). Used only when cross-origin isolated. */
  threads: number;
  tokenizer(json: ArrayBuffer): Promise<HostedTokenizer>;
  toBlobUrl(blob: Blob): string;
  /** Milliseconds; defaults below. */
  loadTimeoutMs?: (bytes: number) => number;
  firstTokenTimeoutMs?: number;
}

/**
 * Threads for llama.cpp: every logical core the browser reports (wllama's default halves them, leaving half
 * the processor idle). A browser that hides or garbles its count gets one.
 */
export function llamaThreads(logicalCores: number | undefined): number {
  return Number.isFinite(logicalCores) && logicalCores! >= 1 ? Math.floor(logicalCores!) : 1;
}

/** Loading reads every byte into the wasm heap: a minute, plus time per gigabyte for slow phones. */
const defaultLoadTimeout = (bytes: number) => 60_000 + (bytes / 1e9) * 30_000;
/** The prompt (up to the context window) is read before the first token; a slow CPU needs minutes. */
const FIRST_TOKEN_TIMEOUT_MS = 180_000;

export function wllamaBackend(deps: WllamaBackendDeps): EngineBackend {
  let engine: WllamaLike | null = null;
  let wasmBlobUrl: string | null = null;

  const entryOf = (modelId: string): LlamaCppEntry => {
    const entry = findModel(modelId);
    if (entry.engine !== 'llama.cpp') throw new EngineError('unknown', `${modelId} is not a llama.cpp model`);
    return entry;
  };
  const filesOf = (modelId: string, settings: LoadSettings) =>
    llamaCppFiles(entryOf(modelId), deps.wasmUrl, settings.mirror, deps.origin);

  async function cachedBlob(url: string): Promise<Blob> {
    const response = await (await deps.cache()).match(url);
    if (!response) throw new EngineError('corrupt', `${url} is not in the model cache`);
    return response.blob();
  }

  async function drop(): Promise<void> {
    const old = engine;
    engine = null;
    await old?.exit().catch(() => undefined); // a crashed wasm cannot exit cleanly; it is dropped anyway
  }

  return {
    async load(modelId, settings, onProgress) {
      await drop();
      const entry = entryOf(modelId);
      const files = filesOf(modelId, settings);
      onProgress(0, 'reading the model from storage');
      const wasm = await cachedBlob(files.wasm);
      if (wasmBlobUrl === null) wasmBlobUrl = deps.toBlobUrl(wasm);
      const blobs: Blob[] = [];
      for (const [i, url] of files.gguf.entries()) {
        blobs.push(await cachedBlob(url));
        onProgress((0.2 * (i + 1)) / files.gguf.length, 'reading the model from storage');
      }
      const bytes = blobs.reduce((n, b) => n + b.size, 0);
      const candidate = deps.create(wasmBlobUrl);
      onProgress(0.2, 'loading the model into memory');
      await withTimeout(
        candidate.loadModel(blobs, {
          n_ctx: Math.min(entry.contextWindow, settings.contextWindow ?? Infinity),
          n_threads: deps.threads,
          n_gpu_layers: 0, // WebGPU in llama.cpp needs shader-f16; the GPU path is web-llm's
          cache_type_k: entry.kvCache.k,
          cache_type_v: entry.kvCache.v,
        }),
        (deps.loadTimeoutMs ?? defaultLoadTimeout)(bytes),
        'loading the model',
      ).catch(async (e: unknown) => {
        await candidate.exit().catch(() => undefined);
        throw e;
      });
      const info = candidate.getLoadedContextInfo();
      if (!info || !(info.n_vocab > 0)) {
        await candidate.exit().catch(() => undefined);
        throw new EngineError(
          'loadFailed',
          `llama.cpp loaded ${modelId} with no vocabulary (n_vocab ${info?.n_vocab})`,
        );
      }
      engine = candidate;
      onProgress(1, 'ready');
    },

    async *stream(messages, options, signal): AsyncIterable<StreamPiece> {
      const current = engine;
      if (!current) throw new EngineError('unknown', 'no model is loaded');
      if (signal.aborted) return;
      // OpenAI-style names: wllama ignores its TypeScript SamplingParams names (penalty_repeat) here.
      const request: Record<string, unknown> = {
        messages,
        stream: true,
        abortSignal: signal,
        temperature: options.temperature,
        top_p: options.topP,
        repeat_penalty: options.repetitionPenalty,
        max_tokens: options.maxTokens,
        ...(options.enableThinking === false ? { chat_template_kwargs: { enable_thinking: false } } : {}),
      };
      const firstTokenMs = deps.firstTokenTimeoutMs ?? FIRST_TOKEN_TIMEOUT_MS;
      try {
        const stream = await withTimeout(
          current.createChatCompletion(request),
          firstTokenMs,
          'starting the answer',
        );
        const iterator = stream[Symbol.asyncIterator]();
        let first = true;
        for (;;) {
          const next = first
            ? await withTimeout(iterator.next(), firstTokenMs, 'the first token')
            : await iterator.next();
          first = false;
          if (next.done) return;
          const chunk = next.value;
          const choice = chunk.choices?.[0];
          yield {
            delta: choice?.delta?.content ?? '',
            finish: choice?.finish_reason === 'length' ? 'length' : undefined,
            usage: chunk.timings ? toUsage(chunk.timings) : undefined,
          };
        }
      } catch (e) {
        if (signal.aborted || isAbort(e)) return; // a stop is not a failure
        throw e;
      }
    },

    unload: drop,

    async isCached(modelId, settings) {
      const cache = await deps.cache();
      for (const url of allFiles(filesOf(modelId, settings))) if (!(await cache.match(url))) return false;
      return true;
    },

    async deleteModel(modelId, settings) {
      const files = filesOf(modelId, settings);
      const cache = await deps.cache();
      // The wasm stays: it is the engine, shared by every llama.cpp model, and small beside any of them.
      for (const url of [files.tokenizer, ...files.gguf]) await cache.delete(url);
    },

    async loadTokenizer(modelId, settings) {
      const blob = await cachedBlob(filesOf(modelId, settings).tokenizer);
      return deps.tokenizer(await blob.arrayBuffer());
    },
  };
}

function toUsage(t: NonNullable<WllamaChunk['timings']>): GenerationUsage {
  return {
    promptTokens: t.prompt_n ?? 0,
    completionTokens: t.predicted_n ?? 0,
    timeToFirstTokenMs: t.prompt_ms,
    prefillTokensPerSec: t.prompt_per_second,
    decodeTokensPerSec: t.predicted_per_second,
  };
}

function isAbort(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'WllamaAbortError';
}

/** Rejects with a 'timeout' EngineError when `work` has not settled in `ms`. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  if (!Number.isFinite(ms)) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new EngineError('timeout', `${what} took more than ${Math.round(ms / 1000)} s`)),
      ms,
    );
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

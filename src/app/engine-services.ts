/**
 * Composition of the engine for the running app: one worker per backend, each started only when a model of
 * its engine loads: web-llm (WebGPU) or llama.cpp (@wllama/wllama, CPU). The e2e build (`vite build --mode
 * e2e`) replaces this whole module with e2e/support/scripted-services.ts (vite.config.ts), so nothing here
 * knows of the test double and the production bundle cannot contain it.
 */
import wllamaWasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
// The bundled worker's URL: the download caches it with the model, so an offline reload can start it even
// when the page that downloaded was not yet controlled by the service worker.
import llamaWorkerUrl from '../lib/engine/wllama/llama-worker.ts?worker&url';
import webLlmWorkerUrl from '../lib/engine/webllm/worker.ts?worker&url';
import { WorkerChatEngine } from '$lib/engine/worker/client.ts';
import { lazyWorker } from '$lib/engine/worker/lazy-worker.ts';
import type { DownloadOptions, ModelFile } from '$lib/engine/download.ts';
import {
  CACHE_LLAMA,
  CACHE_LLAMA_WORKER,
  CACHE_MODEL,
  CACHE_PARTIAL,
  CACHE_WEBLLM_WORKER,
} from '$lib/engine/cache-names.ts';
import { EngineError } from '$lib/engine/errors.ts';
import {
  registry,
  findModel,
  findWebLlmModel,
  resolveModelUrl,
  weightFolderUrl,
  type EngineKind,
  type LoadSettings,
} from '$lib/engine/registry.ts';
import type { ChatEngine, ChatMessage, GenerateOptions, LoadProgress } from '$lib/engine/types.ts';
import type { EngineServices, ModelStore } from '$lib/engine/services.ts';
import { allFiles, llamaCppFiles } from '$lib/engine/wllama/files.ts';
import { llamaCppPlan } from '$lib/engine/wllama/download.ts';

/** Every model is downloaded with the patient's consent: none comes preloaded (the e2e double's does). */
export const preloadedModelId: string | null = null;

/** The clinic's mirror fixed at build time; a setting may override it. */
export const buildMirror: string = import.meta.env.VITE_MODEL_MIRROR ?? '';

/**
 * The engines plus the cache questions about their models.
 * @param settings the current mirror and context window, read at each call
 */
export function createEngineServices(settings: () => LoadSettings): EngineServices {
  const options = {
    settings,
    hasThinkingMode: (id: string) => registry.models.some((m) => m.id === id && m.hasThinkingMode),
  };
  const webLlm = new WorkerChatEngine(
    lazyWorker(
      () =>
        new Worker(new URL('../lib/engine/webllm/worker.ts', import.meta.url), {
          type: 'module',
          name: 'engine',
        }),
    ),
    options,
  );
  const llamaCpp = new WorkerChatEngine(
    lazyWorker(
      () =>
        new Worker(new URL('../lib/engine/wllama/llama-worker.ts', import.meta.url), {
          type: 'module',
          name: 'llama.cpp',
        }),
    ),
    options,
  );
  const engine = new EngineRouter({ 'web-llm': webLlm, 'llama.cpp': llamaCpp });
  const store: ModelStore = {
    isCached: async (id) => {
      const entry = findModel(id);
      if (entry.engine === 'llama.cpp') return hasAll(allFiles(llamaFilesOf(id, settings().mirror)));
      // web-llm answers only after its 2 MB worker starts. Without tensor-cache.json in its cache it cannot
      // answer yes, so a first visit (nothing cached) never starts the worker: it stays small and quick.
      return (await hasWeightManifest(id, settings().mirror)) && webLlm.isCached(id);
    },
    deleteModel: async (id) => {
      const entry = findModel(id);
      let folder: string;
      if (entry.engine === 'llama.cpp') {
        const files = llamaFilesOf(id, settings().mirror);
        const cache = await caches.open(CACHE_LLAMA);
        // The wasm stays: it is the engine itself, shared by every llama.cpp model.
        for (const url of [files.tokenizer, ...files.gguf]) await cache.delete(url);
        folder = files.gguf[0]!.replace(/[^/]*$/, '');
      } else {
        await webLlm.deleteModel(id);
        folder = weightFolderUrl(entry, settings().mirror, location.origin);
      }
      // Unfinished files of an interrupted download are the app's own: drop them too.
      const partials = await caches.open(CACHE_PARTIAL);
      for (const request of await partials.keys()) {
        if (request.url.startsWith(folder)) await partials.delete(request);
      }
    },
  };
  return { engine, store, terminate: () => engine.terminate() };
}

function llamaFilesOf(modelId: string, mirror: string) {
  const entry = findModel(modelId);
  if (entry.engine !== 'llama.cpp') throw new Error(`${modelId} is not a llama.cpp model`);
  return llamaCppFiles(entry, wllamaWasmUrl, mirror, location.origin);
}

async function hasAll(urls: string[]): Promise<boolean> {
  if (typeof caches === 'undefined' || !(await caches.has(CACHE_LLAMA))) return false;
  const cache = await caches.open(CACHE_LLAMA);
  for (const url of urls) if (!(await cache.match(url))) return false;
  return true;
}

/**
 * One ChatEngine over the two backends: a load picks the worker of the model's engine and stops the
 * other (two models would not fit in memory); everything else goes to the one that loaded last.
 */
class EngineRouter implements ChatEngine {
  #current: WorkerChatEngine | null = null;
  constructor(private readonly engines: Record<EngineKind, WorkerChatEngine>) {}

  async load(modelId: string, onProgress?: (p: LoadProgress) => void): Promise<void> {
    const next = this.engines[findModel(modelId).engine];
    for (const engine of Object.values(this.engines)) if (engine !== next) engine.terminate();
    this.#current = next;
    await next.load(modelId, onProgress);
  }
  generate(messages: ChatMessage[], options?: GenerateOptions) {
    if (!this.#current) return Promise.reject(new EngineError('unknown', 'no model is loaded'));
    return this.#current.generate(messages, options);
  }
  async countTokens(text: string): Promise<number | null> {
    return this.#current ? this.#current.countTokens(text) : null;
  }
  async unload(): Promise<void> {
    await this.#current?.unload();
  }
  terminate(): void {
    for (const engine of Object.values(this.engines)) engine.terminate();
    this.#current = null;
  }
}

/**
 * Downloads a model's files into the caches its engine reads, with the browser's fetch and Cache Storage.
 * The download code and its hashes arrive only now, after the patient agreed: the first visit does not pay
 * for them.
 * @throws see downloadModel
 */
export async function downloadInBrowser(
  modelId: string,
  mirror: string,
  options: DownloadOptions,
): Promise<void> {
  const [{ downloadModel, downloadFiles }, { md5, sha256 }] = await Promise.all([
    import('$lib/engine/download.ts'),
    import('$lib/engine/md5.ts'),
  ]);
  const deps = {
    fetch: (url: string, init?: RequestInit) => fetch(url, { ...init, cache: 'no-store' }),
    caches,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      }),
    now: () => performance.now(),
    md5,
    sha256,
    online: () => navigator.onLine,
  };
  const entry = findModel(modelId);
  if (entry.engine === 'llama.cpp') {
    const plan: ModelFile[] = [
      // Into the service worker's runtime cache for it (vite.config.ts), where it would land on first use.
      { url: new URL(llamaWorkerUrl, location.origin).href, cache: CACHE_LLAMA_WORKER },
      ...llamaCppPlan(entry, llamaFilesOf(modelId, mirror)),
    ];
    return downloadFiles(plan, deps, options);
  }
  return downloadModel(
    weightFolderUrl(entry, mirror, location.origin),
    resolveModelUrl(entry.libraryUrl, mirror, location.origin),
    deps,
    options,
    // The worker is not precached (6 MB on every first visit): it comes with the model, into the service
    // worker's cache for it, so the model starts offline.
    [{ url: new URL(webLlmWorkerUrl, location.origin).href, cache: CACHE_WEBLLM_WORKER }],
  );
}

/** Whether web-llm's model cache holds the model's tensor-cache.json, the file it needs first. */
async function hasWeightManifest(modelId: string, mirror: string): Promise<boolean> {
  if (typeof caches === 'undefined' || !(await caches.has(CACHE_MODEL))) return false;
  const folder = weightFolderUrl(findWebLlmModel(modelId), mirror, location.origin);
  const cache = await caches.open(CACHE_MODEL);
  return (await cache.match(new URL('tensor-cache.json', folder).href)) !== undefined;
}

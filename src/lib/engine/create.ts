/**
 * Composition of the engine for the running app. The production build gets web-llm in a web worker;
 * the e2e build (`vite build --mode e2e`) gets the scripted test double from e2e/support, imported
 * dynamically inside the mode check so the production bundle drops it.
 */
import { WorkerChatEngine } from './client.ts';
import type { DownloadOptions } from './download.ts';
import { CACHE_MODEL, CACHE_PARTIAL } from './cache-names.ts';
import {
  registry,
  findModel,
  resolveModelUrl,
  toAppConfig,
  weightFolderUrl,
  type LoadSettings,
} from './registry.ts';
import type { ChatWorker, EngineRequest, EngineResponse } from './protocol.ts';
import type { ChatEngine, ChatMessage, GenerateOptions, LoadProgress } from './types.ts';

/** Questions about downloaded models, answered by web-llm's own cache helpers in the worker. */
export interface ModelStore {
  isCached(modelId: string): Promise<boolean>;
  deleteModel(modelId: string): Promise<void>;
}

export interface EngineServices {
  engine: ChatEngine;
  /** null for the scripted test double, which downloads nothing. */
  store: ModelStore | null;
  /** Stops the worker (a restart after a lost device makes a new one). */
  terminate(): void;
}

/** The clinic's mirror fixed at build time; a setting may override it. */
export const buildMirror: string = import.meta.env.VITE_MODEL_MIRROR ?? '';

/**
 * The engine the app talks to.
 * @returns the worker-hosted web-llm engine, or in the e2e build the scripted test double
 */
export function createChatEngine(
  settings: () => LoadSettings = () => ({ mirror: buildMirror, contextWindow: null }),
): ChatEngine {
  return createEngineServices(settings).engine;
}

/**
 * The engine plus the cache questions that share its worker.
 * @param settings the current mirror and context window, read at each call
 */
export function createEngineServices(settings: () => LoadSettings): EngineServices {
  if (import.meta.env.MODE === 'e2e') {
    const double = import('../../../e2e/support/scripted-engine.ts').then((m) => m.createScriptedEngine());
    return { engine: deferredEngine(double), store: null, terminate: () => {} };
  }
  const worker = lazyWorker(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
  );
  const engine = new WorkerChatEngine(worker, {
    appConfig: () => toAppConfig(settings(), location.origin),
    hasThinkingMode: (id) => registry.models.some((m) => m.id === id && m.hasThinkingMode),
  });
  const store: ModelStore = {
    // web-llm answers only after its 2 MB worker starts. Without tensor-cache.json in its cache it cannot
    // answer yes, so a first visit (nothing cached) never starts the worker: it stays small and quick.
    isCached: async (id) => (await hasWeightManifest(id, settings().mirror)) && engine.isCached(id),
    deleteModel: async (id) => {
      await engine.deleteModel(id);
      // Unfinished files of an interrupted download are the app's own, not web-llm's: drop them too.
      const folder = weightFolderUrl(findModel(id), settings().mirror, location.origin);
      const partials = await caches.open(CACHE_PARTIAL);
      for (const request of await partials.keys()) {
        if (request.url.startsWith(folder)) await partials.delete(request);
      }
    },
  };
  return { engine, store, terminate: () => engine.terminate() };
}

/**
 * Downloads a model's files into web-llm's caches with the browser's fetch and Cache Storage. The
 * download code and its MD5 arrive only now, after the patient agreed: the first visit does not pay for them.
 * @throws see downloadModel
 */
export async function downloadInBrowser(
  modelId: string,
  mirror: string,
  options: DownloadOptions,
): Promise<void> {
  const [{ downloadModel }, { md5 }] = await Promise.all([import('./download.ts'), import('./md5.ts')]);
  const entry = findModel(modelId);
  return downloadModel(
    weightFolderUrl(entry, mirror, location.origin),
    resolveModelUrl(entry.libraryUrl, mirror, location.origin),
    {
      fetch: (url, init) => fetch(url, { ...init, cache: 'no-store' }),
      caches,
      sleep: (ms, signal) =>
        new Promise((resolve) => {
          const timer = setTimeout(resolve, ms);
          signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        }),
      now: () => performance.now(),
      md5,
    },
    options,
  );
}

/** Whether web-llm's model cache holds the model's tensor-cache.json, the file it needs first. */
async function hasWeightManifest(modelId: string, mirror: string): Promise<boolean> {
  if (typeof caches === 'undefined' || !(await caches.has(CACHE_MODEL))) return false;
  const folder = weightFolderUrl(findModel(modelId), mirror, location.origin);
  const cache = await caches.open(CACHE_MODEL);
  return (await cache.match(new URL('tensor-cache.json', folder).href)) !== undefined;
}

/** A ChatWorker that starts the real worker on first use, so a second tab never spawns one. */
function lazyWorker(start: () => Worker): ChatWorker {
  let worker: Worker | null = null;
  const port: ChatWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message: EngineRequest) {
      if (!worker) {
        worker = start();
        worker.onmessage = (event: MessageEvent<EngineResponse>) => port.onmessage?.({ data: event.data });
        worker.onerror = (event) => port.onerror?.({ message: event.message });
      }
      worker.postMessage(message);
    },
    terminate() {
      worker?.terminate();
      worker = null;
    },
  };
  return port;
}

/** A ChatEngine whose implementation arrives asynchronously (a dynamic import). */
function deferredEngine(pending: Promise<ChatEngine>): ChatEngine {
  return {
    load: async (id: string, onProgress?: (p: LoadProgress) => void) => (await pending).load(id, onProgress),
    generate: async (messages: ChatMessage[], options?: GenerateOptions) =>
      (await pending).generate(messages, options),
    countTokens: async (text: string) => (await pending).countTokens(text),
    unload: async () => (await pending).unload(),
  };
}

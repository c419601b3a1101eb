/**
 * The browser's side effects for EngineState: the device probe, Web Locks, persistent storage, the
 * download into Cache Storage, and settings in localStorage. Kept apart from the state class so the
 * flow is testable with doubles.
 */
import type { EngineDeps } from '$lib/state/engine.svelte.ts';
import { localSetting } from '$lib/state/setting.ts';
import { readDeviceFacts, type NavigatorLike } from '$lib/engine/capability.ts';
import { findModel } from '$lib/engine/registry.ts';
import { EngineError } from '$lib/engine/errors.ts';
import { buildMirror, createEngineServices, downloadInBrowser, preloadedModelId } from './engine-services.ts';

/** One tab at a time holds the model: two copies would not fit in most GPUs. */
export const ENGINE_LOCK = 'yizhen-engine';

/**
 * Takes the engine lock for the life of the page.
 * @returns false when another tab holds it; true when taken (or when Web Locks is missing: old browsers
 *   without it also lack WebGPU, so the device check stops them anyway)
 */
export function acquireEngineLock(locks: LockManager | undefined = navigator.locks): Promise<boolean> {
  if (!locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    void locks.request(ENGINE_LOCK, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // Holding the lock means never resolving while the page lives; the browser releases it on close.
      return lock ? new Promise<void>(() => {}) : undefined;
    });
  });
}

/**
 * How long one source may take to answer its small check. A host slower than this will not deliver
 * gigabytes either; five seconds keeps the whole check (all sources at once) short.
 */
const SOURCE_CHECK_MS = 5000;

export function browserEngineDeps(options: { mainlandFirst: () => boolean }): EngineDeps {
  return {
    preloadedModelId,
    connect: createEngineServices,
    readFacts: () => readDeviceFacts(navigator as NavigatorLike),
    download: downloadInBrowser,
    // The check's code arrives with the first download, not with every first visit. Offline, that import
    // would fail too: say so first.
    chooseSource: async (modelId, candidates) => {
      if (!navigator.onLine) throw new EngineError('offline', 'the device reports no network connection');
      const { chooseSource } = await import('$lib/engine/probe.ts');
      return chooseSource(findModel(modelId), candidates, {
        fetch: (url, init) => fetch(url, { ...init, cache: 'no-store' }),
        timeoutMs: SOURCE_CHECK_MS,
        origin: location.origin,
        online: () => navigator.onLine,
      });
    },
    mainlandFirst: options.mainlandFirst,
    acquireLock: () => acquireEngineLock(),
    persist: async () => (await navigator.storage?.persist?.()) ?? false,
    usage: async () => (await navigator.storage?.estimate?.())?.usage,
    settings: {
      model: localSetting('yizhen.model'),
      mirror: localSetting('yizhen.modelMirror'),
      consent: localSetting('yizhen.modelConsent'),
      speed: localSetting('yizhen.modelSpeed'),
    },
    buildMirror,
  };
}

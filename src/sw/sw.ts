/// <reference lib="webworker" />
/**
 * The service worker: the app shell precached for offline use, three scripts cached on first use, and
 * cross-origin isolation added to every response it serves (see isolation.ts).
 *
 * Written by hand (vite-plugin-pwa's injectManifest) rather than generated, because Workbox's generated
 * worker cannot change the headers of precached responses.
 */
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  addPlugins,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import {
  CACHE_LLAMA_WORKER,
  CACHE_TOKENIZER_LIBRARY,
  CACHE_WEBLLM_WORKER,
} from '../lib/engine/cache-names.ts';
import { withIsolationHeaders } from './isolation.ts';

declare const self: ServiceWorkerGlobalScope;

const isolation: WorkboxPlugin = {
  handlerWillRespond: async ({ response }) => withIsolationHeaders(response),
};

// The precache (app shell) and the navigation fallback go through the same strategy, so one plugin
// covers both.
addPlugins([isolation]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// The llama.cpp worker is for devices that need it, once the patient agrees: cached on first use, not
// on every first visit. The model download puts it in the same cache.
registerRoute(
  ({ url }) => url.origin === self.location.origin && /\/assets\/llama-worker-[\w-]+\.js$/.test(url.pathname),
  new CacheFirst({ cacheName: CACHE_LLAMA_WORKER, plugins: [isolation] }),
);

// The web-llm worker (6 MB, web-llm inside) likewise: fetched and cached when the patient agrees to a
// download (engine-services.ts puts it in this cache with the model), not on every first visit.
registerRoute(
  ({ url }) => url.origin === self.location.origin && /\/assets\/worker-[\w-]+\.js$/.test(url.pathname),
  new CacheFirst({
    cacheName: CACHE_WEBLLM_WORKER,
    plugins: [new ExpirationPlugin({ maxEntries: 2 }), isolation],
  }),
);

// The tokenizer library is needed only once a model runs (which needs the network the first time
// anyway): cached on first use, sparing every first visit 4.7 MB.
registerRoute(
  ({ url }) =>
    url.origin === self.location.origin && /\/assets\/web-tokenizers-[\w-]+\.js$/.test(url.pathname),
  new CacheFirst({
    cacheName: CACHE_TOKENIZER_LIBRARY,
    plugins: [new ExpirationPlugin({ maxEntries: 2 }), isolation],
  }),
);

// registerType 'prompt': a new version waits until the patient agrees (UpdatePrompt.svelte sends this),
// so an answer being written is never cut off by a surprise reload.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

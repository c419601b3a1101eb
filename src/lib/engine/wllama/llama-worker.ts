/**
 * The web worker that hosts llama.cpp (@wllama/wllama): a thin adapter from the worker's message port to
 * EngineHost. wllama starts its own wasm workers from blob: URLs (hence CSP `worker-src 'self' blob:`).
 * The module is named llama-worker so its chunk can be kept out of the first visit's precache.
 */
import { Wllama } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { CACHE_LLAMA } from '../cache-names.ts';
import { tokenizerFromJson } from '../tokenizer.ts';
import { EngineHost } from '../worker/host.ts';
import type { EngineRequest, EngineResponse } from '../worker/protocol.ts';
import { llamaThreads, wllamaBackend, type WllamaLike } from './backend.ts';

const host = new EngineHost(
  wllamaBackend({
    create(url) {
      const wllama = new Wllama({ default: url }, { suppressNativeLog: true, allowOffline: true });
      wllama.setCompat(null); // compat mode would fetch its wasm from a CDN
      return wllama as unknown as WllamaLike;
    },
    cache: () => caches.open(CACHE_LLAMA),
    wasmUrl,
    origin: self.location.origin,
    threads: llamaThreads(self.navigator.hardwareConcurrency),
    tokenizer: tokenizerFromJson,
    toBlobUrl: (blob) => URL.createObjectURL(new Blob([blob], { type: 'application/wasm' })),
  }),
  (response: EngineResponse) => self.postMessage(response),
);

self.onmessage = (event: MessageEvent<EngineRequest>) => host.receive(event.data);

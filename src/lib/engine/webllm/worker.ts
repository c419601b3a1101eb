/**
 * The web worker that hosts web-llm: a thin adapter from the worker's message port to EngineHost.
 * Loading the model here keeps the page responsive while the GPU works.
 */
import { MLCEngine, deleteModelAllInfoInCache, hasModelInCache } from '@mlc-ai/web-llm';
import { toAppConfig } from '../registry.ts';
import { EngineHost } from '../worker/host.ts';
import type { EngineRequest, EngineResponse } from '../worker/protocol.ts';
import { webLlmBackend } from './backend.ts';
import { loadCachedTokenizer } from './tokenizer.ts';

const engine = new MLCEngine();
const host = new EngineHost(
  webLlmBackend(
    {
      setAppConfig: (config) => engine.setAppConfig(config),
      setInitProgressCallback: (cb) => engine.setInitProgressCallback(cb),
      reload: (modelId) => engine.reload(modelId),
      unload: () => engine.unload(),
      interruptGenerate: () => engine.interruptGenerate(),
      createStream: (request) => engine.chat.completions.create(request),
      hasModelInCache,
      deleteModelAllInfoInCache,
    },
    (settings) => toAppConfig(settings, self.location.origin),
    loadCachedTokenizer,
  ),
  (response: EngineResponse) => self.postMessage(response),
);

self.onmessage = (event: MessageEvent<EngineRequest>) => host.receive(event.data);

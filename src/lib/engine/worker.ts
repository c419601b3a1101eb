/**
 * The web worker that hosts web-llm: a thin adapter from the worker's message port to EngineHost.
 * Loading the model here keeps the page responsive while the GPU works.
 */
import { MLCEngine, deleteModelAllInfoInCache, hasModelInCache } from '@mlc-ai/web-llm';
import { EngineHost } from './host.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';
import { loadCachedTokenizer } from './tokenizer.ts';

const engine = new MLCEngine();
const host = new EngineHost(
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
  (response: EngineResponse) => self.postMessage(response),
  loadCachedTokenizer,
);

self.onmessage = (event: MessageEvent<EngineRequest>) => host.receive(event.data);

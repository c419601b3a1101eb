/**
 * Cache Storage names. The first three are web-llm's own (0.2.82, cache_util / artifact cache): the app
 * writes model files there so web-llm later loads them without refetching. The last is the app's own.
 */
export const CACHE_CONFIG = 'webllm/config';
export const CACHE_WASM = 'webllm/wasm';
export const CACHE_MODEL = 'webllm/model';
export const CACHE_PARTIAL = 'yizhen/partial';

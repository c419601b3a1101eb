/**
 * Cache Storage names. The first three are web-llm's own (0.2.82, cache_util / artifact cache): the app
 * writes model files there so web-llm later loads them without refetching. The others are the app's own.
 */
export const CACHE_CONFIG = 'webllm/config';
export const CACHE_WASM = 'webllm/wasm';
export const CACHE_MODEL = 'webllm/model';
export const CACHE_PARTIAL = 'yizhen/partial';
/** GGUF files, their tokenizer.json and llama.cpp's wasm, keyed by absolute URL (engine/wllama/files.ts). */
export const CACHE_LLAMA = 'yizhen/llama.cpp';
/** The service worker's runtime cache for the llama.cpp worker script (src/sw/sw.ts); the download fills it too. */
export const CACHE_LLAMA_WORKER = 'yizhen-llama-worker';
/** The service worker's runtime cache for the web-llm worker script (src/sw/sw.ts); the download fills it too. */
export const CACHE_WEBLLM_WORKER = 'yizhen-webllm-worker';
/** The service worker's runtime cache for the tokenizer library (src/sw/sw.ts). */
export const CACHE_TOKENIZER_LIBRARY = 'yizhen-tokenizer';

/**
 * Where a llama.cpp model's files live: the GGUF file (or its shards, in order), the original model's
 * tokenizer.json, and llama.cpp's own wasm, which is served from the app's origin and cached with the
 * model once the patient agrees. The download (main thread) and the backend (worker) both read this.
 */
import { resolveModelUrl, type LlamaCppEntry } from '../registry.ts';

export interface LlamaCppFiles {
  /** Absolute URLs, in load order. */
  gguf: string[];
  tokenizer: string;
  wasm: string;
}

/**
 * @param wasmUrl the bundled wllama.wasm (a path on the app's origin)
 * @param mirror the clinic's mirror base ('' for the registry's URLs)
 * @param origin the page's origin
 */
export function llamaCppFiles(
  entry: LlamaCppEntry,
  wasmUrl: string,
  mirror: string,
  origin: string,
): LlamaCppFiles {
  return {
    gguf: entry.files.map((f) => resolveModelUrl(f.url, mirror, origin)),
    tokenizer: resolveModelUrl(entry.tokenizerUrl, mirror, origin),
    wasm: new URL(wasmUrl, origin).href,
  };
}

/** Every file the model needs, for the download and the cache check. */
export function allFiles(files: LlamaCppFiles): string[] {
  return [files.wasm, files.tokenizer, ...files.gguf];
}

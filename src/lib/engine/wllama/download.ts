/**
 * The download plan for a llama.cpp model: llama.cpp's wasm (from the app's origin), the tokenizer.json,
 * then the GGUF file or shards, all into CACHE_LLAMA through the same download manager as web-llm's
 * files (Range resume, verification, quota errors). Each file's first bytes are checked, so a web page
 * from a wrong address is never stored as a model.
 */
import { CACHE_LLAMA } from '../cache-names.ts';
import type { ModelFile } from '../download.ts';
import type { LlamaCppEntry } from '../registry.ts';
import type { LlamaCppFiles } from './files.ts';

const GGUF_MAGIC = new TextEncoder().encode('GGUF');
const WASM_MAGIC = Uint8Array.of(0x00, 0x61, 0x73, 0x6d);
const JSON_MAGIC = new TextEncoder().encode('{');

export function llamaCppPlan(entry: LlamaCppEntry, files: LlamaCppFiles): ModelFile[] {
  return [
    { url: files.wasm, cache: CACHE_LLAMA, magic: WASM_MAGIC },
    { url: files.tokenizer, cache: CACHE_LLAMA, magic: JSON_MAGIC },
    ...files.gguf.map((url, i) => ({
      url,
      cache: CACHE_LLAMA,
      magic: GGUF_MAGIC,
      // Split shards (gguf-split) are GGUF files too, each with its own header.
      sha256: entry.files[i]?.sha256 ?? undefined,
    })),
  ];
}

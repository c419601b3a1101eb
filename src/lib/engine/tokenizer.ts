/**
 * The loaded model's own tokenizer, for exact token counts (worker side only), built with
 * @mlc-ai/web-tokenizers from the model's tokenizer.json: web-llm 0.2.82 does not export the one it builds,
 * and wllama 3.13 has no tokenize call. The library (about 4.7 MB of JavaScript with its wasm inlined) is
 * imported lazily, so it becomes a chunk of its own that loads the first time a count is asked for, never
 * with the page.
 */
import type { Tokenizer } from '@mlc-ai/web-tokenizers';

/** What the host needs from a tokenizer: web-tokenizers' Tokenizer has this shape. */
export interface HostedTokenizer {
  /** Token ids for the text, without special tokens around it. */
  encode(text: string): ArrayLike<number>;
  /** Frees the wasm memory behind the tokenizer. */
  dispose?(): void;
}

/** The tokenizer class, however the bundler exposed the library's UMD build. */
type TokenizerClass = Pick<typeof Tokenizer, 'fromJSON'>;

/**
 * web-tokenizers ships a UMD bundle in a `"type": "module"` package: loaded as an ES module it has no named
 * exports and instead assigns `globalThis.tokenizers`. Take the class from wherever it landed.
 * @throws Error when the library exposed no tokenizer class
 */
export function tokenizerClassOf(module: unknown, global: unknown = globalThis): TokenizerClass {
  const candidates = [
    module,
    (module as { default?: unknown } | null)?.default,
    (global as { tokenizers?: unknown }).tokenizers,
  ];
  for (const candidate of candidates) {
    const cls = (candidate as { Tokenizer?: Partial<TokenizerClass> } | null | undefined)?.Tokenizer;
    if (typeof cls?.fromJSON === 'function') return cls as TokenizerClass;
  }
  throw new Error('@mlc-ai/web-tokenizers exposed no Tokenizer');
}

/**
 * Builds a tokenizer from the bytes of a tokenizer.json.
 * @throws Error when the file cannot be parsed
 */
export async function tokenizerFromJson(json: ArrayBuffer): Promise<HostedTokenizer> {
  const Tokenizer = tokenizerClassOf((await import('./web-tokenizers.ts')).default);
  return Tokenizer.fromJSON(json);
}

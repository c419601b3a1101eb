/**
 * The loaded model's own tokenizer, for exact token counts (worker side only). web-llm 0.2.82 builds its
 * tokenizer with @mlc-ai/web-tokenizers but does not export it, so the worker builds a second one from the
 * same tokenizer.json that web-llm cached while loading: same file, same library, same counts.
 * The library (about 4.7 MB of JavaScript with its wasm inlined) is imported lazily, so it becomes a chunk of
 * its own that loads the first time a count is asked for, never with the page.
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import type { Tokenizer } from '@mlc-ai/web-tokenizers';
import { CACHE_MODEL } from './cache-names.ts';

/** What the host needs from a tokenizer: web-tokenizers' Tokenizer has this shape. */
export interface HostedTokenizer {
  /** Token ids for the text, without special tokens around it. */
  encode(text: string): ArrayLike<number>;
  /** Frees the wasm memory behind the tokenizer. */
  dispose?(): void;
}

/**
 * Where web-llm fetched (and cached) a model's tokenizer.json: `tokenizer.json` in the model record's folder,
 * normalised as web-llm's cleanModelUrl does (a trailing slash, and `resolve/main/` unless the URL already
 * names a `/resolve/<revision>/`).
 * @returns an absolute URL, the Cache Storage key in `webllm/model`
 * @throws Error when the model is not in the app config, or its URL is not absolute
 */
export function tokenizerJsonUrl(modelId: string, appConfig: AppConfig): string {
  const record = appConfig.model_list.find((m) => m.model_id === modelId);
  if (!record) throw new Error(`Model ${modelId} is not in the app config`);
  let folder = record.model.endsWith('/') ? record.model : `${record.model}/`;
  if (!/.+\/resolve\/.+\//.test(folder)) folder += 'resolve/main/';
  return new URL('tokenizer.json', new URL(folder)).href;
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
 * Builds the tokenizer of a model that web-llm has just loaded, from the tokenizer.json in its Cache Storage.
 * Reads only the cache: nothing is fetched.
 * @returns the tokenizer; the caller disposes it when the model goes
 * @throws Error when the file is not cached (a model with only tokenizer.model, say) or cannot be parsed
 */
export async function loadCachedTokenizer(modelId: string, appConfig: AppConfig): Promise<HostedTokenizer> {
  const url = tokenizerJsonUrl(modelId, appConfig);
  const response = await (await caches.open(CACHE_MODEL)).match(new Request(url));
  if (!response) throw new Error(`No cached tokenizer.json at ${url}`);
  const json = await response.arrayBuffer();
  const Tokenizer = tokenizerClassOf((await import('./web-tokenizers.ts')).default);
  return Tokenizer.fromJSON(json);
}

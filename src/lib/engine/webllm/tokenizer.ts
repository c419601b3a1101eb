/**
 * The tokenizer of a model web-llm has loaded: a second one built from the same tokenizer.json that web-llm
 * cached while loading (same file, same library, same counts).
 */
import type { AppConfig } from '@mlc-ai/web-llm';
import { CACHE_MODEL } from '../cache-names.ts';
import { tokenizerFromJson, type HostedTokenizer } from '../tokenizer.ts';
import { cleanModelFolder } from '../registry.ts';

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
  return new URL('tokenizer.json', new URL(cleanModelFolder(record.model))).href;
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
  return tokenizerFromJson(await response.arrayBuffer());
}

/**
 * The model registry (model-config/models.json) as typed data, and the URLs it resolves to once a
 * clinic's mirror or another source is applied. The JSON was validated against its schema at build time
 * (model-config/vite-plugin.ts), so here it is only typed.
 */
import type { AppConfig, ModelRecord as WebLlmModelRecord } from '@mlc-ai/web-llm';
import registryJson from '../../../model-config/models.json';

export type ModelTier = 'full' | 'compact' | 'light';

export interface GenerationDefaults {
  temperature: number;
  topP: number;
  repetitionPenalty: number;
}

/** What every model shares, whichever engine runs it. */
interface ModelBase {
  id: string;
  displayName: { zh: string; en: string };
  downloadBytes: number;
  /** Tokens: prompt + answer must fit. */
  contextWindow: number;
  generation: GenerationDefaults;
  hasThinkingMode: boolean;
  tier: ModelTier;
}

/** The engines the app can run: web-llm on the GPU (WebGPU), llama.cpp on the CPU (wasm). */
export type EngineKind = 'web-llm' | 'llama.cpp';

/** An MLC build for web-llm, as listed in model-config/models.json. */
export interface WebLlmEntry extends ModelBase {
  engine: 'web-llm';
  weightUrl: string;
  libraryUrl: string;
  webLlm: { version: string; abi: string };
  quantization: string;
  requiredFeatures: string[];
  minStorageBufferBindingSize: number;
  gpuMemoryMB: number;
}

/** One file of a GGUF build; sha256 is null where it could not be checked (model-config/README.md). */
export interface GgufFile {
  url: string;
  /** Approximate: shown before consent. The download checks Content-Length and the GGUF header. */
  bytes: number;
  sha256: string | null;
}

/** A GGUF build for llama.cpp (@wllama/wllama), as listed in model-config/models.json. */
export interface LlamaCppEntry extends ModelBase {
  engine: 'llama.cpp';
  /** One file, or split shards in order. */
  files: GgufFile[];
  /** The original model's tokenizer.json, for exact token counts. */
  tokenizerUrl: string;
  quantization: string;
  /** Memory in the wasm heap (at most 4 GiB): weights + KV cache + compute buffers. */
  memoryMB: number;
  kvCache: { k: 'f16' | 'q8_0'; v: 'f16' };
}

/** One downloadable model; `engine` says which engine runs it. */
export type ModelEntry = WebLlmEntry | LlamaCppEntry;

/**
 * A place the model files can be fetched from: Hugging Face itself (the registry's own URLs), or a mirror
 * with the same files under other URLs. Data in model-config/models.json, so a clinic can add its own.
 */
export interface ModelSource {
  id: string;
  name: { zh: string; en: string };
  /** Whether its files were found there for these models; false for all today (model-config/README.md). */
  checked: boolean;
  /** Only models of these engines can come from here; absent: all. */
  engines?: EngineKind[];
  /** Reachable from mainland China: tried first for patients there. */
  mainland?: boolean;
  /** Origins it fetches from (redirects included), for the Content-Security-Policy. */
  hosts: string[];
  /** Applied to each registry URL in order: the first rule that matches rewrites it; none: fetched as is. */
  rewrites: { match: string; replace: string }[];
}

export interface Registry {
  /** The default for a device with a usable GPU (a web-llm model). */
  defaultModelId: string;
  /** Where files come from, in the default order (the registry's own URLs first). */
  sources?: readonly ModelSource[];
  models: readonly ModelEntry[];
}

export const registry: Registry = registryJson as Registry;

/**
 * @returns the entry with this id
 * @throws Error when the id is not in the registry (a stale setting, say)
 */
export function findModel(id: string, reg: Registry = registry): ModelEntry {
  const entry = reg.models.find((m) => m.id === id);
  if (!entry) throw new Error(`Unknown model id: ${id}`);
  return entry;
}

/**
 * The registry source a mirror setting names. A setting is one of: '' (the registry's own URLs), a source
 * id from the registry ('hf-mirror'), or a clinic mirror's base URL or path ('/models/', 'https://…').
 */
export function findSource(mirror: string, reg: Registry = registry): ModelSource | undefined {
  return reg.sources?.find((s) => s.id === mirror);
}

/** The sources a model can come from, in the registry's order. */
export function sourcesFor(entry: ModelEntry, reg: Registry = registry): ModelSource[] {
  return (reg.sources ?? []).filter((s) => !s.engines || s.engines.includes(entry.engine));
}

/**
 * Where one upstream file lives once a mirror is applied. A registry source (hf-mirror.com, ModelScope)
 * rewrites URLs by its rules. A clinic mirror copies the upstream paths below its base (`https://huggingface.co/mlc-ai/X/resolve/main/a.json` -> `<mirror>/mlc-ai/X/resolve/main/a.json`),
 * so one rule serves weights and libraries. Relative mirrors and relative registry URLs resolve against
 * the page's origin: web-llm's cleanModelUrl calls `new URL()` and throws on a relative URL.
 * @param url an upstream URL from the registry (absolute, or a path on the app's origin)
 * @param mirror '' for none, a registry source id, or the clinic's mirror base (absolute, or a path on the
 *   app's origin)
 * @param origin the page's origin (location.origin)
 * @returns an absolute URL
 */
export function resolveModelUrl(
  url: string,
  mirror: string,
  origin: string,
  reg: Registry = registry,
): string {
  const upstream = new URL(url, origin);
  if (!mirror) return upstream.href;
  const source = findSource(mirror, reg);
  if (source) {
    for (const rule of source.rewrites) {
      const match = new RegExp(rule.match);
      if (match.test(upstream.href)) return upstream.href.replace(match, rule.replace);
    }
    return upstream.href;
  }
  const base = new URL(mirror.endsWith('/') ? mirror : `${mirror}/`, origin);
  return new URL(upstream.pathname.replace(/^\//, ''), base).href;
}

/** Memory the model needs where it runs: GPU memory for web-llm, wasm heap for llama.cpp. */
export function memoryNeededMB(entry: ModelEntry): number {
  return entry.engine === 'web-llm' ? entry.gpuMemoryMB : entry.memoryMB;
}

/**
 * The web-llm entry with this id.
 * @throws Error when the id is unknown or names a llama.cpp model
 */
export function findWebLlmModel(id: string, reg: Registry = registry): WebLlmEntry {
  const entry = findModel(id, reg);
  if (entry.engine !== 'web-llm') throw new Error(`${id} is not a web-llm model`);
  return entry;
}

/**
 * A model folder as web-llm 0.2.82's cleanModelUrl normalises it: a trailing slash, then `resolve/main/`
 * unless the URL already names a `/resolve/<revision>/`. The one copy of that rule: the download, the cache
 * check and the tokenizer lookup must all arrive at the URLs web-llm itself uses as cache keys.
 */
export function cleanModelFolder(url: string): string {
  const folder = url.endsWith('/') ? url : `${url}/`;
  return /.+\/resolve\/.+\//.test(folder) ? folder : `${folder}resolve/main/`;
}

/** The absolute folder web-llm reads a model from, ending in `/resolve/main/` as cleanModelUrl makes it. */
export function weightFolderUrl(entry: WebLlmEntry, mirror: string, origin: string): string {
  return cleanModelFolder(resolveModelUrl(entry.weightUrl, mirror, origin));
}

/** What the app chooses at run time about where and how models load. */
export interface LoadSettings {
  /** Mirror base ('' for the registry's URLs). */
  mirror: string;
  /** A context window below the library's maximum, to save GPU memory (KV cache); null for the registry's. */
  contextWindow: number | null;
}

/**
 * web-llm's AppConfig for the whole registry with the mirror applied. Pass it to every web-llm call
 * (reload, hasModelInCache, deleteModelAllInfoInCache): the prebuilt config lists other URLs.
 * @param settings the mirror, and optionally a shorter context window (never above a library's own)
 */
export function toAppConfig(settings: LoadSettings, origin: string, reg: Registry = registry): AppConfig {
  const webLlm = reg.models.filter((m): m is WebLlmEntry => m.engine === 'web-llm');
  const model_list: WebLlmModelRecord[] = webLlm.map((m) => ({
    model: weightFolderUrl(m, settings.mirror, origin),
    model_id: m.id,
    model_lib: resolveModelUrl(m.libraryUrl, settings.mirror, origin),
    vram_required_MB: m.gpuMemoryMB,
    required_features: m.requiredFeatures,
    overrides: { context_window_size: Math.min(m.contextWindow, settings.contextWindow ?? Infinity) },
  }));
  return { model_list, useIndexedDBCache: false };
}

/**
 * The sources to try for a model, in the patient's order: the mainland-China sources first for a patient
 * there (Hugging Face is blocked or very slow from most of it), Hugging Face first elsewhere. Hugging Face
 * is '' (the registry's own URLs).
 */
export function sourceOrder(entry: ModelEntry, mainlandFirst: boolean, reg: Registry = registry): string[] {
  const sources = sourcesFor(entry, reg);
  const ids = sources.map((s) => (s.rewrites.length === 0 ? '' : s.id));
  if (!mainlandFirst) return ids;
  const mainland = sources.filter((s) => s.mainland).map((s) => s.id);
  return [...mainland, ...ids.filter((id) => !mainland.includes(id))];
}

/** The host a mirror setting downloads a model's weights from, for "downloading from …". */
export function sourceHost(
  entry: ModelEntry,
  mirror: string,
  origin: string,
  reg: Registry = registry,
): string {
  const url =
    entry.engine === 'web-llm'
      ? weightFolderUrl(entry, mirror, origin)
      : resolveModelUrl(entry.files[0]!.url, mirror, origin, reg);
  return new URL(url).host;
}

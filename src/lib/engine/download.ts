/**
 * The consented model download. The app fetches every file itself and puts each one into the Cache
 * Storage entry web-llm reads (`webllm/config`, `webllm/wasm`, `webllm/model`, keyed by absolute URL),
 * only once the file is complete and verified; `tensor-cache.json` goes in last, because web-llm's
 * hasModelInCache starts from it. So an interrupted download never looks finished, and web-llm later
 * loads from cache without the network.
 *
 * Resuming: completed files are found in the cache and skipped; the bytes of an unfinished file are
 * kept in `yizhen/partial` when a transfer fails or is cancelled, and continued with an HTTP Range request.
 * Everything external (fetch, caches, sleep, clock, hashing) is injected, so Node tests drive it.
 */
import { EngineError, toEngineError } from './errors.ts';

import { CACHE_CONFIG, CACHE_MODEL, CACHE_PARTIAL, CACHE_WASM } from './cache-names.ts';
import { ProgressMeter } from './progress-meter.ts';
export { CACHE_CONFIG, CACHE_MODEL, CACHE_PARTIAL, CACHE_WASM };

export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}
export type FetchLike = (
  url: string,
  init?: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<Response>;

/** An incremental hash (hash-wasm in the app) giving a hex digest; null skips that verification. */
export type Md5Factory = (() => Promise<{ update(chunk: Uint8Array): void; digest(): string }>) | null;

export interface DownloadDeps {
  fetch: FetchLike;
  caches: CacheStorageLike;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  md5: Md5Factory;
  /** For files whose registry entry gives a sha256 (GGUF files); absent skips it. */
  sha256?: Md5Factory;
  /** navigator.onLine: a failure while offline is reported as such at once, not retried. */
  online?: () => boolean;
}

export interface ModelFile {
  url: string;
  cache: string;
  /** Exact size when the manifest states it; otherwise learned from Content-Length. */
  size?: number;
  md5?: string;
  sha256?: string;
  /**
   * The bytes the file must start with (a GGUF file's "GGUF", a wasm's "\0asm"): a server that answers
   * with something else (a web page from a wrong mirror address) is caught before it is stored.
   */
  magic?: Uint8Array;
}

export interface DownloadProgress {
  doneBytes: number;
  totalBytes: number;
  /** 0..1 */
  fraction: number;
  /** Recent throughput, bytes per second; 0 until measured. */
  bytesPerSec: number;
  /** null until the speed is known. */
  secondsLeft: number | null;
  filesDone: number;
  filesTotal: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** Attempts per file after the first; default 4. */
  retries?: number;
  /** First backoff in ms, doubled per attempt; default 1000. */
  backoffMs?: number;
  /** Files in flight at once; default 4, as web-llm does. */
  parallel?: number;
}

interface TensorCacheManifest {
  records: Array<{ dataPath: string; nbytes: number; md5sum?: string }>;
}

/**
 * Fetches the two small manifests and lists every file web-llm will read for this model.
 * mlc-chat-config.json is stored at once (it is small, and web-llm reads it first); tensor-cache.json is
 * returned to be stored last.
 * @param weightFolder absolute URL ending in `/resolve/main/`
 * @param libraryUrl absolute URL of the model library (.wasm)
 * @throws EngineError network or corrupt
 */
export async function planModelFiles(
  weightFolder: string,
  libraryUrl: string,
  deps: Pick<DownloadDeps, 'fetch' | 'caches'>,
  signal?: AbortSignal,
): Promise<{ files: ModelFile[]; manifestUrl: string; manifest: string }> {
  const configUrl = new URL('mlc-chat-config.json', weightFolder).href;
  const configText = await fetchText(deps.fetch, configUrl, signal);
  const manifestUrl = new URL('tensor-cache.json', weightFolder).href;
  const manifest = await fetchText(deps.fetch, manifestUrl, signal);
  let tokenizerFiles: string[];
  let records: TensorCacheManifest['records'];
  try {
    tokenizerFiles = (JSON.parse(configText) as { tokenizer_files?: string[] }).tokenizer_files ?? [];
    records = (JSON.parse(manifest) as TensorCacheManifest).records;
    if (!Array.isArray(records)) throw new Error('tensor-cache.json has no records');
  } catch (e) {
    throw new EngineError('corrupt', `model manifest: ${e instanceof Error ? e.message : String(e)}`);
  }
  await (await deps.caches.open(CACHE_CONFIG)).put(configUrl, jsonResponse(configText));
  // web-llm reads only tokenizer.json (or tokenizer.model) from the tokenizer files.
  const tokenizer = tokenizerFiles.includes('tokenizer.json')
    ? ['tokenizer.json']
    : tokenizerFiles.filter((f) => f === 'tokenizer.model');
  const files: ModelFile[] = [
    { url: libraryUrl, cache: CACHE_WASM },
    ...tokenizer.map((f) => ({ url: new URL(f, weightFolder).href, cache: CACHE_MODEL })),
    ...records.map((r) => ({
      url: new URL(r.dataPath, weightFolder).href,
      cache: CACHE_MODEL,
      size: r.nbytes,
      md5: r.md5sum,
    })),
  ];
  return { files, manifestUrl, manifest };
}

/**
 * Downloads a model into web-llm's caches, resuming whatever an earlier attempt left.
 * @param alongside other files the model needs to run offline (the engine's worker script), fetched first
 * @returns when every file and finally tensor-cache.json are stored
 * @throws DOMException AbortError when cancelled (unfinished bytes are kept for next time);
 *   EngineError quota (disk full), network (after retries), corrupt (size or checksum mismatch)
 */
export async function downloadModel(
  weightFolder: string,
  libraryUrl: string,
  deps: DownloadDeps,
  options: DownloadOptions = {},
  alongside: readonly ModelFile[] = [],
): Promise<void> {
  const plan = await withRetries(
    () => planModelFiles(weightFolder, libraryUrl, deps, options.signal),
    deps,
    options,
  );
  await downloadFiles([...alongside, ...plan.files], deps, options);
  // Last: this is the entry that makes web-llm consider the model present.
  await putOrQuota(await deps.caches.open(CACHE_MODEL), plan.manifestUrl, jsonResponse(plan.manifest));
}

/**
 * Downloads files into their caches, resuming whatever an earlier attempt left: files already cached are
 * skipped, unfinished ones continue with a Range request.
 * @returns when every file is stored, verified
 * @throws as downloadModel
 */
export async function downloadFiles(
  files: readonly ModelFile[],
  deps: DownloadDeps,
  options: DownloadOptions = {},
): Promise<void> {
  const { signal } = options;
  const meter = new ProgressMeter(files, deps.now, options.onProgress);
  const pending: ModelFile[] = [];
  for (const file of files) {
    const cached = await (await deps.caches.open(file.cache)).match(file.url);
    if (cached) meter.fileDone(file, Number(cached.headers.get('content-length') ?? file.size ?? 0));
    else pending.push(file);
  }
  meter.report();
  const queue = [...pending];
  // One failure stops the other transfers (each keeps its partial bytes), so nothing keeps downloading
  // behind an error the patient is looking at.
  const stopAll = new AbortController();
  const onCancel = () => stopAll.abort();
  signal?.addEventListener('abort', onCancel, { once: true });
  const inner = { ...options, signal: stopAll.signal };
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      try {
        await withRetries(() => downloadFile(file, deps, meter, stopAll.signal), deps, inner);
      } catch (e) {
        stopAll.abort();
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.max(1, options.parallel ?? 4) }, worker),
  );
  signal?.removeEventListener('abort', onCancel);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    if (signal?.aborted) throw abortError();
    const failure = failures.find((f) => !isAbort(f)) ?? failures[0];
    // "What was downloaded is kept" only when something was.
    if (failure instanceof EngineError && failure.kind === 'network' && (await keptAny(files, deps))) {
      throw new EngineError('interrupted', failure.detail, failure.host);
    }
    throw failure;
  }
  meter.report();
}

/** Whether any of the files is stored whole, or in part for resuming. */
async function keptAny(files: readonly ModelFile[], deps: DownloadDeps): Promise<boolean> {
  const partials = await deps.caches.open(CACHE_PARTIAL);
  for (const file of files) {
    if ((await partials.match(file.url)) || (await (await deps.caches.open(file.cache)).match(file.url)))
      return true;
  }
  return false;
}

/** Fetches one file (continuing a partial one), verifies it, and stores it whole. */
async function downloadFile(
  file: ModelFile,
  deps: DownloadDeps,
  meter: ProgressMeter,
  signal?: AbortSignal,
): Promise<void> {
  const partials = await deps.caches.open(CACHE_PARTIAL);
  const saved = await partials.match(file.url);
  let parts: Blob[] = saved ? [await saved.blob()] : [];
  let have = parts[0]?.size ?? 0;
  const response = await deps.fetch(file.url, {
    signal,
    headers: have > 0 ? { Range: `bytes=${have}-` } : {},
  });
  if (have > 0 && response.status === 416) {
    // The saved bytes reach or pass the end of the server's file (stale or already whole): start over.
    await partials.delete(file.url);
    throw new EngineError(
      'corrupt',
      `${file.url}: saved part does not fit the file on the server (HTTP 416)`,
    );
  }
  if (have > 0 && response.status !== 206) {
    parts = []; // the server ignored the Range: start over
    have = 0;
  }
  if (!response.ok) throw httpError(file.url, response.status);
  const length = Number(response.headers.get('content-length') ?? NaN);
  const expected = file.size ?? (Number.isFinite(length) ? have + length : undefined);
  const resumedFrom = have;
  meter.fileStarted(file, expected, resumedFrom);
  if (!response.body) throw new EngineError('network', `${file.url}: empty body`);
  const reader = response.body.getReader();
  const fresh: Uint8Array[] = [];
  // Hash while the bytes stream in; a file continued from a partial is hashed whole at the end.
  const check = checksumOf(file, deps);
  const hasher = check && resumedFrom === 0 ? await check.hash() : null;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      fresh.push(value);
      hasher?.update(value);
      have += value.byteLength;
      meter.add(value.byteLength);
    }
  } catch (e) {
    // Keep what arrived, so the next attempt (or the next visit) asks only for the rest.
    await savePartial(partials, file.url, [...parts, ...fresh.map(asBlobPart)]).catch(() => undefined);
    meter.add(-have); // uncount this attempt; the next one counts its resumed bytes again
    throw signal?.aborted ? abortError() : e;
  }
  const blob = new Blob([...parts, ...fresh.map(asBlobPart)]);
  if (expected !== undefined && blob.size !== expected) {
    await partials.delete(file.url);
    meter.add(-blob.size);
    throw new EngineError('corrupt', `${file.url}: ${blob.size} bytes, expected ${expected} (size mismatch)`);
  }
  if (
    file.magic &&
    !startsWith(new Uint8Array(await blob.slice(0, file.magic.length).arrayBuffer()), file.magic)
  ) {
    await partials.delete(file.url);
    meter.add(-blob.size);
    // Not 'corrupt': nothing of the file arrived; the address answers with something else (a web page).
    throw new EngineError(
      'notModelFile',
      `${file.url}: the server sent something other than the model file`,
      hostOf(file.url),
    );
  }
  if (check) {
    let digest: string;
    if (hasher) digest = hasher.digest();
    else {
      const whole = await check.hash();
      whole.update(new Uint8Array(await blob.arrayBuffer()));
      digest = whole.digest();
    }
    if (digest !== check.expected) {
      await partials.delete(file.url);
      meter.add(-blob.size);
      throw new EngineError('corrupt', `${file.url}: checksum mismatch`);
    }
  }
  // The type travels with the bytes: a script served later from this cache by the service worker (the
  // llama.cpp worker) is refused as a module without a JavaScript type.
  const type = response.headers.get('content-type');
  await putOrQuota(
    await deps.caches.open(file.cache),
    file.url,
    new Response(blob, {
      headers: { 'content-length': String(blob.size), ...(type ? { 'content-type': type } : {}) },
    }),
  );
  await partials.delete(file.url);
  meter.fileDone(file, blob.size, true);
}

/** The checksum a file is verified with, if its manifest gives one and the app can compute it. */
function checksumOf(
  file: ModelFile,
  deps: DownloadDeps,
): { expected: string; hash: NonNullable<Md5Factory> } | null {
  if (file.sha256 && deps.sha256) return { expected: file.sha256, hash: deps.sha256 };
  if (file.md5 && deps.md5) return { expected: file.md5, hash: deps.md5 };
  return null;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Retries network failures with exponential backoff; quota, corrupt-after-retry and abort propagate. */
async function withRetries<T>(
  run: () => Promise<T>,
  deps: DownloadDeps,
  options: DownloadOptions,
): Promise<T> {
  const retries = options.retries ?? 4;
  const backoff = options.backoffMs ?? 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (raw) {
      if (options.signal?.aborted || isAbort(raw)) throw abortError();
      const error = toEngineError(raw);
      // Offline, a retry cannot succeed: say so now instead of after a minute of backing off.
      if (deps.online?.() === false && (error.kind === 'network' || error.kind === 'unknown'))
        throw new EngineError('offline', error.detail);
      const retryable = error.kind === 'network' || error.kind === 'corrupt' || error.kind === 'unknown';
      if (!retryable || attempt >= retries)
        throw error.kind === 'unknown' ? new EngineError('network', error.detail) : error;
      await deps.sleep(backoff * 2 ** attempt, options.signal);
    }
  }
}

async function putOrQuota(cache: CacheLike, url: string, response: Response): Promise<void> {
  try {
    await cache.put(url, response);
  } catch (raw) {
    const error = toEngineError(raw);
    throw error.kind === 'quota' ? error : new EngineError('quota', error.detail);
  }
}

async function savePartial(partials: CacheLike, url: string, parts: BlobPart[]): Promise<void> {
  const blob = new Blob(parts);
  if (blob.size > 0) await partials.put(url, new Response(blob));
}

async function fetchText(fetch: FetchLike, url: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw httpError(url, response.status);
  const text = await response.text();
  // A wrong mirror address often answers with the site's own page (an SPA's index.html), status 200.
  if (/text\/html/i.test(response.headers.get('content-type') ?? '') || text.trimStart().startsWith('<'))
    throw new EngineError('notModelFile', `${url}: a web page, not the model's file`, hostOf(url));
  return text;
}

function httpError(url: string, status: number): EngineError {
  // 404/403/410: the address has no such file (a wrong mirror address); retrying will not help.
  if (status === 404 || status === 403 || status === 410)
    return new EngineError('notModelFile', `HTTP ${status} for ${url}`, hostOf(url));
  return new EngineError('network', `HTTP ${status} for ${url}`, hostOf(url));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function jsonResponse(text: string): Response {
  return new Response(text, { headers: { 'content-type': 'application/json' } });
}

function asBlobPart(chunk: Uint8Array): BlobPart {
  return chunk as Uint8Array<ArrayBuffer>;
}

function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

function abortError(): DOMException {
  return new DOMException('The download was cancelled', 'AbortError');
}

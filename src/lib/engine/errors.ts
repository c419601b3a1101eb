/**
 * Engine failures as a closed set of kinds the UI turns into plain words and a next step
 * (i18n namespace `engine`, key `errors.<kind>`). Raw errors from web-llm, WebGPU, fetch and Cache
 * Storage are classified here, on both sides of the worker boundary, by name and message: the worker
 * cannot send class instances, and web-llm's error classes are not all exported.
 */

export const engineErrorKinds = [
  'noWebGPU',
  'noShaderF16',
  'deviceLost',
  'outOfMemory',
  'quota',
  /** The device has no network connection (navigator.onLine is false). */
  'offline',
  /** No model source answered in time: blocked, down or too slow from here. `host` names them. */
  'hostUnreachable',
  /** A source answered with something that is not the model file (a web page, a 404): a wrong address. */
  'notModelFile',
  /** The connection failed before anything was downloaded. */
  'network',
  /** The connection failed part-way: what was downloaded is kept, and Retry continues from there. */
  'interrupted',
  'corrupt',
  'libraryIncompatible',
  /** The model file was fetched but the engine could not load it (llama.cpp: no vocabulary, a load_error). */
  'loadFailed',
  /** A load or a first token that never came: the engine is stuck, not slow. */
  'timeout',
  'otherTab',
  'unknown',
] as const;

export type EngineErrorKind = (typeof engineErrorKinds)[number];

/** What crosses the worker boundary: plain data. */
export interface EngineErrorData {
  kind: EngineErrorKind;
  /** The raw message, for the details disclosure and bug reports; never shown as the main text. */
  detail: string;
  /** The host (or hosts) a download failure is about, named in the message to the patient. */
  host?: string;
}

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly kind: EngineErrorKind,
    readonly detail: string,
    readonly host?: string,
  ) {
    super(`${kind}: ${detail}`);
  }

  toData(): EngineErrorData {
    return { kind: this.kind, detail: this.detail, ...(this.host ? { host: this.host } : {}) };
  }

  static fromData(data: EngineErrorData): EngineError {
    return new EngineError(data.kind, data.detail, data.host);
  }
}

/** Ordered: the first rule whose pattern matches the error's name or message wins. */
const rules: ReadonlyArray<readonly [EngineErrorKind, RegExp]> = [
  ['noShaderF16', /ShaderF16SupportError|shader-f16/i],
  [
    'noWebGPU',
    /WebGPUNotAvailableError|WebGPUNotFoundError|WebGPU is not supported|navigator\.gpu|no (webgpu )?adapter/i,
  ],
  [
    'outOfMemory',
    /out of memory|OOM\b|OperationError.*alloc|Failed to allocate|unable to allocate|Cannot allocate WebAssembly\.Memory/i,
  ],
  ['deviceLost', /DeviceLostError|device (was )?lost|GPUDevice.*lost/i],
  ['quota', /QuotaExceededError|quota|no space|disk (is )?full/i],
  [
    'libraryIncompatible',
    /CompileError|LinkError|WebAssembly|magic word|wasm|MissingModelWasmError|ABI|instantiate/i,
  ],
  ['corrupt', /corrupt|checksum|hash mismatch|size mismatch|Unexpected end of JSON|JSON\.parse|SyntaxError/i],
  [
    'network',
    /NetworkError|Failed to fetch|network|ERR_|ECONNRESET|socket|HTTP \d{3}|TypeError: (Load failed|fetch)/i,
  ],
];

/**
 * Classifies any thrown value.
 * @returns an EngineError (the same instance when it already is one)
 */
export function toEngineError(raw: unknown): EngineError {
  if (raw instanceof EngineError) return raw;
  const name =
    raw instanceof Error || (typeof raw === 'object' && raw !== null && 'name' in raw)
      ? String((raw as { name: unknown }).name)
      : '';
  const message =
    raw instanceof Error
      ? raw.message
      : typeof raw === 'object' && raw !== null && 'message' in raw
        ? String((raw as { message: unknown }).message)
        : String(raw);
  const text = `${name}: ${message}`;
  for (const [kind, pattern] of rules) {
    if (pattern.test(text)) return new EngineError(kind, text);
  }
  return new EngineError('unknown', text);
}

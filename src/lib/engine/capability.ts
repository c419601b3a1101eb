/**
 * The device check: what this browser and GPU can run, and which model to use, with reasons the UI
 * turns into plain words (i18n namespace `engine`, keys `device.*`). `readDeviceFacts` reads an
 * injected navigator-like object; `chooseModel` is a pure decision over those facts, table-tested.
 */
import type { LlamaCppEntry, ModelEntry, ModelTier, Registry, WebLlmEntry } from './registry.ts';

/** The subset of navigator.gpu and its adapter that the check reads. */
export interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<AdapterLike | null>;
}
export interface AdapterLike {
  features: { has(name: string): boolean };
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number };
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  /** Older Chrome put the fallback flag on the adapter itself. */
  isFallbackAdapter?: boolean;
}
export interface NavigatorLike {
  gpu?: GpuLike;
  deviceMemory?: number;
  hardwareConcurrency?: number;
  userAgent?: string;
  userAgentData?: { mobile?: boolean };
  storage?: { estimate?(): Promise<{ quota?: number; usage?: number }> };
}

export interface GpuFacts {
  shaderF16: boolean;
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  /** e.g. "google / swiftshader": shown so a patient or clinic can tell which GPU was used. */
  adapterName: string;
  /** A software renderer (SwiftShader, or an adapter flagged as fallback): it counts as no GPU. */
  software: boolean;
}

export interface DeviceFacts {
  webgpu: 'absent' | 'noAdapter' | GpuFacts;
  /**
   * Whether this browser's WebAssembly can run llama.cpp (JSPI and 64-bit memory, as @wllama/wllama's
   * wasm needs). undefined is read as yes: only the check in readDeviceFacts says no.
   */
  cpuEngine?: boolean;
  /** Logical processors (navigator.hardwareConcurrency), for llama.cpp's threads. */
  cores?: number;
  /** navigator.deviceMemory in GB (Chrome rounds and caps it at 8); undefined where browsers hide it. */
  deviceMemoryGB?: number;
  /** Bytes the origin may still store (quota - usage); undefined when the browser does not say. */
  storageAvailableBytes?: number;
  /** A phone or tablet: GPU memory is shared and scarce, whatever deviceMemory says. */
  mobile?: boolean;
}

/** Why the processor runs the model instead of the graphics chip. */
export type CpuCause = 'noWebGPU' | 'noAdapter' | 'software' | 'gpuLimits';

/** Why a model was chosen over others; each code has a sentence in i18n `engine.device.reasons`. */
export type ChoiceReason =
  | { code: 'shaderF16' }
  | { code: 'noShaderF16' }
  | { code: 'cpu'; cause: CpuCause }
  | { code: 'lowMemory'; gb: number }
  | { code: 'phone' }
  | { code: 'storageSmall' }
  | { code: 'smallBuffers' }
  | { code: 'preferred' };

export type BlockReason =
  | { kind: 'noWebGPU' }
  | { kind: 'noAdapter' }
  | { kind: 'gpuLimits'; haveBytes: number; needBytes: number }
  | { kind: 'storage'; availableBytes: number; neededBytes: number };

export type DeviceDecision =
  | { kind: 'ok'; modelId: string; reasons: ChoiceReason[]; facts: DeviceFacts; allowed: string[] }
  | { kind: 'blocked'; reason: BlockReason; facts: DeviceFacts };

/** Extra room beyond the download itself: Cache Storage overhead and the browser's own margin. */
export const STORAGE_HEADROOM = 1.1;

/** The largest tier a device supports, from navigator.deviceMemory (GB) and whether it is a phone. */
function tierForDevice(gb: number | undefined, mobile: boolean): ModelTier {
  if (mobile && (gb === undefined || gb >= 4)) return 'compact';
  if (gb === undefined || gb >= 8) return 'full';
  if (gb >= 4) return 'compact';
  return 'light';
}
const tierRank: Record<ModelTier, number> = { full: 3, compact: 2, light: 1 };

/** Why no web-llm model can run on this GPU. */
type GpuBlock = Exclude<BlockReason, { kind: 'storage' }>;

/** The web-llm models this GPU can run, or why none. */
function gpuModels(
  facts: DeviceFacts,
  registry: Registry,
): { models: WebLlmEntry[]; reasons: ChoiceReason[] } | { block: GpuBlock } {
  const gpu = facts.webgpu;
  if (gpu === 'absent') return { block: { kind: 'noWebGPU' } };
  if (gpu === 'noAdapter') return { block: { kind: 'noAdapter' } };
  const reasons: ChoiceReason[] = [gpu.shaderF16 ? { code: 'shaderF16' } : { code: 'noShaderF16' }];
  const supported = registry.models.filter(
    (m): m is WebLlmEntry =>
      m.engine === 'web-llm' && m.requiredFeatures.every((f) => f !== 'shader-f16' || gpu.shaderF16),
  );
  const fitsBuffers = supported.filter(
    (m) =>
      m.minStorageBufferBindingSize <= gpu.maxStorageBufferBindingSize &&
      m.minStorageBufferBindingSize <= gpu.maxBufferSize,
  );
  if (fitsBuffers.length === 0) {
    const needBytes = Math.min(...supported.map((m) => m.minStorageBufferBindingSize));
    return { block: { kind: 'gpuLimits', haveBytes: gpu.maxStorageBufferBindingSize, needBytes } };
  }
  if (fitsBuffers.length < supported.length && !fitsBuffers.some((m) => m.tier === 'full'))
    reasons.push({ code: 'smallBuffers' });
  return { models: fitsBuffers, reasons };
}

/**
 * Picks the engine and model for this device: web-llm when a real GPU can run one, else llama.cpp on
 * the processor with the largest model the memory allows. A software GPU counts as none.
 * @param facts from readDeviceFacts
 * @param registry the model registry
 * @param cachedIds models already fully downloaded (they need no new storage)
 * @param preferredId the patient's choice in Settings, honoured when the device allows it
 * @returns the chosen model with reasons (and every model the patient may switch to), or why nothing can run here
 */
export function chooseModel(
  facts: DeviceFacts,
  registry: Registry,
  cachedIds: readonly string[] = [],
  preferredId?: string,
): DeviceDecision {
  const gpu = gpuModels(facts, registry);
  const software = typeof facts.webgpu === 'object' && facts.webgpu.software;
  const cpuModels =
    facts.cpuEngine === false
      ? []
      : registry.models.filter((m): m is LlamaCppEntry => m.engine === 'llama.cpp');
  const gpuUsable = 'models' in gpu && (!software || cpuModels.length === 0);
  if (!gpuUsable && cpuModels.length === 0) {
    return { kind: 'blocked', reason: 'block' in gpu ? gpu.block : { kind: 'noAdapter' }, facts };
  }
  const primary: ModelEntry[] = gpuUsable && 'models' in gpu ? gpu.models : cpuModels;
  const reasons: ChoiceReason[] =
    gpuUsable && 'models' in gpu
      ? [...gpu.reasons]
      : [{ code: 'cpu', cause: 'block' in gpu ? gpu.block.kind : 'software' }];
  // The other engine stays a choice in Settings: the CPU engine beside a GPU, a software GPU beside the CPU.
  const secondary: ModelEntry[] = gpuUsable ? cpuModels : 'models' in gpu ? gpu.models : [];

  const maxTier = tierForDevice(facts.deviceMemoryGB, facts.mobile === true);
  let candidates = primary.filter((m) => tierRank[m.tier] <= tierRank[maxTier]);
  if (candidates.length === 0) candidates = [smallest(primary)];
  if (maxTier !== 'full') {
    const gb = facts.deviceMemoryGB;
    // Name the tighter limit: very little RAM, else being a phone, else RAM.
    if (gb !== undefined && (gb < 4 || !facts.mobile)) reasons.push({ code: 'lowMemory', gb });
    else reasons.push({ code: 'phone' });
  }

  const available = facts.storageAvailableBytes;
  const fitsStorage = (m: ModelEntry) =>
    available === undefined || cachedIds.includes(m.id) || m.downloadBytes * STORAGE_HEADROOM <= available;
  const storable = candidates.filter(fitsStorage);
  if (storable.length === 0) {
    const neededBytes = Math.ceil(smallest(candidates).downloadBytes * STORAGE_HEADROOM);
    return {
      kind: 'blocked',
      reason: { kind: 'storage', availableBytes: available ?? 0, neededBytes },
      facts,
    };
  }
  const bestTier = Math.max(...candidates.map((m) => tierRank[m.tier]));
  if (!storable.some((m) => tierRank[m.tier] === bestTier)) reasons.push({ code: 'storageSmall' });

  const others = secondary.filter((m) => tierRank[m.tier] <= tierRank[maxTier] && fitsStorage(m));
  const allowed = [...storable, ...others].map((m) => m.id);
  const preferred = [...storable, ...others].find((m) => m.id === preferredId);
  if (preferred) {
    // The reasons of the engine the patient chose: a GPU's, or none beyond the choice for the CPU.
    const own = storable.includes(preferred) ? reasons : 'models' in gpu && !gpuUsable ? gpu.reasons : [];
    return {
      kind: 'ok',
      modelId: preferred.id,
      reasons: [...own, { code: 'preferred' }],
      facts,
      allowed,
    };
  }

  // Best tier first; within a tier, f16 when the GPU has it (less GPU memory, faster), else the default.
  const needsF16 = (m: ModelEntry) => m.engine === 'web-llm' && m.requiredFeatures.includes('shader-f16');
  const ranked = [...storable].sort(
    (a, b) =>
      tierRank[b.tier] - tierRank[a.tier] ||
      Number(needsF16(b)) - Number(needsF16(a)) ||
      Number(b.id === registry.defaultModelId) - Number(a.id === registry.defaultModelId),
  );
  return { kind: 'ok', modelId: ranked[0]!.id, reasons, facts, allowed };
}

function smallest(models: readonly ModelEntry[]): ModelEntry {
  return [...models].sort((a, b) => a.downloadBytes - b.downloadBytes)[0]!;
}

/**
 * Whether WebAssembly here has what @wllama/wllama's wasm needs: JSPI (WebAssembly.Suspending) and
 * 64-bit memories. Safari and Firefox lack JSPI today; the compat build that would serve them is not
 * shipped (it loads from a CDN by default), so they get a clear message instead.
 */
export function supportsCpuEngine(
  wasm: unknown = (globalThis as { WebAssembly?: unknown }).WebAssembly,
): boolean {
  const w = wasm as { Suspending?: unknown; Memory?: new (d: object) => unknown } | undefined;
  if (!w || typeof w.Suspending !== 'function' || typeof w.Memory !== 'function') return false;
  try {
    new w.Memory({ initial: 1n, maximum: 2n, address: 'i64' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads what the device offers, never throwing: a browser that hides a fact leaves it undefined.
 * @param nav navigator, or a test double
 */
export async function readDeviceFacts(
  nav: NavigatorLike,
  cpuEngine: boolean = supportsCpuEngine(),
): Promise<DeviceFacts> {
  let storageAvailableBytes: number | undefined;
  try {
    const estimate = await nav.storage?.estimate?.();
    if (estimate?.quota !== undefined)
      storageAvailableBytes = Math.max(0, estimate.quota - (estimate.usage ?? 0));
  } catch {
    // Storage estimate is optional; the download reports a full disk if it happens.
  }
  const mobile = nav.userAgentData?.mobile ?? /Android|iPhone|iPad|Mobile/i.test(nav.userAgent ?? '');
  const base = {
    deviceMemoryGB: nav.deviceMemory,
    cores: nav.hardwareConcurrency,
    storageAvailableBytes,
    mobile,
    cpuEngine,
  };
  if (!nav.gpu) return { ...base, webgpu: 'absent' };
  let adapter: AdapterLike | null = null;
  try {
    adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) return { ...base, webgpu: 'noAdapter' };
  const info = adapter.info ?? {};
  const adapterName =
    [info.vendor, info.architecture || info.device || info.description].filter(Boolean).join(' / ') ||
    'WebGPU';
  return {
    ...base,
    webgpu: {
      shaderF16: adapter.features.has('shader-f16'),
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      adapterName,
      software:
        info.isFallbackAdapter === true ||
        adapter.isFallbackAdapter === true ||
        /swiftshader|llvmpipe|software|basic render/i.test(adapterName),
    },
  };
}

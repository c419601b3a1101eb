/**
 * The device check: what this browser and GPU can run, and which model to use, with reasons the UI
 * turns into plain words (i18n namespace `engine`, keys `device.*`). `readDeviceFacts` reads an
 * injected navigator-like object; `chooseModel` is a pure decision over those facts, table-tested.
 */
import type { ModelEntry, ModelTier, Registry } from './registry.ts';

/** The subset of navigator.gpu and its adapter that the check reads. */
export interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<AdapterLike | null>;
}
export interface AdapterLike {
  features: { has(name: string): boolean };
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number };
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
}
export interface NavigatorLike {
  gpu?: GpuLike;
  deviceMemory?: number;
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
}

export interface DeviceFacts {
  webgpu: 'absent' | 'noAdapter' | GpuFacts;
  /** navigator.deviceMemory in GB (Chrome rounds and caps it at 8); undefined where browsers hide it. */
  deviceMemoryGB?: number;
  /** Bytes the origin may still store (quota - usage); undefined when the browser does not say. */
  storageAvailableBytes?: number;
  /** A phone or tablet: GPU memory is shared and scarce, whatever deviceMemory says. */
  mobile?: boolean;
}

/** Why a model was chosen over others; each code has a sentence in i18n `engine.device.reasons`. */
export type ChoiceReason =
  | { code: 'shaderF16' }
  | { code: 'noShaderF16' }
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

/**
 * Picks the model for this device.
 * @param facts from readDeviceFacts
 * @param registry the model registry
 * @param cachedIds models already fully downloaded (they need no new storage)
 * @param preferredId the patient's choice in Settings, honoured when the device allows it
 * @returns the chosen model with reasons, or why nothing can run here
 */
export function chooseModel(
  facts: DeviceFacts,
  registry: Registry,
  cachedIds: readonly string[] = [],
  preferredId?: string,
): DeviceDecision {
  const gpu = facts.webgpu;
  if (gpu === 'absent') return { kind: 'blocked', reason: { kind: 'noWebGPU' }, facts };
  if (gpu === 'noAdapter') return { kind: 'blocked', reason: { kind: 'noAdapter' }, facts };

  const reasons: ChoiceReason[] = [gpu.shaderF16 ? { code: 'shaderF16' } : { code: 'noShaderF16' }];
  const supported = registry.models.filter((m) =>
    m.requiredFeatures.every((f) => f !== 'shader-f16' || gpu.shaderF16),
  );
  const fitsBuffers = supported.filter(
    (m) =>
      m.minStorageBufferBindingSize <= gpu.maxStorageBufferBindingSize &&
      m.minStorageBufferBindingSize <= gpu.maxBufferSize,
  );
  if (fitsBuffers.length === 0) {
    const needBytes = Math.min(...supported.map((m) => m.minStorageBufferBindingSize));
    return {
      kind: 'blocked',
      reason: { kind: 'gpuLimits', haveBytes: gpu.maxStorageBufferBindingSize, needBytes },
      facts,
    };
  }
  if (fitsBuffers.length < supported.length && !fitsBuffers.some((m) => m.tier === 'full'))
    reasons.push({ code: 'smallBuffers' });

  const maxTier = tierForDevice(facts.deviceMemoryGB, facts.mobile === true);
  let candidates = fitsBuffers.filter((m) => tierRank[m.tier] <= tierRank[maxTier]);
  if (candidates.length === 0) candidates = [smallest(fitsBuffers)];
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

  const allowed = storable.map((m) => m.id);
  const preferred = storable.find((m) => m.id === preferredId);
  if (preferred)
    return {
      kind: 'ok',
      modelId: preferred.id,
      reasons: [...reasons, { code: 'preferred' }],
      facts,
      allowed,
    };

  // Best tier first; within a tier, f16 when the GPU has it (less GPU memory, faster), else the default.
  const ranked = [...storable].sort(
    (a, b) =>
      tierRank[b.tier] - tierRank[a.tier] ||
      Number(b.requiredFeatures.includes('shader-f16')) - Number(a.requiredFeatures.includes('shader-f16')) ||
      Number(b.id === registry.defaultModelId) - Number(a.id === registry.defaultModelId),
  );
  return { kind: 'ok', modelId: ranked[0]!.id, reasons, facts, allowed };
}

function smallest(models: readonly ModelEntry[]): ModelEntry {
  return [...models].sort((a, b) => a.downloadBytes - b.downloadBytes)[0]!;
}

/**
 * Reads what the device offers, never throwing: a browser that hides a fact leaves it undefined.
 * @param nav navigator, or a test double
 */
export async function readDeviceFacts(nav: NavigatorLike): Promise<DeviceFacts> {
  let storageAvailableBytes: number | undefined;
  try {
    const estimate = await nav.storage?.estimate?.();
    if (estimate?.quota !== undefined)
      storageAvailableBytes = Math.max(0, estimate.quota - (estimate.usage ?? 0));
  } catch {
    // Storage estimate is optional; the download reports a full disk if it happens.
  }
  const mobile = nav.userAgentData?.mobile ?? /Android|iPhone|iPad|Mobile/i.test(nav.userAgent ?? '');
  const base = { deviceMemoryGB: nav.deviceMemory, storageAvailableBytes, mobile };
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
    },
  };
}

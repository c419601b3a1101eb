/** Reads the device details a report records, through the engine's own device check. */
import { readDeviceFacts, type NavigatorLike } from '$lib/engine/capability.ts';
import type { DeviceInfo } from '$lib/eval/types.ts';

/** @returns what this browser shares about itself and its GPU; fields it hides are left out */
export async function readDeviceInfo(nav: Navigator = navigator): Promise<DeviceInfo> {
  const facts = await readDeviceFacts(nav as unknown as NavigatorLike);
  const info: DeviceInfo = {
    userAgent: nav.userAgent,
    hardwareConcurrency: nav.hardwareConcurrency,
    webgpu: typeof facts.webgpu === 'string' ? facts.webgpu : 'available',
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  if (facts.deviceMemoryGB !== undefined) info.deviceMemoryGb = facts.deviceMemoryGB;
  if (typeof facts.webgpu === 'object') {
    info.gpu = facts.webgpu.adapterName;
    info.shaderF16 = facts.webgpu.shaderF16;
    info.maxStorageBufferBindingSize = facts.webgpu.maxStorageBufferBindingSize;
  }
  return info;
}

import { describe, expect, it } from 'vitest';
import {
  chooseModel,
  readDeviceFacts,
  type DeviceFacts,
  type GpuFacts,
} from '../../../src/lib/engine/capability.ts';
import { registry } from '../../../src/lib/engine/registry.ts';

const GiB = 1024 ** 3;
const desktop: GpuFacts = {
  shaderF16: true,
  maxStorageBufferBindingSize: 2 * GiB,
  maxBufferSize: 4 * GiB,
  adapterName: 'nvidia / ampere',
};
const swiftshader: GpuFacts = {
  shaderF16: false,
  maxStorageBufferBindingSize: GiB,
  maxBufferSize: GiB,
  adapterName: 'google / swiftshader',
};
const facts = (f: Partial<DeviceFacts>): DeviceFacts => ({
  webgpu: desktop,
  deviceMemoryGB: 8,
  storageAvailableBytes: 100 * GiB,
  ...f,
});

describe('chooseModel', () => {
  it.each<[string, DeviceFacts, string]>([
    ['desktop with shader-f16: the f16 4B variant', facts({}), 'Qwen3-4B-Instruct-2507-q4f16_1-MLC'],
    [
      'no shader-f16 (SwiftShader): the q4f32_1 4B variant',
      facts({ webgpu: swiftshader }),
      'Qwen3-4B-Instruct-2507-q4f32_1-MLC',
    ],
    [
      'browser hides deviceMemory: assume a full device',
      facts({ webgpu: swiftshader, deviceMemoryGB: undefined }),
      'Qwen3-4B-Instruct-2507-q4f32_1-MLC',
    ],
    [
      '4 GB of RAM: the compact 1.7B',
      facts({ webgpu: swiftshader, deviceMemoryGB: 4 }),
      'Qwen3-1.7B-q4f32_1-MLC',
    ],
    ['2 GB of RAM: the light 0.6B', facts({ deviceMemoryGB: 2 }), 'Qwen3-0.6B-q4f32_1-MLC'],
    [
      'a phone with 8 GB: the compact 1.7B',
      facts({ webgpu: swiftshader, mobile: true }),
      'Qwen3-1.7B-q4f32_1-MLC',
    ],
    [
      'a phone with 2 GB: the light 0.6B',
      facts({ mobile: true, deviceMemoryGB: 2 }),
      'Qwen3-0.6B-q4f32_1-MLC',
    ],
    ['storage for 1.7B but not 4B', facts({ storageAvailableBytes: 2 * GiB }), 'Qwen3-1.7B-q4f32_1-MLC'],
    [
      'storage unknown: do not block',
      facts({ storageAvailableBytes: undefined }),
      'Qwen3-4B-Instruct-2507-q4f16_1-MLC',
    ],
    [
      'GPU buffers of 200 MiB: only the 0.6B fits',
      facts({ webgpu: { ...swiftshader, maxStorageBufferBindingSize: 200 * 1024 ** 2 } }),
      'Qwen3-0.6B-q4f32_1-MLC',
    ],
  ])('%s', (_name, input, expected) => {
    const decision = chooseModel(input, registry);
    expect(decision.kind).toBe('ok');
    if (decision.kind === 'ok') expect(decision.modelId).toBe(expected);
  });

  it('explains its choice', () => {
    const d = chooseModel(
      facts({ webgpu: swiftshader, deviceMemoryGB: 4, storageAvailableBytes: 1.3 * GiB }),
      registry,
    );
    expect(d.kind === 'ok' && d.reasons.map((r) => r.code)).toEqual([
      'noShaderF16',
      'lowMemory',
      'storageSmall',
    ]);
  });

  it.each<[string, DeviceFacts, string]>([
    ['no navigator.gpu', facts({ webgpu: 'absent' }), 'noWebGPU'],
    ['no adapter', facts({ webgpu: 'noAdapter' }), 'noAdapter'],
    [
      'tiny GPU buffers',
      facts({ webgpu: { ...desktop, maxStorageBufferBindingSize: 64 * 1024 ** 2 } }),
      'gpuLimits',
    ],
    ['too little storage for any model', facts({ storageAvailableBytes: 100 * 1024 ** 2 }), 'storage'],
  ])('blocks with %s', (_name, input, kind) => {
    const d = chooseModel(input, registry);
    expect(d.kind === 'blocked' && d.reason.kind).toBe(kind);
  });

  it('says when a phone gets a smaller model', () => {
    const d = chooseModel(facts({ mobile: true }), registry);
    expect(d.kind === 'ok' && d.reasons.map((r) => r.code)).toEqual(['shaderF16', 'phone']);
  });

  it('says how much storage is needed when blocked', () => {
    const d = chooseModel(facts({ deviceMemoryGB: 2, storageAvailableBytes: 100 * 1024 ** 2 }), registry);
    expect(d.kind === 'blocked' && d.reason).toEqual({
      kind: 'storage',
      availableBytes: 100 * 1024 ** 2,
      neededBytes: Math.ceil(480000000 * 1.1),
    });
  });

  it('a downloaded model needs no new storage', () => {
    const d = chooseModel(facts({ webgpu: swiftshader, storageAvailableBytes: 0 }), registry, [
      'Qwen3-4B-Instruct-2507-q4f32_1-MLC',
    ]);
    expect(d.kind === 'ok' && d.modelId).toBe('Qwen3-4B-Instruct-2507-q4f32_1-MLC');
  });

  it("honours the patient's choice only when the device allows it", () => {
    const ok = chooseModel(facts({}), registry, [], 'Qwen3-0.6B-q4f32_1-MLC');
    expect(ok.kind === 'ok' && ok.modelId).toBe('Qwen3-0.6B-q4f32_1-MLC');
    const refused = chooseModel(
      facts({ webgpu: swiftshader }),
      registry,
      [],
      'Qwen3-4B-Instruct-2507-q4f16_1-MLC',
    );
    expect(refused.kind === 'ok' && refused.modelId).toBe('Qwen3-4B-Instruct-2507-q4f32_1-MLC');
  });
});

describe('readDeviceFacts', () => {
  it('reads the adapter, memory and storage from an injected navigator', async () => {
    const f = await readDeviceFacts({
      deviceMemory: 8,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140',
      storage: { estimate: async () => ({ quota: 10 * GiB, usage: GiB }) },
      gpu: {
        requestAdapter: async () => ({
          features: new Set(['timestamp-query']),
          limits: { maxStorageBufferBindingSize: GiB, maxBufferSize: 2 * GiB },
          info: { vendor: 'google', architecture: 'swiftshader' },
        }),
      },
    });
    expect(f).toEqual({
      mobile: false,
      deviceMemoryGB: 8,
      storageAvailableBytes: 9 * GiB,
      webgpu: {
        shaderF16: false,
        maxStorageBufferBindingSize: GiB,
        maxBufferSize: 2 * GiB,
        adapterName: 'google / swiftshader',
      },
    });
  });

  it.each([
    ['Android Chrome', { userAgentData: { mobile: true } }, true],
    [
      'iPhone Safari',
      { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 26_0 like Mac OS X) Mobile/15E148 Safari' },
      true,
    ],
    [
      'desktop',
      { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/140', userAgentData: { mobile: false } },
      false,
    ],
  ])('tells a phone from a computer: %s', async (_name, nav, mobile) => {
    expect((await readDeviceFacts(nav)).mobile).toBe(mobile);
  });

  it.each([
    ['no navigator.gpu', {}, 'absent'],
    ['requestAdapter returns null', { gpu: { requestAdapter: async () => null } }, 'noAdapter'],
    [
      'requestAdapter throws',
      { gpu: { requestAdapter: async () => Promise.reject(new Error('blocked')) } },
      'noAdapter',
    ],
  ])('%s', async (_name, nav, webgpu) => {
    expect((await readDeviceFacts(nav)).webgpu).toBe(webgpu);
  });
});

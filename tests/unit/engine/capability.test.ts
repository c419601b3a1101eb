import { describe, expect, it } from 'vitest';
import {
  chooseModel,
  readDeviceFacts,
  supportsCpuEngine,
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
  software: false,
};
/** A real GPU without shader-f16 (an older integrated chip). */
const noF16: GpuFacts = {
  shaderF16: false,
  maxStorageBufferBindingSize: GiB,
  maxBufferSize: GiB,
  adapterName: 'intel / gen-9',
  software: false,
};
const swiftshader: GpuFacts = { ...noF16, adapterName: 'google / swiftshader', software: true };
const facts = (f: Partial<DeviceFacts>): DeviceFacts => ({
  webgpu: desktop,
  deviceMemoryGB: 8,
  storageAvailableBytes: 100 * GiB,
  ...f,
});

describe('chooseModel', () => {
  it.each<[string, DeviceFacts, string]>([
    ['desktop with shader-f16: the f16 4B variant', facts({}), 'Qwen3-4B-Instruct-2507-q4f16_1-MLC'],
    ['no shader-f16: the q4f32_1 4B variant', facts({ webgpu: noF16 }), 'Qwen3-4B-Instruct-2507-q4f32_1-MLC'],
    [
      'browser hides deviceMemory: assume a full device',
      facts({ webgpu: noF16, deviceMemoryGB: undefined }),
      'Qwen3-4B-Instruct-2507-q4f32_1-MLC',
    ],
    ['4 GB of RAM: the compact 1.7B', facts({ webgpu: noF16, deviceMemoryGB: 4 }), 'Qwen3-1.7B-q4f32_1-MLC'],
    ['2 GB of RAM: the light 0.6B', facts({ deviceMemoryGB: 2 }), 'Qwen3-0.6B-q4f32_1-MLC'],
    ['a phone with 8 GB: the compact 1.7B', facts({ webgpu: noF16, mobile: true }), 'Qwen3-1.7B-q4f32_1-MLC'],
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
      facts({ webgpu: { ...noF16, maxStorageBufferBindingSize: 200 * 1024 ** 2 } }),
      'Qwen3-0.6B-q4f32_1-MLC',
    ],
  ])('%s', (_name, input, expected) => {
    const decision = chooseModel(input, registry);
    expect(decision.kind).toBe('ok');
    if (decision.kind === 'ok') expect(decision.modelId).toBe(expected);
  });

  it('explains its choice', () => {
    const d = chooseModel(
      facts({ webgpu: noF16, deviceMemoryGB: 4, storageAvailableBytes: 1.3 * GiB }),
      registry,
    );
    expect(d.kind === 'ok' && d.reasons.map((r) => r.code)).toEqual([
      'noShaderF16',
      'lowMemory',
      'storageSmall',
    ]);
  });

  it.each<[string, DeviceFacts, string]>([
    ['no navigator.gpu and no CPU engine', facts({ webgpu: 'absent', cpuEngine: false }), 'noWebGPU'],
    ['no adapter and no CPU engine', facts({ webgpu: 'noAdapter', cpuEngine: false }), 'noAdapter'],
    [
      'tiny GPU buffers and no CPU engine',
      facts({ webgpu: { ...desktop, maxStorageBufferBindingSize: 64 * 1024 ** 2 }, cpuEngine: false }),
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
    const d = chooseModel(facts({ webgpu: noF16, storageAvailableBytes: 0 }), registry, [
      'Qwen3-4B-Instruct-2507-q4f32_1-MLC',
    ]);
    expect(d.kind === 'ok' && d.modelId).toBe('Qwen3-4B-Instruct-2507-q4f32_1-MLC');
  });

  it("honours the patient's choice only when the device allows it", () => {
    const ok = chooseModel(facts({}), registry, [], 'Qwen3-0.6B-q4f32_1-MLC');
    expect(ok.kind === 'ok' && ok.modelId).toBe('Qwen3-0.6B-q4f32_1-MLC');
    const refused = chooseModel(facts({ webgpu: noF16 }), registry, [], 'Qwen3-4B-Instruct-2507-q4f16_1-MLC');
    expect(refused.kind === 'ok' && refused.modelId).toBe('Qwen3-4B-Instruct-2507-q4f32_1-MLC');
  });
});

describe('chooseModel without a usable GPU: llama.cpp on the processor', () => {
  it.each<[string, DeviceFacts, string, string]>([
    [
      'a software GPU (SwiftShader)',
      facts({ webgpu: swiftshader }),
      'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF',
      'software',
    ],
    ['no navigator.gpu', facts({ webgpu: 'absent' }), 'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF', 'noWebGPU'],
    ['no adapter', facts({ webgpu: 'noAdapter' }), 'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF', 'noAdapter'],
    [
      'GPU buffers too small for any web-llm model',
      facts({ webgpu: { ...desktop, maxStorageBufferBindingSize: 64 * 1024 ** 2 } }),
      'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF',
      'gpuLimits',
    ],
    ['4 GB of RAM', facts({ webgpu: 'absent', deviceMemoryGB: 4 }), 'Qwen3-1.7B-Q4_K_M-GGUF', 'noWebGPU'],
    ['2 GB of RAM', facts({ webgpu: 'absent', deviceMemoryGB: 2 }), 'Qwen3-0.6B-Q8_0-GGUF', 'noWebGPU'],
    ['a phone', facts({ webgpu: 'absent', mobile: true }), 'Qwen3-1.7B-Q4_K_M-GGUF', 'noWebGPU'],
    [
      'storage for 1.7B but not 4B',
      facts({ webgpu: 'absent', storageAvailableBytes: 2 * GiB }),
      'Qwen3-1.7B-Q4_K_M-GGUF',
      'noWebGPU',
    ],
  ])('%s: the CPU engine and the largest model that fits', (_name, input, expected, cause) => {
    const d = chooseModel(input, registry);
    expect(d.kind === 'ok' && d.modelId).toBe(expected);
    expect(d.kind === 'ok' && d.reasons[0]).toEqual({ code: 'cpu', cause });
  });

  it('a software GPU still offers the web-llm models in Settings, and honours one when chosen', () => {
    const d = chooseModel(facts({ webgpu: swiftshader }), registry);
    expect(d.kind === 'ok' && d.allowed).toEqual(
      expect.arrayContaining(['Qwen3-4B-Instruct-2507-Q4_K_M-GGUF', 'Qwen3-4B-Instruct-2507-q4f32_1-MLC']),
    );
    expect(d.kind === 'ok' && d.allowed).not.toContain('Qwen3-4B-Instruct-2507-q4f16_1-MLC');
    const chosen = chooseModel(facts({ webgpu: swiftshader }), registry, [], 'Qwen3-0.6B-q4f32_1-MLC');
    expect(chosen.kind === 'ok' && chosen.modelId).toBe('Qwen3-0.6B-q4f32_1-MLC');
  });

  it('with a real GPU the CPU models stay a choice in Settings', () => {
    const d = chooseModel(facts({}), registry, [], 'Qwen3-0.6B-Q8_0-GGUF');
    expect(d.kind === 'ok' && d.modelId).toBe('Qwen3-0.6B-Q8_0-GGUF');
    expect(d.kind === 'ok' && d.reasons.at(-1)).toEqual({ code: 'preferred' });
  });

  it('no GPU and no way to run llama.cpp (no JSPI): blocked, saying why', () => {
    const d = chooseModel(facts({ webgpu: 'absent', cpuEngine: false }), registry);
    expect(d.kind === 'blocked' && d.reason.kind).toBe('noWebGPU');
  });

  it('a software GPU where llama.cpp cannot run: web-llm on it is the only way', () => {
    const d = chooseModel(facts({ webgpu: swiftshader, cpuEngine: false }), registry);
    expect(d.kind === 'ok' && d.modelId).toBe('Qwen3-4B-Instruct-2507-q4f32_1-MLC');
  });
});

describe('supportsCpuEngine', () => {
  class Memory64 {
    constructor(d: { address?: string; initial: unknown }) {
      if (d.address === 'i64' && typeof d.initial !== 'bigint') throw new TypeError('i64 needs bigint');
    }
  }
  class Memory32 {
    constructor(d: { address?: string }) {
      if (d.address !== undefined) throw new TypeError('unknown address type');
    }
  }
  it.each([
    ['JSPI and 64-bit memory (Chrome 137+)', { Suspending: class {}, Memory: Memory64 }, true],
    ['no JSPI (Safari, Firefox)', { Memory: Memory64 }, false],
    ['JSPI without 64-bit memory', { Suspending: class {}, Memory: Memory32 }, false],
    ['no WebAssembly at all', undefined, false],
  ])('%s', (_name, wasm, expected) => {
    expect(supportsCpuEngine(wasm)).toBe(expected);
  });
});

describe('readDeviceFacts', () => {
  it('reads the adapter, memory and storage from an injected navigator', async () => {
    const f = await readDeviceFacts(
      {
        deviceMemory: 8,
        hardwareConcurrency: 4,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140',
        storage: { estimate: async () => ({ quota: 10 * GiB, usage: GiB }) },
        gpu: {
          requestAdapter: async () => ({
            features: new Set(['timestamp-query']),
            limits: { maxStorageBufferBindingSize: GiB, maxBufferSize: 2 * GiB },
            info: { vendor: 'google', architecture: 'swiftshader' },
          }),
        },
      },
      true,
    );
    expect(f).toEqual({
      mobile: false,
      deviceMemoryGB: 8,
      cores: 4,
      cpuEngine: true,
      storageAvailableBytes: 9 * GiB,
      webgpu: {
        shaderF16: false,
        maxStorageBufferBindingSize: GiB,
        maxBufferSize: 2 * GiB,
        adapterName: 'google / swiftshader',
        software: true,
      },
    });
  });

  it.each([
    ['a fallback adapter', { isFallbackAdapter: true }, { vendor: 'x', architecture: 'y' }, true],
    [
      'a fallback flag in adapter.info',
      {},
      { vendor: 'x', architecture: 'y', isFallbackAdapter: true },
      true,
    ],
    ['llvmpipe', {}, { vendor: 'mesa', architecture: 'llvmpipe' }, true],
    ['a hardware GPU', {}, { vendor: 'nvidia', architecture: 'ampere' }, false],
  ])('counts %s as software: %s', async (_name, flags, info, software) => {
    const f = await readDeviceFacts({
      gpu: {
        requestAdapter: async () => ({
          ...flags,
          features: new Set<string>(),
          limits: { maxStorageBufferBindingSize: GiB, maxBufferSize: GiB },
          info,
        }),
      },
    });
    expect(typeof f.webgpu === 'object' && f.webgpu.software).toBe(software);
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

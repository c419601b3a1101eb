/**
 * EngineState's flow with every side effect replaced: device facts, lock, download, engine, settings.
 */
import { describe, expect, it } from 'vitest';
import { EngineState, type EngineDeps } from '$lib/state/engine.svelte.ts';
import type { DeviceFacts } from '$lib/engine/capability.ts';
import { EngineError } from '$lib/engine/errors.ts';
import type { ChatEngine, GenerateResult } from '$lib/engine/types.ts';
import type { SettingStore } from '$lib/state/setting.ts';
import type { LoadSettings } from '$lib/engine/registry.ts';

const GiB = 1024 ** 3;
/** A hardware GPU without shader-f16: web-llm's q4f32_1 build. */
const gpuWithoutF16: DeviceFacts = {
  webgpu: {
    shaderF16: false,
    maxStorageBufferBindingSize: GiB,
    maxBufferSize: GiB,
    adapterName: 'intel / gen-9',
    software: false,
  },
  deviceMemoryGB: 8,
  storageAvailableBytes: 50 * GiB,
};
const DEFAULT = 'Qwen3-4B-Instruct-2507-q4f32_1-MLC';

function memorySetting(initial: string | null = null): SettingStore & { value: string | null } {
  const s = {
    value: initial,
    get: () => s.value,
    set: (v: string) => void (s.value = v),
  };
  return s;
}

let loadSettings: () => LoadSettings = () => ({ mirror: 'unset', contextWindow: null });

interface Harness {
  deps: EngineDeps;
  /** What every generate answers. */
  reply: GenerateResult;
  cached: Set<string>;
  loads: string[];
  downloads: string[];
  persisted: number;
  failLoad: unknown;
  failDownload: unknown;
  consent: ReturnType<typeof memorySetting>;
}

function harness(overrides: Partial<EngineDeps> = {}): Harness {
  const h: Harness = {
    cached: new Set(),
    loads: [],
    downloads: [],
    persisted: 0,
    failLoad: null,
    failDownload: null,
    reply: { text: '', finishReason: 'stop', usage: null },
    consent: memorySetting(),
    deps: undefined as unknown as EngineDeps,
  };
  const engine: ChatEngine = {
    load: async (id) => {
      h.loads.push(id);
      if (h.failLoad) throw h.failLoad;
    },
    generate: async () => h.reply,
    countTokens: async () => null,
    unload: async () => {},
  };
  h.deps = {
    preloadedModelId: null,
    connect: (settings) => (
      (loadSettings = settings),
      {
        engine,
        store: {
          isCached: async (id) => h.cached.has(id),
          deleteModel: async (id) => void h.cached.delete(id),
        },
        terminate: () => {},
      }
    ),
    readFacts: async () => gpuWithoutF16,
    download: async (id, _mirror, options) => {
      h.downloads.push(id);
      options.onProgress?.({
        doneBytes: 5,
        totalBytes: 10,
        fraction: 0.5,
        bytesPerSec: 1,
        secondsLeft: 5,
        filesDone: 1,
        filesTotal: 2,
      });
      if (h.failDownload) throw h.failDownload;
      h.cached.add(id);
    },
    acquireLock: async () => true,
    persist: async () => {
      h.persisted++;
      return true;
    },
    usage: async () => undefined,
    settings: { model: memorySetting(), mirror: memorySetting(), consent: h.consent },
    buildMirror: '',
    ...overrides,
  };
  return h;
}

describe('EngineState', () => {
  it('asks before downloading, then persists storage, downloads, loads and is ready', async () => {
    const h = harness();
    const state = new EngineState(h.deps);
    await state.start();
    expect(state.status).toMatchObject({ kind: 'needsConsent', modelId: DEFAULT });
    expect(h.downloads).toEqual([]);
    await state.consent();
    expect(h.persisted).toBe(1);
    expect(h.downloads).toEqual([DEFAULT]);
    expect(h.loads).toEqual([DEFAULT]);
    expect(state.ready).toBe(true);
    expect(state.contextWindow).toBe(4096);
    expect(state.generation).toEqual({ temperature: 0.3, topP: 0.9, repetitionPenalty: 1.1 });
  });

  it('loads a cached model without asking or downloading', async () => {
    const h = harness();
    h.cached.add(DEFAULT);
    const state = new EngineState(h.deps);
    await state.start();
    expect(h.downloads).toEqual([]);
    expect(state.status).toEqual({ kind: 'ready', modelId: DEFAULT });
  });

  it('after a reload mid-download, continues without asking again', async () => {
    const h = harness();
    h.consent.value = DEFAULT;
    const state = new EngineState(h.deps);
    await state.start();
    expect(h.downloads).toEqual([DEFAULT]);
    expect(state.ready).toBe(true);
  });

  it('a failed download shows its kind and can be retried', async () => {
    const h = harness();
    h.failDownload = new EngineError('network', 'Failed to fetch');
    const state = new EngineState(h.deps);
    await state.start();
    await state.consent();
    expect(state.status).toMatchObject({ kind: 'error', error: { kind: 'network' } });
    h.failDownload = null;
    await state.start();
    expect(state.ready).toBe(true);
  });

  it('pausing returns to the consent screen and a reload does not resume on its own', async () => {
    const h = harness({
      // A download that runs until it is cancelled.
      download: (_id, _mirror, options) =>
        new Promise((_resolve, reject) =>
          options.signal?.addEventListener('abort', () =>
            reject(new DOMException('cancelled', 'AbortError')),
          ),
        ),
    });
    const state = new EngineState(h.deps);
    await state.start();
    const consenting = state.consent();
    await expect.poll(() => state.status.kind).toBe('downloading');
    state.cancel();
    await consenting;
    expect(state.status).toMatchObject({ kind: 'needsConsent', paused: true });
    expect(h.consent.value).toBe('');
  });

  it('maps a failed load and offers a smaller model after running out of memory', async () => {
    const h = harness();
    h.cached.add(DEFAULT);
    h.failLoad = Object.assign(new Error('The WebGPU device was lost while loading the model.'), {
      name: 'DeviceLostError',
    });
    const state = new EngineState(h.deps);
    await state.start();
    expect(state.status).toMatchObject({ kind: 'error', error: { kind: 'deviceLost' }, modelId: DEFAULT });
    expect(state.smallerModel?.id).toBe('Qwen3-1.7B-q4f32_1-MLC');
    h.failLoad = null;
    await state.useShorterContext();
    expect(state.ready).toBe(true);
    expect(state.contextWindow).toBe(2048);
    expect(loadSettings()).toEqual({ mirror: '', contextWindow: 2048 });
    await state.useModel('Qwen3-1.7B-q4f32_1-MLC');
    expect(state.status).toMatchObject({ kind: 'needsConsent', modelId: 'Qwen3-1.7B-q4f32_1-MLC' });
  });

  it('tells a second tab it is blocked, without checking the device', async () => {
    let read = 0;
    const h = harness({ acquireLock: async () => false, readFacts: async () => (read++, gpuWithoutF16) });
    const state = new EngineState(h.deps);
    await state.start();
    expect(state.status).toEqual({ kind: 'blocked', reason: { kind: 'otherTab' } });
    expect(read).toBe(0);
  });

  it('explains a device that can run neither engine (no WebGPU, no JSPI for llama.cpp)', async () => {
    const h = harness({ readFacts: async () => ({ webgpu: 'absent', cpuEngine: false }) });
    const state = new EngineState(h.deps);
    await state.start();
    expect(state.status).toMatchObject({ kind: 'blocked', reason: { kind: 'noWebGPU' } });
  });

  it('offers the CPU engine on a device without WebGPU, and loads it after consent', async () => {
    const h = harness({ readFacts: async () => ({ webgpu: 'absent', deviceMemoryGB: 8 }) });
    const state = new EngineState(h.deps);
    await state.start();
    expect(state.status).toMatchObject({
      kind: 'needsConsent',
      modelId: 'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF',
      reasons: [{ code: 'cpu', cause: 'noWebGPU' }],
    });
    await state.consent();
    expect(h.downloads).toEqual(['Qwen3-4B-Instruct-2507-Q4_K_M-GGUF']);
    expect(h.loads).toEqual(['Qwen3-4B-Instruct-2507-Q4_K_M-GGUF']);
    expect(state.status).toEqual({ kind: 'ready', modelId: 'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF' });
  });

  it('deleting the model reports the space freed and asks again before the next download', async () => {
    const h = harness();
    h.cached.add(DEFAULT);
    const state = new EngineState(h.deps);
    await state.start();
    const freed = await state.deleteModel(DEFAULT);
    expect(freed).toBe(2530000000); // no storage estimate here: the registry's size
    expect(state.cached).toEqual([]);
    expect(state.status).toMatchObject({ kind: 'needsConsent', modelId: DEFAULT });
  });

  it('the e2e build goes straight to ready with the scripted test double', async () => {
    let read = 0;
    const h = harness({
      preloadedModelId: 'scripted-test-double',
      readFacts: async () => (read++, gpuWithoutF16),
    });
    const state = new EngineState(h.deps);
    await state.start();
    expect(state.status).toEqual({ kind: 'ready', modelId: 'scripted-test-double' });
    expect(read).toBe(0);
    expect(h.downloads).toEqual([]);
  });
});

describe('EngineState: the choice of model before downloading', () => {
  it('offers the recommended model and the smaller ones of the same engine, one per size', async () => {
    const state = new EngineState(harness().deps);
    await state.start();
    expect(state.modelChoices.map((m) => m.id)).toEqual([
      DEFAULT,
      'Qwen3-1.7B-q4f32_1-MLC',
      'Qwen3-0.6B-q4f32_1-MLC',
    ]);
    expect(state.recommendedModelId).toBe(DEFAULT);
  });

  it('choosing the small one prepares it, and the recommendation stays what the device check picks', async () => {
    const h = harness();
    const state = new EngineState(h.deps);
    await state.start();
    await state.useModel('Qwen3-0.6B-q4f32_1-MLC');
    expect(state.status).toMatchObject({ kind: 'needsConsent', modelId: 'Qwen3-0.6B-q4f32_1-MLC' });
    expect(state.recommendedModelId).toBe(DEFAULT);
    expect(h.downloads).toEqual([]);
  });

  it('offers the processor models on a device without WebGPU', async () => {
    const state = new EngineState(
      harness({ readFacts: async () => ({ webgpu: 'absent', deviceMemoryGB: 8 }) }).deps,
    );
    await state.start();
    expect(state.modelChoices.map((m) => m.engine)).toEqual(['llama.cpp', 'llama.cpp', 'llama.cpp']);
  });
});

describe('EngineState: speed measured on this device', () => {
  it('notes characters a second from real answers, keeps them across visits, ignores short ones', async () => {
    const speed = memorySetting();
    const h = harness();
    h.deps.settings.speed = speed;
    h.cached.add(DEFAULT);
    const state = new EngineState(h.deps);
    await state.start();
    h.reply = {
      text: '好'.repeat(10),
      finishReason: 'stop',
      usage: { promptTokens: 50, completionTokens: 10, decodeTokensPerSec: 20 },
    };
    await state.engine.generate([]);
    expect(state.speeds).toEqual({}); // ten tokens say little
    h.reply = {
      text: '好'.repeat(120),
      finishReason: 'stop',
      usage: { promptTokens: 50, completionTokens: 100, decodeTokensPerSec: 20 },
    };
    await state.engine.generate([]);
    expect(state.speeds).toEqual({ [DEFAULT]: 24 }); // 20 tokens/s x 1.2 characters a token
    expect(new EngineState({ ...h.deps }).speeds).toEqual({ [DEFAULT]: 24 });
  });

  it('a corrupt saved value is read as nothing measured', () => {
    const h = harness();
    h.deps.settings.speed = memorySetting('{not json');
    expect(new EngineState(h.deps).speeds).toEqual({});
  });
});

describe('EngineState: where the model is downloaded from', () => {
  it('checks the sources in the patient order, downloads from the one that answered, and keeps that choice', async () => {
    const tried: string[][] = [];
    const mirrors: string[] = [];
    const h = harness({
      mainlandFirst: () => true,
      chooseSource: async (_id, candidates) => {
        tried.push([...candidates]);
        return { mirror: 'hf-mirror', outcomes: [] };
      },
    });
    h.deps.download = async (id, mirror) => {
      mirrors.push(mirror);
      h.cached.add(id);
    };
    const state = new EngineState(h.deps);
    await state.start();
    await state.consent();
    expect(tried).toEqual([['hf-mirror', '']]); // a web-llm model: ModelScope does not carry MLC builds
    expect(mirrors).toEqual(['hf-mirror']);
    expect(h.deps.settings.mirror.get()).toBe('hf-mirror');
    expect(state.ready).toBe(true);
  });

  it('checks only the source a clinic or patient set', async () => {
    const tried: string[][] = [];
    const h = harness({
      chooseSource: async (_id, candidates) => {
        tried.push([...candidates]);
        return { mirror: candidates[0]!, outcomes: [] };
      },
    });
    h.deps.settings.mirror.set('https://mirror.clinic/models/');
    const state = new EngineState(h.deps);
    await state.start();
    await state.consent();
    expect(tried).toEqual([['https://mirror.clinic/models/']]);
  });

  it('when the set source cannot be reached, says so and offers the next source, which then downloads', async () => {
    let reachable = false;
    const h = harness({
      mainlandFirst: () => false,
      chooseSource: async (_id, candidates) => {
        if (!reachable) throw new EngineError('hostUnreachable', 'no answer', 'huggingface.co');
        return { mirror: candidates[0]!, outcomes: [] };
      },
    });
    h.deps.settings.mirror.set('huggingface');
    const state = new EngineState(h.deps);
    await state.start();
    await state.consent();
    expect(state.status).toMatchObject({
      kind: 'error',
      error: { kind: 'hostUnreachable', host: 'huggingface.co' },
    });
    expect(h.downloads).toEqual([]);
    // Not Hugging Face again (set by hand as 'huggingface', the same as the registry's own URLs).
    expect(state.nextSource(DEFAULT)).toBe('hf-mirror');
    reachable = true;
    h.consent.value = DEFAULT;
    await state.useSource('hf-mirror');
    expect(h.deps.settings.mirror.get()).toBe('hf-mirror');
    expect(h.downloads).toEqual([DEFAULT]);
    expect(state.ready).toBe(true);
  });
});

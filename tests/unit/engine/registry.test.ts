import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import registryJson from '../../../model-config/models.json';
import { registryProblems } from '../../../model-config/validate.ts';
import { modelHosts } from '../../../model-config/hosts.ts';
import {
  registry,
  resolveModelUrl,
  toAppConfig,
  weightFolderUrl,
  findModel,
  findWebLlmModel,
  sourcesFor,
  cleanModelFolder,
} from '../../../src/lib/engine/registry.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};
const pinned = { webLlm: pkg.dependencies['@mlc-ai/web-llm']!, wllama: pkg.dependencies['@wllama/wllama']! };
const clone = () =>
  structuredClone(registryJson) as unknown as {
    models: Array<Record<string, unknown>>;
    sources: Array<{ rewrites: Array<{ match: string; replace: string }> }>;
  } & Record<string, unknown>;

describe('model registry', () => {
  it('passes its schema and coupling rules against the pinned web-llm', () => {
    expect(pinned.webLlm).toMatch(/^\d+\.\d+\.\d+$/); // exact pin: libraries are ABI-coupled
    expect(pinned.wllama).toMatch(/^\d+\.\d+\.\d+$/); // exact pin: the wasm is served from our origin
    expect(registryProblems(registryJson, pinned)).toEqual([]);
  });

  it('lists the models the app offers for each engine, q4f32_1 4B as the GPU default', () => {
    const ids = (engine: string) =>
      registry.models
        .filter((m) => m.engine === engine)
        .map((m) => m.id)
        .sort();
    expect(ids('web-llm')).toEqual(
      [
        'Qwen3-0.6B-q4f32_1-MLC',
        'Qwen3-1.7B-q4f32_1-MLC',
        'Qwen3-4B-Instruct-2507-q4f16_1-MLC',
        'Qwen3-4B-Instruct-2507-q4f32_1-MLC',
      ].sort(),
    );
    expect(ids('llama.cpp')).toEqual(
      ['Qwen3-0.6B-Q8_0-GGUF', 'Qwen3-1.7B-Q4_K_M-GGUF', 'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF'].sort(),
    );
    expect(registry.defaultModelId).toBe('Qwen3-4B-Instruct-2507-q4f32_1-MLC');
    for (const m of registry.models) {
      expect(m.generation).toEqual({ temperature: 0.3, topP: 0.9, repetitionPenalty: 1.1 });
    }
    expect(findModel('Qwen3-1.7B-q4f32_1-MLC').hasThinkingMode).toBe(true);
    expect(findModel('Qwen3-4B-Instruct-2507-q4f32_1-MLC').hasThinkingMode).toBe(false);
  });

  it.each([
    ['a missing field', (r: ReturnType<typeof clone>) => delete r.models[0]!.downloadBytes, /downloadBytes/],
    [
      'another web-llm pin',
      (r: ReturnType<typeof clone>) => (r.webLlmVersion = '0.2.83'),
      /differs from package.json/,
    ],
    [
      'a library outside the ABI folder',
      (r: ReturnType<typeof clone>) =>
        (r.models[0]!.libraryUrl =
          'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_84/base/x-ctx4k_cs1k-webgpu.wasm'),
      /ABI|v0_2_80/,
    ],
    [
      'q4f16 without shader-f16',
      (r: ReturnType<typeof clone>) => (r.models[1]!.requiredFeatures = []),
      /shader-f16/,
    ],
    [
      'a context window unlike the library',
      (r: ReturnType<typeof clone>) => (r.models[0]!.contextWindow = 8192),
      /ctx4k/,
    ],
    ['an unknown default', (r: ReturnType<typeof clone>) => (r.defaultModelId = 'nope'), /defaultModelId/],
    [
      'another wllama pin',
      (r: ReturnType<typeof clone>) => (r.wllamaVersion = '3.12.0'),
      /wllamaVersion 3\.12\.0 differs/,
    ],
    [
      'a GGUF entry without its engine',
      (r: ReturnType<typeof clone>) => delete r.models[4]!.engine,
      /engine|must match/,
    ],
    [
      'a GGUF file that is not .gguf',
      (r: ReturnType<typeof clone>) =>
        ((r.models[4]!.files as Array<{ url: string }>)[0]!.url =
          'https://huggingface.co/x/resolve/main/model.bin'),
      /url|must match/,
    ],
    [
      'a GGUF model whose memory exceeds the 4 GiB wasm heap',
      (r: ReturnType<typeof clone>) => (r.models[4]!.memoryMB = 5000),
      /memoryMB|must be <= 4096/,
    ],
    [
      'a source rewriting to a host it does not list',
      (r: ReturnType<typeof clone>) => (r.sources[1]!.rewrites[0]!.replace = 'https://elsewhere.example/'),
      /rewrites to https:\/\/elsewhere\.example, which its hosts do not list/,
    ],
    [
      'a source rule that is not a regular expression',
      (r: ReturnType<typeof clone>) => (r.sources[1]!.rewrites[0]!.match = '^https://(unclosed'),
      /not a valid regular expression/,
    ],
    [
      'an http (not https) weight URL',
      (r: ReturnType<typeof clone>) => (r.models[0]!.weightUrl = 'http://x.example/m'),
      /weightUrl/,
    ],
  ])('rejects %s', (_name, mutate, message) => {
    const r = clone();
    mutate(r);
    expect(registryProblems(r, pinned).join('\n')).toMatch(message);
  });
});

describe('mirror resolution', () => {
  const hf = 'https://huggingface.co/mlc-ai/Qwen3-0.6B-q4f32_1-MLC';
  it.each([
    [hf, '', 'https://app.example', 'https://huggingface.co/mlc-ai/Qwen3-0.6B-q4f32_1-MLC'],
    [
      hf,
      'https://mirror.clinic/models',
      'https://app.example',
      'https://mirror.clinic/models/mlc-ai/Qwen3-0.6B-q4f32_1-MLC',
    ],
    [hf, '/models/', 'https://app.example', 'https://app.example/models/mlc-ai/Qwen3-0.6B-q4f32_1-MLC'],
    ['/own/model', '', 'https://app.example', 'https://app.example/own/model'],
  ])('%s with mirror %j on %s', (url, mirror, origin, expected) => {
    expect(resolveModelUrl(url, mirror, origin)).toBe(expected);
  });

  it('gives web-llm absolute folders ending in resolve/main/, so cleanModelUrl never sees a relative URL', () => {
    const config = toAppConfig({ mirror: '/models', contextWindow: null }, 'http://127.0.0.1:4321');
    for (const record of config.model_list) {
      expect(record.model).toMatch(/^http:\/\/127\.0\.0\.1:4321\/models\/mlc-ai\/.+\/resolve\/main\/$/);
      expect(record.model_lib).toMatch(
        /^http:\/\/127\.0\.0\.1:4321\/models\/mlc-ai\/binary-mlc-llm-libs\/main\/web-llm-models\/v0_2_80\/.+\.wasm$/,
      );
    }
    expect(weightFolderUrl(findWebLlmModel(registry.defaultModelId), '', 'https://a.example')).toBe(
      'https://huggingface.co/mlc-ai/Qwen3-4B-Instruct-2507-q4f32_1-MLC/resolve/main/',
    );
  });

  it("a shorter context lowers every model's window, never raises it", () => {
    const windows = (contextWindow: number | null) =>
      toAppConfig({ mirror: '', contextWindow }, 'https://a.example').model_list.map(
        (r) => r.overrides?.context_window_size,
      );
    expect(new Set(windows(null))).toEqual(new Set([4096]));
    expect(new Set(windows(2048))).toEqual(new Set([2048]));
    expect(new Set(windows(8192))).toEqual(new Set([4096]));
  });

  it.each([
    ['https://h.example/m', 'https://h.example/m/resolve/main/'],
    ['https://h.example/m/', 'https://h.example/m/resolve/main/'],
    ['https://h.example/m/resolve/v2', 'https://h.example/m/resolve/v2/'],
    ['https://h.example/m/resolve/main/', 'https://h.example/m/resolve/main/'],
  ])('cleans a model folder as web-llm does: %s', (url, folder) => {
    expect(cleanModelFolder(url)).toBe(folder);
  });

  it('rewrites registry URLs for a named source by its rules, and leaves URLs no rule matches alone', () => {
    const lib = findWebLlmModel(registry.defaultModelId).libraryUrl;
    expect(resolveModelUrl(`${hf}/resolve/main/mlc-chat-config.json`, 'hf-mirror', 'https://a.example')).toBe(
      'https://hf-mirror.com/mlc-ai/Qwen3-0.6B-q4f32_1-MLC/resolve/main/mlc-chat-config.json',
    );
    expect(resolveModelUrl(lib, 'hf-mirror', 'https://a.example')).toBe(
      lib.replace(
        'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/',
        'https://cdn.jsdelivr.net/gh/mlc-ai/binary-mlc-llm-libs@main/',
      ),
    );
    // ModelScope keeps files under /models/<org>/<repo>/resolve/master/.
    const gguf = 'https://huggingface.co/Qwen/Qwen3-0.6B-GGUF/resolve/main/Qwen3-0.6B-Q8_0.gguf';
    expect(resolveModelUrl(gguf, 'modelscope', 'https://a.example')).toBe(
      'https://modelscope.cn/models/Qwen/Qwen3-0.6B-GGUF/resolve/master/Qwen3-0.6B-Q8_0.gguf',
    );
    expect(resolveModelUrl(lib, 'modelscope', 'https://a.example')).toBe(lib);
  });

  it('offers each model the sources that carry its engine, Hugging Face first', () => {
    const ids = (id: string) => sourcesFor(findModel(id)).map((s) => s.id);
    expect(ids(registry.defaultModelId)).toEqual(['huggingface', 'hf-mirror']);
    expect(ids('Qwen3-0.6B-Q8_0-GGUF')).toEqual(['huggingface', 'hf-mirror', 'modelscope']);
  });

  it('allows in the CSP exactly the registry hosts and its sources, or only the mirror', () => {
    const hosts = modelHosts(undefined);
    expect(hosts).toEqual(
      expect.arrayContaining(['https://huggingface.co', 'https://raw.githubusercontent.com']),
    );
    for (const source of registry.sources ?? []) expect(hosts).toEqual(expect.arrayContaining(source.hosts));
    // Every rewrite lands on a host its source lists.
    for (const source of registry.sources ?? [])
      for (const rule of source.rewrites)
        expect(source.hosts).toContain(new URL(rule.replace.replace(/\$\d/g, 'x')).origin);
    expect(modelHosts('https://mirror.clinic/models/')).toEqual(['https://mirror.clinic']);
    expect(modelHosts('/models/')).toEqual([]);
  });
});

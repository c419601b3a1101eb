/**
 * The worker's tokenizer loader: where web-llm cached tokenizer.json, how the library's UMD build is
 * unwrapped, and a real @mlc-ai/web-tokenizers Tokenizer built from the fixture tokenizer.json that
 * scripts/make-model-fixture.ts writes for the end-to-end tests.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@mlc-ai/web-llm';
import { makeModelFixture } from '../../../scripts/make-model-fixture.ts';
import { registry } from '../../../src/lib/engine/registry.ts';
import { tokenizerClassOf } from '../../../src/lib/engine/tokenizer.ts';
import { loadCachedTokenizer, tokenizerJsonUrl } from '../../../src/lib/engine/webllm/tokenizer.ts';

/** The library as the worker's dynamic import sees it; a double, since its UMD build needs a browser global. */
const library = vi.hoisted(() => ({
  fromJSON: vi.fn(async (json: ArrayBuffer) => ({ encode: () => new Int32Array(json.byteLength) })),
}));
// Shaped as Vite's bundle exposes it: a CommonJS default export, no named one.
vi.mock('@mlc-ai/web-tokenizers', () => ({
  Tokenizer: undefined,
  default: { Tokenizer: { fromJSON: library.fromJSON } },
}));

function configWith(model: string, modelId = 'm'): AppConfig {
  return {
    model_list: [{ model, model_id: modelId, model_lib: 'https://x/lib.wasm' }],
    useIndexedDBCache: false,
  };
}

describe('tokenizerJsonUrl', () => {
  it.each([
    ['https://hf.co/mlc-ai/Qwen3-MLC', 'https://hf.co/mlc-ai/Qwen3-MLC/resolve/main/tokenizer.json'],
    ['https://hf.co/mlc-ai/Qwen3-MLC/', 'https://hf.co/mlc-ai/Qwen3-MLC/resolve/main/tokenizer.json'],
    [
      'https://hf.co/mlc-ai/Qwen3-MLC/resolve/main/',
      'https://hf.co/mlc-ai/Qwen3-MLC/resolve/main/tokenizer.json',
    ],
    ['https://hf.co/mlc-ai/Qwen3-MLC/resolve/v2', 'https://hf.co/mlc-ai/Qwen3-MLC/resolve/v2/tokenizer.json'],
    ['https://clinic.lan/models/mlc-ai/Q', 'https://clinic.lan/models/mlc-ai/Q/resolve/main/tokenizer.json'],
  ])('%s -> %s (as web-llm cleanModelUrl makes it)', (model, expected) => {
    expect(tokenizerJsonUrl('m', configWith(model))).toBe(expected);
  });

  it('throws for a model that is not in the app config', () => {
    expect(() => tokenizerJsonUrl('other', configWith('https://hf.co/x'))).toThrow(/other/);
  });
});

describe('tokenizerClassOf', () => {
  const Tokenizer = { fromJSON: async () => ({ encode: () => [] }) };
  it.each([
    ['named export', { Tokenizer }, {}],
    ['CommonJS default (how Vite bundles it)', { default: { Tokenizer } }, {}],
    ['UMD global (plain ES module import)', {}, { tokenizers: { Tokenizer } }],
  ])('finds the class as a %s', (_how, module, global) => {
    expect(tokenizerClassOf(module, global)).toBe(Tokenizer);
  });

  it('throws when the library exposed none', () => {
    expect(() => tokenizerClassOf({}, {})).toThrow(/no Tokenizer/);
  });
});

describe('loadCachedTokenizer', () => {
  const url = 'https://hf.co/mlc-ai/Q/resolve/main/tokenizer.json';
  /** Cache Storage with one entry per cache name and URL. */
  function stubCaches(entries: Record<string, Record<string, string>>): string[] {
    const opened: string[] = [];
    vi.stubGlobal('caches', {
      open: async (name: string) => {
        opened.push(name);
        return {
          match: async (request: Request) => {
            const body = entries[name]?.[request.url];
            return body === undefined ? undefined : new Response(body);
          },
        };
      },
    });
    return opened;
  }
  afterEach(() => {
    vi.unstubAllGlobals();
    library.fromJSON.mockClear();
  });

  it("builds the tokenizer from the tokenizer.json in web-llm's model cache", async () => {
    const opened = stubCaches({ 'webllm/model': { [url]: '{"tok":1}' } });
    const tokenizer = await loadCachedTokenizer('m', configWith('https://hf.co/mlc-ai/Q'));
    expect(opened).toEqual(['webllm/model']);
    expect(library.fromJSON).toHaveBeenCalledTimes(1);
    expect(new TextDecoder().decode(library.fromJSON.mock.calls[0]![0])).toBe('{"tok":1}');
    expect(tokenizer.encode('anything').length).toBe('{"tok":1}'.length);
  });

  it('throws when the file is not cached, without fetching it', async () => {
    stubCaches({ 'webllm/model': {} });
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    await expect(loadCachedTokenizer('m', configWith('https://hf.co/mlc-ai/Q'))).rejects.toThrow(
      /No cached tokenizer.json/,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(library.fromJSON).not.toHaveBeenCalled();
  });
});

describe('a real web-tokenizers Tokenizer on the fixture tokenizer.json', () => {
  let tokenizer: { encode(text: string): Int32Array; dispose(): void };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenizer-'));
    const model = registry.models[0]!;
    const file = makeModelFixture(dir, { shards: 1, shardBytes: 16, models: [model.id] }).find((f) =>
      f.path.endsWith('/tokenizer.json'),
    );
    const json = readFileSync(join(dir, file!.path));
    // The package is a UMD bundle marked "type": "module": Node's ES loader gives it no `require`, which its
    // Node branch needs, so load it as the CommonJS it also is (a .cjs copy), as Vite's bundle treats it.
    const require = createRequire(import.meta.url);
    const cjs = join(dir, 'web-tokenizers.cjs');
    copyFileSync(require.resolve('@mlc-ai/web-tokenizers'), cjs);
    const Tokenizer = tokenizerClassOf(require(cjs));
    tokenizer = (await Tokenizer.fromJSON(
      json.buffer.slice(json.byteOffset, json.byteOffset + json.byteLength),
    )) as typeof tokenizer;
    return () => {
      tokenizer.dispose();
      rmSync(dir, { recursive: true, force: true });
    };
  });

  it.each([
    ['ab', 1], // the fixture's one merge: a + b -> ab
    ['abc', 2],
    ['ab ab', 3],
    ['a b c', 5],
    ['ba', 2],
    ['', 0],
  ])('encode(%j) has %i tokens, with no special tokens added', (text, tokens) => {
    expect(tokenizer.encode(text).length).toBe(tokens);
  });
});

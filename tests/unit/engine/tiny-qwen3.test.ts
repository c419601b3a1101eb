/**
 * The project's GGUF writer and the tiny qwen3 fixture it writes for real llama.cpp inference in the e2e
 * tests: a valid GGUF v3 header and metadata, aligned tensor data, and a tokenizer.json that tokenizes as the
 * GGUF's own vocabulary does (the app counts prompt tokens with it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGguf } from '../../../scripts/lib/gguf.ts';
import { makeTinyQwen3, QWEN3_CHAT_TEMPLATE } from '../../../scripts/lib/tiny-qwen3.ts';
import { tokenizerClassOf } from '../../../src/lib/engine/tokenizer.ts';

/** Reads the header and metadata of a GGUF file (strings, u32, f32, bool and arrays of strings or i32). */
function readGguf(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = () => ((at += 4), view.getUint32(at - 4, true));
  const u64 = () => ((at += 8), Number(view.getBigUint64(at - 8, true)));
  const str = () => {
    const n = u64();
    at += n;
    return new TextDecoder().decode(bytes.subarray(at - n, at));
  };
  const value = (type: number): unknown => {
    switch (type) {
      case 4:
        return u32();
      case 5:
        return ((at += 4), view.getInt32(at - 4, true));
      case 6:
        return ((at += 4), view.getFloat32(at - 4, true));
      case 7:
        return bytes[at++] === 1;
      case 8:
        return str();
      case 9: {
        const inner = u32();
        return Array.from({ length: u64() }, () => value(inner));
      }
      default:
        throw new Error(`type ${type}`);
    }
  };
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  at = 4;
  const version = u32();
  const tensors = u64();
  const kvs = u64();
  const meta = new Map<string, unknown>();
  for (let i = 0; i < kvs; i++) {
    const key = str();
    meta.set(key, value(u32()));
  }
  const infos = Array.from({ length: tensors }, () => {
    const name = str();
    const dims = Array.from({ length: u32() }, () => u64());
    return { name, dims, type: u32(), offset: u64() };
  });
  return { magic, version, meta, infos, dataStart: Math.ceil(at / 32) * 32 };
}

describe('writeGguf', () => {
  it('writes a header, metadata and 32-byte aligned tensors that read back', () => {
    const file = writeGguf(
      [
        ['general.architecture', { type: 'string', value: 'qwen3' }],
        ['x.count', { type: 'u32', value: 7 }],
      ],
      [
        { name: 'a', dims: [3], data: Float32Array.of(1, 2, 3) },
        { name: 'b', dims: [2, 2], data: Float32Array.of(4, 5, 6, 7) },
      ],
    );
    const read = readGguf(file);
    expect(read).toMatchObject({ magic: 'GGUF', version: 3 });
    expect(read.meta.get('general.architecture')).toBe('qwen3');
    expect(read.infos).toEqual([
      { name: 'a', dims: [3], type: 0, offset: 0 },
      { name: 'b', dims: [2, 2], type: 0, offset: 32 },
    ]);
    const b = new Float32Array(file.buffer.slice(read.dataStart + 32, read.dataStart + 48));
    expect(Array.from(b)).toEqual([4, 5, 6, 7]);
  });

  it('refuses a tensor whose data does not match its dims', () => {
    expect(() => writeGguf([], [{ name: 'a', dims: [4], data: new Float32Array(3) }])).toThrow(/a: 3 values/);
  });
});

describe('the tiny qwen3 fixture', () => {
  const model = makeTinyQwen3();
  const read = readGguf(model.gguf);
  let encode: (text: string) => ArrayLike<number>;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiny-qwen3-'));
    const require = createRequire(import.meta.url);
    const cjs = join(dir, 'web-tokenizers.cjs');
    copyFileSync(require.resolve('@mlc-ai/web-tokenizers'), cjs);
    const bytes = new TextEncoder().encode(model.tokenizerJson);
    const tokenizer = await tokenizerClassOf(require(cjs)).fromJSON(bytes.buffer as ArrayBuffer);
    encode = (text) => tokenizer.encode(text);
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('is a qwen3 model with every tensor llama.cpp asks for', () => {
    expect(read.meta.get('general.architecture')).toBe('qwen3');
    expect(read.meta.get('tokenizer.chat_template')).toBe(QWEN3_CHAT_TEMPLATE);
    const names = read.infos.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['token_embd.weight', 'output.weight', 'output_norm.weight']),
    );
    const perLayer = ['attn_norm', 'attn_q', 'attn_k', 'attn_v', 'attn_output', 'attn_q_norm', 'attn_k_norm'];
    for (const l of [0, 1])
      for (const t of [...perLayer, 'ffn_norm', 'ffn_gate', 'ffn_up', 'ffn_down'])
        expect(names).toContain(`blk.${l}.${t}.weight`);
  });

  it('has the same vocabulary and merges in the GGUF and the tokenizer.json', () => {
    const tokens = read.meta.get('tokenizer.ggml.tokens') as string[];
    const json = JSON.parse(model.tokenizerJson) as {
      model: { vocab: Record<string, number>; merges: string[] };
      added_tokens: Array<{ id: number; content: string }>;
    };
    expect(tokens).toHaveLength(model.vocabSize);
    for (const [token, id] of Object.entries(json.model.vocab)) expect(tokens[id]).toBe(token);
    for (const special of json.added_tokens) expect(tokens[special.id]).toBe(special.content);
    expect(read.meta.get('tokenizer.ggml.merges')).toEqual(json.model.merges);
  });

  it.each([
    ['我最近总是失眠，怎么办？', 12], // one token per Chinese character and full-width mark, as Qwen mostly spends
    ['the', 2], // t + he
    ['a', 1],
  ])('tokenizes %j into %i tokens', (text, count) => {
    expect(encode(text).length).toBe(count);
  });
});

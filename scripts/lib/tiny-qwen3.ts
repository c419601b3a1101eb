/**
 * A tiny random-weight `qwen3` model that llama.cpp really runs: 2 layers, 64 wide, a byte-level BPE
 * vocabulary (the 256 GPT-2 byte tokens, a few English merges, one token per CJK character as Qwen's own
 * vocabulary mostly has, and Qwen's three special tokens) and the Qwen3 ChatML chat template. It is a real
 * engine on a fake model: what it says is noise, never medical text.
 *
 * One token per Chinese character matters: at three byte tokens per character the app's Chinese system
 * prompt alone would cost three times what it costs the real model, and attention over the longer prompt
 * makes every test answer seconds slower.
 *
 * Two choices keep its output usable in tests, with no special sampling flags:
 * - Dimension 0 of every token embedding is a large constant that no layer writes to (row 0 of
 *   attn_output and ffn_down is zero), so after the final norm it dominates; tokens whose `output` row
 *   has a large negative weight there are never sampled. That bans the end-of-turn tokens (an answer
 *   runs until the app's max_tokens or a stop) and non-ASCII bytes (the noise is printable ASCII, never
 *   broken UTF-8).
 * - A separate `output` matrix: tied random embeddings only repeat the last token.
 *
 * The same vocabulary goes out as a Hugging Face tokenizer.json, the file the app counts tokens with.
 */
import { writeGguf, type GgufTensor, type GgufValue } from './gguf.ts';
import { xorshift32 } from './xorshift.ts';

const E = 64;
const LAYERS = 2;
const HEADS = 4;
const KV_HEADS = 2;
const HEAD_DIM = 32;
const FF = 128;
export const TINY_CONTEXT = 4096;

/** GPT-2's printable stand-ins for the 256 bytes (bytes_to_unicode). */
function byteAlphabet(): string[] {
  const printable = new Set<number>();
  for (let b = 0x21; b <= 0x7e; b++) printable.add(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.add(b);
  for (let b = 0xae; b <= 0xff; b++) printable.add(b);
  const out: string[] = [];
  let next = 0;
  for (let b = 0; b < 256; b++) out.push(String.fromCodePoint(printable.has(b) ? b : 256 + next++));
  return out;
}

const ENGLISH_MERGES: ReadonlyArray<[string, string]> = [
  ['Ġ', 't'],
  ['h', 'e'],
  ['i', 'n'],
  ['e', 'r'],
  ['Ġ', 'a'],
];

/** CJK ideographs, CJK punctuation and full-width forms: three UTF-8 bytes each. */
const CJK_RANGES: ReadonlyArray<[number, number]> = [
  [0x3000, 0x303f],
  [0x4e00, 0x9fff],
  [0xff00, 0xffef],
];

/**
 * Merges that make each CJK character one token: first its two leading bytes, then those with the third.
 * All pair merges rank before all character merges, so llama.cpp and the tokenizer.json agree.
 */
function cjkMerges(bytes: readonly string[]): { merges: Array<[string, string]>; chars: Set<string> } {
  const pairs = new Map<string, [string, string]>();
  const full: Array<[string, string]> = [];
  const chars = new Set<string>();
  for (const [from, to] of CJK_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      const [b1, b2, b3] = new TextEncoder().encode(String.fromCodePoint(cp));
      const lead = bytes[b1!]! + bytes[b2!]!;
      pairs.set(lead, [bytes[b1!]!, bytes[b2!]!]);
      full.push([lead, bytes[b3!]!]);
      chars.add(lead + bytes[b3!]!);
    }
  }
  return { merges: [...pairs.values(), ...full], chars };
}
const SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;

/** The Qwen3 instruct template's ChatML core (system, user and assistant turns; no tools). */
export const QWEN3_CHAT_TEMPLATE =
  "{%- for message in messages %}{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

/** Deterministic uniform noise in [-scale, scale]. */
function noise(length: number, seed: number, scale: number): Float32Array {
  const next = xorshift32(seed);
  return Float32Array.from({ length }, () => ((next() / 0xffffffff) * 2 - 1) * scale);
}
const ones = (n: number) => new Float32Array(n).fill(1);

export interface TinyModel {
  gguf: Uint8Array;
  tokenizerJson: string;
  vocabSize: number;
}

export function makeTinyQwen3(): TinyModel {
  const bytes = byteAlphabet();
  const cjk = cjkMerges(bytes);
  const merges = [...ENGLISH_MERGES, ...cjk.merges];
  const tokens = [...bytes, ...merges.map(([a, b]) => a + b), ...SPECIALS];
  const V = tokens.length;
  const ids = new Map(tokens.map((t, i) => [t, i]));
  const id = (t: string) => ids.get(t)!;
  const tokenTypes = tokens.map((_, i) => (i >= V - SPECIALS.length ? 3 : 1));

  // Printable ASCII, newline, English merges and whole CJK characters may be sampled; everything else
  // (lone high bytes, half characters, the special tokens) is banned (see the file comment).
  const allowed = (i: number): boolean => {
    if (i < 256) return (i >= 0x20 && i <= 0x7e) || i === 0x0a;
    if (i < 256 + ENGLISH_MERGES.length) return true;
    return i < V - SPECIALS.length && cjk.chars.has(tokens[i]!);
  };
  const embd = noise(E * V, 1, 0.6);
  for (let v = 0; v < V; v++) embd[v * E] = 12;
  const output = noise(E * V, 2, 0.05);
  for (let v = 0; v < V; v++) output[v * E] = allowed(v) ? 0 : -4;
  const zeroRow0 = (m: Float32Array, rowLength: number) => (m.fill(0, 0, rowLength), m);

  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', dims: [E, V], data: embd },
    { name: 'output_norm.weight', dims: [E], data: ones(E) },
    { name: 'output.weight', dims: [E, V], data: output },
  ];
  for (let l = 0; l < LAYERS; l++) {
    const s = 10 + l * 10;
    const p = `blk.${l}`;
    tensors.push(
      { name: `${p}.attn_norm.weight`, dims: [E], data: ones(E) },
      {
        name: `${p}.attn_q.weight`,
        dims: [E, HEAD_DIM * HEADS],
        data: noise(E * HEAD_DIM * HEADS, s + 1, 0.2),
      },
      {
        name: `${p}.attn_k.weight`,
        dims: [E, HEAD_DIM * KV_HEADS],
        data: noise(E * HEAD_DIM * KV_HEADS, s + 2, 0.2),
      },
      {
        name: `${p}.attn_v.weight`,
        dims: [E, HEAD_DIM * KV_HEADS],
        data: noise(E * HEAD_DIM * KV_HEADS, s + 3, 0.2),
      },
      {
        name: `${p}.attn_output.weight`,
        dims: [HEAD_DIM * HEADS, E],
        data: zeroRow0(noise(HEAD_DIM * HEADS * E, s + 4, 0.2), HEAD_DIM * HEADS),
      },
      { name: `${p}.attn_q_norm.weight`, dims: [HEAD_DIM], data: ones(HEAD_DIM) },
      { name: `${p}.attn_k_norm.weight`, dims: [HEAD_DIM], data: ones(HEAD_DIM) },
      { name: `${p}.ffn_norm.weight`, dims: [E], data: ones(E) },
      { name: `${p}.ffn_gate.weight`, dims: [E, FF], data: noise(E * FF, s + 5, 0.2) },
      { name: `${p}.ffn_up.weight`, dims: [E, FF], data: noise(E * FF, s + 6, 0.2) },
      { name: `${p}.ffn_down.weight`, dims: [FF, E], data: zeroRow0(noise(FF * E, s + 7, 0.2), FF) },
    );
  }

  const u32 = (value: number): GgufValue => ({ type: 'u32', value });
  const metadata: Array<[string, GgufValue]> = [
    ['general.architecture', { type: 'string', value: 'qwen3' }],
    ['general.name', { type: 'string', value: 'tiny-random-qwen3 (test fixture, not a real model)' }],
    ['qwen3.context_length', u32(TINY_CONTEXT)],
    ['qwen3.embedding_length', u32(E)],
    ['qwen3.block_count', u32(LAYERS)],
    ['qwen3.feed_forward_length', u32(FF)],
    ['qwen3.attention.head_count', u32(HEADS)],
    ['qwen3.attention.head_count_kv', u32(KV_HEADS)],
    ['qwen3.attention.key_length', u32(HEAD_DIM)],
    ['qwen3.attention.value_length', u32(HEAD_DIM)],
    ['qwen3.rope.freq_base', { type: 'f32', value: 1_000_000 }],
    ['qwen3.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-6 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'gpt2' }],
    ['tokenizer.ggml.pre', { type: 'string', value: 'qwen2' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: tokens }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: tokenTypes }],
    ['tokenizer.ggml.merges', { type: 'string[]', value: merges.map(([a, b]) => `${a} ${b}`) }],
    ['tokenizer.ggml.eos_token_id', u32(id('<|im_end|>'))],
    ['tokenizer.ggml.padding_token_id', u32(id('<|endoftext|>'))],
    ['tokenizer.ggml.bos_token_id', u32(id('<|endoftext|>'))],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: QWEN3_CHAT_TEMPLATE }],
  ];

  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(tokens.slice(0, V - SPECIALS.length).map((t, i) => [t, i])),
      merges: merges.map(([a, b]) => `${a} ${b}`),
    },
  };
  return { gguf: writeGguf(metadata, tensors), tokenizerJson: JSON.stringify(tokenizer), vocabSize: V };
}

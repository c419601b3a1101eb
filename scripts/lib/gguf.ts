/**
 * A minimal GGUF (version 3) writer: metadata key/values and F32 tensors, enough for llama.cpp to load a
 * small model. It exists so the tests can run real llama.cpp inference on a model the project generates;
 * it writes no quantized types.
 *
 * Layout (ggml/docs/gguf.md): magic "GGUF", version, tensor count, kv count, the key/values, the tensor
 * infos (name, dims with the first dimension first, type, offset), padding to `general.alignment`, data.
 */

export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'i32[]'; value: readonly number[] };

export interface GgufTensor {
  name: string;
  /** First dimension first, as ggml's ne[] (a [E, V] embedding has V rows of E values). */
  dims: readonly number[];
  data: Float32Array;
}

const ALIGNMENT = 32;
const TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;
const GGML_F32 = 0;

class ByteSink {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;
  get length(): number {
    return this.#length;
  }
  bytes(b: Uint8Array): void {
    this.#chunks.push(b);
    this.#length += b.byteLength;
  }
  /** One little-endian number of `size` bytes. */
  #fixed(size: number, set: (view: DataView) => void): void {
    const b = new Uint8Array(size);
    set(new DataView(b.buffer));
    this.bytes(b);
  }
  u32(n: number): void {
    this.#fixed(4, (v) => v.setUint32(0, n, true));
  }
  i32(n: number): void {
    this.#fixed(4, (v) => v.setInt32(0, n, true));
  }
  f32(n: number): void {
    this.#fixed(4, (v) => v.setFloat32(0, n, true));
  }
  u64(n: number): void {
    this.#fixed(8, (v) => v.setBigUint64(0, BigInt(n), true));
  }
  string(s: string): void {
    const utf8 = new TextEncoder().encode(s);
    this.u64(utf8.byteLength);
    this.bytes(utf8);
  }
  padTo(alignment: number): void {
    const rest = this.#length % alignment;
    if (rest) this.bytes(new Uint8Array(alignment - rest));
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }
}

function writeValue(sink: ByteSink, v: GgufValue): void {
  switch (v.type) {
    case 'u32':
      sink.u32(TYPE.u32);
      return sink.u32(v.value);
    case 'i32':
      sink.u32(TYPE.i32);
      return sink.i32(v.value);
    case 'f32':
      sink.u32(TYPE.f32);
      return sink.f32(v.value);
    case 'bool':
      sink.u32(TYPE.bool);
      return sink.bytes(Uint8Array.of(v.value ? 1 : 0));
    case 'string':
      sink.u32(TYPE.string);
      return sink.string(v.value);
    case 'string[]':
      sink.u32(TYPE.array);
      sink.u32(TYPE.string);
      sink.u64(v.value.length);
      for (const s of v.value) sink.string(s);
      return;
    case 'i32[]':
      sink.u32(TYPE.array);
      sink.u32(TYPE.i32);
      sink.u64(v.value.length);
      for (const n of v.value) sink.i32(n);
      return;
  }
}

/**
 * Serialises a model.
 * @throws Error when a tensor's data length does not match its dims
 */
export function writeGguf(
  metadata: ReadonlyArray<[string, GgufValue]>,
  tensors: readonly GgufTensor[],
): Uint8Array {
  const sink = new ByteSink();
  sink.bytes(new TextEncoder().encode('GGUF'));
  sink.u32(3);
  sink.u64(tensors.length);
  sink.u64(metadata.length);
  for (const [key, value] of metadata) {
    sink.string(key);
    writeValue(sink, value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length)
      throw new Error(`${t.name}: ${t.data.length} values for dims ${t.dims.join('x')}`);
    sink.string(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(GGML_F32);
    sink.u64(offset);
    offsets.push(offset);
    offset += Math.ceil((count * 4) / ALIGNMENT) * ALIGNMENT;
  }
  sink.padTo(ALIGNMENT);
  for (const t of tensors) {
    sink.bytes(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    sink.padTo(ALIGNMENT);
  }
  return sink.concat();
}

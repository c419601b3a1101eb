/**
 * Deterministic pseudo-random 32-bit numbers (xorshift32), so a fixture rerun writes identical files.
 * Shared by the MLC fixture (bytes) and the tiny GGUF (weights).
 */
export function xorshift32(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

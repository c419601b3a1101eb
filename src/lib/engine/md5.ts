/**
 * Incremental hashes for checking downloads: MD5 for MLC shards (tensor-cache.json's md5sum), SHA-256 for
 * GGUF files whose registry entry gives one. A module of its own so the download's lazy chunk imports only
 * these two from hash-wasm (a dynamic import of 'hash-wasm' itself would bring every algorithm it has).
 */
import { createMD5, createSHA256 } from 'hash-wasm';
import type { Md5Factory } from './download.ts';

export const md5: NonNullable<Md5Factory> = async () => {
  const hasher = await createMD5();
  return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest('hex') };
};

export const sha256: NonNullable<Md5Factory> = async () => {
  const hasher = await createSHA256();
  return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest('hex') };
};

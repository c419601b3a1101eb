/**
 * Incremental MD5 for checking downloaded shards against tensor-cache.json's md5sum. A module of its own
 * so the download's lazy chunk imports only hash-wasm's MD5 (a dynamic import of 'hash-wasm' itself would
 * bring every algorithm it has).
 */
import { createMD5 } from 'hash-wasm';
import type { Md5Factory } from './download.ts';

export const md5: NonNullable<Md5Factory> = async () => {
  const hasher = await createMD5();
  return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest('hex') };
};

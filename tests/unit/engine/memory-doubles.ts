/**
 * In-memory stand-ins for Cache Storage and a model host, for the download manager's unit tests and the
 * Node benchmark's cache. The host serves byte arrays with HTTP Range support and can be told to cut a
 * transfer after some bytes, to fail requests, or to refuse writes as a full disk would.
 */
import type { CacheLike, CacheStorageLike, FetchLike } from '../../../src/lib/engine/download.ts';

export class MemoryCaches implements CacheStorageLike {
  readonly stores = new Map<string, Map<string, Blob>>();
  /** When set, put() rejects once the total stored size would exceed it (a full disk). */
  quotaBytes = Infinity;

  used(): number {
    let n = 0;
    for (const store of this.stores.values()) for (const b of store.values()) n += b.size;
    return n;
  }

  keys(name: string): string[] {
    return [...(this.stores.get(name)?.keys() ?? [])];
  }

  async open(name: string): Promise<CacheLike> {
    const store = this.stores.get(name) ?? new Map<string, Blob>();
    this.stores.set(name, store);
    return {
      match: async (url) => {
        const blob = store.get(url);
        return blob ? new Response(blob, { headers: { 'content-length': String(blob.size) } }) : undefined;
      },
      put: async (url, response) => {
        const blob = await response.blob();
        if (this.used() - (store.get(url)?.size ?? 0) + blob.size > this.quotaBytes) {
          throw new DOMException('Quota exceeded.', 'QuotaExceededError');
        }
        store.set(url, blob);
      },
      delete: async (url) => store.delete(url),
    };
  }
}

export interface HostRequest {
  url: string;
  range: string | null;
}

export class MemoryHost {
  readonly files = new Map<string, Uint8Array>();
  /** Content-Type per url, sent when set. */
  readonly types = new Map<string, string>();
  readonly log: HostRequest[] = [];
  /** url -> bytes after which the next transfer of that file is cut (once). */
  readonly cutOnce = new Map<string, number>();
  /** Requests that fail outright before this many have been made (a dropped network). */
  failFirst = 0;
  honourRange = true;

  readonly fetch: FetchLike = async (url, init) => {
    const range = init?.headers?.Range ?? null;
    this.log.push({ url, range });
    if (this.log.length <= this.failFirst) throw new TypeError('Failed to fetch');
    const body = this.files.get(url);
    if (!body) return new Response('not found', { status: 404 });
    let start = 0;
    let status = 200;
    if (range && this.honourRange) {
      start = Number(/bytes=(\d+)-/.exec(range)?.[1] ?? 0);
      if (start >= body.length) return new Response(null, { status: 416 });
      status = 206;
    }
    const slice = body.subarray(start);
    const cut = this.cutOnce.get(url);
    if (cut !== undefined) this.cutOnce.delete(url);
    const signal = init?.signal;
    // Pull-based, like a socket: a cut or an abort shows up at the next read.
    let i = 0;
    const chunk = 1024;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (signal?.aborted) return controller.error(new DOMException('aborted', 'AbortError'));
        if (cut !== undefined && i >= cut)
          return controller.error(new TypeError('network error: connection reset'));
        if (i >= slice.length) return controller.close();
        controller.enqueue(slice.slice(i, i + chunk));
        i += chunk;
      },
    });
    signal?.throwIfAborted();
    const type = this.types.get(url);
    return new Response(stream, {
      status,
      headers: { 'content-length': String(slice.length), ...(type ? { 'content-type': type } : {}) },
    });
  };
}

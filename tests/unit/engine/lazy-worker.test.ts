import { describe, expect, it } from 'vitest';
import { lazyWorker } from '../../../src/lib/engine/worker/lazy-worker.ts';
import type { EngineRequest } from '../../../src/lib/engine/worker/protocol.ts';

class FakeWorker {
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
}

const unload: EngineRequest = { kind: 'unload', id: 1 };

describe('lazyWorker', () => {
  it('starts no worker until the first request, then one for all requests, and a new one after terminate', () => {
    const started: FakeWorker[] = [];
    const port = lazyWorker(() => {
      const w = new FakeWorker();
      started.push(w);
      return w as unknown as Worker;
    });
    expect(started).toHaveLength(0);
    port.postMessage(unload);
    port.postMessage({ ...unload, id: 2 });
    expect(started).toHaveLength(1);
    expect(started[0]!.posted).toEqual([unload, { ...unload, id: 2 }]);
    port.terminate?.();
    expect(started[0]!.terminated).toBe(true);
    port.postMessage({ ...unload, id: 3 });
    expect(started).toHaveLength(2);
  });

  it('runs beforeSend with the live worker before each request, and passes replies and errors through', () => {
    const worker = new FakeWorker();
    const port = lazyWorker(
      () => worker as unknown as Worker,
      (message, w) => w.postMessage({ before: message.id }),
    );
    const replies: unknown[] = [];
    const errors: unknown[] = [];
    port.onmessage = (event) => replies.push(event.data);
    port.onerror = (event) => errors.push(event.message);
    port.postMessage(unload);
    expect(worker.posted).toEqual([{ before: 1 }, unload]);
    worker.onmessage?.({ data: { kind: 'done', id: 1 } } as MessageEvent);
    worker.onerror?.({ message: 'boom' } as ErrorEvent);
    expect(replies).toEqual([{ kind: 'done', id: 1 }]);
    expect(errors).toEqual(['boom']);
  });
});

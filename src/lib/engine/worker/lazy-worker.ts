/** A ChatWorker over a real Worker that starts on first use, so a page (or a second tab) that never loads a model never spawns one. */
import type { ChatWorker, EngineRequest, EngineResponse } from './protocol.ts';

/**
 * @param start creates the worker (written at the call site: Vite bundles only `new Worker(new URL(...))` literals)
 * @param beforeSend runs before each request is posted, with the live worker (the e2e double sends its script)
 */
export function lazyWorker(
  start: () => Worker,
  beforeSend?: (message: EngineRequest, worker: Worker) => void,
): ChatWorker {
  let worker: Worker | null = null;
  const port: ChatWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message: EngineRequest) {
      if (!worker) {
        worker = start();
        worker.onmessage = (event: MessageEvent<EngineResponse>) => port.onmessage?.({ data: event.data });
        worker.onerror = (event) => port.onerror?.({ message: event.message });
      }
      beforeSend?.(message, worker);
      worker.postMessage(message);
    },
    terminate() {
      worker?.terminate();
      worker = null;
    },
  };
  return port;
}

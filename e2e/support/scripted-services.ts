/**
 * TEST DOUBLE's composition: what src/app/engine-services.ts provides in the production build, for the e2e
 * build (vite.config.ts swaps the module in `--mode e2e`). The app gets the real WorkerChatEngine, over a
 * real worker hosting the scripted backend (scripted-worker.ts); nothing is downloaded, so there is no model
 * store. The spec's script and log live on the page (window.__E2E_SCRIPT__, window.__E2E_LOG__): this port
 * hands the script to the worker before each request and logs what each answer was asked.
 */
import { WorkerChatEngine } from '../../src/lib/engine/worker/client.ts';
import { lazyWorker } from '../../src/lib/engine/worker/lazy-worker.ts';
import type { ChatWorker } from '../../src/lib/engine/worker/protocol.ts';
import type { EngineServices } from '../../src/lib/engine/services.ts';
import type { LoadSettings } from '../../src/lib/engine/registry.ts';
import type { ChatMessage } from '../../src/lib/engine/types.ts';
import { SCRIPTED_MODEL_ID, type E2EScript } from './scripted-backend.ts';
import type { ScriptMessage } from './scripted-worker.ts';

/** The double is there from the start: the app loads it without a device check or a download. */
export const preloadedModelId: string | null = SCRIPTED_MODEL_ID;

/** The e2e build has no clinic mirror: the double downloads nothing. */
export const buildMirror = '';

/** The double is "loaded" from the start, so the app never asks it to download. */
export async function downloadInBrowser(): Promise<void> {
  throw new Error('the scripted test double downloads nothing');
}

declare global {
  interface Window {
    __E2E_SCRIPT__?: E2EScript;
    __E2E_LOG__?: ChatMessage[][];
  }
}

/**
 * A port to the scripted worker, started on first use like the real ones. Before each answer it logs what
 * the answer was asked and hands the worker the spec's script.
 */
function scriptedPort(): ChatWorker {
  return lazyWorker(
    () =>
      new Worker(new URL('./scripted-worker.ts', import.meta.url), {
        type: 'module',
        name: 'scripted test double',
      }),
    (message, worker) => {
      if (message.kind !== 'generate') return;
      (window.__E2E_LOG__ ??= []).push(structuredClone(message.messages));
      const script: ScriptMessage = { kind: 'e2e-script', script: window.__E2E_SCRIPT__ ?? {} };
      worker.postMessage(script);
    },
  );
}

export function createEngineServices(settings: () => LoadSettings): EngineServices {
  const engine = new WorkerChatEngine(scriptedPort(), { settings, hasThinkingMode: () => false });
  return { engine, store: null, terminate: () => engine.terminate() };
}

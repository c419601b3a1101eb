/**
 * TEST DOUBLE's worker: the app's own EngineHost over the scripted backend, so the e2e build talks to it
 * through the same client, protocol and worker boundary as to web-llm and llama.cpp. The page sends the
 * spec's script (window.__E2E_SCRIPT__, which a worker cannot read) just before each request
 * (scripted-services.ts), as an extra message the real protocol does not have.
 */
import { EngineHost } from '../../src/lib/engine/worker/host.ts';
import type { EngineRequest, EngineResponse } from '../../src/lib/engine/worker/protocol.ts';
import { scriptedBackend, type E2EScript } from './scripted-backend.ts';

/** The page's script, delivered before the request that uses it. */
export interface ScriptMessage {
  kind: 'e2e-script';
  script: E2EScript;
}

interface WorkerScope {
  postMessage(message: EngineResponse): void;
  onmessage: ((event: MessageEvent<EngineRequest | ScriptMessage>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let script: E2EScript = {};
const host = new EngineHost(
  scriptedBackend(() => script),
  (response) => scope.postMessage(response),
);

scope.onmessage = (event) => {
  const message = event.data;
  if (message.kind === 'e2e-script') script = message.script;
  else host.receive(message);
};

/**
 * The one typed protocol between the page (client.ts) and an engine worker (webllm/worker.ts,
 * wllama/worker.ts): the same messages whichever backend the worker hosts.
 * Every request carries an id; every response names the request it answers, so two calls in flight
 * never receive each other's replies. Unions are keyed on `kind`; switches end in `assertNever`.
 */
import type { EngineErrorData } from '../errors.ts';
import type { LoadSettings } from '../registry.ts';
import type { ChatMessage, GenerateResult } from '../types.ts';

export type RequestId = number;

/** Sampling settings as they cross the boundary (no callbacks, no AbortSignal). */
export interface WireGenerateOptions {
  temperature?: number;
  topP?: number;
  repetitionPenalty?: number;
  maxTokens?: number;
  /** False for hybrid (thinking) models: the app wants the answer, not the reasoning. */
  enableThinking?: boolean;
}

export type EngineRequest =
  /** The worker reads the model's registry entry itself; `settings` say where its files are. */
  | { kind: 'load'; id: RequestId; modelId: string; settings: LoadSettings }
  | { kind: 'generate'; id: RequestId; messages: ChatMessage[]; options: WireGenerateOptions }
  | { kind: 'interrupt'; id: RequestId; target: RequestId }
  | { kind: 'unload'; id: RequestId }
  | { kind: 'isCached'; id: RequestId; modelId: string; settings: LoadSettings }
  | { kind: 'deleteModel'; id: RequestId; modelId: string; settings: LoadSettings }
  /** Token counts of several texts with the loaded model's tokenizer: one round trip per prompt fitted. */
  | { kind: 'countTokens'; id: RequestId; texts: string[] };

export type EngineResponse =
  | { kind: 'progress'; id: RequestId; fraction: number; text: string }
  | { kind: 'token'; id: RequestId; delta: string }
  | { kind: 'generated'; id: RequestId; result: GenerateResult }
  | { kind: 'cached'; id: RequestId; cached: boolean }
  /** One count per text, in order; null while no model is loaded (the caller estimates). */
  | { kind: 'counted'; id: RequestId; counts: number[] | null }
  | { kind: 'done'; id: RequestId }
  | { kind: 'failed'; id: RequestId; error: EngineErrorData };

/** The worker as the client sees it: web-llm's own ChatWorker shape, so a mock can stand in. */
export interface ChatWorker {
  postMessage(message: EngineRequest): void;
  onmessage: ((event: { data: EngineResponse }) => void) | null;
  onerror?: ((event: { message?: string }) => void) | null;
  terminate?(): void;
}

/** Compile-time exhaustiveness: a new kind that a switch forgets fails the type check. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled protocol message: ${JSON.stringify(value)}`);
}

/**
 * The page side of the engine: implements ChatEngine over a ChatWorker, matching responses to requests
 * by id. Knows nothing of the backend in the worker (web-llm or llama.cpp), so unit tests drive it with
 * a mock worker (tests/unit/engine/protocol.test.ts).
 */
import { EngineError } from '../errors.ts';
import type { LoadSettings } from '../registry.ts';
import {
  assertNever,
  type ChatWorker,
  type EngineRequest,
  type EngineResponse,
  type RequestId,
} from './protocol.ts';
import type { ChatEngine, ChatMessage, GenerateOptions, GenerateResult, LoadProgress } from '../types.ts';

type Pending = {
  resolve: (response: EngineResponse) => void;
  reject: (error: EngineError) => void;
  onProgress?: (p: LoadProgress) => void;
  onToken?: (delta: string) => void;
};

/** Requests without their id: the client assigns ids. */
type Outgoing = EngineRequest extends infer R ? (R extends EngineRequest ? Omit<R, 'id'> : never) : never;

export interface WorkerEngineOptions {
  /** The current mirror and context window; read at each call so a changed mirror takes effect. */
  settings: () => LoadSettings;
  /** Hybrid models get enable_thinking: false. */
  hasThinkingMode: (modelId: string) => boolean;
}

export class WorkerChatEngine implements ChatEngine {
  readonly #worker: ChatWorker;
  readonly #options: WorkerEngineOptions;
  readonly #pending = new Map<RequestId, Pending>();
  #nextId = 1;
  #modelId: string | null = null;

  constructor(worker: ChatWorker, options: WorkerEngineOptions) {
    this.#worker = worker;
    this.#options = options;
    worker.onmessage = (event) => this.#receive(event.data);
    // A crashed worker answers nothing: fail everything in flight rather than hang the UI.
    worker.onerror = (event) => this.#failAll(new EngineError('unknown', event.message ?? 'worker error'));
  }

  /** @throws EngineError when the backend cannot load the model (no WebGPU, library, memory, network...) */
  async load(modelId: string, onProgress?: (p: LoadProgress) => void): Promise<void> {
    await this.#call({ kind: 'load', modelId, settings: this.#options.settings() }, { onProgress });
    this.#modelId = modelId;
  }

  /**
   * Streams an answer. Aborting the signal interrupts the worker's generation; the promise then resolves
   * with finishReason 'abort' and the text so far.
   * @throws EngineError on failure (an abort is not one)
   */
  async generate(messages: ChatMessage[], options: GenerateOptions = {}): Promise<GenerateResult> {
    const id = this.#nextId;
    const onAbort = () => this.#post({ kind: 'interrupt', target: id });
    if (options.signal?.aborted) {
      return { text: '', finishReason: 'abort', usage: null };
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.#call(
        {
          kind: 'generate',
          messages,
          options: {
            temperature: options.temperature,
            topP: options.topP,
            repetitionPenalty: options.repetitionPenalty,
            maxTokens: options.maxTokens,
            enableThinking: this.#modelId && this.#options.hasThinkingMode(this.#modelId) ? false : undefined,
          },
        },
        { onToken: options.onToken },
      );
      if (response.kind !== 'generated') throw new EngineError('unknown', `unexpected ${response.kind}`);
      return response.result;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Counts with the loaded model's tokenizer (built in the worker from the model's own tokenizer.json).
   * @returns the count, or null when no model is loaded or its tokenizer is unavailable: the caller estimates
   */
  async countTokens(text: string): Promise<number | null> {
    return (await this.countTokensBatch([text]))?.[0] ?? null;
  }

  /**
   * Counts several texts in one round trip to the worker; it never waits behind a running generation.
   * @returns one count per text, in order, or null (never throws) when no model is loaded, its tokenizer
   *   cannot be built, or the worker fails: the caller then estimates
   */
  async countTokensBatch(texts: string[]): Promise<number[] | null> {
    try {
      const response = await this.#call({ kind: 'countTokens', texts });
      return response.kind === 'counted' && response.counts?.length === texts.length ? response.counts : null;
    } catch {
      return null; // an EngineError: counting is an optimisation, the estimate stands in
    }
  }

  async unload(): Promise<void> {
    await this.#call({ kind: 'unload' });
    this.#modelId = null;
  }

  /** @returns the backend's own answer (web-llm's hasModelInCache, say) for this model with the current mirror */
  async isCached(modelId: string): Promise<boolean> {
    const response = await this.#call({ kind: 'isCached', modelId, settings: this.#options.settings() });
    return response.kind === 'cached' && response.cached;
  }

  /** Removes the model's files from the caches the backend reads. */
  async deleteModel(modelId: string): Promise<void> {
    await this.#call({ kind: 'deleteModel', modelId, settings: this.#options.settings() });
  }

  /** Stops the worker; anything in flight fails. */
  terminate(): void {
    this.#worker.terminate?.();
    this.#failAll(new EngineError('unknown', 'engine stopped'));
  }

  #post(request: Outgoing): RequestId {
    const id = this.#nextId++;
    this.#worker.postMessage({ ...request, id } as EngineRequest);
    return id;
  }

  #call(request: Outgoing, hooks: Omit<Pending, 'resolve' | 'reject'> = {}): Promise<EngineResponse> {
    return new Promise((resolve, reject) => {
      const id = this.#nextId;
      this.#pending.set(id, { resolve, reject, ...hooks });
      this.#post(request);
    });
  }

  #receive(message: EngineResponse): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return; // an answer to a request that already failed (worker restarted, say)
    switch (message.kind) {
      case 'progress':
        pending.onProgress?.({ fraction: message.fraction, text: message.text });
        return;
      case 'token':
        pending.onToken?.(message.delta);
        return;
      case 'failed':
        this.#pending.delete(message.id);
        pending.reject(EngineError.fromData(message.error));
        return;
      case 'generated':
      case 'cached':
      case 'counted':
      case 'done':
        this.#pending.delete(message.id);
        pending.resolve(message);
        return;
      default:
        assertNever(message);
    }
  }

  #failAll(error: EngineError): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

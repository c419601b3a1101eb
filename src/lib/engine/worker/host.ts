/**
 * The worker side of the protocol, over an injected backend (backend.ts), so it is tested without a
 * worker, a GPU or a model. Requests run one at a time in arrival order (neither web-llm nor llama.cpp is
 * re-entrant); `interrupt` jumps the queue: it aborts the running generation, or marks a queued one to end
 * at once, and `countTokens` skips it: it uses its own tokenizer, never the engine, so a fitting prompt
 * never waits behind a long answer.
 */
import { toEngineError } from '../errors.ts';
import type { LoadSettings } from '../registry.ts';
import type { HostedTokenizer } from '../tokenizer.ts';
import type { FinishReason, GenerateResult, GenerationUsage } from '../types.ts';
import type { EngineBackend } from './backend.ts';
import { assertNever, type EngineRequest, type EngineResponse, type RequestId } from './protocol.ts';

/** Requests that go through the one-at-a-time queue. */
type QueuedRequest = Exclude<EngineRequest, { kind: 'interrupt' | 'countTokens' }>;

/** The model the backend has loaded, and its tokenizer once the first count asked for it. */
interface LoadedModel {
  modelId: string;
  settings: LoadSettings;
  tokenizer: Promise<HostedTokenizer> | null;
}

export class EngineHost {
  readonly #backend: EngineBackend;
  readonly #post: (response: EngineResponse) => void;
  #loaded: LoadedModel | null = null;
  #queue: Promise<void> = Promise.resolve();
  #running: { id: RequestId; stop: AbortController } | null = null;
  readonly #interrupted = new Set<RequestId>();

  constructor(backend: EngineBackend, post: (response: EngineResponse) => void) {
    this.#backend = backend;
    this.#post = post;
  }

  /** Accepts one request; the answer arrives through `post`. */
  receive(request: EngineRequest): void {
    if (request.kind === 'interrupt') {
      this.#interrupted.add(request.target);
      if (this.#running?.id === request.target) this.#running.stop.abort();
      this.#post({ kind: 'done', id: request.id });
      return;
    }
    if (request.kind === 'countTokens') {
      void this.#count(request);
      return;
    }
    this.#queue = this.#queue.then(() => this.#run(request));
  }

  async #run(request: QueuedRequest): Promise<void> {
    this.#running = { id: request.id, stop: new AbortController() };
    try {
      this.#post(await this.#handle(request, this.#running.stop.signal));
    } catch (raw) {
      this.#post({ kind: 'failed', id: request.id, error: toEngineError(raw).toData() });
    } finally {
      this.#running = null;
      this.#interrupted.delete(request.id);
    }
  }

  async #handle(request: QueuedRequest, signal: AbortSignal): Promise<EngineResponse> {
    switch (request.kind) {
      case 'load':
        // Both backends drop the current model before loading the next, even when the next one fails.
        this.#forgetModel();
        await this.#backend.load(request.modelId, request.settings, (fraction, text) =>
          this.#post({ kind: 'progress', id: request.id, fraction, text }),
        );
        this.#loaded = { modelId: request.modelId, settings: request.settings, tokenizer: null };
        return { kind: 'done', id: request.id };
      case 'generate':
        return { kind: 'generated', id: request.id, result: await this.#generate(request, signal) };
      case 'unload':
        this.#forgetModel();
        await this.#backend.unload();
        return { kind: 'done', id: request.id };
      case 'isCached':
        return {
          kind: 'cached',
          id: request.id,
          cached: await this.#backend.isCached(request.modelId, request.settings),
        };
      case 'deleteModel':
        await this.#backend.deleteModel(request.modelId, request.settings);
        return { kind: 'done', id: request.id };
      default:
        return assertNever(request);
    }
  }

  /**
   * Answers a count with the loaded model's tokenizer, built on the first count after a load: null counts
   * while no model is loaded (or no tokenizer loader was given), `failed` when the tokenizer cannot be built.
   * A tokenizer that failed to build is not retried until the next load: the file would still be missing.
   */
  async #count(request: Extract<EngineRequest, { kind: 'countTokens' }>): Promise<void> {
    const loaded = this.#loaded;
    try {
      const backend = this.#backend;
      if (!loaded || !backend.loadTokenizer) {
        this.#post({ kind: 'counted', id: request.id, counts: null });
        return;
      }
      loaded.tokenizer ??= backend.loadTokenizer(loaded.modelId, loaded.settings);
      const tokenizer = await loaded.tokenizer;
      // The model may have gone while the tokenizer was being built; its tokenizer is disposed then.
      const counts =
        this.#loaded === loaded ? request.texts.map((text) => tokenizer.encode(text).length) : null;
      this.#post({ kind: 'counted', id: request.id, counts });
    } catch (raw) {
      this.#post({ kind: 'failed', id: request.id, error: toEngineError(raw).toData() });
    }
  }

  /** Drops the loaded model's tokenizer (freeing its wasm memory) when the model goes. */
  #forgetModel(): void {
    const tokenizer = this.#loaded?.tokenizer;
    this.#loaded = null;
    tokenizer?.then(
      (t) => t.dispose?.(),
      () => {}, // it never built: nothing to free
    );
  }

  async #generate(
    request: Extract<EngineRequest, { kind: 'generate' }>,
    signal: AbortSignal,
  ): Promise<GenerateResult> {
    if (this.#interrupted.has(request.id)) return { text: '', finishReason: 'abort', usage: null };
    let text = '';
    let finish: FinishReason = 'stop';
    let usage: GenerationUsage | null = null;
    for await (const piece of this.#backend.stream(request.messages, request.options, signal)) {
      if (piece.delta) {
        text += piece.delta;
        this.#post({ kind: 'token', id: request.id, delta: piece.delta });
      }
      if (piece.finish) finish = piece.finish;
      if (piece.usage) usage = piece.usage;
    }
    if (this.#interrupted.has(request.id) || signal.aborted) finish = 'abort';
    return { text, finishReason: finish, usage };
  }
}

/**
 * The worker side of the protocol, over an injected web-llm-like engine, so it is tested without a
 * worker or a GPU. Requests run one at a time in arrival order (web-llm's engine is not re-entrant);
 * `interrupt` jumps the queue: it stops the running generation, or marks a queued one to end at once, and
 * `countTokens` skips it: it uses its own tokenizer, never the GPU engine, so a fitting prompt never waits
 * behind a long answer.
 */
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressReport,
} from '@mlc-ai/web-llm';
import { toEngineError } from './errors.ts';
import { assertNever, type EngineRequest, type EngineResponse, type RequestId } from './protocol.ts';
import type { HostedTokenizer } from './tokenizer.ts';
import type { FinishReason, GenerateResult, GenerationUsage } from './types.ts';

/** The parts of web-llm's MLCEngine and cache helpers that the host uses. */
export interface HostedEngine {
  setAppConfig(config: AppConfig): void;
  setInitProgressCallback(cb: (report: InitProgressReport) => void): void;
  reload(modelId: string): Promise<void>;
  unload(): Promise<void>;
  interruptGenerate(): void | Promise<void>;
  createStream(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>>;
  hasModelInCache(modelId: string, config: AppConfig): Promise<boolean>;
  deleteModelAllInfoInCache(modelId: string, config: AppConfig): Promise<void>;
}

/**
 * Builds the tokenizer of the model that was just loaded (worker.ts: from web-llm's cached tokenizer.json).
 * @throws when it cannot; token counts are then unavailable and callers estimate
 */
export type LoadTokenizer = (modelId: string, appConfig: AppConfig) => Promise<HostedTokenizer>;

/** Requests that go through the one-at-a-time queue. */
type QueuedRequest = Exclude<EngineRequest, { kind: 'interrupt' | 'countTokens' }>;

/** The model web-llm has loaded, and its tokenizer once the first count asked for it. */
interface LoadedModel {
  modelId: string;
  appConfig: AppConfig;
  tokenizer: Promise<HostedTokenizer> | null;
}

export class EngineHost {
  readonly #engine: HostedEngine;
  readonly #post: (response: EngineResponse) => void;
  readonly #loadTokenizer: LoadTokenizer | null;
  #loaded: LoadedModel | null = null;
  #queue: Promise<void> = Promise.resolve();
  #running: RequestId | null = null;
  #loadingId: RequestId | null = null;
  readonly #interrupted = new Set<RequestId>();

  /**
   * @param loadTokenizer builds a loaded model's tokenizer; without it every count answers null
   */
  constructor(
    engine: HostedEngine,
    post: (response: EngineResponse) => void,
    loadTokenizer: LoadTokenizer | null = null,
  ) {
    this.#engine = engine;
    this.#post = post;
    this.#loadTokenizer = loadTokenizer;
    engine.setInitProgressCallback((report) => {
      if (this.#loadingId !== null) {
        this.#post({ kind: 'progress', id: this.#loadingId, fraction: report.progress, text: report.text });
      }
    });
  }

  /** Accepts one request; the answer arrives through `post`. */
  receive(request: EngineRequest): void {
    if (request.kind === 'interrupt') {
      this.#interrupted.add(request.target);
      if (this.#running === request.target) void this.#engine.interruptGenerate();
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
    this.#running = request.id;
    try {
      this.#post(await this.#handle(request));
    } catch (raw) {
      this.#post({ kind: 'failed', id: request.id, error: toEngineError(raw).toData() });
    } finally {
      this.#running = null;
      this.#interrupted.delete(request.id);
    }
  }

  async #handle(request: QueuedRequest): Promise<EngineResponse> {
    switch (request.kind) {
      case 'load':
        // web-llm unloads the current model before loading the next, even when the next one fails.
        this.#forgetModel();
        this.#engine.setAppConfig(request.appConfig);
        this.#loadingId = request.id;
        try {
          await this.#engine.reload(request.modelId);
        } finally {
          this.#loadingId = null;
        }
        this.#loaded = { modelId: request.modelId, appConfig: request.appConfig, tokenizer: null };
        return { kind: 'done', id: request.id };
      case 'generate':
        return { kind: 'generated', id: request.id, result: await this.#generate(request) };
      case 'unload':
        this.#forgetModel();
        await this.#engine.unload();
        return { kind: 'done', id: request.id };
      case 'isCached':
        return {
          kind: 'cached',
          id: request.id,
          cached: await this.#engine.hasModelInCache(request.modelId, request.appConfig),
        };
      case 'deleteModel':
        await this.#engine.deleteModelAllInfoInCache(request.modelId, request.appConfig);
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
      if (!loaded || !this.#loadTokenizer) {
        this.#post({ kind: 'counted', id: request.id, counts: null });
        return;
      }
      loaded.tokenizer ??= this.#loadTokenizer(loaded.modelId, loaded.appConfig);
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

  async #generate(request: Extract<EngineRequest, { kind: 'generate' }>): Promise<GenerateResult> {
    if (this.#interrupted.has(request.id)) return { text: '', finishReason: 'abort', usage: null };
    const { options } = request;
    const stream = await this.#engine.createStream({
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: options.temperature,
      top_p: options.topP,
      repetition_penalty: options.repetitionPenalty,
      max_tokens: options.maxTokens,
      ...(options.enableThinking === false ? { extra_body: { enable_thinking: false } } : {}),
    });
    let text = '';
    let finish: FinishReason = 'stop';
    let usage: GenerationUsage | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const delta = choice?.delta.content ?? '';
      if (delta) {
        text += delta;
        this.#post({ kind: 'token', id: request.id, delta });
      }
      if (choice?.finish_reason === 'length') finish = 'length';
      if (chunk.usage) usage = toUsage(chunk.usage);
    }
    if (this.#interrupted.has(request.id)) finish = 'abort';
    return { text, finishReason: finish, usage };
  }
}

function toUsage(usage: NonNullable<ChatCompletionChunk['usage']>): GenerationUsage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    timeToFirstTokenMs: usage.extra ? usage.extra.time_to_first_token_s * 1000 : undefined,
    prefillTokensPerSec: usage.extra?.prefill_tokens_per_s,
    decodeTokensPerSec: usage.extra?.decode_tokens_per_s,
  };
}

/**
 * The worker side of the protocol, over an injected web-llm-like engine, so it is tested without a
 * worker or a GPU. Requests run one at a time in arrival order (web-llm's engine is not re-entrant);
 * `interrupt` jumps the queue: it stops the running generation, or marks a queued one to end at once.
 */
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressReport,
} from '@mlc-ai/web-llm';
import { toEngineError } from './errors.ts';
import { assertNever, type EngineRequest, type EngineResponse, type RequestId } from './protocol.ts';
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

export class EngineHost {
  readonly #engine: HostedEngine;
  readonly #post: (response: EngineResponse) => void;
  #queue: Promise<void> = Promise.resolve();
  #running: RequestId | null = null;
  #loadingId: RequestId | null = null;
  readonly #interrupted = new Set<RequestId>();

  constructor(engine: HostedEngine, post: (response: EngineResponse) => void) {
    this.#engine = engine;
    this.#post = post;
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
    this.#queue = this.#queue.then(() => this.#run(request));
  }

  async #run(request: Exclude<EngineRequest, { kind: 'interrupt' }>): Promise<void> {
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

  async #handle(request: Exclude<EngineRequest, { kind: 'interrupt' }>): Promise<EngineResponse> {
    switch (request.kind) {
      case 'load':
        this.#engine.setAppConfig(request.appConfig);
        this.#loadingId = request.id;
        try {
          await this.#engine.reload(request.modelId);
        } finally {
          this.#loadingId = null;
        }
        return { kind: 'done', id: request.id };
      case 'generate':
        return { kind: 'generated', id: request.id, result: await this.#generate(request) };
      case 'unload':
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

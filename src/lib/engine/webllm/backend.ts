/**
 * web-llm (MLC, WebGPU) behind the engine backend interface. The app config is built here from the
 * registry and the load settings, so nothing of web-llm crosses the worker boundary.
 */
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressReport,
} from '@mlc-ai/web-llm';
import type { LoadSettings } from '../registry.ts';
import type { HostedTokenizer } from '../tokenizer.ts';
import type { GenerationUsage } from '../types.ts';
import type { EngineBackend, StreamPiece } from '../worker/backend.ts';

/** The parts of web-llm's MLCEngine and cache helpers that the backend uses. */
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
 * Builds the tokenizer of the model that was just loaded (from web-llm's cached tokenizer.json).
 * @throws when it cannot; token counts are then unavailable and callers estimate
 */
export type LoadTokenizer = (modelId: string, appConfig: AppConfig) => Promise<HostedTokenizer>;

/**
 * @param engine MLCEngine (worker.ts) or a fake
 * @param appConfig the registry as web-llm's AppConfig for these settings (registry.ts toAppConfig)
 * @param loadTokenizer builds a loaded model's tokenizer; without it every count answers null
 */
export function webLlmBackend(
  engine: HostedEngine,
  appConfig: (settings: LoadSettings) => AppConfig,
  loadTokenizer: LoadTokenizer | null = null,
): EngineBackend {
  let onLoadProgress: ((fraction: number, text: string) => void) | null = null;
  engine.setInitProgressCallback((report) => onLoadProgress?.(report.progress, report.text));
  return {
    async load(modelId, settings, onProgress) {
      engine.setAppConfig(appConfig(settings));
      onLoadProgress = onProgress;
      try {
        await engine.reload(modelId);
      } finally {
        onLoadProgress = null;
      }
    },
    async *stream(messages, options, signal): AsyncIterable<StreamPiece> {
      const stream = await engine.createStream({
        messages,
        stream: true,
        stream_options: { include_usage: true },
        temperature: options.temperature,
        top_p: options.topP,
        repetition_penalty: options.repetitionPenalty,
        max_tokens: options.maxTokens,
        ...(options.enableThinking === false ? { extra_body: { enable_thinking: false } } : {}),
      });
      const interrupt = () => void engine.interruptGenerate();
      if (signal.aborted) interrupt();
      signal.addEventListener('abort', interrupt, { once: true });
      try {
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          yield {
            delta: choice?.delta.content ?? '',
            finish: choice?.finish_reason === 'length' ? 'length' : undefined,
            usage: chunk.usage ? toUsage(chunk.usage) : undefined,
          };
        }
      } finally {
        signal.removeEventListener('abort', interrupt);
      }
    },
    unload: () => engine.unload(),
    isCached: (modelId, settings) => engine.hasModelInCache(modelId, appConfig(settings)),
    deleteModel: (modelId, settings) => engine.deleteModelAllInfoInCache(modelId, appConfig(settings)),
    ...(loadTokenizer
      ? {
          loadTokenizer: (modelId: string, settings: LoadSettings) =>
            loadTokenizer(modelId, appConfig(settings)),
        }
      : {}),
  };
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

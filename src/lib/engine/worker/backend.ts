/**
 * What an engine worker hosts: one backend (web-llm on the GPU, llama.cpp on the CPU) behind the same few
 * operations. The host (host.ts) owns the request queue, interruption and token counts; a backend only
 * runs the model. Tests plug a fake backend in behind the real host and client.
 */
import type { HostedTokenizer } from '../tokenizer.ts';
import type { LoadSettings } from '../registry.ts';
import type { ChatMessage, FinishReason, GenerationUsage } from '../types.ts';
import type { WireGenerateOptions } from './protocol.ts';

/** One step of a streamed answer: new text, and on the last step why it ended and what it cost. */
export interface StreamPiece {
  delta: string;
  /** 'length' when the answer hit max_tokens; the host decides 'abort' itself. */
  finish?: Exclude<FinishReason, 'abort'>;
  usage?: GenerationUsage;
}

export interface EngineBackend {
  /**
   * Loads a model whose files are already in the app's caches.
   * @throws anything: the host maps it to an EngineError kind
   */
  load(
    modelId: string,
    settings: LoadSettings,
    onProgress: (fraction: number, text: string) => void,
  ): Promise<void>;
  /** Streams an answer; aborting `signal` must end the stream soon (within a token or two). */
  stream(
    messages: ChatMessage[],
    options: WireGenerateOptions,
    signal: AbortSignal,
  ): AsyncIterable<StreamPiece>;
  unload(): Promise<void>;
  isCached(modelId: string, settings: LoadSettings): Promise<boolean>;
  deleteModel(modelId: string, settings: LoadSettings): Promise<void>;
  /**
   * Builds the loaded model's tokenizer from its cached tokenizer.json. Absent: counts answer null.
   * @throws when it cannot; counts then answer null and callers estimate
   */
  loadTokenizer?(modelId: string, settings: LoadSettings): Promise<HostedTokenizer>;
}

/**
 * The contract between the app and whatever generates answers: web-llm or llama.cpp hosted in a web worker
 * (engine/worker/client.ts). The e2e build plugs a scripted test double in behind the same worker host
 * (e2e/support/), which the engine state loads as a preloaded model (no device check, no download).
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerationUsage {
  promptTokens: number;
  completionTokens: number;
  /** From web-llm's usage.extra when the engine reports it. */
  timeToFirstTokenMs?: number;
  prefillTokensPerSec?: number;
  decodeTokensPerSec?: number;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface GenerateOptions {
  /** Aborting stops generation; the promise then resolves with finishReason 'abort' and the text so far. */
  signal?: AbortSignal;
  /** Called with each new piece of text, in order. */
  onToken?: (delta: string) => void;
  temperature?: number;
  topP?: number;
  repetitionPenalty?: number;
  maxTokens?: number;
}

export interface GenerateResult {
  /** The model's raw text, exactly as generated: this is what goes back as history. */
  text: string;
  finishReason: FinishReason;
  usage: GenerationUsage | null;
}

export interface LoadProgress {
  /** 0..1 */
  fraction: number;
  text: string;
}

export interface ChatEngine {
  /**
   * Loads a model that the patient has agreed to download (and that may already be cached).
   * @throws EngineError (see engine/errors.ts) with a kind the UI maps to plain words.
   */
  load(modelId: string, onProgress?: (p: LoadProgress) => void): Promise<void>;
  /** Streams an answer. Rejects with an EngineError on failure; an abort is not a failure. */
  generate(messages: ChatMessage[], options?: GenerateOptions): Promise<GenerateResult>;
  /** Exact token count with the loaded model's tokenizer, or null when none is loaded (callers estimate). */
  countTokens(text: string): Promise<number | null>;
  unload(): Promise<void>;
}

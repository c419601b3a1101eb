/**
 * Runs an evaluation against whatever ChatEngine it is given: first the fixed speed prompts, then the
 * questions, one at a time (a browser engine serves one request at a time). Stopping keeps everything
 * finished so far; the caller turns it into a report marked partial.
 */
import type { ChatEngine, ChatMessage, GenerateResult } from '$lib/engine/types.ts';
import { buildMcqMessages } from './prompt.ts';
import { scoreItem } from './score.ts';
import type { SpeedPrompt } from './speed.ts';
import type { ItemResult, McqItem, SpeedSample } from './types.ts';

export interface RunProgress {
  phase: 'speed' | 'questions';
  /** Steps finished, over speed prompts and questions together. */
  done: number;
  total: number;
  elapsedMs: number;
  /** Estimated time left from the average step so far; null before the first step finishes. */
  etaMs: number | null;
}

export interface RunOptions {
  engine: ChatEngine;
  items: readonly McqItem[];
  speedPrompts: readonly SpeedPrompt[];
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Injected for tests; defaults to performance.now. */
  now?: () => number;
  /** Room for "答案:B" or "The answer is (B)" but not an essay: keeps a question run short. */
  maxAnswerTokens?: number;
}

export interface RunOutcome {
  speedSamples: SpeedSample[];
  results: ItemResult[];
  /** True when stopped or failed before every step was done. */
  partial: boolean;
  /** The engine's failure, when one ended the run; what finished before it is kept. */
  error?: unknown;
}

/**
 * Runs the speed prompts then the questions.
 * A step interrupted by the signal is dropped (its answer is incomplete), so a stopped run holds only
 * finished steps. Never rejects: an engine failure ends the run with `partial` and `error` set.
 * @returns the speed samples and scored results collected
 */
export async function runEvaluation(options: RunOptions): Promise<RunOutcome> {
  const { engine, items, speedPrompts, signal, onProgress } = options;
  const now = options.now ?? (() => performance.now());
  const maxAnswerTokens = options.maxAnswerTokens ?? 32;
  const total = speedPrompts.length + items.length;
  const started = now();
  const outcome: RunOutcome = { speedSamples: [], results: [], partial: false };
  let done = 0;

  const report = (phase: RunProgress['phase']) => {
    const elapsedMs = now() - started;
    const etaMs = done === 0 ? null : (elapsedMs / done) * (total - done);
    onProgress?.({ phase, done, total, elapsedMs, etaMs });
  };

  /** One generation with time to first token measured here too, for engines that do not report it. */
  const timed = async (messages: ChatMessage[], maxTokens: number) => {
    const t0 = now();
    let firstTokenAt: number | null = null;
    const result: GenerateResult = await engine.generate(messages, {
      signal,
      maxTokens,
      temperature: 0,
      onToken: () => {
        firstTokenAt ??= now();
      },
    });
    const measuredTtft = firstTokenAt === null ? undefined : firstTokenAt - t0;
    return { result, measuredTtft };
  };

  try {
    report('speed');
    for (const prompt of speedPrompts) {
      if (signal?.aborted) break;
      const { result, measuredTtft } = await timed(prompt.messages, prompt.maxTokens);
      if (result.finishReason === 'abort') break;
      const usage = result.usage;
      outcome.speedSamples.push({
        promptId: prompt.id,
        promptTokens: usage?.promptTokens ?? 0,
        completionTokens: usage?.completionTokens ?? 0,
        timeToFirstTokenMs: usage?.timeToFirstTokenMs ?? measuredTtft,
        prefillTokensPerSec: usage?.prefillTokensPerSec,
        decodeTokensPerSec: usage?.decodeTokensPerSec,
      });
      done++;
      report('speed');
    }
    for (const item of items) {
      if (signal?.aborted) break;
      const { result, measuredTtft } = await timed(buildMcqMessages(item), maxAnswerTokens);
      if (result.finishReason === 'abort') break;
      const usage = result.usage ?? { promptTokens: 0, completionTokens: 0 };
      outcome.results.push(
        scoreItem(item, result.text, {
          ...usage,
          timeToFirstTokenMs: usage.timeToFirstTokenMs ?? measuredTtft,
        }),
      );
      done++;
      report('questions');
    }
  } catch (error) {
    outcome.error = error;
  }
  outcome.partial = done < total;
  return outcome;
}

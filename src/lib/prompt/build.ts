/**
 * Assembling what is sent to the model for one question so that it fits the context window.
 *
 * Priority, highest first: the rules and the profile (always sent), the current question (never cut), the
 * knowledge snippets (at most a third of what is left), then as many recent turns as fit. If the rules,
 * profile and question alone overflow, nothing is sent.
 */
import type { ChatMessage } from '../engine/types.ts';
import type { Snippet } from '../knowledge/types.ts';
import { fitSnippets } from '../knowledge/fit.ts';
import { fitHistory, toModelTurns, type HistoryMessage, type HistoryTurn } from './history.ts';
import { systemPrompt, type Lang, type PromptProfile } from './system.ts';
import { MESSAGE_OVERHEAD_TOKENS, estimateTokens, type TokenCounter } from './tokens.ts';

/** Tokens kept free for the answer unless the caller says otherwise. */
export const DEFAULT_ANSWER_RESERVE = 1024;
/** Share of the budget left after rules, profile and question that snippets may take. */
const SNIPPET_SHARE = 1 / 3;

/**
 * Tokens the prompt may use: the context window minus the answer's reserve, and never less than zero.
 */
export function promptBudget(contextWindow: number, answerReserve = DEFAULT_ANSWER_RESERVE): number {
  return Math.max(0, contextWindow - answerReserve);
}

export interface PromptInput {
  lang: Lang;
  profile: Partial<PromptProfile> | null;
  /** Retrieved snippets in rank order; the ones that fit are sent. */
  snippets: readonly Snippet[];
  /** Earlier messages of the conversation, oldest first, without the current question. */
  history: readonly HistoryMessage[];
  /** The current question, already redacted. */
  question: string;
  /** Tokens the prompt may use (see promptBudget). */
  budget: number;
  /** The model's tokenizer when loaded, else estimateCounter. */
  countTokens: TokenCounter;
}

export type BuiltPrompt =
  | {
      kind: 'ok';
      messages: ChatMessage[];
      /** The snippets actually sent, possibly fewer (or one cut) compared with the input. */
      snippets: Snippet[];
      /** How many of the oldest turns were left out to fit. */
      droppedTurns: number;
      /** Id of the first history message sent, or null when no history was sent. */
      contextStartId: string | null;
      promptTokens: number;
    }
  | {
      /** The rules, profile and question alone exceed the budget: nothing may be sent. */
      kind: 'overflow';
      requiredTokens: number;
      budget: number;
    };

async function messageCost(count: TokenCounter, content: string): Promise<number> {
  return (await count(content)) + MESSAGE_OVERHEAD_TOKENS;
}

/**
 * Builds the messages for one question.
 * @returns 'ok' with the messages, or 'overflow' when even the question cannot be sent whole.
 */
export async function buildMessages(input: PromptInput): Promise<BuiltPrompt> {
  const { lang, profile, question, budget, countTokens } = input;
  const bare = systemPrompt(lang, profile, []);
  const bareCost = await messageCost(countTokens, bare);
  const questionCost = await messageCost(countTokens, question);
  if (bareCost + questionCost > budget) {
    return { kind: 'overflow', requiredTokens: bareCost + questionCost, budget };
  }

  // fitSnippets needs a synchronous counter; the estimate over-counts, so what it admits normally fits.
  const snippetBudget = Math.floor((budget - bareCost - questionCost) * SNIPPET_SHARE);
  let snippets = fitSnippets([...input.snippets], snippetBudget, estimateTokens);
  let system = snippets.length ? systemPrompt(lang, profile, snippets) : bare;
  let systemCost = snippets.length ? await messageCost(countTokens, system) : bareCost;
  if (systemCost + questionCost > budget) {
    // Only if the model's tokenizer counts more than the estimate: the question wins over the snippets.
    snippets = [];
    system = bare;
    systemCost = bareCost;
  }
  const left = budget - systemCost - questionCost;

  const turns: HistoryTurn[] = [];
  for (const turn of toModelTurns(input.history)) {
    const tokens =
      (await messageCost(countTokens, turn.messages[0].content)) +
      (await messageCost(countTokens, turn.messages[1].content));
    turns.push({ ...turn, tokens });
  }
  const { kept, dropped } = fitHistory(turns, left);
  const historyCost = kept.reduce((sum, t) => sum + t.tokens, 0);

  return {
    kind: 'ok',
    messages: [
      { role: 'system', content: system },
      ...kept.flatMap((t) => t.messages),
      { role: 'user', content: question },
    ],
    snippets,
    droppedTurns: dropped,
    contextStartId: kept[0]?.firstMessageId ?? null,
    promptTokens: systemCost + historyCost + questionCost,
  };
}

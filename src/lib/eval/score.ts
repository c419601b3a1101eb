/** Scoring: one reply against its key, then totals overall and per category. */
import type { GenerationUsage } from '$lib/engine/types.ts';
import { extractAnswer } from './extract.ts';
import type { AccuracyScore, CategoryScore, ItemResult, McqItem } from './types.ts';

/** How much of each reply a report keeps: enough to see why it was (un)parseable, not whole essays. */
export const REPLY_EXCERPT_CHARS = 200;

/**
 * Scores one reply. An unparseable reply (no letter, or contradictory letters) is wrong; `given` is null
 * so it is counted separately.
 */
export function scoreItem(item: McqItem, reply: string, usage: GenerationUsage | null = null): ItemResult {
  const { letter } = extractAnswer(reply, item.options);
  const result: ItemResult = {
    id: item.id,
    category: item.category,
    expected: item.answer,
    given: letter,
    correct: letter === item.answer,
    reply: reply.slice(0, REPLY_EXCERPT_CHARS),
  };
  if (usage?.timeToFirstTokenMs !== undefined) result.timeToFirstTokenMs = usage.timeToFirstTokenMs;
  if (usage?.prefillTokensPerSec !== undefined) result.prefillTokensPerSec = usage.prefillTokensPerSec;
  if (usage?.decodeTokensPerSec !== undefined) result.decodeTokensPerSec = usage.decodeTokensPerSec;
  return result;
}

/** Totals for any list of results; accuracy is 0 for an empty list rather than NaN. */
export function summarise(results: readonly ItemResult[]): AccuracyScore {
  const total = results.length;
  const correct = results.filter((r) => r.correct).length;
  const unparseable = results.filter((r) => r.given === null).length;
  return { total, correct, unparseable, accuracy: total === 0 ? 0 : correct / total };
}

/** Totals per category, sorted by category name so two reports line up. */
export function summariseByCategory(results: readonly ItemResult[]): CategoryScore[] {
  const groups = new Map<string, ItemResult[]>();
  for (const r of results) groups.set(r.category, [...(groups.get(r.category) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, rs]) => ({ category, ...summarise(rs) }));
}

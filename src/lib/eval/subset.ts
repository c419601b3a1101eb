/** Choosing which questions a shorter run asks. */
import type { EvalLang, McqItem } from './types.ts';

/**
 * Picks up to `count` questions, taking one from each category in turn (in file order within a
 * category), so a 10-question run still touches every category instead of only the first one.
 * Deterministic: the same inputs always give the same questions, so two runs are comparable.
 * @param lang keep only questions in this language, or 'all'
 * @returns the chosen questions in the order they will be asked
 */
export function pickSubset(
  items: readonly McqItem[],
  count: number,
  lang: EvalLang | 'all' = 'all',
): McqItem[] {
  const pool = lang === 'all' ? items : items.filter((i) => i.lang === lang);
  const byCategory = new Map<string, McqItem[]>();
  for (const item of pool) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
  const queues = [...byCategory.values()];
  const picked: McqItem[] = [];
  const limit = Math.max(0, Math.min(Math.floor(count), pool.length));
  for (let round = 0; picked.length < limit; round++) {
    for (const queue of queues) {
      const next = queue[round];
      if (next && picked.length < limit) picked.push(next);
    }
  }
  return picked;
}

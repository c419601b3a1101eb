/** Choosing which questions a shorter run asks. */
import type { EvalLang, McqItem } from './types.ts';

/**
 * Picks up to `count` questions, taking one from each language-and-category group in turn (in file
 * order within a group), so a 20-question run still touches every category in both languages instead
 * of only the first lines of the file.
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
  const groups = new Map<string, McqItem[]>();
  for (const item of pool) {
    const key = `${item.lang}\u0000${item.category}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const queues = [...groups.values()];
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

/**
 * Retrieval quality on the labelled query set (queries.json): shared by the bench, which prints the figure,
 * and the unit test, which holds a floor under it.
 */
import type { KnowledgeIndex } from '../search.ts';
import type { Lang } from '../types.ts';

export interface LabelledQuery {
  lang: Lang;
  q: string;
  /** Entries that answer the question; a hit is any of them in the top k. */
  expected: string[];
}

export interface RecallReport {
  /** Share of queries with at least one expected entry in the top k, 0..1. */
  recall: number;
  k: number;
  total: number;
  misses: { q: string; expected: string[]; got: string[] }[];
}

/** Recall@k: the share of queries whose top k results (in the query's language) contain an expected entry. */
export function recallAtK(index: KnowledgeIndex, queries: readonly LabelledQuery[], k = 3): RecallReport {
  const misses: RecallReport['misses'] = [];
  for (const { lang, q, expected } of queries) {
    const got = index.search(q, { lang, limit: k }).map((s) => s.id);
    if (!got.some((id) => expected.includes(id))) misses.push({ q, expected, got });
  }
  const total = queries.length;
  return { recall: total === 0 ? 0 : (total - misses.length) / total, k, total, misses };
}

/** The knowledge base's public types, shared by retrieval, the prompt builder, the import UI and storage. */

import type { Lang } from '../lang.ts';
export type { Lang };

export interface KnowledgeEntry {
  /** Stable, unique, e.g. "zh-hypertension-home-bp". */
  id: string;
  lang: Lang;
  title: string;
  body: string;
  tags: string[];
  /** The public guideline it rests on, named: "WHO", "NHS", "中华医学会…". */
  source: string;
  origin: 'builtin' | 'clinic';
}

export interface Snippet {
  id: string;
  title: string;
  text: string;
  source: string;
  score: number;
  /** Share of the question the entry's matched terms account for, 0..1 (see queryCoverage); search sets it. */
  coverage?: number;
}

/**
 * Full-text retrieval over knowledge entries with MiniSearch (BM25), using the project's bilingual
 * tokenizer. Pure: no DOM, no storage; the caller decides where entries come from.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import {
  DEFAULT_SPLIT,
  isHanBigram,
  isHanUnigram,
  isLatinTerm,
  isStemTerm,
  queryCoverage,
  tokenizeQuery,
  tokenizeWith,
  type EnglishStemming,
} from './tokenize.ts';
import type { KnowledgeEntry, Lang, Snippet } from './types.ts';
import { toSimplified } from '../safety/normalize.ts';

export interface SearchOptions {
  /** Only entries in this language. Omit to search both. */
  lang?: Lang;
  /** How many snippets at most; 5 when omitted. */
  limit?: number;
}

/**
 * The knobs retrieval quality and speed depend on. The defaults are what the app uses; the bench builds indexes
 * with single knobs changed to show what each is worth on the labelled query set.
 */
export interface IndexTuning {
  /** Field weights: a word in the title or tags says what an entry is about; in the body it may be in passing. */
  boost: { title: number; tags: number; body: number };
  /** Weight of a single Han character against a bigram (single characters match many entries by accident). */
  unigramWeight: number;
  /** Index single Han characters (else bigrams only). */
  unigrams: boolean;
  /** Chinese as character bigrams, or as Intl.Segmenter words (see tokenize.ts). */
  han: 'bigrams' | 'words';
  /** How English words are reduced (see tokenize.ts). */
  stem: EnglishStemming;
  /** Prefix matching for English words of 4+ letters ("diabet" finds "diabetic"). */
  prefix: boolean;
  /** Typo tolerance (edit distance 20%) for English words of 5+ letters. */
  fuzzy: boolean;
}

export const DEFAULT_TUNING: IndexTuning = {
  boost: { title: 3, tags: 2, body: 1 },
  unigramWeight: 0.3,
  unigrams: true,
  han: 'bigrams',
  stem: DEFAULT_SPLIT.stem,
  prefix: true,
  fuzzy: true,
};

/** A marked stem matters half as much as the word as written. */
const STEM_WEIGHT = 0.5;
/** English words as written: the only terms where typos and prefixes make sense. */
const isWord = (term: string) => isLatinTerm(term) && !isStemTerm(term);

function options(
  t: IndexTuning,
  indexTerms: (text: string) => string[],
  queryTerms: (text: string) => string[],
) {
  return {
    idField: 'id',
    fields: ['title', 'tags', 'body'],
    extractField: (doc: KnowledgeEntry, field: string): string =>
      field === 'tags'
        ? doc.tags.join(' ')
        : String((doc as unknown as Record<string, unknown>)[field] ?? ''),
    tokenize: indexTerms,
    // The tokenizer already lower-cases, stems and drops stop words.
    processTerm: (term: string) => term,
    searchOptions: {
      tokenize: queryTerms,
      boost: t.boost,
      combineWith: 'OR' as const,
      fuzzy: (term: string) => (t.fuzzy && isWord(term) && term.length >= 5 ? 0.2 : false),
      prefix: (term: string) => t.prefix && isWord(term) && term.length >= 4,
      boostTerm: (term: string) =>
        isHanUnigram(term) ? t.unigramWeight : isStemTerm(term) ? STEM_WEIGHT : 1,
    },
  };
}

/**
 * A searchable set of knowledge entries (built-in and clinic), kept in memory.
 * One MiniSearch index per language: a Chinese question then scores only Chinese entries (about half the
 * postings of a mixed index), and word statistics of one language do not skew the other's ranking.
 */
export class KnowledgeIndex {
  #byLang: Record<Lang, MiniSearch<KnowledgeEntry>>;
  #entries = new Map<string, KnowledgeEntry>();
  /** Han bigrams seen in any indexed entry (never shrinks: a stale bigram only costs a unigram's recall). */
  #bigrams = new Set<string>();

  /** An empty index; `tuning` overrides DEFAULT_TUNING (for measurement, see the bench). */
  constructor(tuning: Partial<IndexTuning> = {}) {
    const t: IndexTuning = { ...DEFAULT_TUNING, ...tuning };
    const split = { unigrams: t.unigrams, stem: t.stem, han: t.han };
    const indexTerms = (text: string): string[] => {
      const terms = tokenizeWith(text, split);
      for (const term of terms) if (isHanBigram(term)) this.#bigrams.add(term);
      return terms;
    };
    const queryTerms = (text: string): string[] =>
      t.unigrams && t.han === 'bigrams'
        ? tokenizeQuery(text, (b) => this.#bigrams.has(b), t.stem)
        : tokenizeWith(text, split);
    this.#byLang = {
      zh: new MiniSearch<KnowledgeEntry>(options(t, indexTerms, queryTerms)),
      en: new MiniSearch<KnowledgeEntry>(options(t, indexTerms, queryTerms)),
    };
  }

  /** Builds an index over the given entries. Later entries with an id already seen replace earlier ones. */
  static fromEntries(entries: KnowledgeEntry[]): KnowledgeIndex {
    const index = new KnowledgeIndex();
    index.add(entries);
    return index;
  }

  /**
   * Builds the same index a few entries at a time, yielding between them. Indexing the built-in entries in
   * one go takes 250–380 ms (Chinese bigrams and English stems for 188 entries): as one task, that blocked
   * taps and the first answer's frames just after start-up. Entries differ in length, so each step indexes
   * entries until `sliceMs` has passed (a fixed count of five still made a 50–60 ms task on a slow machine
   * when garbage collection fell in it), then yields.
   */
  static async build(
    entries: KnowledgeEntry[],
    {
      sliceMs = 8,
      now = () => performance.now(),
      yieldNow = () => new Promise<void>((r) => setTimeout(r, 0)),
    } = {},
  ): Promise<KnowledgeIndex> {
    const index = new KnowledgeIndex();
    let sliceStart = now();
    for (const entry of entries) {
      index.add([entry]);
      if (now() - sliceStart >= sliceMs) {
        await yieldNow();
        sliceStart = now();
      }
    }
    return index;
  }

  /** Number of entries searchable now. */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry with this id, for showing a cited entry in full. */
  get(id: string): KnowledgeEntry | undefined {
    return this.#entries.get(id);
  }

  /** Adds entries; an entry whose id is already indexed replaces the old one (even if its language changed). */
  add(entries: KnowledgeEntry[]): void {
    const latest = new Map<string, KnowledgeEntry>();
    for (const e of entries) latest.set(e.id, e);
    this.remove([...latest.keys()]);
    const fresh: Record<Lang, KnowledgeEntry[]> = { zh: [], en: [] };
    for (const e of latest.values()) {
      this.#entries.set(e.id, e);
      fresh[e.lang].push(e);
    }
    this.#byLang.zh.addAll(fresh.zh);
    this.#byLang.en.addAll(fresh.en);
  }

  /** Removes entries by id; unknown ids are ignored. */
  remove(ids: string[]): void {
    for (const id of ids) {
      const e = this.#entries.get(id);
      if (!e) continue;
      this.#entries.delete(id);
      this.#byLang[e.lang].discard(id);
    }
  }

  /**
   * Makes the clinic entries in the index exactly `entries`: clinic entries not among them are removed, the
   * rest added or replaced; built-in entries are untouched. For keeping the index in step with the clinic
   * store (e.g. `store.onChange(async () => index.replaceClinicEntries(await store.list()))`).
   */
  replaceClinicEntries(entries: KnowledgeEntry[]): void {
    const stale = [...this.#entries.values()].filter((e) => e.origin === 'clinic').map((e) => e.id);
    this.remove(stale);
    this.add(entries.map((e) => ({ ...e, origin: 'clinic' as const })));
  }

  /**
   * The best-matching entries for a question, best first, as snippets carrying id, title, full body text,
   * source, score and coverage (see queryCoverage). Without `lang`, both languages are searched and merged by score.
   * Returns [] for a blank question or when nothing matches.
   */
  search(query: string, options: SearchOptions = {}): Snippet[] {
    const limit = options.limit ?? 5;
    if (limit <= 0 || query.trim() === '') return [];
    const langs: Lang[] = options.lang ? [options.lang] : ['zh', 'en'];
    // Entries are written in Simplified Chinese; patients in Taiwan and Hong Kong type Traditional.
    const simplified = toSimplified(query);
    const results: SearchResult[] = langs.flatMap((l) => this.#byLang[l].search(simplified));
    if (langs.length > 1) results.sort((a, b) => b.score - a.score);
    const out: Snippet[] = [];
    for (const r of results.slice(0, limit)) {
      const e = this.#entries.get(String(r.id));
      if (!e) continue;
      const coverage = queryCoverage(simplified, new Set(r.queryTerms));
      out.push({ id: e.id, title: e.title, text: e.body, source: e.source, score: r.score, coverage });
    }
    return out;
  }

  /** The index in MiniSearch's JSON form; its length is the figure the bench reports as index size. */
  serialize(): string {
    return JSON.stringify(this.#byLang);
  }
}

/**
 * Full-text retrieval over knowledge entries with MiniSearch (BM25), using the project's bilingual
 * tokenizer. Pure: no DOM, no storage; the caller decides where entries come from.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { isHanUnigram, isLatinTerm, tokenize } from './tokenize.ts';
import type { KnowledgeEntry, Lang, Snippet } from './types.ts';

export interface SearchOptions {
  /** Only entries in this language. Omit to search both. */
  lang?: Lang;
  /** How many snippets at most; 5 when omitted. */
  limit?: number;
}

/**
 * Field weights: a word in the title or the tags says what the entry is about, a word in the body may only
 * be mentioned in passing. Tuned on the labelled query set (src/lib/knowledge/eval/queries.json).
 */
const BOOST = { title: 3, tags: 2, body: 1 } as const;
/** A single Han character matches many entries by accident; bigrams carry the meaning. */
const UNIGRAM_WEIGHT = 0.3;

function options() {
  return {
    idField: 'id',
    fields: ['title', 'tags', 'body'],
    storeFields: ['lang'],
    extractField: (doc: KnowledgeEntry, field: string): string =>
      field === 'tags'
        ? doc.tags.join(' ')
        : String((doc as unknown as Record<string, unknown>)[field] ?? ''),
    tokenize,
    // tokenize() already lower-cases, stems and drops stop words.
    processTerm: (term: string) => term,
    searchOptions: {
      boost: BOOST,
      combineWith: 'OR' as const,
      // Typos only make sense in English words long enough that one wrong letter still leaves the word.
      fuzzy: (term: string) => (isLatinTerm(term) && term.length >= 5 ? 0.2 : false),
      prefix: (term: string) => isLatinTerm(term) && term.length >= 4,
      boostTerm: (term: string) => (isHanUnigram(term) ? UNIGRAM_WEIGHT : 1),
    },
  };
}

/** A searchable set of knowledge entries (built-in and clinic), kept in memory. */
export class KnowledgeIndex {
  #search = new MiniSearch<KnowledgeEntry>(options());
  #entries = new Map<string, KnowledgeEntry>();

  /** Builds an index over the given entries. Later entries with an id already seen replace earlier ones. */
  static fromEntries(entries: KnowledgeEntry[]): KnowledgeIndex {
    const index = new KnowledgeIndex();
    index.add(entries);
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

  /** Adds entries; an entry whose id is already indexed replaces the old one. */
  add(entries: KnowledgeEntry[]): void {
    const fresh: KnowledgeEntry[] = [];
    const seen = new Map<string, KnowledgeEntry>();
    for (const e of entries) seen.set(e.id, e);
    for (const e of seen.values()) {
      if (this.#entries.has(e.id)) this.#search.discard(e.id);
      this.#entries.set(e.id, e);
      fresh.push(e);
    }
    this.#search.addAll(fresh);
  }

  /** Removes entries by id; unknown ids are ignored. */
  remove(ids: string[]): void {
    for (const id of ids) {
      if (!this.#entries.delete(id)) continue;
      this.#search.discard(id);
    }
  }

  /**
   * The best-matching entries for a question, best first, as snippets carrying id, title, full body text,
   * source and score. Returns [] for a blank question or when nothing matches.
   */
  search(query: string, options: SearchOptions = {}): Snippet[] {
    const limit = options.limit ?? 5;
    if (limit <= 0 || query.trim() === '') return [];
    const lang = options.lang;
    const results: SearchResult[] = this.#search.search(query, {
      filter: lang ? (r) => r['lang'] === lang : undefined,
    });
    const out: Snippet[] = [];
    for (const r of results) {
      const e = this.#entries.get(String(r.id));
      if (!e) continue;
      out.push({ id: e.id, title: e.title, text: e.body, source: e.source, score: r.score });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** The index in MiniSearch's JSON form; its length is the figure the bench reports as index size. */
  serialize(): string {
    return JSON.stringify(this.#search);
  }
}

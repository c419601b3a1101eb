import type { KnowledgeEntry } from '$lib/knowledge/types.ts';

/** A small entry for tests; fields not given get plain defaults. */
export function entry(partial: Partial<KnowledgeEntry> & Pick<KnowledgeEntry, 'id'>): KnowledgeEntry {
  return {
    lang: 'en',
    title: partial.id,
    body: 'Body text.',
    tags: [],
    source: 'Test source',
    origin: 'builtin',
    ...partial,
  };
}

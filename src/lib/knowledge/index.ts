/**
 * The knowledge base's public API: build an index from built-in and clinic entries, search it, and fit the
 * results into a prompt with citations. Pure TypeScript (no DOM, no storage): runs in the browser and in Node.
 *
 *   const index = KnowledgeIndex.fromEntries([...(await loadBuiltinEntries()), ...clinicEntries]);
 *   const hits = index.search(question, { lang, limit: 3 });
 *   const inPrompt = fitSnippets(hits, 600, countTokens);   // snippetPromptText(s) is what was measured
 */
export { KnowledgeIndex, type SearchOptions } from './search.ts';
export { loadBuiltinEntries, buildBuiltinEntries, type BuiltinEntryData } from './load.ts';
export { fitSnippets, formatCitations, snippetPromptText } from './fit.ts';
export { tokenize } from './tokenize.ts';
export type { KnowledgeEntry, Lang, Snippet } from './types.ts';

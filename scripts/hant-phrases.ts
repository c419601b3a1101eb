/**
 * Writes src/lib/hant/phrases.json: the OpenCC phrases that occur in the app's own Chinese texts, so the
 * browser converts them exactly as full OpenCC would without downloading its megabyte phrase list.
 * Run after changing any Chinese wording: `npm run hant:phrases` (a unit test fails until then).
 */
import { writeFileSync } from 'node:fs';
import { hantCorpus, openccPhrases, phrasesIn } from './lib/hant-corpus.ts';

const texts = hantCorpus();
const phrases = phrasesIn(texts, await openccPhrases());
const out = new URL('../src/lib/hant/phrases.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(phrases, null, 0).replace(/","/g, '",\n"')}\n`);
console.log(`${phrases.length} phrases from ${texts.length} texts -> src/lib/hant/phrases.json`);

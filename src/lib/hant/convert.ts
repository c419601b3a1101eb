/**
 * Simplified → Traditional Chinese (Taiwan/Hong Kong characters, no regional vocabulary), by OpenCC's
 * dictionaries through opencc-js: characters one by one, and the phrases where one simplified character
 * stands for two traditional ones (头发 → 頭髮, not 頭發).
 *
 * OpenCC's full phrase list is a megabyte; `phrases.json` keeps only the phrases that occur in the app's
 * own texts (interface, health guide, safety wording: scripts/hant-phrases.ts writes it). On those texts
 * the result is exactly the full converter's, which a test checks. Other text (a model's answer that slips
 * into simplified characters) is converted character by character, the right form nearly always.
 * `corrections.json` then puts right what OpenCC leaves in mainland usage (設置 → 設定) or gets wrong
 * (指南回答 → 指南迴答, from the phrase 南迴).
 */
import { ConverterFactory } from 'opencc-js/core';
import characters from 'opencc-js/dict/STCharacters';
import variants from 'opencc-js/dict/TWVariants';
import variantPhrases from 'opencc-js/dict/TWVariantsPhrases';
import variantsRev from 'opencc-js/dict/TWVariantsRev';
import traditionalCharacters from 'opencc-js/dict/TSCharacters';
import traditionalPhrases from 'opencc-js/dict/TSPhrases';
import phrases from './phrases.json';
import corrections from './corrections.json';

/** The converter itself; built once, on first use (a trie of some 5,000 entries). */
let converter: ((text: string) => string) | null = null;

export function toTraditional(text: string): string {
  converter ??= ConverterFactory(
    [phrases.join('|'), characters],
    [variantPhrases, variants],
    [Object.entries(corrections.pairs)],
  );
  return converter(text);
}

let reverse: ((text: string) => string) | null = null;

/**
 * Traditional → Simplified, for looking a Traditional question up in the health guide (written in
 * Simplified): Taiwan variants back to OpenCC's standard forms, then OpenCC's characters and phrases.
 */
export function toSimplified(text: string): string {
  reverse ??= ConverterFactory([variantsRev], [traditionalPhrases, traditionalCharacters]);
  return reverse(text);
}

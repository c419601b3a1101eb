/**
 * Text normalization for phrase matching (triage, dose and diagnosis checks). Patients type full-width
 * characters, Traditional characters, spaces between characters and curly apostrophes; rules are written once,
 * in Simplified Chinese and plain lower-case English, and both sides go through this same function.
 */
import traditional from './rules/zh/traditional.json';
import { isHan } from './text.ts';

/** Traditional -> Simplified, one character for one, from the clinic-editable table rules/zh/traditional.json. */
export function buildCharMap(pairs: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs.split(/\s+/)) {
    const [from, to] = [...pair];
    if (from && to) map.set(from, to);
  }
  return map;
}

const defaultMap = buildCharMap(traditional.pairs);

/** CJK punctuation people put between characters when they type in a hurry or for emphasis. */
const SPACING = /[\s\u200b-\u200d\ufeff·・]/;

/**
 * Returns the text in matching form: NFKC (full-width to ASCII), lower case, Traditional characters mapped to
 * Simplified, apostrophes dropped (can't -> cant), hyphens as spaces (self-harm -> self harm), spaces between
 * two Chinese characters removed (胸 口 痛 -> 胸口痛), other runs of spaces collapsed to one.
 * Offsets are NOT preserved; use this for finding phrases, never for cutting the original text.
 */
export function normalizeForMatch(text: string, charMap: Map<string, string> = defaultMap): string {
  const base = text.normalize('NFKC').toLowerCase();
  let mapped = '';
  for (const ch of base) {
    if (ch === "'" || ch === '\u2019' || ch === '\u2018' || ch === '`') continue;
    mapped += ch === '-' ? ' ' : (charMap.get(ch) ?? ch);
  }
  let out = '';
  for (let i = 0; i < mapped.length; i++) {
    const ch = mapped[i]!;
    if (!SPACING.test(ch)) {
      out += ch;
      continue;
    }
    let j = i;
    while (j < mapped.length && SPACING.test(mapped[j]!)) j++;
    const before = out[out.length - 1];
    const after = mapped[j];
    // Between two Chinese characters a space is noise; elsewhere it separates words.
    if (!(isHan(before) && isHan(after)) && before !== undefined && before !== ' ' && after !== undefined) {
      out += ' ';
    }
    i = j - 1;
  }
  return out;
}

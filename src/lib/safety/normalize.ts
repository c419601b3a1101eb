/**
 * Text normalization for phrase matching (triage, dose and diagnosis checks). Patients type full-width
 * characters, Traditional characters, spaces between characters and curly apostrophes; rules are written once,
 * in Simplified Chinese and plain lower-case English, and both sides go through this same function.
 */
import traditional from './rules/zh/traditional.json';

/** Tables already built, by their source text: the built-in triage rules and the default here share one. */
const builtMaps = new Map<string, Map<string, string>>();

/**
 * Traditional -> Simplified, one character for one, from the clinic-editable table rules/zh/traditional.json.
 * The same table text gives the same map, so its character class (mapChars) is compiled once too; the map is
 * shared, so callers read it and never change it.
 */
export function buildCharMap(pairs: string): Map<string, string> {
  const known = builtMaps.get(pairs);
  if (known) return known;
  const map = new Map<string, string>();
  for (const pair of pairs.split(/\s+/)) {
    const [from, to] = [...pair];
    if (from && to) map.set(from, to);
  }
  builtMaps.set(pairs, map);
  return map;
}

const defaultMap = buildCharMap(traditional.pairs);

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
/** Spaces, and the middle dots people put between characters when they type in a hurry or for emphasis. */
const GAP = '\\s·・';
const BETWEEN_HAN = new RegExp(`([${HAN}])[${GAP}]+(?=[${HAN}])`, 'g');
const SPACE_RUNS = new RegExp(`[${GAP}]+`, 'g');

/** One pass of the Traditional -> Simplified table, via a character class of its keys (native regex speed). */
const classCache = new WeakMap<Map<string, string>, RegExp>();

function mapChars(text: string, charMap: Map<string, string>): string {
  if (charMap.size === 0) return text;
  let re = classCache.get(charMap);
  if (!re) {
    const keys = [...charMap.keys()].map((k) => k.replace(/[\\\]^-]/g, '\\$&'));
    re = new RegExp(`[${keys.join('')}]`, 'gu');
    classCache.set(charMap, re);
  }
  return text.replace(re, (ch) => charMap.get(ch) ?? ch);
}

/**
 * Maps the Traditional characters the table knows to Simplified, one for one, leaving everything else (and
 * every offset) as it is. The knowledge base uses it so 發燒 finds the entries written as 发烧.
 */
export function toSimplified(text: string, charMap: Map<string, string> = defaultMap): string {
  return mapChars(text, charMap);
}

/**
 * Returns the text in matching form: NFKC (full-width to ASCII), lower case, Traditional characters mapped to
 * Simplified, apostrophes dropped (can't -> cant), hyphens as spaces (self-harm -> self harm), spaces between
 * two Chinese characters removed (胸 口 痛 -> 胸口痛), other runs of spaces collapsed to one.
 * Offsets are NOT preserved; use this for finding phrases, never for cutting the original text.
 * Built from native string and regex operations, each linear, because it runs on every message.
 */
export function normalizeForMatch(text: string, charMap: Map<string, string> = defaultMap): string {
  const base = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff'\u2018\u2019`]/g, '');
  return mapChars(base, charMap)
    .replace(/-/g, ' ')
    .replace(BETWEEN_HAN, '$1')
    .replace(SPACE_RUNS, ' ')
    .trim();
}

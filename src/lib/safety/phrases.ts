/**
 * A small, linear pattern language for clinic-editable phrases, so rule files never hold regular expressions
 * (one careless regex in a data file could freeze the chat screen):
 *
 *   "胸痛"                      a plain phrase
 *   "胸闷 … 冷汗|左臂"          alternatives with "|"; "…" lets up to `maxGap` characters come between the parts
 *   "胸口|心口 ~ 痛|疼"          "~" is the same gap, but inside one clause: no comma or full stop in it, so
 *                               "胸部CT正常，头痛" is not chest pain
 *
 * A gap may not contain a blocker word (不, 没, not ...), so "胸口不痛" does not match "胸口 ~ 痛".
 * English alternatives must start at a word boundary ("stroke" does not match inside "sunstroke").
 */
import { normalizeForMatch } from './normalize.ts';
import { isLetter } from './words.ts';

export interface Phrase {
  /** The pattern as written in the rule file, reported in TriageResult.matched. */
  source: string;
  parts: string[][];
  /** sameClause[k]: the gap before parts[k] must stay inside one clause (written "~"). */
  sameClause: boolean[];
}

export interface PhraseMatch {
  phrase: Phrase;
  start: number;
  end: number;
}

/** Parses one pattern; alternatives are normalized like the text they will be matched against. */
export function compilePhrase(source: string, charMap?: Map<string, string>): Phrase {
  const tokens = source.split(/(…|\.\.\.|~)/);
  const parts: string[][] = [];
  const sameClause: boolean[] = [];
  let joint = false;
  for (let i = 0; i < tokens.length; i += 2) {
    const alts = tokens[i]!.split('|')
      .map((alt) => normalizeForMatch(alt.trim(), charMap).trim())
      .filter((alt) => alt.length > 0);
    if (alts.length > 0) {
      parts.push(alts);
      sameClause.push(joint);
    }
    joint = tokens[i + 1] === '~';
  }
  if (parts.length === 0) throw new Error(`Empty phrase in safety rules: "${source}"`);
  return { source, parts, sameClause };
}

/** Punctuation that ends a clause in normalized text (full-width marks are ASCII after NFKC, except 。、). */
const CLAUSE_MARK = /[,;:!?。、\n]|\.(?!\d)/;

/** Where `alt` occurs in `text` at or after `from` and starts at or before `lastStart`, honouring word starts. */
function findAlt(text: string, alt: string, from: number, lastStart: number): number {
  // Search only the window: indexOf over the whole rest of a long text, once per occurrence of the first part,
  // would make "胸胸胸…" (no 痛 anywhere) quadratic.
  const base = lastStart < text.length ? from : 0;
  const hay = base === 0 ? text : text.slice(from, lastStart + alt.length);
  let at = hay.indexOf(alt, from - base);
  while (at !== -1 && at + base <= lastStart) {
    if (!isLetter(alt[0]) || !isLetter(text[at + base - 1])) return at + base;
    at = hay.indexOf(alt, at + 1);
  }
  return -1;
}

/** Which words occur in the text being matched; reset when the text changes (one message at a time). */
let presenceText = '';
let presence = new Map<string, boolean>();

/** Below this length a plain search is cheaper than the memo. */
const MEMO_FROM = 2048;

function occursIn(text: string, word: string): boolean {
  if (text.length < MEMO_FROM) return text.includes(word);
  if (text !== presenceText) {
    presenceText = text;
    presence = new Map();
  }
  let found = presence.get(word);
  if (found === undefined) {
    found = text.includes(word);
    presence.set(word, found);
  }
  return found;
}

function gapBlocked(text: string, from: number, to: number, blockers: string[]): boolean {
  if (to <= from) return false;
  const gap = ` ${text.slice(from, to)} `;
  return blockers.some((b) => (isLetter(b[0]) ? gap.includes(` ${b} `) : gap.includes(b)));
}

/** Matches parts[k..] starting somewhere in [from, lastStart]; returns the end offset or -1. */
function matchRest(
  text: string,
  phrase: Phrase,
  k: number,
  from: number,
  maxGap: number,
  blockers: string[],
): number {
  const { parts } = phrase;
  if (k === parts.length) return from;
  for (const alt of parts[k]!) {
    let at = findAlt(text, alt, from, from + maxGap);
    while (at !== -1) {
      const crossesClause = phrase.sameClause[k] === true && CLAUSE_MARK.test(text.slice(from, at));
      if (!crossesClause && !gapBlocked(text, from, at, blockers)) {
        const end = matchRest(text, phrase, k + 1, at + alt.length, maxGap, blockers);
        if (end !== -1) return end;
      }
      at = findAlt(text, alt, at + 1, from + maxGap);
    }
  }
  return -1;
}

/**
 * Places where `phrase` matches in an already normalized `text`, at most `limit` of them (a message that
 * repeats a phrase hundreds of times needs no more looks).
 * Work is bounded by occurrences of the first part times the gap window, so it stays linear in the text.
 */
export function matchPhrase(
  text: string,
  phrase: Phrase,
  maxGap: number,
  blockers: string[],
  limit = 64,
): PhraseMatch[] {
  const out: PhraseMatch[] = [];
  const [first, ...rest] = phrase.parts;
  // A later part that occurs nowhere in the text means no match: checked once per text and word (memoized),
  // it spares trying every occurrence of a common first part ("胸胸胸…" with no 痛 anywhere).
  if (!rest.every((part) => part.some((alt) => occursIn(text, alt)))) return out;
  for (const alt of first!) {
    if (!occursIn(text, alt)) continue;
    let at = findAlt(text, alt, 0, text.length);
    while (at !== -1) {
      const end =
        rest.length === 0 ? at + alt.length : matchRest(text, phrase, 1, at + alt.length, maxGap, blockers);
      if (end !== -1) {
        out.push({ phrase, start: at, end });
        if (out.length >= limit) return out;
        at = findAlt(text, alt, end, text.length);
      } else {
        at = findAlt(text, alt, at + 1, text.length);
      }
    }
  }
  return out;
}

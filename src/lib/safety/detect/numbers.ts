/**
 * Phone, ID and card numbers, found with a tokenizer instead of one large regular expression: the text is cut
 * into digit runs once, runs joined by a space, dash or bracket form a chunk, and each short window of runs
 * in a chunk is classified by its digits. Every step is linear in the text, whatever the input (100,000 digits
 * in a row is one run and one window).
 */
import { cnIdValid, cnLegacyIdValid, luhnValid } from '../checksums.ts';
import { isAsciiLetter, isDigit } from '../text.ts';
import type { Candidate } from './candidate.ts';

interface Run {
  start: number;
  /** End of the run (exclusive), including a trailing X of an ID. */
  end: number;
  digits: string;
  /** The run ends with the X of an ID: nothing may follow it in the same number. */
  endsWithX: boolean;
}

/** Longest identifier in digits: a card has 19 (E.164 allows 15, 17 with the "00" prefix). */
const MAX_DIGITS = 19;
/** Most groups a written number has: +33 1 23 45 67 89. */
const MAX_GROUPS = 6;
const SEPARATORS = new Set([' ', '-', '(', ')']);

/** Splits the text into digit runs; a run longer than any identifier is kept but never classified. */
function digitRuns(text: string): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i])) {
      i++;
      continue;
    }
    const start = i;
    while (isDigit(text[i])) i++;
    // The 18th character of a resident ID may be X; take it only when it ends the token.
    const endsWithX =
      (text[i] === 'X' || text[i] === 'x') && !isAsciiLetter(text[i + 1]) && !isDigit(text[i + 1]);
    const end = endsWithX ? i + 1 : i;
    runs.push({ start, end, digits: text.slice(start, end), endsWithX });
    i = end;
  }
  return runs;
}

/** True when the text between two runs is a separator people put inside numbers: "-", " ", ") ", " (". */
function joins(text: string, from: number, to: number): boolean {
  const gap = to - from;
  if (gap < 1 || gap > 3) return false;
  let spaces = 0;
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (!SEPARATORS.has(ch)) return false;
    if (ch === ' ' || ch === '-') spaces++;
  }
  return spaces <= 2;
}

/**
 * A run is a decimal part or carries on a word (A1c, 3.5) when a letter or a digit-dot touches it. A comma joins
 * digits only as a thousands separator (1,000): "13800138000,13900139000" is two numbers.
 */
function attachedBefore(text: string, start: number, runLength: number): boolean {
  const prev = text[start - 1];
  if (isAsciiLetter(prev) || isDigit(prev)) return true;
  if (!isDigit(text[start - 2])) return false;
  return prev === '.' || (prev === ',' && runLength === 3);
}

function attachedAfter(text: string, end: number): boolean {
  const next = text[end];
  if (isAsciiLetter(next) || isDigit(next)) return true;
  if (next === '.') return isDigit(text[end + 1]);
  return next === ',' && isDigit(text[end + 1]) && isDigit(text[end + 3]) && !isDigit(text[end + 4]);
}

const MOBILE = /^1[3-9]\d{9}$/;

/** Mainland landline with its area code, leading 0 included: 010/02x + 8 digits, 0xxx + 7 or 8 digits. */
function isLandline(d: string): boolean {
  if (d[0] !== '0' || d[1] === '0' || d.length < 10 || d.length > 12) return false;
  const areaLength = d[1] === '1' || d[1] === '2' ? 3 : 4;
  if (d[1] === '1' && d[2] !== '0') return false;
  const local = d.slice(areaLength);
  return (local.length === 7 || local.length === 8) && local[0] !== '0' && local[0] !== '1';
}

/**
 * Card networks' first digits: 3 (Amex, JCB, Diners), 4 (Visa), 5 (Mastercard), 6 (UnionPay 62, Discover),
 * 9 (older mainland debit cards) and Mastercard's 2221-2720. Leaving out 1, 7, 8 and the rest of 2 keeps
 * timestamps (2024...) and record numbers that happen to pass Luhn from being taken for cards.
 */
function isCardPrefix(d: string): boolean {
  if ('34569'.includes(d[0]!)) return true;
  const four = Number(d.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

/**
 * An 18-character resident ID whose check character is wrong is still someone's ID with a typo: the same
 * province code (11-82) and a real birth date (1900 to this year) at the same place make it one.
 */
function cnIdShaped(d: string): boolean {
  if (d.length !== 18 || !/^\d{17}[\dXx]$/.test(d)) return false;
  const province = Number(d.slice(0, 2));
  if (province < 11 || province > 82) return false;
  const year = Number(d.slice(6, 10));
  const month = Number(d.slice(10, 12));
  const day = Number(d.slice(12, 14));
  if (year < 1900 || year > new Date().getFullYear()) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

interface Window {
  digits: string;
  groups: number[];
  plus: boolean;
}

/** Classifies one window of runs; returns the identifier type and priority, or undefined. */
function classify(w: Window): Pick<Candidate, 'type' | 'priority'> | undefined {
  const d = w.digits;
  // Nine digits without a "+" are nothing here (too long for a local number, too short for the rest).
  if (!w.plus && d.length === 9) return undefined;
  if (d.endsWith('X') || d.endsWith('x')) {
    if (d.length === 18 && cnIdValid(d)) return { type: 'idCard', priority: 9 };
    return cnIdShaped(d) ? { type: 'idCard', priority: 7 } : undefined;
  }
  if (!w.plus && d.length === 18 && cnIdValid(d)) return { type: 'idCard', priority: 9 };
  if (!w.plus && d.length === 15 && cnLegacyIdValid(d)) return { type: 'idCard', priority: 8 };
  if (!w.plus && d.length >= 13 && d.length <= 19 && isCardPrefix(d) && luhnValid(d)) {
    return { type: 'bankCard', priority: 7 };
  }
  if (!w.plus && cnIdShaped(d)) return { type: 'idCard', priority: 7 };
  // Country code 86 written as +86, 0086 or (+86).
  const national = w.plus && d.startsWith('86') ? d.slice(2) : d.startsWith('0086') ? d.slice(4) : undefined;
  if (national !== undefined) {
    if (MOBILE.test(national)) return { type: 'mobile', priority: 6 };
    if (isLandline('0' + national)) return { type: 'landline', priority: 5 };
  }
  if (!w.plus && MOBILE.test(d)) return { type: 'mobile', priority: 6 };
  // Taiwan mobile written nationally: 0912-345-678.
  if (!w.plus && /^09\d{8}$/.test(d)) return { type: 'mobile', priority: 6 };
  if (!w.plus && isLandline(d)) return { type: 'landline', priority: 5 };
  if (w.plus && d.length >= 8 && d.length <= 15) return { type: 'intlPhone', priority: 4 };
  // "00" + country code (never starting with 0) + number.
  if (!w.plus && d.startsWith('00') && d[2] !== '0' && d.length >= 10 && d.length <= 17) {
    return { type: 'intlPhone', priority: 4 };
  }
  // North American (650) 253-0000 / 650-253-0000 / 1 650 253 0000: area and exchange codes start 2-9.
  const g = w.groups;
  const na =
    g.length === 3 && g[0] === 3 && g[1] === 3 && g[2] === 4
      ? d
      : g.length === 4 && g[0] === 1 && g[1] === 3 && g[2] === 3 && g[3] === 4 && d[0] === '1'
        ? d.slice(1)
        : undefined;
  if (na !== undefined && /^[2-9]\d{2}[2-9]\d{6}$/.test(na)) return { type: 'intlPhone', priority: 3 };
  // UK mobile written nationally: 07700 900123.
  if (/^07\d{9}$/.test(d) && w.groups.length <= 3) return { type: 'intlPhone', priority: 3 };
  return undefined;
}

/** Finds phone numbers, resident IDs and bank cards written as digits, with or without separators. */
export function findNumbers(text: string): Candidate[] {
  const runs = digitRuns(text);
  const out: Candidate[] = [];
  for (let i = 0; i < runs.length; i++) {
    const first = runs[i]!;
    if (first.digits.length > MAX_DIGITS || attachedBefore(text, first.start, first.digits.length)) continue;
    // Prefix: "+", "(+", "(" right before the first run belong to the number.
    let start = first.start;
    let plus = false;
    if (text[start - 1] === '+') {
      plus = true;
      start--;
      if (text[start - 1] === '(') start--;
    } else if (text[start - 1] === '(') {
      start--;
    }
    // After "+" or an international "00" prefix, short groups are normal: +44 20 7946 0958, 0044 20 7946 0958.
    const international = plus || first.digits.startsWith('00');
    let digits = '';
    const groups: number[] = [];
    for (let j = i; j < runs.length && j - i < MAX_GROUPS; j++) {
      const run = runs[j]!;
      if (j > i) {
        const prev = runs[j - 1]!;
        if (prev.endsWithX || !joins(text, prev.end, run.start)) break;
        // Short groups only make sense after a country code: "+44 20 7946 0958", not "3 12 45".
        if (!international && run.digits.length < 3) break;
      }
      digits += run.digits;
      groups.push(run.digits.length);
      if (digits.length > MAX_DIGITS) break;
      const trunkOrAreaCode =
        (groups[0] === 1 && digits[0] === '1') || (groups[0] === 2 && digits[0] === '0');
      if (!international && groups.length === 2 && groups[0]! < 3 && !trunkOrAreaCode) break;
      // Every identifier here has at least 8 digits (the shortest E.164 number); skip the rest cheaply.
      if (digits.length < 8 || attachedAfter(text, run.end)) continue;
      const kind = classify({ digits, groups, plus });
      if (!kind) continue;
      // A closing bracket right after the number belongs to it when the number opened one.
      let end = run.end;
      if (
        text[end] === ')' &&
        text.slice(start, end).split('(').length > text.slice(start, end).split(')').length
      )
        end++;
      out.push({ type: kind.type, priority: kind.priority, start, end });
    }
  }
  return out;
}

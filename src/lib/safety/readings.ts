/**
 * Numbers patients type that change the triage level: a meter's blood sugar, a blood pressure, an oxygen
 * saturation, a temperature, a baby's age. Finds them in normalized text next to the cue words of
 * rules/<lang>/emergency.json (`readingCues`) and converts them to one unit per quantity, so triage.json's
 * thresholds (`readings`) are written once: glucose in mmol/L, temperature in °C, age in days.
 * A linear scan over the text; no pattern from a rule file becomes a regular expression.
 */

import { endsWithWord, isLetter, startsWithWord, stripTrailing } from './words.ts';
import { CJK_DIGITS } from './numerals.ts';

export type Quantity =
  'glucose' | 'systolic' | 'spo2' | 'temperature' | 'ageDays' | 'gestationWeeks' | 'tablets';

export const QUANTITIES: readonly Quantity[] = [
  'glucose',
  'systolic',
  'spo2',
  'temperature',
  'ageDays',
  'gestationWeeks',
  'tablets',
];

/** The shape of `readingCues` in rules/<lang>/emergency.json (documented in rules/README.md). */
export interface ReadingCues {
  /** Words right before a number that say what it measures: "血糖" 2.1, "bp" 85/50, "fever of" 101. */
  glucose: string[];
  systolic: string[];
  spo2: string[];
  temperature: string[];
  /** Words right after a number that make it a temperature: 38.5"度", 101"f". */
  temperatureUnits: string[];
  /** Age units right after a number: 8"周", 6 "week", 2"个月"; value is days per unit. */
  ageUnits: { words: string[]; days: number }[];
  /** A baby's age only counts next to one of these: "宝宝"8周, "my baby is" 10 weeks; or ... */
  ageBefore: string[];
  /** ... followed by one of these: 6 weeks "old", 两个月"大", 七周"宝宝". */
  ageAfter: string[];
  /** Words that may stand between an `ageBefore` word and the number ("is", "才"). */
  ageFillers: string[];
  /** What a meter shows past its range ("HI", "LO"), read as whole words after a glucose cue. */
  meterHigh?: string[];
  meterLow?: string[];
  /** Weeks right after one of these are weeks of pregnancy: "孕"32周, "I'm" 32 weeks, "at" 31 weeks. */
  gestationBefore?: string[];
  /** Words right after a count that make it tablets: 20"片", 15 "tablets", 20 "ibuprofen". */
  tabletUnits: string[];
  /** Number words ("three" = 3) for ages and tablet counts. Digits and Chinese numerals are always read. */
  numberWords: Record<string, number>;
}

export interface Reading {
  quantity: Quantity;
  value: number;
  start: number;
  end: number;
}

/** How far before a number its cue word may stand ("血糖仪显示 2.1", "blood sugar is only 2.1"). */
const CUE_REACH = 20;

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

interface NumberToken {
  value: number;
  start: number;
  end: number;
  /** The second number of "a/b" (a blood pressure), when there is one. */
  over?: number;
  /** Written in words ("两", "five"): read only as an age or a count, never as a measurement. */
  word?: boolean;
}

const CJK_NUMERALS = new Set([...Object.keys(CJK_DIGITS), '十', '几']);

/** A run of Chinese numerals ("十五", "二十", "十几", "两") at `at`: its value and end, or undefined. */
function readCjk(text: string, at: number): { value: number; end: number } | undefined {
  let end = at;
  let total = 0;
  let digit: number | undefined;
  while (end < text.length && end - at < 4) {
    const ch = text[end]!;
    if (ch in CJK_DIGITS) digit = CJK_DIGITS[ch];
    else if (ch === '几') digit = digit === undefined && total === 0 ? 3 : 5;
    else if (ch === '十') {
      total += (digit ?? 1) * 10;
      digit = undefined;
    } else break;
    end++;
  }
  if (end === at) return undefined;
  return { value: total + (digit ?? 0), end };
}

function readDigits(text: string, at: number): { value: number; end: number } {
  let end = at;
  while (isDigit(text[end])) end++;
  if (text[end] === '.' && isDigit(text[end + 1])) {
    end++;
    while (isDigit(text[end])) end++;
  }
  return { value: Number(text.slice(at, end)), end };
}

/**
 * A patient gives a handful of readings; past this many numbers a text is a table or a paste, and reading
 * on would only cost time (the phrase rules still see all of it).
 */
const MAX_NUMBERS = 256;

/** Every number in the text: digits (with a decimal part, and "a/b"), and the number words the rules list. */
function numbers(text: string, words: [string, number][]): NumberToken[] {
  const out: NumberToken[] = [];
  for (let i = 0; i < text.length && out.length < MAX_NUMBERS;) {
    if (isDigit(text[i]) && !isDigit(text[i - 1])) {
      const first = readDigits(text, i);
      const token: NumberToken = { value: first.value, start: i, end: first.end };
      if (text[first.end] === '/' && isDigit(text[first.end + 1])) {
        const second = readDigits(text, first.end + 1);
        token.over = second.value;
        token.end = second.end;
      }
      out.push(token);
      i = token.end;
      continue;
    }
    const cjk = CJK_NUMERALS.has(text[i]!) ? readCjk(text, i) : undefined;
    if (cjk) {
      out.push({ value: cjk.value, start: i, end: cjk.end, word: true });
      i = cjk.end;
      continue;
    }
    const startsWord = isLetter(text[i]) && !isLetter(text[i - 1]);
    const word =
      startsWord &&
      words.find(
        ([w]) =>
          text.startsWith(w, i) &&
          (!isLetter(w[0]) || (!isLetter(text[i - 1]) && !isLetter(text[i + w.length]))),
      );
    if (word) {
      out.push({ value: word[1], start: i, end: i + word[0].length, word: true });
      i += word[0].length;
      continue;
    }
    i++;
  }
  return out;
}

/** True when a cue word ends within CUE_REACH characters before `at`, with no other number in between. */
function cuedBy(text: string, at: number, cues: string[], previousEnd: number): boolean {
  const from = Math.max(previousEnd, at - CUE_REACH);
  const before = text.slice(from, at);
  return cues.some((cue) => {
    const k = before.lastIndexOf(cue);
    return k !== -1 && (!isLetter(cue[0]) || !isLetter(before[k - 1]));
  });
}

function afterSpace(text: string, at: number): string {
  let i = at;
  while (text[i] === ' ') i++;
  return text.slice(i, i + 16);
}

/** Strips filler words off the end of `before`, then says whether it ends with one of `words`. */
function cuedAfterFillers(before: string, cues: ReadingCues, words: string[]): boolean {
  const rest = stripTrailing(before, cues.ageFillers);
  return words.some((w) => endsWithWord(rest, w));
}

/**
 * A message that opens with a week count a pregnancy has ("35 weeks, terrible headache…", "孕" left out):
 * that is how pregnant women write. Other week counts ("3 weeks of cough") are shorter than 20 or not first.
 */
function openingGestation(text: string, n: NumberToken): boolean {
  return text.slice(0, n.start).trim() === '' && n.value >= 20 && n.value <= 42;
}

function temperatureValue(value: number): number | undefined {
  if (value >= 34 && value <= 44) return value;
  if (value >= 93 && value <= 111) return Math.round((((value - 32) * 5) / 9) * 10) / 10;
  return undefined;
}

/** Glucose meters show "HI" above about 33 mmol/L and "LO" below about 1.1: read as those values. */
const METER_HIGH = 34;
const METER_LOW = 1;

function meterWords(text: string, cues: ReadingCues, out: Reading[]): void {
  const kinds: [string[], number][] = [
    [cues.meterHigh ?? [], METER_HIGH],
    [cues.meterLow ?? [], METER_LOW],
  ];
  for (const [words, value] of kinds) {
    for (const w of words) {
      let at = text.indexOf(w);
      while (at !== -1 && out.length < 64) {
        const whole = !isLetter(text[at - 1]) && !isLetter(text[at + w.length]);
        if (whole && cuedBy(text, at, cues.glucose, 0)) {
          out.push({ quantity: 'glucose', value, start: at, end: at + w.length });
        }
        at = text.indexOf(w, at + w.length);
      }
    }
  }
}

/** All readings found in normalized `text`, with their offsets. */
export function findReadings(text: string, cues: ReadingCues): Reading[] {
  const out: Reading[] = [];
  meterWords(text, cues, out);
  const words = Object.entries(cues.numberWords).sort((a, b) => b[0].length - a[0].length);
  let previousEnd = 0;
  for (const n of numbers(text, words)) {
    const after = afterSpace(text, n.end);
    const cued = (list: string[]) => cuedBy(text, n.start, list, previousEnd);
    const push = (quantity: Quantity, value: number) =>
      out.push({ quantity, value, start: n.start, end: n.end });

    if (n.word) {
      // Counted in words: only an age or a number of tablets.
    } else if (n.over !== undefined) {
      // "85/50": a blood pressure when both halves are in range, cue or not.
      if (n.value >= 40 && n.value <= 280 && n.over >= 20 && n.over <= 180) push('systolic', n.value);
    } else {
      if (cued(cues.glucose)) {
        const mg = after.startsWith('mg') || (n.value > 35 && !after.startsWith('mmol'));
        push('glucose', mg ? n.value / 18 : n.value);
      }
      if (cued(cues.systolic) && n.value >= 40 && n.value <= 280) push('systolic', n.value);
      if (cued(cues.spo2) && n.value >= 40 && n.value <= 100) push('spo2', n.value);
      const celsius = temperatureValue(n.value);
      // A decimal between 37.5 and 43 is a temperature even bare ("摸着很烫，量了38.2").
      const bareFever = n.value >= 37.5 && n.value <= 43 && text.slice(n.start, n.end).includes('.');
      if (
        celsius !== undefined &&
        (bareFever || cued(cues.temperature) || cues.temperatureUnits.some((u) => startsWithWord(after, u)))
      ) {
        push('temperature', celsius);
      }
    }
    if (n.over === undefined) {
      if (cues.tabletUnits.some((u) => startsWithWord(after, u))) push('tablets', n.value);
      const unit = cues.ageUnits.find((u) => u.words.some((w) => startsWithWord(after, w)));
      if (unit) {
        const unitWord = unit.words
          .filter((w) => startsWithWord(after, w))
          .sort((a, b) => b.length - a.length)[0]!;
        const rest = afterSpace(after, unitWord.length);
        const before = text.slice(Math.max(0, n.start - 24), n.start);
        const isAge =
          cuedAfterFillers(before, cues, cues.ageBefore) ||
          cues.ageAfter.some((w) => startsWithWord(rest, w));
        if (isAge) push('ageDays', n.value * unit.days);
        else if (
          unit.days === 7 &&
          (cuedAfterFillers(before, cues, cues.gestationBefore ?? []) || openingGestation(text, n))
        ) {
          push('gestationWeeks', n.value);
        }
      }
    }
    if (!n.word) previousEnd = n.end;
  }
  return out;
}

/** One threshold from triage.json `readings`: a quantity below or at least a value. */
export interface ReadingRule {
  quantity: Quantity;
  below?: number;
  atLeast?: number;
}

export function meets(reading: Reading, rule: ReadingRule): boolean {
  if (reading.quantity !== rule.quantity) return false;
  if (rule.below !== undefined && !(reading.value < rule.below)) return false;
  if (rule.atLeast !== undefined && !(reading.value >= rule.atLeast)) return false;
  return true;
}

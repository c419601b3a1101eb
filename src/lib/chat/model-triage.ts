/**
 * The model as a second net for triage. The system prompt asks it to start every answer with one line,
 * "TRIAGE: emergency", "TRIAGE: urgent" or "TRIAGE: none". This module reads that line from the streamed
 * text and hides it from what is shown; raiseTriage lets it raise the rules' level, never lower it: the
 * rules run without a model and are the floor, the model only adds what they missed.
 */
import type { EmergencyCategory, TriageLevel } from '../safety/types.ts';

/** The line's keyword; the same in every language, so one parser reads the model in Chinese or English. */
const KEYWORD = 'triage';

/** Words a small model may put after the keyword, in either language. */
const LEVEL_WORDS: [string, TriageLevel][] = [
  ['emergency', 'emergency'],
  ['urgent', 'urgent'],
  ['none', 'none'],
  ['紧急', 'emergency'],
  ['急救', 'emergency'],
  ['尽快', 'urgent'],
  ['无', 'none'],
];

/** Characters a model wraps the line in (markdown bold, brackets) before the keyword. */
const WRAPPERS = new Set(['*', '_', '`', '[', '【', '(', '（', ' ', '#', '>']);

export interface ModelTriageSplit {
  /** The level the model gave, or null when the answer does not start with the line. */
  level: TriageLevel | null;
  /** The answer without the line: what is post-processed and shown. */
  body: string;
  /** The start could still become the line ("TRIA"): show nothing yet. */
  pending: boolean;
}

/**
 * Splits a (possibly partial) answer into the model's triage line and the rest.
 * @param final the answer is complete: a line with no newline after it is read as it is.
 */
export function splitModelTriage(raw: string, final = false): ModelTriageSplit {
  let at = 0;
  while (at < raw.length && (WRAPPERS.has(raw[at]!) || raw[at] === '\n')) at++;
  const head = raw.slice(at, at + KEYWORD.length).toLowerCase();
  if (head.length < KEYWORD.length) {
    const couldBe = KEYWORD.startsWith(head) && !final;
    return couldBe ? { level: null, body: '', pending: true } : { level: null, body: raw, pending: false };
  }
  if (head !== KEYWORD) return { level: null, body: raw, pending: false };
  // The keyword must be followed by a colon: "Triage nurses say..." is an answer, not the line.
  let colon = at + KEYWORD.length;
  while (colon < raw.length && (raw[colon] === ' ' || raw[colon] === '*')) colon++;
  if (colon === raw.length && !final) return { level: null, body: '', pending: true };
  if (raw[colon] !== ':' && raw[colon] !== '：') return { level: null, body: raw, pending: false };
  const newline = raw.indexOf('\n', at);
  if (newline === -1 && !final) return { level: null, body: '', pending: true };
  const line = raw.slice(at + KEYWORD.length, newline === -1 ? raw.length : newline).toLowerCase();
  const level = LEVEL_WORDS.find(([word]) => line.includes(word))?.[1] ?? null;
  const body = newline === -1 ? '' : raw.slice(newline + 1).replace(/^\s*\n/, '');
  return { level, body, pending: false };
}

const RANK: Record<TriageLevel, number> = { none: 0, urgent: 1, emergency: 2 };

export interface StoredTriage {
  level: TriageLevel;
  categories: EmergencyCategory[];
  /** Which layer set the level: the deterministic rules, or the model raising it. */
  source?: 'rules' | 'model';
}

/**
 * The question's triage after the model's line: raised to the model's level when that is higher, with the
 * rules' categories kept (an emergency the rules missed has none: the card gives the general steps).
 * @returns the raised triage, or null when the model adds nothing.
 */
export function raiseTriage(rules: StoredTriage | undefined, model: TriageLevel | null): StoredTriage | null {
  const current = rules ?? { level: 'none' as const, categories: [] };
  if (model === null || RANK[model] <= RANK[current.level]) return null;
  return { level: model, categories: current.categories, source: 'model' };
}

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

interface Head {
  level: TriageLevel | null;
  /** Where the answer proper starts in the raw text (0 when there is no line). */
  bodyStart: number;
  pending: boolean;
}

const PENDING: Head = { level: null, bodyStart: 0, pending: true };
const NO_LINE: Head = { level: null, bodyStart: 0, pending: false };

/** Reads the start of a (possibly partial) answer: is there a triage line, and where does the answer begin. */
function readHead(raw: string, final: boolean): Head {
  let at = 0;
  while (at < raw.length && (WRAPPERS.has(raw[at]!) || raw[at] === '\n')) at++;
  const head = raw.slice(at, at + KEYWORD.length).toLowerCase();
  if (head.length < KEYWORD.length) return KEYWORD.startsWith(head) && !final ? PENDING : NO_LINE;
  if (head !== KEYWORD) return NO_LINE;
  // The keyword must be followed by a colon: "Triage nurses say..." is an answer, not the line.
  let colon = at + KEYWORD.length;
  while (colon < raw.length && (raw[colon] === ' ' || raw[colon] === '*')) colon++;
  if (colon === raw.length && !final) return PENDING;
  if (raw[colon] !== ':' && raw[colon] !== '：') return NO_LINE;
  const newline = raw.indexOf('\n', at);
  if (newline === -1 && !final) return PENDING;
  const line = raw.slice(at + KEYWORD.length, newline === -1 ? raw.length : newline).toLowerCase();
  const level = LEVEL_WORDS.find(([word]) => line.includes(word))?.[1] ?? null;
  return { level, bodyStart: newline === -1 ? raw.length : newline + 1, pending: false };
}

function split(raw: string, head: Head): ModelTriageSplit {
  if (head.pending) return { level: null, body: '', pending: true };
  const body = head.bodyStart === 0 ? raw : raw.slice(head.bodyStart).replace(/^\s*\n/, '');
  return { level: head.level, body, pending: false };
}

/**
 * Splits a (possibly partial) answer into the model's triage line and the rest.
 * @param final the answer is complete: a line with no newline after it is read as it is.
 */
export function splitModelTriage(raw: string, final = false): ModelTriageSplit {
  return split(raw, readHead(raw, final));
}

/**
 * splitModelTriage for a growing answer, called on every streamed token: once the start is settled (the
 * line read, or no line), later calls only cut the body off instead of reading the start again.
 */
export function modelTriageReader(): (raw: string, final?: boolean) => ModelTriageSplit {
  let settled: Head | null = null;
  return (raw, final = false) => {
    const head = settled ?? readHead(raw, final);
    if (!head.pending) settled = head;
    return split(raw, head);
  };
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

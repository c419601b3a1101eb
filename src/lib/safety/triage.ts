/**
 * Emergency triage: finds phrases that describe an emergency happening now, in Simplified or Traditional
 * Chinese or English, and returns the categories for the emergency card. Rules are data (rules/<lang>/
 * emergency.json); this module only matches them. Whenever the context rules are unsure, the match stands:
 * a card shown to someone who did not need it costs far less than one not shown.
 */
import zhRules from './rules/zh/emergency.json';
import enRules from './rules/en/emergency.json';
import shared from './rules/triage.json';
import traditional from './rules/zh/traditional.json';
import { buildCharMap, normalizeForMatch } from './normalize.ts';
import { endsWithWord, hasWord, stripTrailing } from './words.ts';
import { compilePhrase, matchPhrase, type Phrase, type PhraseMatch } from './phrases.ts';
import {
  compileCombinations,
  compileConcepts,
  satisfied,
  type CombinationRule,
  type CompiledCombination,
  type Occurrence,
} from './concepts.ts';
import { findReadings, meets, QUANTITIES, type ReadingCues, type ReadingRule } from './readings.ts';
import { EMERGENCY_CATEGORIES, type EmergencyCategory, type TriageResult } from './types.ts';

/** The shape of rules/<lang>/emergency.json (documented in rules/README.md). */
export interface TriageLanguageRules {
  maxGap: number;
  negators: string[];
  negationFillers?: string[];
  gapBlockers: string[];
  questionMarkers: string[];
  askingPhrases?: string[];
  personMarkers: string[];
  presentMarkers: string[];
  pastMarkers: string[];
  recurrenceMarkers?: string[];
  resolvedMarkers?: string[];
  categories: Partial<Record<EmergencyCategory, string[]>>;
  urgent: string[];
  /** Kinds of words, by name, for `combinations` (see concepts.ts). */
  concepts?: Record<string, string[]>;
  combinations?: CombinationRule[];
  /** Cue words that say what a number measures (see readings.ts). */
  readingCues?: ReadingCues;
}

export interface TriageSharedRules {
  neverDowngrade: string[];
  /** Named thresholds on readings ("lowGlucose": glucose below 3.0), usable as concepts in combinations. */
  readings?: Record<string, { quantity: string; below?: number; atLeast?: number }>;
}

interface CompiledLanguage {
  maxGap: number;
  negators: string[];
  fillers: string[];
  gapBlockers: string[];
  questionMarkers: string[];
  askingPhrases: string[];
  personMarkers: string[];
  presentMarkers: string[];
  pastMarkers: string[];
  recurrenceMarkers: string[];
  resolvedMarkers: string[];
  emergency: { category: EmergencyCategory; phrase: Phrase }[];
  urgent: Phrase[];
  /** Concept name -> its phrases. */
  concepts: Map<string, Phrase[]>;
  combinations: CompiledCombination[];
  readingCues?: ReadingCues;
}

export interface TriageRules {
  languages: CompiledLanguage[];
  neverDowngrade: Set<EmergencyCategory>;
  readings: [string, ReadingRule][];
  charMap: Map<string, string>;
}

export const CATEGORIES: readonly EmergencyCategory[] = EMERGENCY_CATEGORIES;

function isCategory(id: string): id is EmergencyCategory {
  return (CATEGORIES as readonly string[]).includes(id);
}

const REQUIRED_LISTS = [
  'negators',
  'gapBlockers',
  'questionMarkers',
  'personMarkers',
  'presentMarkers',
  'pastMarkers',
  'urgent',
] as const;
const OPTIONAL_LISTS = ['negationFillers', 'askingPhrases', 'recurrenceMarkers', 'resolvedMarkers'] as const;

const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Rule files come from clinics: say which field is wrong rather than fail somewhere inside the matcher. */
function checkShape(lang: TriageLanguageRules): void {
  const raw = lang as unknown as Record<string, unknown>;
  if (typeof raw.maxGap !== 'number' || raw.maxGap < 0) throw new Error('"maxGap" must be a number >= 0');
  for (const key of REQUIRED_LISTS) {
    if (!isStringList(raw[key])) throw new Error(`"${key}" must be a list of strings`);
  }
  for (const key of OPTIONAL_LISTS) {
    if (raw[key] !== undefined && !isStringList(raw[key]))
      throw new Error(`"${key}" must be a list of strings`);
  }
  const categories = raw.categories;
  if (typeof categories !== 'object' || categories === null || Array.isArray(categories)) {
    throw new Error('"categories" must be an object of category -> list of phrases');
  }
  for (const [id, phrases] of Object.entries(categories)) {
    if (!isStringList(phrases)) throw new Error(`"categories.${id}" must be a list of strings`);
  }
  if (raw.concepts !== undefined) {
    if (typeof raw.concepts !== 'object' || raw.concepts === null || Array.isArray(raw.concepts)) {
      throw new Error('"concepts" must be an object of name -> list of phrases');
    }
    for (const [name, phrases] of Object.entries(raw.concepts)) {
      if (!isStringList(phrases)) throw new Error(`"concepts.${name}" must be a list of strings`);
    }
  }
  if (raw.combinations !== undefined && !Array.isArray(raw.combinations)) {
    throw new Error('"combinations" must be a list');
  }
}

/**
 * Compiles rule files into matchers. Throws an Error naming the problem when a field has the wrong type, a
 * file names an unknown category or holds an empty phrase, so a clinic testing its rules with the CLI sees what to fix.
 */
export function compileTriageRules(
  languages: TriageLanguageRules[],
  sharedRules: TriageSharedRules,
  traditionalPairs: string,
): TriageRules {
  const charMap = buildCharMap(traditionalPairs);
  return assemble(
    languages.map((lang) => compileLanguage(lang, sharedRules, charMap)),
    sharedRules,
    charMap,
  );
}

/** One language file's matchers; the slow part of compiling (every phrase normalized). */
function compileLanguage(
  lang: TriageLanguageRules,
  sharedRules: TriageSharedRules,
  charMap: Map<string, string>,
): CompiledLanguage {
  const norm = (words: string[]): string[] =>
    words.map((w) => normalizeForMatch(w, charMap).trim()).filter(Boolean);
  checkShape(lang);
  const emergency: CompiledLanguage['emergency'] = [];
  for (const [id, phrases] of Object.entries(lang.categories)) {
    if (!isCategory(id)) throw new Error(`Unknown emergency category "${id}" in triage rules`);
    for (const p of phrases ?? []) emergency.push({ category: id, phrase: compilePhrase(p, charMap) });
  }
  const concepts = new Map<string, Phrase[]>();
  for (const { concept, phrase } of compileConcepts(lang.concepts ?? {}, charMap)) {
    concepts.set(concept, [...(concepts.get(concept) ?? []), phrase]);
  }
  const known = new Set([...Object.keys(lang.concepts ?? {}), ...Object.keys(sharedRules.readings ?? {})]);
  return {
    maxGap: lang.maxGap,
    negators: norm(lang.negators),
    fillers: norm(lang.negationFillers ?? []),
    gapBlockers: norm(lang.gapBlockers),
    questionMarkers: norm(lang.questionMarkers),
    askingPhrases: norm(lang.askingPhrases ?? []),
    personMarkers: norm(lang.personMarkers),
    presentMarkers: norm(lang.presentMarkers),
    pastMarkers: norm(lang.pastMarkers),
    recurrenceMarkers: norm(lang.recurrenceMarkers ?? []),
    resolvedMarkers: norm(lang.resolvedMarkers ?? []),
    emergency,
    urgent: lang.urgent.map((p) => compilePhrase(p, charMap)),
    concepts,
    combinations: compileCombinations(lang.combinations ?? [], known, isCategory),
    readingCues: lang.readingCues,
  };
}

function assemble(
  languages: CompiledLanguage[],
  sharedRules: TriageSharedRules,
  charMap: Map<string, string>,
): TriageRules {
  const readings = Object.entries(sharedRules.readings ?? {}).map(([name, rule]): [string, ReadingRule] => {
    if (!(QUANTITIES as readonly string[]).includes(rule.quantity)) {
      throw new Error(`Unknown quantity "${rule.quantity}" in triage.json readings.${name}`);
    }
    return [name, rule as ReadingRule];
  });
  const neverDowngrade = new Set<EmergencyCategory>();
  for (const id of sharedRules.neverDowngrade) {
    if (!isCategory(id)) throw new Error(`Unknown emergency category "${id}" in triage.json neverDowngrade`);
    neverDowngrade.add(id);
  }
  return { languages, neverDowngrade, readings, charMap };
}

/**
 * The built-in rules, compiled on first use rather than at start-up: compiling them takes tens of
 * milliseconds on a slow phone, which would otherwise lengthen the app's first task. prepareTriage compiles
 * them ahead, one language per call, so no single task grows long either.
 */
const builtinSources = [zhRules as TriageLanguageRules, enRules as TriageLanguageRules];
const builtinLanguages: CompiledLanguage[] = [];
let builtinCharMap: Map<string, string> | undefined;
let defaultRules: TriageRules | undefined;

/** Compiles the next built-in language; true once all are compiled. */
function compileNextBuiltin(): boolean {
  builtinCharMap ??= buildCharMap(traditional.pairs);
  const next = builtinSources[builtinLanguages.length];
  if (next) builtinLanguages.push(compileLanguage(next, shared, builtinCharMap));
  return builtinLanguages.length === builtinSources.length;
}

function builtinRules(): TriageRules {
  if (defaultRules) return defaultRules;
  while (!compileNextBuiltin());
  return (defaultRules = assemble(builtinLanguages, shared, builtinCharMap!));
}

/**
 * Compiles one more language of the built-in rules; true when none is left. The app calls it in idle time
 * after the first screen is up until it returns true, so the first message is triaged without waiting.
 */
export function prepareTriage(): boolean {
  return compileNextBuiltin();
}

/** True when `marker` occurs in text[from, to); English words must stand alone (so "i" is not in "pain"). */
function hasMarker(text: string, from: number, to: number, markers: string[]): boolean {
  return spanHas(text.slice(from, to), markers);
}

function spanHas(span: string, markers: string[]): boolean {
  return markers.some((m) => hasWord(span, m));
}

/** Enough occurrences of a concept to place it near the others; more would only cost time. */
const CONCEPT_MATCH_LIMIT = 16;

/** How far context reaches from a match when no punctuation ends the clause (keeps long texts linear). */
const CONTEXT_REACH = 200;
const CLAUSE_END = new Set([',', ';', '!', '?', '。', '、', '\n', ':']);
const SENTENCE_END = new Set([';', '!', '?', '。', '\n']);

/** Bounds of the clause or sentence around [start, end); a "." ends one only when not inside a number. */
function bounds(text: string, start: number, end: number, stops: Set<string>): [number, number] {
  const isStop = (i: number): boolean =>
    stops.has(text[i]!) ||
    (text[i] === '.' && !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')));
  let a = start;
  while (a > 0 && start - a < CONTEXT_REACH && !isStop(a - 1)) a--;
  let b = end;
  while (b < text.length && b - end < CONTEXT_REACH && !isStop(b)) b++;
  return [a, b];
}

/**
 * Where a negation right before the match starts ("没有" in "没有任何胸痛", "no" in "no chest pain"; fillers
 * such as "任何" or "any" skipped), or -1 when there is none.
 */
function negationStart(
  text: string,
  clauseStart: number,
  matchStart: number,
  lang: CompiledLanguage,
): number {
  const before = stripTrailing(text.slice(clauseStart, matchStart), lang.fillers);
  const negator = lang.negators.find((n) => endsWithWord(before, n));
  return negator === undefined ? -1 : clauseStart + before.length - negator.length;
}

type Verdict = 'counts' | 'negated' | 'question' | 'past';

/**
 * Whether a match counts: not when a negation comes right before it ("没有胸痛"), not in a general question
 * with nobody in it ("心梗是什么引起的?"), not in a past episode that nothing says is back ("去年得过心梗，
 * 现在挺好的"). Anything else counts.
 */
/** Verdicts already given for this text, per language and span: concept words and phrases share many spans. */
let judgedText = '';
let judgedSpans = new Map<CompiledLanguage, Map<number, { verdict: Verdict; negationAt: number }>>();

function judge(
  text: string,
  m: PhraseMatch,
  lang: CompiledLanguage,
): { verdict: Verdict; negationAt: number } {
  if (text !== judgedText) {
    judgedText = text;
    judgedSpans = new Map();
  }
  let spans = judgedSpans.get(lang);
  if (!spans) judgedSpans.set(lang, (spans = new Map()));
  const key = m.start * 1_000_003 + m.end;
  let verdict = spans.get(key);
  if (!verdict) spans.set(key, (verdict = judgeSpan(text, m, lang)));
  return verdict;
}

function judgeSpan(
  text: string,
  m: PhraseMatch,
  lang: CompiledLanguage,
): { verdict: Verdict; negationAt: number } {
  const [clauseStart, clauseEnd] = bounds(text, m.start, m.end, CLAUSE_END);
  const negationAt = negationStart(text, clauseStart, m.start, lang);
  if (negationAt !== -1) return { verdict: 'negated', negationAt };
  const [sentStart, sentEnd] = bounds(text, m.start, m.end, SENTENCE_END);
  const inSentence = (markers: string[]): boolean => hasMarker(text, sentStart, sentEnd, markers);
  // "我想了解…" / "can you tell me…" name the asker, not a patient: the person and present checks skip those
  // words ("what should I do if…" asks in general; "what should I do" alone is someone asking for help now).
  let asked = text.slice(sentStart, sentEnd);
  for (const phrase of lang.askingPhrases) asked = asked.split(phrase).join(' ');
  const present = spanHas(asked, lang.presentMarkers);
  if (inSentence(lang.questionMarkers) && !present && !spanHas(asked, lang.personMarkers)) {
    return { verdict: 'question', negationAt };
  }
  const past =
    hasMarker(text, clauseStart, clauseEnd, lang.pastMarkers) &&
    !inSentence(lang.recurrenceMarkers) &&
    (!present || inSentence(lang.resolvedMarkers));
  return { verdict: past ? 'past' : 'counts', negationAt };
}

interface Judged {
  match: PhraseMatch;
  category: EmergencyCategory | 'urgent';
  verdict: Verdict;
}

/** Judges every match; a match inside a negated phrase ("没有呼吸" in "没有呼吸困难") is negated too. */
function judgeAll(text: string, rules: TriageRules): Judged[] {
  const judged: Judged[] = [];
  const negatedSpans: [number, number][] = [];
  for (const lang of rules.languages) {
    const phrases: { category: Judged['category']; phrase: Phrase }[] = [
      ...lang.emergency,
      ...lang.urgent.map((phrase) => ({ category: 'urgent' as const, phrase })),
    ];
    for (const { category, phrase } of phrases) {
      for (const match of matchPhrase(text, phrase, lang.maxGap, lang.gapBlockers)) {
        const { verdict, negationAt } = judge(text, match, lang);
        if (verdict === 'negated') negatedSpans.push([negationAt, match.end]);
        judged.push({ match, category, verdict });
      }
    }
  }
  for (const j of judged) {
    if (j.verdict === 'counts' && negatedSpans.some(([a, b]) => j.match.start >= a && j.match.end <= b)) {
      j.verdict = 'negated';
    }
  }
  return judged;
}

/**
 * The combinations of concepts and readings the text satisfies. A concept word counts under the same
 * context rules as a phrase (not negated, not in a general question or a past episode); for a category that
 * is never downgraded (self-harm), every occurrence counts.
 */
function combinationsMet(
  text: string,
  rules: TriageRules,
): { category: EmergencyCategory; used: PhraseMatch[]; source: string }[] {
  const out: { category: EmergencyCategory; used: PhraseMatch[]; source: string }[] = [];
  for (const lang of rules.languages) {
    if (lang.combinations.length === 0) continue;
    const spanOf = new Map<Occurrence, PhraseMatch>();
    let readings: Occurrence[] | undefined;
    const cache = new Map<string, { counting: Occurrence[]; all: Occurrence[] }>();
    const occurrences = (name: string): { counting: Occurrence[]; all: Occurrence[] } => {
      const cached = cache.get(name);
      if (cached) return cached;
      const found = { counting: [] as Occurrence[], all: [] as Occurrence[] };
      const phrases = lang.concepts.get(name);
      if (phrases) {
        for (const phrase of phrases) {
          for (const match of matchPhrase(text, phrase, lang.maxGap, lang.gapBlockers, CONCEPT_MATCH_LIMIT)) {
            const o: Occurrence = { concept: name, start: match.start, end: match.end };
            spanOf.set(o, match);
            found.all.push(o);
            if (judge(text, match, lang).verdict === 'counts') found.counting.push(o);
          }
        }
      } else {
        readings ??= readingOccurrences(text, lang, rules, spanOf);
        // Numbers are facts, not phrases: negation and question context do not apply to them.
        found.counting = found.all = readings.filter((o) => o.concept === name);
      }
      cache.set(name, found);
      return found;
    };
    // Self-harm (neverDowngrade) counts every occurrence; the rest only those the context rules let count.
    const met = satisfied(lang.combinations, (name, combination) =>
      rules.neverDowngrade.has(combination.category) ? occurrences(name).all : occurrences(name).counting,
    );
    for (const { combination, used } of met) {
      out.push({
        category: combination.category,
        used: used.map((o) => spanOf.get(o)!),
        source: combination.source,
      });
    }
  }
  return out;
}

/** Readings in the text, one occurrence per threshold of triage.json `readings` that each one meets. */
function readingOccurrences(
  text: string,
  lang: CompiledLanguage,
  rules: TriageRules,
  spanOf: Map<Occurrence, PhraseMatch>,
): Occurrence[] {
  const out: Occurrence[] = [];
  if (!lang.readingCues) return out;
  for (const reading of findReadings(text, lang.readingCues)) {
    for (const [name, rule] of rules.readings) {
      if (!meets(reading, rule)) continue;
      const o: Occurrence = { concept: name, start: reading.start, end: reading.end };
      spanOf.set(o, { phrase: { source: name, parts: [], sameClause: [] }, start: o.start, end: o.end });
      out.push(o);
    }
  }
  return out;
}

/** The matched words, once each, leaving out a match inside a longer one ("cant breath" in "cant breathe"). */
function words(text: string, spans: PhraseMatch[]): string[] {
  const inside = (a: PhraseMatch, b: PhraseMatch): boolean =>
    b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  const kept = spans.filter((a) => !spans.some((b) => inside(a, b))).sort((a, b) => a.start - b.start);
  return [...new Set(kept.map((m) => text.slice(m.start, m.end)))];
}

/** A triage result plus the rule phrases that decided it, for a clinic testing its rule files (the CLI). */
export interface ExplainedTriage extends TriageResult {
  rules: string[];
}

/**
 * Triage with explicit rules, also naming the rule phrases that fired. `matched` holds the words of the
 * message that matched, in normalized form (lower case, Simplified, spaces between characters removed).
 */
export function explainTriage(rules: TriageRules, text: string): ExplainedTriage {
  const normalized = normalizeForMatch(text, rules.charMap);
  const categories = new Set<EmergencyCategory>();
  const emergency = { spans: [] as PhraseMatch[], rules: new Set<string>() };
  const urgent = { spans: [] as PhraseMatch[], rules: new Set<string>() };
  for (const { match, category, verdict } of judgeAll(normalized, rules)) {
    const counts = verdict === 'counts' || (category !== 'urgent' && rules.neverDowngrade.has(category));
    if (!counts) continue;
    const into = category === 'urgent' ? urgent : emergency;
    if (category !== 'urgent') categories.add(category);
    into.spans.push(match);
    into.rules.add(match.phrase.source);
  }
  for (const { category, used, source } of combinationsMet(normalized, rules)) {
    categories.add(category);
    emergency.spans.push(...used);
    emergency.rules.add(source);
  }
  if (categories.size > 0) {
    return {
      level: 'emergency',
      categories: CATEGORIES.filter((c) => categories.has(c)),
      matched: words(normalized, emergency.spans),
      rules: [...emergency.rules],
    };
  }
  if (urgent.spans.length > 0) {
    return {
      level: 'urgent',
      categories: [],
      matched: words(normalized, urgent.spans),
      rules: [...urgent.rules],
    };
  }
  return { level: 'none', categories: [], matched: [], rules: [] };
}

/** Triage with explicit rules (the CLI passes a clinic's own rule files). See `triage`. */
export function triageWith(rules: TriageRules, text: string): TriageResult {
  const { level, categories, matched } = explainTriage(rules, text);
  return { level, categories, matched };
}

/**
 * Decides whether a patient's message describes an emergency now (`emergency`, with categories for the
 * guidance card), something that needs a doctor soon (`urgent`, no categories), or neither (`none`).
 * `matched` lists the words of the message that decided it (normalized: lower case, Simplified). Never throws.
 */
export function triage(text: string): TriageResult {
  return triageWith(builtinRules(), text);
}

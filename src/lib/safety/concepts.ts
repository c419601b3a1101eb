/**
 * Concepts that compose: a rule file names kinds of words (`concepts`: "swallowed", "medicine", "a whole
 * container", "a small child") and says which kinds together make an emergency (`combinations`: swallowed +
 * medicine + a whole container -> poisoning). One word list then serves every combination it belongs to, so
 * a new way of saying "a whole bottle" catches sleeping pills, blood-pressure pills and bleach at once.
 * Readings (readings.ts) join in under the names given in triage.json `readings` ("lowGlucose").
 */
import { compilePhrase, type Phrase, type PhraseMatch } from './phrases.ts';
import type { EmergencyCategory } from './types.ts';

/** One combination as written in rules/<lang>/emergency.json (documented in rules/README.md). */
export interface CombinationRule {
  category: EmergencyCategory;
  /** Every entry must be present; "a|b" means concept a or concept b. */
  all: string[];
  /** None of these may be present in the same window ("pregnant" for a baby's age in weeks). */
  none?: string[];
  /** How many characters may separate the first entry from the others (default DEFAULT_WINDOW). */
  within?: number;
}

export interface CompiledCombination {
  category: EmergencyCategory;
  source: string;
  all: string[][];
  none: string[];
  within: number;
}

/** Enough for one or two sentences of a message ("我爸有糖尿病，测血糖2.1，人在出冷汗说胡话"). */
export const DEFAULT_WINDOW = 60;

export interface Occurrence {
  concept: string;
  start: number;
  end: number;
}

export function compileConcepts(
  concepts: Record<string, string[]>,
  charMap: Map<string, string>,
): { concept: string; phrase: Phrase }[] {
  const out: { concept: string; phrase: Phrase }[] = [];
  for (const [concept, phrases] of Object.entries(concepts)) {
    for (const p of phrases) out.push({ concept, phrase: compilePhrase(p, charMap) });
  }
  return out;
}

/** Checks that every concept a combination names exists, so a typo in a rule file is an error, not a gap. */
export function compileCombinations(
  rules: CombinationRule[],
  known: Set<string>,
  isCategory: (id: string) => id is EmergencyCategory,
): CompiledCombination[] {
  return rules.map((rule, i) => {
    if (!isCategory(rule.category)) {
      throw new Error(`Unknown emergency category "${rule.category}" in combinations[${i}]`);
    }
    if (!Array.isArray(rule.all) || rule.all.length === 0) {
      throw new Error(`combinations[${i}] needs a non-empty "all" list`);
    }
    const all = rule.all.map((entry) => entry.split('|').map((c) => c.trim()));
    const none = (rule.none ?? []).map((c) => c.trim());
    for (const name of [...all.flat(), ...none]) {
      if (!known.has(name)) throw new Error(`combinations[${i}] names unknown concept "${name}"`);
    }
    return {
      category: rule.category,
      source: `${rule.all.join(' + ')}${none.length ? ` - ${none.join(' - ')}` : ''}`,
      all,
      none,
      within: rule.within ?? DEFAULT_WINDOW,
    };
  });
}

/**
 * The combinations the occurrences satisfy, with the occurrences that satisfied each (for the words the
 * card shows). Work is bounded by occurrences of the first entry times the other entries' occurrences;
 * phrase matching caps both, so it stays linear in the text.
 */
export function satisfied(
  combinations: CompiledCombination[],
  occurrences: Occurrence[],
): { combination: CompiledCombination; used: Occurrence[] }[] {
  const byConcept = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const list = byConcept.get(o.concept) ?? [];
    list.push(o);
    byConcept.set(o.concept, list);
  }
  const of = (names: string[]): Occurrence[] => names.flatMap((n) => byConcept.get(n) ?? []);
  const out: { combination: CompiledCombination; used: Occurrence[] }[] = [];
  for (const combination of combinations) {
    const [first, ...rest] = combination.all;
    for (const anchor of of(first!)) {
      const lo = anchor.start - combination.within;
      const hi = anchor.end + combination.within;
      const near = (o: Occurrence) => o.end >= lo && o.start <= hi;
      const used = [anchor];
      const complete = rest.every((names) => {
        const found = of(names).find((o) => near(o) && !used.includes(o));
        if (found) used.push(found);
        return found !== undefined;
      });
      if (complete && !of(combination.none).some(near)) {
        out.push({ combination, used });
        break;
      }
    }
  }
  return out;
}

/** Occurrences from phrase matches (already judged by the caller) under their concept names. */
export function occurrencesOf(matches: { concept: string; match: PhraseMatch }[]): Occurrence[] {
  return matches.map(({ concept, match }) => ({ concept, start: match.start, end: match.end }));
}

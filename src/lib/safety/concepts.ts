/**
 * Concepts that compose: a rule file names kinds of words (`concepts`: "swallowed", "medicine", "a whole
 * container", "a small child") and says which kinds together make an emergency (`combinations`: swallowed +
 * medicine + a whole container -> poisoning). One word list then serves every combination it belongs to, so
 * a new way of saying "a whole bottle" catches sleeping pills, blood-pressure pills and bleach at once.
 * Readings (readings.ts) join in under the names given in triage.json `readings` ("lowGlucose").
 */
import { compilePhrase, type Phrase } from './phrases.ts';
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
 * The combinations satisfied, with the occurrences that satisfied each (for the words the card shows).
 * `lookup` gives a concept's occurrences (for that combination) and is called lazily, entry by entry: a combination whose first
 * entry is absent costs nothing more, which keeps long and adversarial messages fast. Work per combination is
 * bounded by the occurrences of its first entry times the others'; phrase matching caps both.
 */
export function satisfied(
  combinations: CompiledCombination[],
  lookup: (concept: string, combination: CompiledCombination) => Occurrence[],
): { combination: CompiledCombination; used: Occurrence[] }[] {
  const out: { combination: CompiledCombination; used: Occurrence[] }[] = [];
  for (const combination of combinations) {
    const of = (names: string[]): Occurrence[] => names.flatMap((name) => lookup(name, combination));
    const entries: Occurrence[][] = [];
    for (const names of combination.all) {
      const found = of(names);
      if (found.length === 0) break;
      entries.push(found);
    }
    if (entries.length < combination.all.length) continue;
    const [first, ...rest] = entries;
    for (const anchor of first!) {
      const lo = anchor.start - combination.within;
      const hi = anchor.end + combination.within;
      const near = (o: Occurrence) => o.end >= lo && o.start <= hi;
      const used = [anchor];
      const complete = rest.every((list) => {
        const found = list.find((o) => near(o) && !used.includes(o));
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

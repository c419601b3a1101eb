/** Concepts that compose: how combinations are checked and satisfied (concepts.ts). */
import { describe, expect, it } from 'vitest';
import { compileCombinations, satisfied, type Occurrence } from '$lib/safety/concepts.ts';
import { CATEGORIES } from '$lib/safety/triage.ts';
import type { EmergencyCategory } from '$lib/safety/types.ts';

const isCategory = (id: string): id is EmergencyCategory => (CATEGORIES as readonly string[]).includes(id);
const known = new Set(['ingested', 'medicine', 'largeAmount', 'youngChild', 'mistake']);

const at = (concept: string, start: number, end = start + 2): Occurrence => ({ concept, start, end });
const lookupOf = (occurrences: Occurrence[]) => (name: string) =>
  occurrences.filter((o) => o.concept === name);

describe('combinations', () => {
  const [rule] = compileCombinations(
    [{ category: 'poisoning', all: ['ingested', 'medicine', 'largeAmount|youngChild'], none: ['mistake'] }],
    known,
    isCategory,
  );

  it('names an unknown concept or category instead of silently never matching', () => {
    expect(() =>
      compileCombinations([{ category: 'poisoning', all: ['swallowed'] }], known, isCategory),
    ).toThrow(/unknown concept "swallowed"/);
    expect(() =>
      compileCombinations(
        [{ category: 'nosebleed' as EmergencyCategory, all: ['medicine'] }],
        known,
        isCategory,
      ),
    ).toThrow(/Unknown emergency category "nosebleed"/);
    expect(() => compileCombinations([{ category: 'poisoning', all: [] }], known, isCategory)).toThrow(
      /non-empty/,
    );
  });

  it('fires when every entry is present near the first, taking either side of an "a|b" entry', () => {
    const found = satisfied([rule!], lookupOf([at('ingested', 0), at('medicine', 5), at('youngChild', 9)]));
    expect(found.map((f) => f.combination.category)).toEqual(['poisoning']);
    expect(found[0]!.used.map((o) => o.concept)).toEqual(['ingested', 'medicine', 'youngChild']);
  });

  it('does not fire when one entry is missing or too far away', () => {
    expect(satisfied([rule!], lookupOf([at('ingested', 0), at('medicine', 5)]))).toEqual([]);
    expect(
      satisfied([rule!], lookupOf([at('ingested', 0), at('medicine', 5), at('largeAmount', 500)])),
    ).toEqual([]);
  });

  it('does not fire when a "none" concept is in the window', () => {
    const occurrences = [at('ingested', 0), at('medicine', 5), at('largeAmount', 9), at('mistake', 12)];
    expect(satisfied([rule!], lookupOf(occurrences))).toEqual([]);
  });

  it('needs a different occurrence for each entry, even when two entries accept the same concept', () => {
    const [twice] = compileCombinations(
      [{ category: 'anaphylaxis', all: ['medicine', 'largeAmount|medicine'] }],
      known,
      isCategory,
    );
    expect(satisfied([twice!], lookupOf([at('medicine', 0)]))).toEqual([]);
    expect(satisfied([twice!], lookupOf([at('medicine', 0), at('medicine', 6)]))).toHaveLength(1);
  });

  it('asks only for the concepts it needs, stopping at the first absent entry', () => {
    const asked: string[] = [];
    satisfied([rule!], (name) => {
      asked.push(name);
      return [];
    });
    expect(asked).toEqual(['ingested']);
  });
});

/**
 * The triage corpus itself: the held-out part is frozen (its digest is pinned, so an edit fails here),
 * the parts do not overlap, and the corpus keeps the size and spread the figures rest on.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../src/lib/safety/triage.ts';
import { corpusPath, loadCorpus, rate, scoreCorpus } from '../../../scripts/lib/triage-corpus.ts';
import { triage } from '../../../src/lib/safety/index.ts';

const HELDOUT_SHA256 = '72a2601ceae46ec0424a5e5eb392da64c66b3fc011d432d45987150ff1d06819';

const dev = loadCorpus('dev');
const heldout = loadCorpus('heldout');

describe('triage corpus', () => {
  it('keeps the held-out part exactly as it was frozen', () => {
    const digest = createHash('sha256')
      .update(readFileSync(corpusPath('heldout')))
      .digest('hex');
    expect(digest).toBe(HELDOUT_SHA256);
  });

  it('never shares a message between dev and held-out', () => {
    const devTexts = new Set(dev.map((m) => m.text));
    expect(heldout.filter((m) => devTexts.has(m.text))).toEqual([]);
  });

  it('holds at least 1,200 messages, and a held-out part of at least 30% of 1,200', () => {
    // Frozen at 505 of 1,350 messages (37%). Dev has grown since with new rounds of messages written to
    // find missing phrasings; the held-out part stays as it was, so only its absolute size is checked.
    expect(dev.length + heldout.length).toBeGreaterThanOrEqual(1200);
    expect(heldout.length).toBeGreaterThanOrEqual(0.3 * 1200);
  });

  it('has at least 40 acute messages for every category, in all three languages', () => {
    const all = [...dev, ...heldout].filter((m) => m.kind === 'acute');
    for (const category of CATEGORIES) {
      const mine = all.filter((m) => m.category === category);
      expect(mine.length, category).toBeGreaterThanOrEqual(40);
      expect(new Set(mine.map((m) => m.lang)), category).toEqual(new Set(['zh', 'zh-TW', 'en']));
    }
  });

  it('names only categories the triage layer knows', () => {
    const known = new Set<string>(CATEGORIES);
    expect([...dev, ...heldout].filter((m) => m.category && !known.has(m.category))).toEqual([]);
  });
});

/**
 * Regression floors, not targets: the held-out figures when these rules were written (npm run bench safety
 * prints them; the goals are higher). A rule change that loses recall or adds false alarms fails here.
 */
describe('triage on the corpus', () => {
  const held = scoreCorpus(heldout, triage);
  const tuned = scoreCorpus(dev, triage);

  it.each([
    ['zh', 0.93],
    ['zh-TW', 0.93],
    ['en', 0.89],
  ] as const)('keeps held-out acute recall in %s at or above %s', (lang, floor) => {
    expect(rate(held.acuteByLang.get(lang))).toBeGreaterThanOrEqual(floor);
  });

  it('keeps false alarms on held-out benign look-alikes at or below 3%, general questions at or below 15%', () => {
    expect(rate(held.falseAlarms.get('benign'))).toBeLessThanOrEqual(0.03);
    expect(rate(held.falseAlarms.get('general'))).toBeLessThanOrEqual(0.15);
  });

  it('still catches what it was tuned on (dev recall 99% or more)', () => {
    expect(rate(tuned.acuteFlagged)).toBeGreaterThanOrEqual(0.99);
  });
});

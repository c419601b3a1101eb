import { describe, expect, it } from 'vitest';
import { aboutSomeoneElse, crisisLines, emergencyGuidance } from '$lib/safety/index.ts';
import type { EmergencyCategory, Region } from '$lib/safety/index.ts';
import { EMERGENCY_CATEGORIES } from '$lib/safety/types.ts';

describe('crisisLines', () => {
  it.each([
    ['CN', ['120', '110', '12356']],
    ['US', ['911', '988']],
    ['UK', ['999', '111']],
    ['EU', ['112']],
    ['HK', ['999']],
    ['TW', ['119', '110', '1925']],
  ] as [Region, string[]][])('%s lists %j', (region, numbers) => {
    const lines = crisisLines(region, 'en');
    for (const n of numbers) expect(lines.map((l) => l.number)).toContain(n);
    expect(lines[0]!.kind).toBe('ambulance');
  });

  it('labels lines in the requested language', () => {
    expect(crisisLines('CN', 'zh').find((l) => l.number === '120')!.label).toBe('急救');
    expect(crisisLines('CN', 'en').find((l) => l.number === '120')!.label).toBe('Ambulance');
    expect(crisisLines('CN', 'zh').find((l) => l.number === '12356')!.kind).toBe('mentalHealth');
  });
});

describe('emergencyGuidance', () => {
  const all: readonly EmergencyCategory[] = EMERGENCY_CATEGORIES;

  it.each(all)('has first steps for %s in both languages', (category) => {
    for (const lang of ['zh', 'en'] as const) {
      const g = emergencyGuidance([category], 'CN', lang);
      expect(g.title.length).toBeGreaterThan(0);
      expect(g.steps.length).toBeGreaterThan(0);
      expect(g.lines.length).toBeGreaterThan(0);
    }
  });

  it('puts the mental-health line first for self-harm', () => {
    expect(emergencyGuidance(['suicide'], 'CN', 'zh').lines[0]!.number).toBe('12356');
    expect(emergencyGuidance(['suicide'], 'US', 'en').lines[0]!.number).toBe('988');
    expect(emergencyGuidance(['suicide', 'poisoning'], 'TW', 'zh').lines[0]!.number).toBe('1925');
  });

  it('puts the ambulance first otherwise', () => {
    expect(emergencyGuidance(['cardiac'], 'CN', 'zh').lines[0]!.number).toBe('120');
    expect(emergencyGuidance(['stroke'], 'UK', 'en').lines[0]!.number).toBe('999');
  });

  it.each([
    [['cardiac'], 'CN', ['120']],
    [['stroke'], 'US', ['911']],
    [['suicide'], 'CN', ['12356', '120']],
    [['poisoning'], 'US', ['911', '1-800-222-1222']],
    [['burns'], 'CN', ['120', '119']],
    [['suicide', 'poisoning'], 'US', ['988', '911', '1-800-222-1222']],
    [['bleeding'], 'EU', ['112']],
  ] as [EmergencyCategory[], Region, string[]][])(
    'shows only the numbers that help with %j in %s',
    (categories, region, numbers) => {
      expect(emergencyGuidance(categories, region, 'en').lines.map((l) => l.number)).toEqual(numbers);
    },
  );

  it('merges steps for several categories without repeats', () => {
    const g = emergencyGuidance(['cardiac', 'unresponsive'], 'CN', 'en');
    expect(new Set(g.steps).size).toBe(g.steps.length);
    const cardiacOnly = emergencyGuidance(['cardiac'], 'CN', 'en').steps;
    for (const s of cardiacOnly) expect(g.steps).toContain(s);
  });
});

describe('the card speaks to whoever is typing', () => {
  it('tells a relative what to do for the patient, and the patient what to do for themselves', () => {
    const self = emergencyGuidance(['cardiac'], 'CN', 'en');
    const other = emergencyGuidance(['cardiac'], 'CN', 'en', true);
    expect(self.steps.join(' ')).toContain('Stop what you are doing');
    expect(other.steps.join(' ')).toContain('Help them stop');
    expect(other.steps.join(' ')).not.toContain('you are doing');
    expect(emergencyGuidance(['suicide'], 'CN', 'zh', true).steps.join('')).toContain('陪着他');
  });

  it('falls back to the usual steps for a category with no relative wording', () => {
    expect(emergencyGuidance(['bleeding'], 'UK', 'en', true).steps).toEqual(
      expect.arrayContaining(emergencyGuidance(['bleeding'], 'UK', 'en').steps.slice(-2)),
    );
  });

  it('reads who the patient is from the message', () => {
    expect(aboutSomeoneElse('我爸胸口像压了块石头')).toBe(true);
    expect(aboutSomeoneElse('my husband has crushing chest pain')).toBe(true);
    expect(aboutSomeoneElse('she is not breathing')).toBe(true);
    expect(aboutSomeoneElse('我胸口很痛，出冷汗')).toBe(false);
    expect(aboutSomeoneElse('我胸口痛，还有其他症状')).toBe(false);
    expect(aboutSomeoneElse('I have crushing chest pain')).toBe(false);
    // "he" must stand alone: "headache", "chest" are not about anyone else.
    expect(aboutSomeoneElse('the worst headache of my life')).toBe(false);
  });

  it('names the region whose numbers it shows', () => {
    expect(emergencyGuidance(['cardiac'], 'HK', 'en').region).toBe('HK');
  });
});

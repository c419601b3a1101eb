import { describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '$lib/knowledge/index.ts';
import { entry } from './fixtures.ts';

const entries = [
  entry({
    id: 'zh-bp',
    lang: 'zh',
    title: '在家测血压的方法',
    body: '坐下休息五分钟后测量，手臂与心脏同高。',
    tags: ['高血压'],
  }),
  entry({
    id: 'zh-fever',
    lang: 'zh',
    title: '成人发烧怎么办',
    body: '多喝水，休息。体温持续不退请就医。',
    tags: ['发热'],
  }),
  entry({
    id: 'en-fever',
    lang: 'en',
    title: 'Fever in adults',
    body: 'Rest and drink plenty of fluids.',
    tags: ['temperature'],
  }),
  entry({
    id: 'en-burns',
    lang: 'en',
    title: 'Burns and scalds',
    body: 'Cool the burn under running water for 20 minutes.',
    tags: ['first aid'],
  }),
  entry({
    id: 'en-vomit',
    lang: 'en',
    title: 'Being sick',
    body: 'Vomiting usually stops within two days.',
    tags: ['nausea'],
  }),
];

describe('KnowledgeIndex.search', () => {
  const index = KnowledgeIndex.fromEntries(entries);

  it.each([
    ['a Chinese paraphrase', '血压在家怎么测', 'zh-bp'],
    ['a Chinese question sharing only bigrams', '发烧了怎么办', 'zh-fever'],
    ['an English inflected form (stemming)', 'burned my hand', 'en-burns'],
    ['a different word form of the title', 'vomited all night', 'en-vomit'],
    ['a typo in a long English word', 'temprature', 'en-fever'],
    ['a question in Traditional Chinese', '發燒了怎麼辦', 'zh-fever'],
  ])('finds the entry for %s', (_label, query, id) => {
    expect(index.search(query)[0]?.id).toBe(id);
  });

  it('returns whole entries as snippets with their source and a positive score', () => {
    const [hit] = index.search('burns');
    expect(hit).toMatchObject({ id: 'en-burns', title: 'Burns and scalds', source: 'Test source' });
    expect(hit?.text).toBe('Cool the burn under running water for 20 minutes.');
    expect(hit?.score).toBeGreaterThan(0);
  });

  it('keeps to the requested language', () => {
    const both = KnowledgeIndex.fromEntries([
      entry({ id: 'a', lang: 'en', title: 'aspirin' }),
      entry({ id: 'b', lang: 'zh', title: 'aspirin 阿司匹林' }),
    ]);
    expect(both.search('aspirin', { lang: 'zh' }).map((s) => s.id)).toEqual(['b']);
    expect(both.search('aspirin', { lang: 'en' }).map((s) => s.id)).toEqual(['a']);
    expect(
      both
        .search('aspirin')
        .map((s) => s.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('ranks a title match above a passing mention in the body', () => {
    const idx = KnowledgeIndex.fromEntries([
      entry({ id: 'mention', title: 'Healthy eating', body: 'Gout is one of many conditions diet affects.' }),
      entry({ id: 'about', title: 'Gout', body: 'Joint pain from uric acid crystals.' }),
    ]);
    expect(idx.search('gout').map((s) => s.id)).toEqual(['about', 'mention']);
  });

  it('honours the limit and returns nothing for a blank question or no match', () => {
    const idx = KnowledgeIndex.fromEntries(
      Array.from({ length: 10 }, (_, i) => entry({ id: `e${i}`, title: `cough ${i}` })),
    );
    expect(idx.search('cough', { limit: 3 })).toHaveLength(3);
    expect(idx.search('cough', { limit: 0 })).toEqual([]);
    expect(idx.search('  ')).toEqual([]);
    expect(idx.search('xylophone')).toEqual([]);
  });

  it('adds, replaces and removes entries', () => {
    const idx = KnowledgeIndex.fromEntries([entry({ id: 'clinic-1', title: 'Opening hours' })]);
    expect(idx.size).toBe(1);
    idx.add([entry({ id: 'clinic-2', title: 'Parking', origin: 'clinic' })]);
    expect(idx.size).toBe(2);
    expect(idx.search('parking')[0]?.id).toBe('clinic-2');

    idx.add([entry({ id: 'clinic-2', title: 'Bicycle racks', origin: 'clinic' })]);
    expect(idx.size).toBe(2);
    expect(idx.search('parking')).toEqual([]);
    expect(idx.search('bicycle')[0]?.id).toBe('clinic-2');

    idx.remove(['clinic-2', 'never-added']);
    expect(idx.size).toBe(1);
    expect(idx.search('bicycle')).toEqual([]);
    expect(idx.get('clinic-1')?.title).toBe('Opening hours');
  });

  it('swaps the clinic entries for a new set and leaves built-in ones alone', () => {
    const idx = KnowledgeIndex.fromEntries([
      entry({ id: 'builtin-gout', title: 'Gout' }),
      entry({ id: 'clinic-a', title: 'Parking', origin: 'clinic' }),
      entry({ id: 'clinic-b', title: 'Opening hours', origin: 'clinic' }),
    ]);
    idx.replaceClinicEntries([
      entry({ id: 'clinic-b', title: 'Holiday hours' }),
      entry({ id: 'clinic-c', title: 'Flu shots' }),
    ]);
    expect(idx.size).toBe(3);
    expect(idx.search('parking')).toEqual([]);
    expect(idx.search('holiday')[0]?.id).toBe('clinic-b');
    expect(idx.get('clinic-c')?.origin).toBe('clinic');
    expect(idx.search('gout')[0]?.id).toBe('builtin-gout');
  });
});

describe('KnowledgeIndex.build', () => {
  it('builds the same index in time slices, yielding whenever a slice is used up', async () => {
    const { loadBuiltinEntries } = await import('$lib/knowledge/index.ts');
    const all = await loadBuiltinEntries();
    let yields = 0;
    let clock = 0;
    // A clock that moves 3 ms per reading: a 10 ms slice ends after every fourth entry.
    const now = () => (clock += 3);
    const stepped = await KnowledgeIndex.build(all, {
      sliceMs: 10,
      now,
      yieldNow: async () => void yields++,
    });
    const whole = KnowledgeIndex.fromEntries(all);
    expect(yields).toBe(Math.floor(all.length / 4));
    expect(stepped.size).toBe(whole.size);
    for (const [q, lang] of [
      ['发烧怎么办', 'zh'],
      ['my child has a rash', 'en'],
      ['血压高平时要注意啥', 'zh'],
    ] as const) {
      expect(stepped.search(q, { lang, limit: 3 })).toEqual(whole.search(q, { lang, limit: 3 }));
    }
  });
});

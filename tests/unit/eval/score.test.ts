import { describe, expect, it } from 'vitest';
import { scoreItem, summarise, summariseByCategory } from '$lib/eval/score.ts';
import { distribution, speedStats } from '$lib/eval/speed.ts';
import { pickSubset } from '$lib/eval/subset.ts';
import { item, result } from './fixtures.ts';

describe('scoreItem', () => {
  const q = item('q1', 'B');
  it.each([
    ['答案:B', 'B', true],
    ['The answer is (c)', 'C', false],
    ['A or B', null, false],
    ['no idea', null, false],
  ] as const)('%j -> given %s, correct %s', (reply, given, correct) => {
    expect(scoreItem(q, reply)).toMatchObject({ id: 'q1', expected: 'B', given, correct });
  });

  it('keeps the engine figures and a bounded excerpt of the reply', () => {
    const r = scoreItem(q, 'B'.padEnd(1000, '.'), {
      promptTokens: 50,
      completionTokens: 3,
      timeToFirstTokenMs: 321,
      decodeTokensPerSec: 9,
    });
    expect(r.reply.length).toBe(200);
    expect(r).toMatchObject({ timeToFirstTokenMs: 321, decodeTokensPerSec: 9 });
    expect(r).not.toHaveProperty('prefillTokensPerSec');
  });
});

describe('summarise', () => {
  const results = [
    result('1', 'triage', 'A', 'A'),
    result('2', 'triage', 'B', null),
    result('3', 'medication', 'C', 'D'),
    result('4', 'medication', 'D', 'D'),
    result('5', 'chronic', 'A', null),
  ];

  it('counts unparseable answers as wrong and separately', () => {
    expect(summarise(results)).toEqual({ total: 5, correct: 2, unparseable: 2, accuracy: 0.4 });
  });

  it('gives 0, not NaN, for no results', () => {
    expect(summarise([])).toEqual({ total: 0, correct: 0, unparseable: 0, accuracy: 0 });
  });

  it('scores each category, sorted by name', () => {
    expect(summariseByCategory(results)).toEqual([
      { category: 'chronic', total: 1, correct: 0, unparseable: 1, accuracy: 0 },
      { category: 'medication', total: 2, correct: 1, unparseable: 0, accuracy: 0.5 },
      { category: 'triage', total: 2, correct: 1, unparseable: 1, accuracy: 0.5 },
    ]);
  });
});

describe('speed statistics', () => {
  it.each([
    [[], { n: 0, median: null, p90: null }],
    [[5], { n: 1, median: 5, p90: 5 }],
    [[3, 1, 2], { n: 3, median: 2, p90: 3 }],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], { n: 10, median: 50, p90: 90 }],
    [[4, undefined, NaN, 2], { n: 2, median: 2, p90: 4 }],
  ])('distribution(%j) = %j', (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });

  it('leaves out figures the engine did not report', () => {
    const stats = speedStats([
      { promptId: 'a', promptTokens: 10, completionTokens: 5, timeToFirstTokenMs: 100 },
      {
        promptId: 'b',
        promptTokens: 10,
        completionTokens: 5,
        timeToFirstTokenMs: 300,
        decodeTokensPerSec: 7,
      },
    ]);
    expect(stats.timeToFirstTokenMs).toEqual({ n: 2, median: 100, p90: 300 });
    expect(stats.decodeTokensPerSec).toEqual({ n: 1, median: 7, p90: 7 });
    expect(stats.prefillTokensPerSec).toEqual({ n: 0, median: null, p90: null });
  });
});

describe('pickSubset', () => {
  const items = [
    item('t1', 'A', 'triage', 'zh'),
    item('t2', 'B', 'triage', 'en'),
    item('t3', 'C', 'triage', 'zh'),
    item('m1', 'A', 'medication', 'en'),
    item('c1', 'D', 'chronic', 'zh'),
  ];
  it.each([
    // groups in order of first appearance: zh triage [t1, t3], en triage [t2], en medication [m1], zh chronic [c1]
    [3, 'all', ['t1', 't2', 'm1']],
    [4, 'all', ['t1', 't2', 'm1', 'c1']],
    [99, 'all', ['t1', 't2', 'm1', 'c1', 't3']],
    [0, 'all', []],
    [10, 'zh', ['t1', 'c1', 't3']],
    [1, 'en', ['t2']],
  ] as const)('%d questions in %s -> %j', (count, lang, ids) => {
    expect(pickSubset(items, count, lang).map((i) => i.id)).toEqual(ids);
  });
});

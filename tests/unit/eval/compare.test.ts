import { describe, expect, it } from 'vitest';
import { compareReports } from '$lib/eval/compare.ts';
import { report, result } from './fixtures.ts';

describe('compareReports', () => {
  const a = report();
  const b = report({
    id: 'r2',
    speedSamples: [
      {
        promptId: 'zh-short',
        promptTokens: 30,
        completionTokens: 100,
        timeToFirstTokenMs: 200,
        decodeTokensPerSec: 20,
      },
    ],
    results: [
      result('q1', 'triage', 'A', 'A'),
      result('q2', 'triage', 'B', 'B'),
      result('q5', 'chronic', 'A', 'B'),
    ],
  });
  const rows = compareReports(a, b);
  const byMetric = (metric: string, category?: string) =>
    rows.find((r) => r.metric === metric && r.category === category);

  it.each([
    // metric, a, b, delta
    ['accuracy', 0.5, 2 / 3, 2 / 3 - 0.5],
    ['unparseableRate', 0.25, 0, -0.25],
    ['answered', 4, 3, -1],
    ['ttftMedianMs', 400, 200, -200],
    ['decodeMedian', 10, 20, 10],
  ] as const)('%s: %d -> %d', (metric, va, vb, delta) => {
    const row = byMetric(metric);
    expect(row?.a).toBeCloseTo(va);
    expect(row?.b).toBeCloseTo(vb);
    expect(row?.delta).toBeCloseTo(delta);
  });

  it('leaves the delta empty when one side did not report a figure', () => {
    expect(byMetric('prefillMedian')).toMatchObject({ a: 80, b: null, delta: null });
  });

  it('lists every category of either report, with null where one has none', () => {
    const categories = rows.filter((r) => r.metric === 'categoryAccuracy');
    expect(categories.map((r) => [r.category, r.a, r.b])).toEqual([
      ['chronic', null, 0],
      ['medication', 0.5, null],
      ['triage', 0.5, 1],
    ]);
  });

  it('marks which direction is better for each metric', () => {
    expect(byMetric('ttftMedianMs')?.higherIsBetter).toBe(false);
    expect(byMetric('accuracy')?.higherIsBetter).toBe(true);
  });
});

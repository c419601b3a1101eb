/**
 * Two reports side by side (two models on one device, or one model on two devices): the same metrics
 * in the same order, each with the change from the first report to the second.
 */
import type { EvalReport } from './types.ts';

export type MetricKey =
  | 'accuracy'
  | 'unparseableRate'
  | 'answered'
  | 'ttftMedianMs'
  | 'ttftP90Ms'
  | 'prefillMedian'
  | 'decodeMedian'
  | 'categoryAccuracy';

export interface ComparisonRow {
  metric: MetricKey;
  /** For category rows, the category; otherwise absent. */
  category?: string;
  a: number | null;
  b: number | null;
  /** b - a, or null when either side has no value. */
  delta: number | null;
  /** Whether a larger value is the better one, so the page can say "better"/"worse" without colour alone. */
  higherIsBetter: boolean;
}

/**
 * Compares report `b` against report `a`. Categories present in only one report get a row with the
 * other side null. Accuracies are fractions (0..1).
 * @returns one row per metric: summary metrics first, then categories sorted by name
 */
export function compareReports(a: EvalReport, b: EvalReport): ComparisonRow[] {
  const row = (
    metric: MetricKey,
    pick: (r: EvalReport) => number | null,
    higherIsBetter: boolean,
  ): ComparisonRow => withDelta({ metric, a: pick(a), b: pick(b), higherIsBetter });

  const rows: ComparisonRow[] = [
    row('accuracy', (r) => (r.overall.total ? r.overall.accuracy : null), true),
    row('unparseableRate', (r) => (r.overall.total ? r.overall.unparseable / r.overall.total : null), false),
    row('answered', (r) => r.overall.total, true),
    row('ttftMedianMs', (r) => r.speed.timeToFirstTokenMs.median, false),
    row('ttftP90Ms', (r) => r.speed.timeToFirstTokenMs.p90, false),
    row('prefillMedian', (r) => r.speed.prefillTokensPerSec.median, true),
    row('decodeMedian', (r) => r.speed.decodeTokensPerSec.median, true),
  ];
  const categories = [...new Set([...a.categories, ...b.categories].map((c) => c.category))].sort((x, y) =>
    x.localeCompare(y),
  );
  for (const category of categories) {
    const accuracyIn = (r: EvalReport) => r.categories.find((c) => c.category === category)?.accuracy ?? null;
    rows.push(
      withDelta({
        metric: 'categoryAccuracy',
        category,
        a: accuracyIn(a),
        b: accuracyIn(b),
        higherIsBetter: true,
      }),
    );
  }
  return rows;
}

function withDelta(row: Omit<ComparisonRow, 'delta'>): ComparisonRow {
  return { ...row, delta: row.a === null || row.b === null ? null : row.b - row.a };
}

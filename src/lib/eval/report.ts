/** Builds a report from what a run produced; the summaries are derived here, never typed in by hand. */
import { summarise, summariseByCategory } from './score.ts';
import { speedStats } from './speed.ts';
import type { EvalReport } from './types.ts';

/** What a run produced: the report less its format version and the summaries derived from the results. */
export type ReportInput = Omit<EvalReport, 'version' | 'speed' | 'overall' | 'categories'>;

/** @returns a complete report with speed statistics, overall and per-category accuracy filled in */
export function buildReport(input: ReportInput): EvalReport {
  return {
    version: 1,
    ...input,
    speed: speedStats(input.speedSamples),
    overall: summarise(input.results),
    categories: summariseByCategory(input.results),
  };
}

/** Builds a report from what a run produced; the summaries are derived here, never typed in by hand. */
import { summarise, summariseByCategory } from './score.ts';
import { speedStats } from './speed.ts';
import type { EngineKind } from '../engine/registry.ts';
import type { DeviceInfo, EvalReport, ItemResult, SpeedSample } from './types.ts';

export interface ReportInput {
  id: string;
  label: string;
  createdAt: number;
  modelId: string;
  engine?: EngineKind;
  device: DeviceInfo;
  questionSet: string;
  partial: boolean;
  plannedQuestions: number;
  speedSamples: SpeedSample[];
  results: ItemResult[];
}

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

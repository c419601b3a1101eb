/**
 * Reports leave the app as JSON (complete, re-importable on another device for comparison) or CSV
 * (one row per measurement, for a spreadsheet). CSV is written with Papa Parse so replies with commas,
 * quotes or line breaks stay in their cell.
 */
import Papa from 'papaparse';
import { buildReport } from './report.ts';
import type { EvalReport, ItemResult, SpeedSample } from './types.ts';
import { isRecord } from './validate.ts';

/** Why an imported report was refused; the page words each code in the reader's language. */
export type ReportProblem = 'invalidJson' | 'notAReport' | 'missingFields' | 'badResults' | 'badSpeedSamples';

export class ReportFormatError extends Error {
  readonly problem: ReportProblem;
  constructor(problem: ReportProblem, message: string) {
    super(message);
    this.name = 'ReportFormatError';
    this.problem = problem;
  }
}

/** Pretty-printed JSON of the whole report. */
export function reportToJson(report: EvalReport): string {
  return JSON.stringify(report, null, 2);
}

/**
 * Reads a report exported by this page (here or on another device). The summaries are recomputed from
 * the raw results, so an edited file cannot claim a score its results do not support.
 * @throws ReportFormatError (with a `problem` code) when the text is not a report of a supported version
 */
export function parseReportJson(text: string): EvalReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ReportFormatError('invalidJson', 'not valid JSON');
  }
  if (!isRecord(data) || data.version !== 1)
    throw new ReportFormatError('notAReport', 'not an evaluation report (version 1)');
  const { id, label, createdAt, modelId, device, questionSet, partial, plannedQuestions } = data;
  if (typeof id !== 'string' || typeof modelId !== 'string' || typeof createdAt !== 'number') {
    throw new ReportFormatError('missingFields', 'report is missing id, modelId or createdAt');
  }
  if (!Array.isArray(data.results) || !data.results.every(isItemResult)) {
    throw new ReportFormatError('badResults', 'report results are malformed');
  }
  if (!Array.isArray(data.speedSamples) || !data.speedSamples.every(isSpeedSample)) {
    throw new ReportFormatError('badSpeedSamples', 'report speed samples are malformed');
  }
  return buildReport({
    id,
    label: typeof label === 'string' ? label : modelId,
    createdAt,
    modelId,
    ...(data.engine === 'web-llm' || data.engine === 'llama.cpp' ? { engine: data.engine } : {}),
    device: isRecord(device) ? device : {},
    questionSet: typeof questionSet === 'string' ? questionSet : '',
    partial: partial === true,
    plannedQuestions: typeof plannedQuestions === 'number' ? plannedQuestions : data.results.length,
    speedSamples: data.speedSamples,
    results: data.results,
  });
}

function isItemResult(v: unknown): v is ItemResult {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.category === 'string' &&
    typeof v.expected === 'string' &&
    (v.given === null || typeof v.given === 'string') &&
    typeof v.correct === 'boolean' &&
    typeof v.reply === 'string'
  );
}

function isSpeedSample(v: unknown): v is SpeedSample {
  return isRecord(v) && typeof v.promptId === 'string' && typeof v.promptTokens === 'number';
}

/** The CSV columns, in order. `kind` says what a row is; cells that do not apply are empty. */
export const CSV_COLUMNS = [
  'kind',
  'id',
  'category',
  'expected',
  'given',
  'correct',
  'unparseable',
  'total',
  'accuracy',
  'time_to_first_token_ms',
  'prefill_tokens_per_sec',
  'decode_tokens_per_sec',
  'reply',
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | boolean>>;

/**
 * One CSV holding the whole report: a `report` row (model, time, partial), an `overall` row, one
 * `category` row each, one `speed` row per prompt and one `question` row per answered question.
 */
export function reportToCsv(report: EvalReport): string {
  const rows: CsvRow[] = [
    {
      kind: 'report',
      id: report.id,
      category: report.modelId,
      reply: `${report.label} | ${new Date(report.createdAt).toISOString()} | ${report.partial ? 'partial' : 'complete'}`,
    },
    { kind: 'overall', id: report.questionSet, ...scoreCells(report.overall) },
    ...report.categories.map((c) => ({ kind: 'category', category: c.category, ...scoreCells(c) })),
    ...report.speedSamples.map((s) => ({
      kind: 'speed',
      id: s.promptId,
      time_to_first_token_ms: s.timeToFirstTokenMs,
      prefill_tokens_per_sec: s.prefillTokensPerSec,
      decode_tokens_per_sec: s.decodeTokensPerSec,
    })),
    ...report.results.map((r) => ({
      kind: 'question',
      id: r.id,
      category: r.category,
      expected: r.expected,
      given: r.given ?? '',
      correct: r.correct,
      unparseable: r.given === null,
      time_to_first_token_ms: r.timeToFirstTokenMs,
      prefill_tokens_per_sec: r.prefillTokensPerSec,
      decode_tokens_per_sec: r.decodeTokensPerSec,
      reply: r.reply,
    })),
  ];
  return Papa.unparse(rows, { columns: [...CSV_COLUMNS], newline: '\r\n' });
}

function scoreCells(s: { total: number; correct: number; unparseable: number; accuracy: number }): CsvRow {
  return { total: s.total, correct: s.correct, unparseable: s.unparseable, accuracy: s.accuracy.toFixed(4) };
}

/** A file name that says what and when: `eval-<model>-<yyyy-mm-dd>.<ext>`. */
export function exportFileName(report: EvalReport, ext: 'json' | 'csv'): string {
  const day = new Date(report.createdAt).toISOString().slice(0, 10);
  return `eval-${report.modelId.replace(/[^\w.-]+/g, '_')}-${day}.${ext}`;
}

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  exportFileName,
  parseReportJson,
  ReportFormatError,
  reportToCsv,
  reportToJson,
} from '$lib/eval/export.ts';
import { report, result } from './fixtures.ts';

describe('JSON export', () => {
  it('round-trips a report exactly', () => {
    const r = report({ partial: true });
    expect(parseReportJson(reportToJson(r))).toEqual(r);
  });

  it('keeps which engine ran the model, and drops an engine it does not know', () => {
    const r = report({ engine: 'llama.cpp', device: { crossOriginIsolated: true } });
    expect(parseReportJson(reportToJson(r))).toMatchObject({
      engine: 'llama.cpp',
      device: { crossOriginIsolated: true },
    });
    const data = JSON.parse(reportToJson(r));
    data.engine = 'gpu-magic';
    expect(parseReportJson(JSON.stringify(data))).not.toHaveProperty('engine');
  });

  it('recomputes the summaries, so an edited score does not survive import', () => {
    const data = JSON.parse(reportToJson(report()));
    data.overall.accuracy = 1;
    data.categories = [];
    expect(parseReportJson(JSON.stringify(data))).toEqual(report());
  });

  it.each([
    ['not json', 'invalidJson'],
    ['{"version": 2}', 'notAReport'],
    ['{"version": 1, "id": "x"}', 'missingFields'],
    [
      '{"version": 1, "id": "x", "modelId": "m", "createdAt": 1, "results": [{"id": 3}], "speedSamples": []}',
      'badResults',
    ],
    [
      '{"version": 1, "id": "x", "modelId": "m", "createdAt": 1, "results": [], "speedSamples": [{}]}',
      'badSpeedSamples',
    ],
  ] as const)('rejects %s as %s', (text, problem) => {
    expect(() => parseReportJson(text)).toThrow(ReportFormatError);
    try {
      parseReportJson(text);
    } catch (error) {
      expect((error as ReportFormatError).problem).toBe(problem);
    }
  });
});

describe('CSV export', () => {
  const tricky = report({
    results: [
      { ...result('q1', 'triage, urgent', 'A', 'A'), reply: 'A, because "chest pain"\nneeds care' },
      result('q2', '内科', 'B', null),
    ],
  });
  const rows = Papa.parse<Record<string, string>>(reportToCsv(tricky), { header: true }).data;

  it('has the documented columns', () => {
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
  });

  it('keeps commas, quotes and line breaks inside their cells (round trip)', () => {
    const questions = rows.filter((r) => r.kind === 'question');
    expect(
      questions.map((r) => [r.id, r.category, r.expected, r.given, r.correct, r.unparseable, r.reply]),
    ).toEqual([
      ['q1', 'triage, urgent', 'A', 'A', 'true', 'false', 'A, because "chest pain"\nneeds care'],
      ['q2', '内科', 'B', '', 'false', 'true', '不确定'],
    ]);
  });

  it('holds the report, overall, category and speed rows', () => {
    expect(rows.map((r) => r.kind)).toEqual([
      'report',
      'overall',
      'category',
      'category',
      'speed',
      'speed',
      'question',
      'question',
    ]);
    const overall = rows.find((r) => r.kind === 'overall');
    expect([overall?.total, overall?.correct, overall?.unparseable, overall?.accuracy]).toEqual([
      '2',
      '1',
      '1',
      '0.5000',
    ]);
    const speed = rows.filter((r) => r.kind === 'speed').map((r) => [r.id, r.time_to_first_token_ms]);
    expect(speed).toEqual([
      ['zh-short', '400'],
      ['en-long', '900'],
    ]);
  });

  it('names files after the model and day', () => {
    expect(exportFileName(report({ modelId: 'Qwen3/4B q4' }), 'csv')).toBe('eval-Qwen3_4B_q4-2026-11-25.csv');
  });
});

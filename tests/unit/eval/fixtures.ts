/** Small reports and items for the eval tests, built through the same code the page uses. */
import { buildReport, type ReportInput } from '$lib/eval/report.ts';
import type { EvalReport, ItemResult, McqItem } from '$lib/eval/types.ts';

export function item(
  id: string,
  answer: McqItem['answer'],
  category = 'triage',
  lang: McqItem['lang'] = 'en',
): McqItem {
  return {
    id,
    lang,
    category,
    question: `Question ${id}?`,
    options: { A: `first ${id}`, B: `second ${id}`, C: `third ${id}`, D: `fourth ${id}` },
    answer,
  };
}

export function result(
  id: string,
  category: string,
  expected: ItemResult['expected'],
  given: ItemResult['given'],
): ItemResult {
  return {
    id,
    category,
    expected,
    given,
    correct: given === expected,
    reply: given ? `答案:${given}` : '不确定',
  };
}

export function report(overrides: Partial<ReportInput> = {}): EvalReport {
  return buildReport({
    id: 'r1',
    label: 'Model A on laptop',
    createdAt: Date.UTC(2026, 10, 25, 9, 30),
    modelId: 'Qwen3-4B-Instruct-2507-q4f16_1-MLC',
    device: { gpu: 'google / swiftshader', shaderF16: false },
    questionSet: 'built-in',
    partial: false,
    plannedQuestions: 4,
    speedSamples: [
      {
        promptId: 'zh-short',
        promptTokens: 30,
        completionTokens: 100,
        timeToFirstTokenMs: 400,
        prefillTokensPerSec: 80,
        decodeTokensPerSec: 12,
      },
      {
        promptId: 'en-long',
        promptTokens: 120,
        completionTokens: 100,
        timeToFirstTokenMs: 900,
        prefillTokensPerSec: 130,
        decodeTokensPerSec: 10,
      },
    ],
    results: [
      result('q1', 'triage', 'A', 'A'),
      result('q2', 'triage', 'B', 'C'),
      result('q3', 'medication', 'C', 'C'),
      result('q4', 'medication', 'D', null),
    ],
    ...overrides,
  });
}

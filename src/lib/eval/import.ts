/** Picks the parser for a file the user chose, by its name and, for JSONL, by the fields of its first row. */
import { parseCmexam } from './cmexam.ts';
import { parseMedQa } from './medqa.ts';
import { parseQuestionSet } from './questions.ts';
import type { ParseResult } from './types.ts';

export type QuestionFormat = 'own' | 'medqa' | 'cmexam';

export interface ImportResult extends ParseResult {
  format: QuestionFormat;
}

/**
 * Reads a question file: `.csv` as CMExam, `.jsonl`/`.json` as MedQA when rows carry `answer_idx`,
 * otherwise as the project's own format.
 * @returns the format used, the usable items and per-row errors; never throws on bad content
 */
export function importQuestionFile(fileName: string, text: string): ImportResult {
  if (/\.csv$/i.test(fileName)) return { format: 'cmexam', ...parseCmexam(text) };
  const format: QuestionFormat = /"answer_idx"\s*:/.test(firstRow(text)) ? 'medqa' : 'own';
  return { format, ...(format === 'medqa' ? parseMedQa(text) : parseQuestionSet(text)) };
}

function firstRow(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim()) ?? '';
}

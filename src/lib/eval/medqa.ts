/**
 * MedQA in its published JSONL form: one object per line,
 * `{"question", "options": {"A": ...}, "answer": "<option text>", "answer_idx": "B", "meta_info": "step1"}`.
 * The US set is English; the Mainland and Taiwan sets use the same fields in Chinese.
 */
import { parseJsonl } from './jsonl.ts';
import type { McqItem, ParseResult } from './types.ts';
import { guessLang, isRecord, nonEmptyString, readAnswer, readOptions } from './validate.ts';

/**
 * Parses a MedQA JSONL file. Items get ids `medqa-<line>`; `meta_info` becomes the category.
 * When both `answer_idx` and `answer` are present they must agree, which catches shifted or edited rows.
 * @returns the usable items and an error (line number and reason) for every line that is not
 */
export function parseMedQa(text: string): ParseResult {
  return parseJsonl(text, (row, line) => readMedQaRow(row, line));
}

function readMedQaRow(row: unknown, line: number): McqItem | string {
  if (!isRecord(row)) return 'each line must be a JSON object';
  if (!nonEmptyString(row.question)) return 'question is missing';
  const options = readOptions(row.options);
  if (typeof options === 'string') return options;
  const answer = readAnswer(row.answer_idx, options);
  if ('error' in answer) return `answer_idx: ${answer.error}`;
  if (nonEmptyString(row.answer) && row.answer.trim() !== options[answer.letter]) {
    return `answer "${row.answer}" does not match option ${answer.letter}`;
  }
  return {
    id: `medqa-${line}`,
    lang: guessLang(row.question),
    category: nonEmptyString(row.meta_info) ? row.meta_info.trim() : 'MedQA',
    question: row.question.trim(),
    options,
    answer: answer.letter,
  };
}

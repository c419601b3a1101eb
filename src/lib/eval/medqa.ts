/**
 * MedQA in its published JSONL form: one object per line,
 * `{"question", "options": {"A": ...}, "answer": "<option text>", "answer_idx": "B", "meta_info": "step1"}`.
 * The US set is English; the Mainland and Taiwan sets use the same fields in Chinese.
 */
import { parseJsonl } from './jsonl.ts';
import type { McqItem, ParseResult, RowProblem } from './types.ts';
import { guessLang, isRecord, nonEmptyString, readAnswer, readOptions } from './validate.ts';

/**
 * Parses a MedQA JSONL file. Items get ids `medqa-<line>`; `meta_info` becomes the category.
 * When both `answer_idx` and `answer` are present they must agree, which catches shifted or edited rows.
 * @returns the usable items and an error (line number and problem) for every line that is not
 */
export function parseMedQa(text: string): ParseResult {
  return parseJsonl(text, (row, line) => readMedQaRow(row, line));
}

function readMedQaRow(row: unknown, line: number): McqItem | RowProblem {
  if (!isRecord(row)) return { code: 'notAnObject' };
  if (!nonEmptyString(row.question)) return { code: 'missingField', field: 'question' };
  const read = readOptions(row.options);
  if ('problem' in read) return read.problem;
  const { options } = read;
  const answer = readAnswer(row.answer_idx, options, 'answer_idx');
  if ('problem' in answer) return answer.problem;
  if (nonEmptyString(row.answer) && row.answer.trim() !== options[answer.letter]) {
    return { code: 'answerTextMismatch', answer: row.answer.trim(), letter: answer.letter };
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

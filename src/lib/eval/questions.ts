/**
 * The project's own question format (documented in ./README.md): one JSON object per line with
 * id, lang, category, question, options {A..}, answer and an optional explanation.
 */
import { parseJsonl } from './jsonl.ts';
import type { McqItem, ParseResult } from './types.ts';
import { isRecord, nonEmptyString, readAnswer, readOptions } from './validate.ts';

/**
 * Parses and validates a question set in the project's JSONL format. Duplicate ids are errors, so
 * per-question results stay unambiguous.
 * @returns the valid items and an error (line number and reason) for every line that is not
 */
export function parseQuestionSet(text: string): ParseResult {
  const seen = new Set<string>();
  return parseJsonl(text, (row) => {
    const item = readOwnRow(row);
    if (typeof item === 'string') return item;
    if (seen.has(item.id)) return `duplicate id "${item.id}"`;
    seen.add(item.id);
    return item;
  });
}

function readOwnRow(row: unknown): McqItem | string {
  if (!isRecord(row)) return 'each line must be a JSON object';
  const { id, lang, category, question, explanation } = row;
  if (!nonEmptyString(id)) return 'id is missing';
  if (lang !== 'zh' && lang !== 'en') return 'lang must be "zh" or "en"';
  if (!nonEmptyString(category)) return 'category is missing';
  if (!nonEmptyString(question)) return 'question is missing';
  const options = readOptions(row.options);
  if (typeof options === 'string') return options;
  const answer = readAnswer(row.answer, options);
  if ('error' in answer) return answer.error;
  const item: McqItem = {
    id: id.trim(),
    lang,
    category: category.trim(),
    question: question.trim(),
    options,
    answer: answer.letter,
  };
  if (nonEmptyString(explanation)) item.explanation = explanation.trim();
  return item;
}

/**
 * The project's own question format (documented in ./README.md): one JSON object per line with
 * id, lang, category, question, options {A..}, answer and an optional explanation.
 */
import { parseJsonl } from './jsonl.ts';
import type { McqItem, ParseResult, RowProblem } from './types.ts';
import { isRecord, nonEmptyString, readAnswer, readOptions } from './validate.ts';

/**
 * Parses and validates a question set in the project's JSONL format. Duplicate ids are errors, so
 * per-question results stay unambiguous.
 * @returns the valid items and an error (line number and problem) for every line that is not
 */
export function parseQuestionSet(text: string): ParseResult {
  const seen = new Set<string>();
  return parseJsonl(text, (row) => {
    const item = readOwnRow(row);
    if ('code' in item) return item;
    if (seen.has(item.id)) return { code: 'duplicateId', id: item.id };
    seen.add(item.id);
    return item;
  });
}

function readOwnRow(row: unknown): McqItem | RowProblem {
  if (!isRecord(row)) return { code: 'notAnObject' };
  const { id, lang, category, question, explanation } = row;
  if (!nonEmptyString(id)) return { code: 'missingField', field: 'id' };
  if (lang !== 'zh' && lang !== 'en') return { code: 'badLang', value: String(lang ?? '') };
  if (!nonEmptyString(category)) return { code: 'missingField', field: 'category' };
  if (!nonEmptyString(question)) return { code: 'missingField', field: 'question' };
  const options = readOptions(row.options);
  if ('problem' in options) return options.problem;
  const answer = readAnswer(row.answer, options.options);
  if ('problem' in answer) return answer.problem;
  const item: McqItem = {
    id: id.trim(),
    lang,
    category: category.trim(),
    question: question.trim(),
    options: options.options,
    answer: answer.letter,
  };
  if (nonEmptyString(explanation)) item.explanation = explanation.trim();
  return item;
}

/**
 * CMExam in its published CSV form (github.com/williamliujl/CMExam, data/*.csv): columns Question,
 * Options (one option per line, "A 选项内容"), Answer (a letter; a few questions have several) and
 * Explanation, plus annotation columns. Parsed with Papa Parse, so quoted fields with commas and
 * line breaks (every Options cell has them) are read correctly.
 */
import Papa from 'papaparse';
import type { McqItem, ParseResult, RowError, RowProblem } from './types.ts';
import { guessLang, isOptionLetter, nonEmptyString, readAnswer, type Options } from './validate.ts';

/** Column names as published, with the Chinese names of the raw release as fallbacks. */
const COLUMNS = {
  question: ['Question', '题目', '标题'],
  options: ['Options', '选项'],
  answer: ['Answer', '答案'],
  explanation: ['Explanation', '答案解析'],
  category: ['Clinical Department', 'Clinical department', 'Subject', 'Medical Discipline', '一级标签'],
} as const;

type Row = Record<string, string | undefined>;

/**
 * Parses a CMExam CSV file. Row numbers in errors count the header as row 1, as a spreadsheet does.
 * Multiple-answer questions are reported as errors and left out: the page scores single answers only.
 * @returns the usable items and an error per unusable row; a file without the required columns gives
 *   a single error for row 1
 */
export function parseCmexam(text: string): ParseResult {
  const parsed = Papa.parse<Row>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const headers = parsed.meta.fields ?? [];
  const column = (names: readonly string[]) => names.find((n) => headers.includes(n));
  const questionCol = column(COLUMNS.question);
  const optionsCol = column(COLUMNS.options);
  const answerCol = column(COLUMNS.answer);
  if (!questionCol || !optionsCol || !answerCol) {
    const columns = [
      questionCol ? null : 'Question',
      optionsCol ? null : 'Options',
      answerCol ? null : 'Answer',
    ].filter((c): c is string => c !== null);
    return { items: [], errors: [{ row: 1, problem: { code: 'missingColumns', columns } }] };
  }
  const categoryCol = column(COLUMNS.category);
  const explanationCol = column(COLUMNS.explanation);

  const errors: RowError[] = [];
  // Papa reports structural problems (an unclosed quote, too many fields) by data row index.
  const structural = new Map<number, string>();
  for (const e of parsed.errors) if (e.row !== undefined) structural.set(e.row, e.message);

  const items: McqItem[] = [];
  parsed.data.forEach((row, i) => {
    const rowNumber = i + 2; // +1 for 1-based, +1 for the header
    const fail = (problem: RowProblem) => void errors.push({ row: rowNumber, problem });
    const broken = structural.get(i);
    if (broken) return fail({ code: 'csvStructure', detail: broken });
    const question = row[questionCol];
    if (!nonEmptyString(question)) return fail({ code: 'missingField', field: questionCol });
    const read = readCmexamOptions(row[optionsCol] ?? '');
    if ('problem' in read) return fail(read.problem);
    const { options } = read;
    const answer = readAnswer(row[answerCol], options, answerCol);
    if ('problem' in answer) return fail(answer.problem);
    const category = categoryCol ? row[categoryCol] : undefined;
    const explanation = explanationCol ? row[explanationCol] : undefined;
    const item: McqItem = {
      id: `cmexam-${rowNumber}`,
      lang: guessLang(question),
      category: nonEmptyString(category) ? category.trim() : 'CMExam',
      question: question.trim(),
      options,
      answer: answer.letter,
    };
    if (nonEmptyString(explanation)) item.explanation = explanation.trim();
    items.push(item);
  });
  return { items, errors };
}

/** "A 内容\nB 内容 …" -> { A: '内容', … }; a line must start with a letter and a separator. */
function readCmexamOptions(cell: string): { options: Options } | { problem: RowProblem } {
  const options: Options = {};
  for (const line of cell.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^\s*([A-Za-z])(?:\s*[.、:：)]\s*|\s+)(.+)$/.exec(line);
    const letter = m?.[1]?.toUpperCase() ?? '';
    if (!m || !isOptionLetter(letter) || !m[2]?.trim()) {
      return { problem: { code: 'badOptionLine', line: line.trim() } };
    }
    options[letter] = m[2].trim();
  }
  return Object.keys(options).length >= 2 ? { options } : { problem: { code: 'tooFewOptions' } };
}

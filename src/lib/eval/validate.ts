/** Checks shared by every question-set parser. Each returns the value read, or the problem with it. */
import { textLang } from '../lang.ts';
import { OPTION_LETTERS, type EvalLang, type OptionLetter, type RowProblem } from './types.ts';

export type Options = Partial<Record<OptionLetter, string>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Reads an options object `{ "A": "...", "B": "..." }`.
 * @returns the options, or the problem (too few, a letter out of range, empty text)
 */
export function readOptions(value: unknown): { options: Options } | { problem: RowProblem } {
  if (!isRecord(value)) return { problem: { code: 'optionsNotAnObject' } };
  const options: Options = {};
  for (const [key, text] of Object.entries(value)) {
    const letter = key.trim().toUpperCase();
    if (!isOptionLetter(letter)) return { problem: { code: 'badOptionKey', key } };
    if (!nonEmptyString(text)) return { problem: { code: 'emptyOption', letter } };
    options[letter] = text.trim();
  }
  return Object.keys(options).length >= 2 ? { options } : { problem: { code: 'tooFewOptions' } };
}

export function isOptionLetter(value: string): value is OptionLetter {
  return (OPTION_LETTERS as readonly string[]).includes(value);
}

/**
 * Reads the key: one letter that is among the options.
 * @param field the column or key the answer came from, named when it is missing
 * @returns the letter, or the problem (several letters means a multiple-answer question, not supported)
 */
export function readAnswer(
  value: unknown,
  options: Options,
  field = 'answer',
): { letter: OptionLetter } | { problem: RowProblem } {
  if (!nonEmptyString(value)) return { problem: { code: 'missingField', field } };
  const answer = value.trim().toUpperCase();
  if (answer.length > 1 && [...answer].every(isOptionLetter)) {
    return { problem: { code: 'multipleAnswers', answer } };
  }
  if (!isOptionLetter(answer)) return { problem: { code: 'answerNotALetter', answer: value.trim() } };
  if (options[answer] === undefined) return { problem: { code: 'answerNotAnOption', answer } };
  return { letter: answer };
}

/** The language of an imported question whose set does not say: the app's one rule (lib/lang.ts). */
export function guessLang(text: string): EvalLang {
  return textLang(text, 'en');
}

/** An English sentence for a row problem, for logs and tests; the page uses i18n `eval.rowProblem`. */
export function describeProblem(p: RowProblem): string {
  switch (p.code) {
    case 'invalidJson':
      return 'not valid JSON';
    case 'notAnObject':
      return 'not a JSON object';
    case 'missingField':
      return `${p.field} is missing`;
    case 'badLang':
      return `lang "${p.value}" is not "zh" or "en"`;
    case 'optionsNotAnObject':
      return 'options must be an object like {"A": "...", "B": "..."}';
    case 'badOptionKey':
      return `option key "${p.key}" is not one of ${OPTION_LETTERS.join(', ')}`;
    case 'emptyOption':
      return `option ${p.letter} has no text`;
    case 'tooFewOptions':
      return 'fewer than two options';
    case 'badOptionLine':
      return `option line "${p.line}" is not "A text"`;
    case 'multipleAnswers':
      return `the answer "${p.answer}" has several letters; only single-answer questions are supported`;
    case 'answerNotALetter':
      return `the answer "${p.answer}" is not an option letter`;
    case 'answerNotAnOption':
      return `the answer ${p.answer} is not among the options`;
    case 'answerTextMismatch':
      return `answer "${p.answer}" does not match option ${p.letter}`;
    case 'duplicateId':
      return `duplicate id "${p.id}"`;
    case 'missingColumns':
      return `missing column(s): ${p.columns.join(', ')}`;
    case 'csvStructure':
      return p.detail;
    default: {
      const never: never = p;
      return String(never);
    }
  }
}

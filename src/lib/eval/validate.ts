/** Checks shared by every question-set parser. Each returns an error message, or null when the value is fine. */
import { OPTION_LETTERS, type EvalLang, type OptionLetter } from './types.ts';

export type Options = Partial<Record<OptionLetter, string>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Reads an options object `{ "A": "...", "B": "..." }`.
 * @returns the options, or a message saying what is wrong (too few, a letter out of range, empty text)
 */
export function readOptions(value: unknown): Options | string {
  if (!isRecord(value)) return 'options must be an object like {"A": "...", "B": "..."}';
  const options: Options = {};
  for (const [key, text] of Object.entries(value)) {
    const letter = key.trim().toUpperCase();
    if (!isOptionLetter(letter)) return `option key "${key}" is not one of ${OPTION_LETTERS.join(', ')}`;
    if (!nonEmptyString(text)) return `option ${letter} has no text`;
    options[letter] = text.trim();
  }
  return Object.keys(options).length >= 2 ? options : 'a question needs at least two options';
}

export function isOptionLetter(value: string): value is OptionLetter {
  return (OPTION_LETTERS as readonly string[]).includes(value);
}

/**
 * Reads the key: one letter that is among the options.
 * @returns the letter, or an error (several letters means a multiple-answer question, not supported)
 */
export function readAnswer(value: unknown, options: Options): { letter: OptionLetter } | { error: string } {
  if (!nonEmptyString(value)) return { error: 'the answer is missing' };
  const answer = value.trim().toUpperCase();
  if (answer.length > 1 && [...answer].every(isOptionLetter)) {
    return {
      error: `the answer "${answer}" has several letters; only single-answer questions are supported`,
    };
  }
  if (!isOptionLetter(answer)) return { error: `the answer "${value}" is not an option letter` };
  if (options[answer] === undefined) return { error: `the answer ${answer} is not among the options` };
  return { letter: answer };
}

/** Chinese when the text has CJK characters, else English: for imported sets that do not say. */
export function guessLang(text: string): EvalLang {
  return /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en';
}

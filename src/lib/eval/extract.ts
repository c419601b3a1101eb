/**
 * Reads which option a model chose from its free-text reply. Models answer in many styles ("答案:B",
 * "The answer is (b)", "**B**", "B. 多喝水", a bare letter, or the option's text), and a wrong reading
 * would silently inflate or deflate accuracy, so this is conservative: when the reply names two different
 * options, or none can be read with confidence, the answer is "unparseable" and scored as wrong.
 */
import { OPTION_LETTERS, type OptionLetter } from './types.ts';

export type ExtractionReason =
  /** A letter was read from an explicit marker, a leading "B." or a bare letter. */
  | 'letter'
  /** No letter, but the reply contains exactly one option's text. */
  | 'option-text'
  /** Different letters (or several option texts) were named: contradictory. */
  | 'ambiguous'
  /** A single letter was named but it is not one of the question's options. */
  | 'not-an-option'
  /** Nothing recognisable. */
  | 'none';

export interface Extraction {
  letter: OptionLetter | null;
  reason: ExtractionReason;
}

const LETTER = '[A-F]';
// Between letters of one answer: "A、B", "A or B", "A和C", "AB".
const JOIN = String.raw`(?:\s*(?:,|，|、|/|&|和|或|及|与|\bor\b|\band\b)\s*|\s*)`;
// The longer alternative first, so "A or B" is not read as just "A".
const LETTER_RUN = `${LETTER}(?:${JOIN}${LETTER})+(?![A-Za-z])|${LETTER}(?![A-Za-z])`;

/**
 * Explicit markers that introduce an answer. Each captures a run of uppercase letters (so "AB" and
 * "A or B" are seen as two letters), or one lowercase letter when it cannot be an English word:
 * in parentheses, or at the very end.
 */
const MARKERS: RegExp[] = [
  // 答案:B, 答案是 B, 正确答案为（B）, 应选 B, 选B, 选项B
  new RegExp(
    String.raw`(?:答案|正确选项|应选|选择|选项|选)\s*(?:是|为|应为|应是)?\s*[:：]?\s*[(\[]?\s*(${LETTER_RUN})`,
    'g',
  ),
  // The answer is (b) / Answer: B / correct option is C / I choose D. Not case-insensitive as a whole:
  // a lowercase "a" after "answer is" is usually the English article.
  new RegExp(
    String.raw`(?:[Aa]nswer|ANSWER|[Oo]ption|[Cc]hoice|[Cc]hoose|[Ss]elect)(?:\s+is)?\s*[:：]?\s*(?:option\s+)?([(\[]?\s*(?:${LETTER_RUN})|\([a-f]\)|[a-f](?=\s*[.)。]?\s*$))`,
    'g',
  ),
  // **B** or **B. 多喝水**
  new RegExp(String.raw`\*\*\s*[(\[]?(${LETTER_RUN})[)\]]?`, 'g'),
];

/** A reply that starts with the letter: "B.", "B)", "(B)", "B、…", "B 多喝水", or is just the letter. */
const LEADING = [
  new RegExp(String.raw`^[(\[]?(${LETTER})[)\]]?\s*[.。:：]?\s*$`, 'i'),
  new RegExp(String.raw`^[(\[](${LETTER})[)\]]`),
  new RegExp(String.raw`^(${LETTER})(?:[.。、:：)]|\s+(?=[\u4e00-\u9fff]))`),
];

/**
 * Finds the option a reply chose.
 * @param reply the model's raw text
 * @param options the question's options (letter -> text); used to reject letters that are not options
 *   and to recognise a reply that gives the option's text instead of its letter
 * @returns the letter and how it was read; `letter` is null unless exactly one option was named
 */
export function extractAnswer(reply: string, options: Partial<Record<OptionLetter, string>>): Extraction {
  const text = normalise(reply);
  if (!text) return { letter: null, reason: 'none' };

  const letters = new Set<string>();
  for (const re of MARKERS) {
    for (const m of text.matchAll(re)) for (const l of lettersIn(m[1] ?? '')) letters.add(l);
  }
  for (const re of LEADING) {
    const m = re.exec(text);
    if (m?.[1]) letters.add(m[1].toUpperCase());
  }

  if (letters.size > 1) return { letter: null, reason: 'ambiguous' };
  if (letters.size === 1) {
    const [only] = letters as Set<OptionLetter>;
    return only !== undefined && options[only] !== undefined
      ? { letter: only, reason: 'letter' }
      : { letter: null, reason: 'not-an-option' };
  }
  return byOptionText(text, options);
}

/** Full-width forms to ASCII (Ｂ -> B, （ -> (, ： -> :), hidden reasoning dropped, whitespace trimmed. */
function normalise(reply: string): string {
  return reply
    .normalize('NFKC')
    .replace(/<think>[\s\S]*?<\/think>/g, '')
    .trim();
}

function lettersIn(run: string): string[] {
  return [...run.toUpperCase()].filter((c) => (OPTION_LETTERS as readonly string[]).includes(c));
}

/**
 * The reply quotes an option instead of its letter ("多喝水,注意休息"). Only options of two or more
 * characters count, and when one matched option's text contains another's ("fever" in "high fever"),
 * the longer one wins; any other overlap is ambiguous.
 */
function byOptionText(text: string, options: Partial<Record<OptionLetter, string>>): Extraction {
  const haystack = squash(text);
  const found: [OptionLetter, string][] = [];
  for (const letter of OPTION_LETTERS) {
    const option = options[letter];
    if (option === undefined) continue;
    const needle = squash(option);
    if (needle.length >= 2 && haystack.includes(needle)) found.push([letter, needle]);
  }
  const maximal = found.filter(([, n]) => !found.some(([, other]) => other !== n && other.includes(n)));
  if (maximal.length === 1) return { letter: maximal[0]![0], reason: 'option-text' };
  return { letter: null, reason: maximal.length > 1 ? 'ambiguous' : 'none' };
}

/** Case, spaces and punctuation do not matter when comparing an option's text. */
function squash(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

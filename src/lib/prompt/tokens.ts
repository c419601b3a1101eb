/**
 * Token counting for context fitting. Once a model is loaded its own tokenizer counts exactly (the engine's
 * countTokens); before that, and whenever it is unavailable, this conservative estimate stands in. It is meant
 * to over-count: sending a prompt that overflows the context window fails, sending one a little short of it
 * only loses a few old turns.
 */

/** Han ideographs, kana, hangul and CJK punctuation: Qwen's tokenizer spends about one token on each, at most. */
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;
/** Qwen splits numbers into single digits, so each digit is a token of its own. */
const DIGIT = /[0-9]/g;

/**
 * Tokens the chat template adds around each message (`<|im_start|>role\n` … `<|im_end|>\n`), rounded up.
 */
export const MESSAGE_OVERHEAD_TOKENS = 6;

/** Counts tokens in a piece of text; the engine's tokenizer or estimateTokens. */
export type TokenCounter = (text: string) => Promise<number>;

/** Other non-ASCII characters in the BMP (Cyrillic, Arabic, accents, combining marks...): 2-3 UTF-8 bytes each. */
const OTHER_NON_ASCII = /[\u0080-\u2fff\ua000-\uabff\ud7b0-\ud7ff\ue000-\uf8ff\ufb00-\ufeff]/g;
/** Astral code points (emoji, rare CJK extensions) are surrogate pairs: 4 UTF-8 bytes each. */
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/g;

/**
 * Conservative token estimate: one per CJK character, one per digit, and for other non-ASCII characters one per UTF-8
 * byte (three, or four for emoji and other astral characters: a byte-level tokenizer may need a token per byte), and
 * one per three remaining characters (rounded up). English averages about four characters per token, so this
 * over-counts on purpose. Used until the model is loaded, and whenever its tokenizer cannot answer.
 * @returns a whole number >= 0; 0 only for the empty string.
 */
export function estimateTokens(text: string): number {
  if (text === '') return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const digits = text.match(DIGIT)?.length ?? 0;
  const otherNonAscii = text.match(OTHER_NON_ASCII)?.length ?? 0;
  const astral = text.match(ASTRAL)?.length ?? 0;
  const rest = text.length - cjk - digits - otherNonAscii - 2 * astral;
  return cjk + digits + 3 * otherNonAscii + 4 * astral + Math.ceil(rest / 3);
}

/** The estimate as a TokenCounter, for callers that have no model loaded. */
export const estimateCounter: TokenCounter = (text) => Promise.resolve(estimateTokens(text));

/**
 * A counter that asks the loaded model's tokenizer and falls back to the estimate when the engine answers
 * null (no model loaded) or fails: context fitting must never block a turn on the tokenizer.
 */
export function modelCounter(countTokens: (text: string) => Promise<number | null>): TokenCounter {
  return async (text) => {
    if (text === '') return 0;
    try {
      const exact = await countTokens(text);
      return exact ?? estimateTokens(text);
    } catch {
      return estimateTokens(text);
    }
  };
}

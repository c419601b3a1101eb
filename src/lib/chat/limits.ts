/**
 * Limits on what a patient may send in one message.
 *
 * 2,000 characters: the model's context window is about 4,000 tokens, a Chinese character costs about one
 * token, and a quarter of the window is kept for the answer; a longer message could not be answered whole, and
 * the prompt builder never cuts a question. Checking the length up front lets the app say so before anything
 * is redacted, stored or sent, while the text stays in the box for the patient to shorten.
 */
export const MAX_MESSAGE_CHARS = 2000;

/** Per profile field: long enough for a list of medicines or test results, short enough to leave room. */
export const MAX_PROFILE_FIELD_CHARS = 500;

/**
 * Checks a message before sending.
 * @returns 'empty' for blank text, 'tooLong' over MAX_MESSAGE_CHARS (counted in code points), else 'ok'.
 */
export function checkMessage(text: string): 'ok' | 'empty' | 'tooLong' {
  if (text.trim() === '') return 'empty';
  // text.length counts UTF-16 units; only when that exceeds the limit is the exact count worth taking.
  if (text.length > MAX_MESSAGE_CHARS && codePoints(text) > MAX_MESSAGE_CHARS) return 'tooLong';
  return 'ok';
}

/** Number of characters as a patient counts them (code points, so an emoji is one). */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/**
 * Word tests on normalized text (lower case, Simplified; see normalize.ts), shared by triage, readings and the
 * speaker check. English words must stand alone ("he" is not in "headache"); Chinese words match anywhere.
 */

export const isLetter = (ch: string | undefined): boolean => ch !== undefined && ch >= 'a' && ch <= 'z';

/** `text` ends with `word`, and an English word is not the tail of a longer one. */
export function endsWithWord(text: string, word: string): boolean {
  return text.endsWith(word) && (!isLetter(word[0]) || !isLetter(text[text.length - word.length - 1]));
}

/** `text` starts with `word`, and an English word is not the head of a longer one. */
export function startsWithWord(text: string, word: string): boolean {
  return text.startsWith(word) && (!isLetter(word[word.length - 1]) || !isLetter(text[word.length]));
}

/** `word` occurs in `text`; an English word only standing alone. */
export function hasWord(text: string, word: string): boolean {
  if (!isLetter(word[0])) return text.includes(word);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isLetter(text[at - 1]) && !isLetter(text[at + word.length])) return true;
  }
  return false;
}

/** `text` without trailing spaces and any run of `fillers` at its end ("没有任何" -> "没有", "no real" -> "no"). */
export function stripTrailing(text: string, fillers: readonly string[]): string {
  let rest = text.trimEnd();
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const f of fillers) {
      if (endsWithWord(rest, f)) {
        rest = rest.slice(0, rest.length - f.length).trimEnd();
        stripped = true;
      }
    }
  }
  return rest;
}

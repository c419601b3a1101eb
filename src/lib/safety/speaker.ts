/**
 * Whether a message is about someone else: a relative writing "my father…", "孩子…", "she…". The emergency
 * card then tells the person typing what to do for the patient ("help them sit down"), not for themselves.
 * Word lists are data (rules/speaker.json).
 */
import words from './rules/speaker.json';
import { normalizeForMatch } from './normalize.ts';
import { hasWord } from './words.ts';

const lists = [...words.zh, ...words.en].map((w) => normalizeForMatch(w));
const ignored = words.ignore.map((w) => normalizeForMatch(w));

/** True when the text names someone other than the writer as the patient. */
export function aboutSomeoneElse(text: string): boolean {
  let normalized = normalizeForMatch(text);
  for (const w of ignored) normalized = normalized.split(w).join(' ');
  return lists.some((w) => hasWord(normalized, w));
}

/**
 * A conversation's title: the first line of its first (redacted) question, at most TITLE_LENGTH characters
 * counted as code points (an emoji or a rare Han character is one, not two), with "…" when cut. The one rule,
 * used by the chat screen when it creates a conversation and by the store when it titles an untitled one.
 */
export const TITLE_LENGTH = 40;

export function titleFrom(question: string): string {
  const line = question.trim().split('\n')[0]?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length > TITLE_LENGTH ? `${chars.slice(0, TITLE_LENGTH).join('')}…` : line;
}

/**
 * Earlier turns of the conversation as the model should see them, and which of them fit.
 */
import type { ChatMessage } from '../engine/types.ts';
import { textLang } from '../lang.ts';
import sections from './templates/sections.json';

/** A stored message as far as the prompt cares; structurally a subset of storage's StoredMessage. */
export interface HistoryMessage {
  id: string;
  role: 'user' | 'assistant';
  /** User: the redacted question. Assistant: the displayed (post-processed) text, never sent back. */
  text: string;
  /** Assistant: the model's raw output, the only assistant text that goes back to the model. */
  rawText?: string;
  /** Assistant: anything but 'complete' means the answer was cut off (stopped, an error, a crash). */
  status?: 'complete' | 'streaming' | 'interrupted' | 'error';
}

/** One question and its answer, ready to send, with what it costs. */
export interface HistoryTurn {
  /** Id of the turn's user message, so the UI can mark where the sent context starts. */
  firstMessageId: string;
  messages: [ChatMessage, ChatMessage];
  tokens: number;
}

/**
 * Pairs each user message with the assistant answer that follows it. The assistant side is its RAW text:
 * web-llm reuses its KV cache only when earlier messages match what it generated, and the disclaimer and notes
 * the code adds would otherwise teach the model to write them itself. A question left without an answer (an
 * engine error, or a crash before the first token) is left out: the model never said anything to continue.
 * An answer cut off part-way goes back marked as cut off (sections.json `cutOff`), so the model does not
 * take half a sentence for everything it said.
 */
export function toModelTurns(messages: readonly HistoryMessage[]): Omit<HistoryTurn, 'tokens'>[] {
  const turns: Omit<HistoryTurn, 'tokens'>[] = [];
  for (let i = 0; i < messages.length; i++) {
    const question = messages[i]!;
    const answer = messages[i + 1];
    if (question.role !== 'user' || answer?.role !== 'assistant') continue;
    const raw = answer.rawText ?? '';
    if (question.text.trim() === '' || raw.trim() === '') continue;
    const cutOff = answer.status !== undefined && answer.status !== 'complete';
    const content = cutOff ? `${raw.trimEnd()}\n\n${sections[textLang(raw, 'zh')].cutOff}` : raw;
    turns.push({
      firstMessageId: question.id,
      messages: [
        { role: 'user', content: question.text },
        { role: 'assistant', content },
      ],
    });
    i++;
  }
  return turns;
}

/**
 * Keeps the newest turns whose costs add up to at most `budget`, dropping the oldest first. Stops at the first
 * turn that does not fit rather than skipping over it, so what the model sees is one unbroken stretch of the
 * conversation.
 * @returns the kept turns in their original order and how many older turns were dropped.
 */
export function fitHistory<T extends { tokens: number }>(
  turns: readonly T[],
  budget: number,
): { kept: T[]; dropped: number } {
  let used = 0;
  let start = turns.length;
  while (start > 0 && used + turns[start - 1]!.tokens <= budget) {
    used += turns[start - 1]!.tokens;
    start--;
  }
  return { kept: turns.slice(start), dropped: start };
}

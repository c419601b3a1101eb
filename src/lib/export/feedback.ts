/**
 * Patients' ratings of answers, exported as JSON for the clinic. Pure, so it is tested in Node.
 * Only what was stored is exported, and only redacted text is ever stored.
 */
import type { Conversation, ConversationStore, StoredMessage } from '$lib/storage/types.ts';

export const FEEDBACK_FORMAT = 'yizhen-feedback';
export const FEEDBACK_VERSION = 1;

export interface FeedbackItem {
  conversationId: string;
  messageId: string;
  lang: Conversation['lang'];
  rating: 'up' | 'down';
  comment: string | null;
  /** ISO 8601 time of the rating. */
  ratedAt: string;
  /** The patient's (redacted) question the answer replied to, if there was one. */
  question: string | null;
  /** The answer as the patient saw it. */
  answer: string;
  modelId: string | null;
  /** 'guide' when the built-in health guide answered (no model was ready), else 'model'. */
  answeredBy: 'model' | 'guide';
  citations: string[];
}

export interface FeedbackExport {
  format: typeof FEEDBACK_FORMAT;
  version: typeof FEEDBACK_VERSION;
  exportedAt: string;
  counts: { up: number; down: number };
  items: FeedbackItem[];
}

/**
 * Collects every rated message, oldest rating first.
 * @param history conversations with their messages in time order (as the store returns them).
 */
export function collectFeedback(
  history: readonly { conversation: Conversation; messages: readonly StoredMessage[] }[],
  exportedAt: number,
): FeedbackExport {
  const items: FeedbackItem[] = [];
  for (const { conversation, messages } of history) {
    let question: string | null = null;
    for (const message of messages) {
      if (message.role === 'user') question = message.text;
      if (!message.feedback) continue;
      items.push({
        conversationId: conversation.id,
        messageId: message.id,
        lang: conversation.lang,
        rating: message.feedback.rating,
        comment: message.feedback.comment?.trim() || null,
        ratedAt: new Date(message.feedback.at).toISOString(),
        question: message.role === 'assistant' ? question : null,
        answer: message.text,
        modelId: message.modelId ?? null,
        answeredBy: message.answeredBy ?? 'model',
        citations: message.citations ?? [],
      });
    }
  }
  items.sort((a, b) => a.ratedAt.localeCompare(b.ratedAt));
  return {
    format: FEEDBACK_FORMAT,
    version: FEEDBACK_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    counts: {
      up: items.filter((i) => i.rating === 'up').length,
      down: items.filter((i) => i.rating === 'down').length,
    },
    items,
  };
}

/** The export as pretty-printed JSON text, ready to save as a file. */
export function feedbackToJson(data: FeedbackExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Reads every conversation with its messages, newest conversation first.
 * @throws StorageError as the store does (e.g. 'locked').
 */
export async function readHistory(
  store: ConversationStore,
): Promise<{ conversation: Conversation; messages: StoredMessage[] }[]> {
  const summaries = await store.list();
  const all = await Promise.all(
    summaries.map(async ({ id }) => {
      const conversation = await store.get(id);
      return conversation ? { conversation, messages: await store.messages(id) } : null;
    }),
  );
  return all.filter((entry) => entry !== null);
}

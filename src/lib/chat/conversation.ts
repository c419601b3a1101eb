/**
 * Where a question is kept: the stored conversation it belongs to, created on the first question, and which
 * answer a retry replaces. Pure decisions over the store's interface; the chat session (state/chat.svelte.ts)
 * applies them to what is on screen.
 */
import { titleFrom } from '../storage/title.ts';
import type {
  Conversation,
  ConversationStore,
  Lang,
  PatientProfile,
  StoredMessage,
} from '../storage/types.ts';

export interface NewConversation {
  /** The first question, already redacted: the conversation is titled from it. */
  question: StoredMessage;
  lang: Lang;
  profile: PatientProfile;
  /**
   * A conversation that so far lives only on screen, because creating it failed before (a full disk): it is
   * created now under its own language and title.
   */
  onScreenOnly: Conversation | null;
}

export type Creation = { kind: 'created'; conversation: Conversation } | { kind: 'failed'; error: unknown };

/** Creates the stored conversation for a first question; a failure is returned, never thrown. */
export async function createConversation(
  { question, lang, profile, onScreenOnly }: NewConversation,
  store: Pick<ConversationStore, 'create'>,
): Promise<Creation> {
  try {
    const conversation = await store.create({
      lang: onScreenOnly?.lang ?? lang,
      title: onScreenOnly?.title ?? titleFrom(question.text),
      profile,
    });
    return { kind: 'created', conversation };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/**
 * The conversation shown when storage refused to create one: the consultation goes on (the answer matters
 * more than the history entry) and a later question tries to store it again.
 */
export function unsavedConversation(
  { question, lang, profile }: Omit<NewConversation, 'onScreenOnly'>,
  id: string,
  at: number,
): Conversation {
  return { id, title: titleFrom(question.text), lang, createdAt: at, updatedAt: at, profile };
}

/** The messages shown before the conversation could be created, moved under its new id. */
export function rehome(earlier: StoredMessage[], conversationId: string): StoredMessage[] {
  return earlier.map((m) => ({ ...m, conversationId }));
}

/**
 * Stores each message (the ones moved by rehome), so space freed later does not leave the start of the
 * consultation unsaved. A failure is reported and the rest are still stored.
 */
export async function storeEach(
  messages: StoredMessage[],
  store: Pick<ConversationStore, 'putMessage'>,
  onError: (error: unknown) => void,
): Promise<void> {
  for (const message of messages) {
    try {
      await store.putMessage(message);
    } catch (error) {
      onError(error);
    }
  }
}

/**
 * What asking again for `answerId` means: its question and the turns before it, or null when it cannot be
 * asked again. Only the latest answer can be: replacing an earlier one would no longer match the turns after it.
 */
export function retryTarget(
  messages: StoredMessage[],
  answerId: string,
): { question: StoredMessage; history: StoredMessage[] } | null {
  const index = messages.findIndex((m) => m.id === answerId);
  const question = messages[index - 1];
  if (index < 1 || index !== messages.length - 1 || question?.role !== 'user') return null;
  return { question, history: messages.slice(0, index - 1) };
}

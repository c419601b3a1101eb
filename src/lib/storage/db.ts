/**
 * The history database `yizhen-history`: typed schema and versioned upgrades.
 *
 * Version 1: `conversations` (by id, index `by-updatedAt`) and `messages` (by id, index `by-conversationId`),
 *   each record the plain Conversation / StoredMessage.
 * Version 2: conversation records carry `messageCount` and `preview`, so the history list reads 500
 *   conversations without touching 10,000 messages (backfilled from v1 messages on upgrade); messages get a
 *   `[conversationId, createdAt]` index so a conversation loads in order; a `meta` store keeps the clinic PIN lock.
 *   Either kind of record may instead be sealed (PIN set): its content encrypted in `sealed`, keys left clear.
 *
 * Never change a released version's steps: add a new `if (oldVersion < N)` block and bump DB_VERSION.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PinLock, SealedBox } from './crypto.ts';
import type { Conversation, Lang, PatientProfile, StoredMessage } from './types.ts';

export const DB_NAME = 'yizhen-history';
export const DB_VERSION = 2;

/** Characters of the last message kept as the list preview. */
export const PREVIEW_LENGTH = 80;

/** What the list shows without reading messages; kept up to date by every message write. */
export interface ConversationStats {
  messageCount: number;
  preview: string;
  /** A question in it was triaged as an emergency (by the rules or the model), for the history list. */
  emergency?: boolean;
}

export type PlainConversationRecord = Conversation & ConversationStats;

/** The clear part is what indexes and sorting need; everything a person wrote is inside `sealed`. */
export interface SealedConversationRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  sealed: SealedBox;
}

/** What a sealed conversation record encrypts. */
export interface ConversationSecret {
  title: string;
  lang: Lang;
  profile: PatientProfile;
  preview: string;
  /** Sealed too: that a conversation was an emergency is health information. */
  emergency?: boolean;
}

export type ConversationRecord = PlainConversationRecord | SealedConversationRecord;

export interface SealedMessageRecord {
  id: string;
  conversationId: string;
  createdAt: number;
  /** The whole StoredMessage, encrypted. */
  sealed: SealedBox;
}

export type MessageRecord = StoredMessage | SealedMessageRecord;

export type MetaRecord = { key: 'lock'; value: PinLock };

export interface HistorySchema extends DBSchema {
  conversations: {
    key: string;
    value: ConversationRecord;
    indexes: { 'by-updatedAt': number };
  };
  messages: {
    key: string;
    value: MessageRecord;
    indexes: { 'by-conversationId': string; 'by-conversation-time': [string, number] };
  };
  meta: {
    key: MetaRecord['key'];
    value: MetaRecord;
  };
}

export type HistoryDb = IDBPDatabase<HistorySchema>;

/** First words of a message for the list, on one line. */
export function previewOf(text: string): string {
  // A one-line glimpse reads as plain words: an answer's Markdown marks (**, *, #, >, list bullets) go.
  const plain = text
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)/gm, '')
    .replace(/(\*\*|__|\*|`)/g, '');
  const line = plain.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line;
}

type UpgradeTx = IDBPTransaction<HistorySchema, StoreNames<HistorySchema>[], 'versionchange'>;

/**
 * Opens (creating or upgrading) the history database.
 * Uses the global `indexedDB` (fake-indexeddb's in Node tests).
 * @throws DOMException when IndexedDB is unavailable (private modes) or another tab blocks the upgrade.
 */
export function openHistoryDb(options: { name?: string; onBlocked?: () => void } = {}): Promise<HistoryDb> {
  return openDB<HistorySchema>(options.name ?? DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
        conversations.createIndex('by-updatedAt', 'updatedAt');
        const messages = db.createObjectStore('messages', { keyPath: 'id' });
        messages.createIndex('by-conversationId', 'conversationId');
      }
      if (oldVersion < 2) {
        tx.objectStore('messages').createIndex('by-conversation-time', ['conversationId', 'createdAt']);
        db.createObjectStore('meta', { keyPath: 'key' });
        // A v1 database can only hold plain records (v1 had no PIN), so the backfill reads them as such.
        if (oldVersion >= 1) await backfillStats(tx);
      }
    },
    blocked: options.onBlocked,
  });
}

/** v1 -> v2: count each conversation's messages and keep the last one's preview on the conversation. */
async function backfillStats(tx: UpgradeTx): Promise<void> {
  const stats = new Map<string, ConversationStats & { lastAt: number }>();
  let cursor = await tx.objectStore('messages').openCursor();
  while (cursor) {
    const message = cursor.value as StoredMessage;
    const entry = stats.get(message.conversationId) ?? { messageCount: 0, preview: '', lastAt: -1 };
    entry.messageCount += 1;
    if (message.createdAt >= entry.lastAt) {
      entry.lastAt = message.createdAt;
      entry.preview = previewOf(message.text);
    }
    stats.set(message.conversationId, entry);
    cursor = await cursor.continue();
  }
  let conversations = await tx.objectStore('conversations').openCursor();
  while (conversations) {
    const record = conversations.value as Conversation;
    const entry = stats.get(record.id);
    await conversations.update({
      ...record,
      messageCount: entry?.messageCount ?? 0,
      preview: entry?.preview ?? '',
    });
    conversations = await conversations.continue();
  }
}

/**
 * The PIN vault of the history store: the PIN lock as stored, the key while history is unlocked, and the
 * sealing and opening of records with it. No database here: the store (conversations.ts) reads and writes
 * records and asks the vault to seal what it writes and open what it reads.
 */
import type { ConversationRecord, ConversationSecret, MessageRecord, PlainConversationRecord } from './db.ts';
import { seal, unlockPin, unseal, type PinLock, type SealedBox } from './crypto.ts';
import { StorageError, type StoredMessage } from './types.ts';

/** Whether history has a PIN and, if so, whether this session has unlocked it. */
export type LockState = 'none' | 'locked' | 'unlocked';

export class HistoryVault {
  /** `undefined` until read from the meta store. */
  #lock: PinLock | null | undefined = undefined;
  #key: CryptoKey | null = null;
  /**
   * Decrypted conversation records, tagged with their IV. Every write seals with a fresh IV, so an
   * unchanged IV means an unchanged record: the list opens without decrypting 500 records each time.
   * Emptied whenever the key goes away.
   */
  #opened = new Map<string, { iv: string; record: PlainConversationRecord }>();

  get state(): LockState {
    if (!this.#lock) return 'none';
    return this.#key ? 'unlocked' : 'locked';
  }

  get hasPin(): boolean {
    return !!this.#lock;
  }

  /**
   * Takes the lock as stored now. A different lock (another tab set, changed or removed the PIN) drops the
   * key: this tab needs the new PIN.
   * @returns whether the lock changed
   */
  adopt(stored: PinLock | null): boolean {
    if (this.#lock !== undefined && stored?.salt.join(',') === this.#lock?.salt.join(',')) return false;
    const first = this.#lock === undefined;
    this.replace(stored, null);
    return !first;
  }

  /** @returns false when the PIN is wrong (nothing changes). */
  async unlock(pin: string): Promise<boolean> {
    if (!this.#lock) return true;
    const key = await unlockPin(this.#lock, pin);
    if (key) this.#key = key;
    return key !== null;
  }

  /** Forgets the key: opening and sealing fail with StorageError('locked') until {@link unlock}. */
  lock(): void {
    this.#key = null;
    this.#opened.clear();
  }

  /** After every record was rewritten for a new PIN (or none), or everything was erased. */
  replace(lock: PinLock | null, key: CryptoKey | null): void {
    this.#lock = lock;
    this.#key = key;
    this.#opened.clear();
  }

  /** Drops the decrypted copy of a deleted conversation. */
  forget(id: string): void {
    this.#opened.delete(id);
  }

  /** Drops every decrypted copy (history deleted). */
  forgetAll(): void {
    this.#opened.clear();
  }

  async sealConversation(record: PlainConversationRecord): Promise<ConversationRecord> {
    return sealConversationWith(this.#writeKey(), record);
  }

  async sealMessage(message: StoredMessage): Promise<MessageRecord> {
    return sealMessageWith(this.#writeKey(), message);
  }

  async openConversation(record: ConversationRecord): Promise<PlainConversationRecord> {
    if (!('sealed' in record)) return record;
    const iv = record.sealed.iv.join(',');
    const cached = this.#opened.get(record.id);
    if (cached?.iv === iv && this.#key) return cached.record;
    const secret = await this.#decrypt<ConversationSecret>(record.sealed);
    const { sealed: _sealed, ...clear } = record;
    const opened = { ...clear, ...secret };
    this.#opened.set(record.id, { iv, record: opened });
    return opened;
  }

  async openMessage(record: MessageRecord): Promise<StoredMessage> {
    return 'sealed' in record ? this.#decrypt<StoredMessage>(record.sealed) : record;
  }

  /** The key to write with: none without a PIN. @throws StorageError('locked') when locked. */
  #writeKey(): CryptoKey | null {
    if (!this.#lock) return null;
    if (!this.#key) throw new StorageError('locked', 'History is locked');
    return this.#key;
  }

  async #decrypt<T>(box: SealedBox): Promise<T> {
    if (!this.#key) throw new StorageError('locked', 'History is locked');
    try {
      return await unseal<T>(this.#key, box);
    } catch {
      throw new StorageError('corrupt', 'A stored record could not be decrypted');
    }
  }
}

/** A conversation record as written with `key`: the personal fields sealed, the ones to sort by clear. */
export async function sealConversationWith(
  key: CryptoKey | null,
  record: PlainConversationRecord,
): Promise<ConversationRecord> {
  if (!key) return record;
  const { id, createdAt, updatedAt, messageCount, title, lang, profile, preview, emergency } = record;
  const secret: ConversationSecret = { title, lang, profile, preview, ...(emergency ? { emergency } : {}) };
  return { id, createdAt, updatedAt, messageCount, sealed: await seal(key, secret) };
}

/** A message as written with `key`: all of it sealed but its ids and time. */
export async function sealMessageWith(key: CryptoKey | null, message: StoredMessage): Promise<MessageRecord> {
  if (!key) return message;
  const { id, conversationId, createdAt } = message;
  return { id, conversationId, createdAt, sealed: await seal(key, message) };
}

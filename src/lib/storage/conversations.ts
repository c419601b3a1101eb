/**
 * The ConversationStore on IndexedDB, with optional PIN encryption of everything a person wrote.
 *
 * Writes are serialised through one queue: a message write reads the conversation, encrypts outside the
 * transaction (an IndexedDB transaction commits as soon as it waits on anything else) and then writes both
 * records in one transaction, so the counts on the conversation never drift from the messages.
 * One tab is assumed to write at a time; another tab sees the changes on its next read.
 */
import {
  openHistoryDb,
  previewOf,
  type HistoryDb,
  type HistorySchema,
  type PlainConversationRecord,
} from './db.ts';
import { titleFrom } from './title.ts';
import { createPinLock, type PinLock } from './crypto.ts';
import { HistoryVault, sealConversationWith, sealMessageWith, type LockState } from './vault.ts';
import {
  StorageError,
  emptyProfile,
  type Conversation,
  type ConversationStore,
  type ConversationSummary,
  type Lang,
  type PatientProfile,
  type StoredMessage,
} from './types.ts';
import type { IDBPTransaction, StoreNames } from 'idb';

export type { LockState };

/** Maps IndexedDB failures to the kinds the UI explains; a full disk becomes `StorageError('quota')`. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError') return new StorageError('quota', message);
  if (name === 'VersionError' || name === 'BlockedError') return new StorageError('blocked', message);
  if (name === 'DataError' || name === 'DataCloneError') return new StorageError('corrupt', message);
  return new StorageError('unavailable', message);
}

/** Lower-case, width-folded text for matching what a patient types against what was stored. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

type WriteStores = StoreNames<HistorySchema>[];
type WriteTx = IDBPTransaction<HistorySchema, WriteStores, 'readwrite'>;

export class IdbConversationStore implements ConversationStore {
  #openDb: () => Promise<HistoryDb>;
  #now: () => number;
  #db: Promise<HistoryDb> | null = null;
  /** The PIN lock, the key while unlocked, and sealing and opening records (storage/vault.ts). */
  #vault = new HistoryVault();
  #queue: Promise<unknown> = Promise.resolve();
  #lockListeners = new Set<() => void>();

  constructor(options: { open?: () => Promise<HistoryDb>; now?: () => number } = {}) {
    this.#openDb = options.open ?? (() => openHistoryDb());
    this.#now = options.now ?? Date.now;
  }

  async create(init: {
    lang: Lang;
    title?: string;
    profile?: Partial<PatientProfile>;
  }): Promise<Conversation> {
    return this.#serial(async () => {
      const now = this.#now();
      const conversation: Conversation = {
        id: crypto.randomUUID(),
        title: init.title ?? '',
        lang: init.lang,
        createdAt: now,
        updatedAt: now,
        profile: { ...emptyProfile(), ...init.profile },
      };
      const record = await this.#vault.sealConversation({ ...conversation, messageCount: 0, preview: '' });
      await this.#write(['conversations'], function* (tx) {
        yield tx.objectStore('conversations').add(record);
      });
      return conversation;
    });
  }

  async get(id: string): Promise<Conversation | undefined> {
    const record = await this.#getConversation(id);
    return record && conversationOf(record);
  }

  async list(options: { query?: string; limit?: number } = {}): Promise<ConversationSummary[]> {
    const db = await this.#ready();
    const limit = options.limit ?? Infinity;
    const query = normalise(options.query?.trim() ?? '');
    const records = await db.getAllFromIndex('conversations', 'by-updatedAt');
    records.reverse(); // the index is ascending; the list is newest first
    const plain = await Promise.all(records.map((r) => this.#vault.openConversation(r)));
    const matching = query ? await this.#matching(plain, query) : plain;
    return matching.slice(0, limit).map((r) => ({
      id: r.id,
      title: r.title,
      updatedAt: r.updatedAt,
      messageCount: r.messageCount,
      preview: r.preview,
      emergency: r.emergency === true,
    }));
  }

  async update(id: string, patch: Partial<Pick<Conversation, 'title' | 'profile' | 'lang'>>): Promise<void> {
    return this.#serial(async () => {
      const current = await this.#getConversation(id);
      if (!current) throw new StorageError('corrupt', `No conversation ${id}`);
      const record = await this.#vault.sealConversation({
        ...current,
        ...patch,
        profile: { ...current.profile, ...patch.profile },
        updatedAt: this.#now(),
      });
      await this.#write(['conversations'], function* (tx) {
        yield tx.objectStore('conversations').put(record);
      });
    });
  }

  async delete(id: string): Promise<void> {
    return this.#serial(async () => {
      const db = await this.#ready();
      const messageIds = await db.getAllKeysFromIndex('messages', 'by-conversationId', id);
      await this.#write(['conversations', 'messages'], function* (tx) {
        yield tx.objectStore('conversations').delete(id);
        const messages = tx.objectStore('messages');
        for (const messageId of messageIds) yield messages.delete(messageId);
      });
      this.#vault.forget(id);
    });
  }

  async deleteAll(): Promise<void> {
    return this.#serial(async () => {
      await this.#ready();
      await this.#write(['conversations', 'messages'], function* (tx) {
        yield tx.objectStore('conversations').clear();
        yield tx.objectStore('messages').clear();
      });
      this.#vault.forgetAll();
    });
  }

  async messages(conversationId: string): Promise<StoredMessage[]> {
    const db = await this.#ready();
    const range = IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
    const records = await db.getAllFromIndex('messages', 'by-conversation-time', range);
    return Promise.all(records.map((r) => this.#vault.openMessage(r)));
  }

  async putMessage(message: StoredMessage): Promise<void> {
    return this.#serial(async () => {
      const db = await this.#ready();
      const current = await this.#getConversation(message.conversationId);
      if (!current) throw new StorageError('corrupt', `No conversation ${message.conversationId}`);
      const isNew = (await db.getKey('messages', message.id)) === undefined;
      const isLatest = message.createdAt >= current.updatedAt || isNew;
      const untitled = current.title === '' && message.role === 'user';
      const conversation = await this.#vault.sealConversation({
        ...current,
        title: untitled ? titleFrom(message.text) : current.title,
        messageCount: current.messageCount + (isNew ? 1 : 0),
        preview: isLatest ? previewOf(message.text) : current.preview,
        updatedAt: Math.max(current.updatedAt, message.createdAt),
        emergency: current.emergency === true || message.triage?.level === 'emergency',
      });
      const record = await this.#vault.sealMessage(message);
      await this.#write(['messages', 'conversations'], function* (tx) {
        yield tx.objectStore('messages').put(record);
        yield tx.objectStore('conversations').put(conversation);
      });
    });
  }

  // --- PIN -------------------------------------------------------------------------------------------

  /** @returns whether a PIN protects history and whether it is unlocked in this session. */
  async lockState(): Promise<LockState> {
    await this.#syncLock();
    return this.#vault.state;
  }

  /**
   * Unlocks history for this session.
   * @returns false when the PIN is wrong (nothing changes).
   */
  async unlock(pin: string): Promise<boolean> {
    await this.#ready();
    return this.#vault.unlock(pin);
  }

  /** Forgets the key: reads and writes fail with StorageError('locked') until {@link unlock}. */
  lock(): void {
    this.#vault.lock();
  }

  /**
   * Sets or changes the PIN and re-encrypts every record with the new key, in one transaction.
   * @throws StorageError('locked') when a PIN is set and history is locked; ('quota') when the disk is full
   *   (the old records stay as they were).
   */
  async setPin(pin: string, iterations?: number): Promise<void> {
    return this.#serial(async () => {
      const { lock, key } = await createPinLock(pin, iterations);
      await this.#rewriteAll(key, lock);
    });
  }

  /**
   * Removes the PIN, storing history as plain records again.
   * @throws StorageError('locked') when history is locked.
   */
  async removePin(): Promise<void> {
    return this.#serial(() => this.#rewriteAll(null, null));
  }

  /** Deletes all history and the PIN: the way out when the PIN is forgotten. */
  async eraseEverything(): Promise<void> {
    return this.#serial(async () => {
      await this.#ready();
      await this.#write(['conversations', 'messages', 'meta'], function* (tx) {
        yield tx.objectStore('conversations').clear();
        yield tx.objectStore('messages').clear();
        yield tx.objectStore('meta').clear();
      });
      this.#vault.replace(null, null);
    });
  }

  // --- internals -------------------------------------------------------------------------------------

  async #rewriteAll(key: CryptoKey | null, lock: PinLock | null): Promise<void> {
    const db = await this.#ready();
    const [conversations, messages] = await Promise.all([db.getAll('conversations'), db.getAll('messages')]);
    const plainConversations = await Promise.all(conversations.map((r) => this.#vault.openConversation(r)));
    const plainMessages = await Promise.all(messages.map((r) => this.#vault.openMessage(r)));
    const sealedConversations = await Promise.all(
      plainConversations.map((c) => sealConversationWith(key, c)),
    );
    const sealedMessages = await Promise.all(plainMessages.map((m) => sealMessageWith(key, m)));
    await this.#write(['conversations', 'messages', 'meta'], function* (tx) {
      for (const record of sealedConversations) yield tx.objectStore('conversations').put(record);
      for (const record of sealedMessages) yield tx.objectStore('messages').put(record);
      yield lock
        ? tx.objectStore('meta').put({ key: 'lock', value: lock })
        : tx.objectStore('meta').delete('lock');
    });
    this.#vault.replace(lock, key);
  }

  async #matching(
    conversations: PlainConversationRecord[],
    query: string,
  ): Promise<PlainConversationRecord[]> {
    const byTitle = new Set(conversations.filter((c) => normalise(c.title).includes(query)).map((c) => c.id));
    const db = await this.#ready();
    const records = await db.getAll('messages');
    const byText = new Set<string>();
    for (const record of records) {
      if (byTitle.has(record.conversationId) || byText.has(record.conversationId)) continue;
      const message = await this.#vault.openMessage(record);
      if (normalise(message.text).includes(query)) byText.add(message.conversationId);
    }
    return conversations.filter((c) => byTitle.has(c.id) || byText.has(c.id));
  }

  async #getConversation(id: string): Promise<PlainConversationRecord | undefined> {
    const db = await this.#ready();
    const record = await db.get('conversations', id);
    return record && this.#vault.openConversation(record);
  }

  /** Opens the database once (retrying after a failure) and loads the PIN lock. */
  async #ready(): Promise<HistoryDb> {
    this.#db ??= this.#openDb().then(
      async (db) => {
        // A newer version of the app in another tab wants to upgrade: step aside, reopen on next use.
        db.addEventListener('versionchange', () => {
          db.close();
          this.#db = null;
        });
        const changed = this.#vault.adopt((await db.get('meta', 'lock'))?.value ?? null);
        if (changed) for (const listener of this.#lockListeners) listener();
        return db;
      },
      (error: unknown) => {
        this.#db = null;
        throw toStorageError(error);
      },
    );
    return this.#db;
  }

  /**
   * Calls `listener` when another tab sets, changes or removes the PIN (noticed on the next write or
   * lockState()); this tab then needs the new PIN.
   * @returns a function that stops the calls.
   */
  onLockChange(listener: () => void): () => void {
    this.#lockListeners.add(listener);
    return () => this.#lockListeners.delete(listener);
  }

  /** Re-reads the PIN lock, so no tab ever writes plain records after another tab set a PIN. */
  async #syncLock(): Promise<void> {
    const db = await this.#ready();
    const stored = (await db.get('meta', 'lock'))?.value ?? null;
    if (!this.#vault.adopt(stored)) return;
    for (const listener of this.#lockListeners) listener();
  }

  /**
   * Runs writes one after another, so read-modify-write sequences never interleave; each starts from the
   * PIN lock as stored now.
   */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      await this.#syncLock();
      return task();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs the requests `fill` yields in one readwrite transaction. On any failure (a request throwing, a
   * request failing, or the transaction aborting, e.g. QuotaExceededError) the transaction is aborted, so
   * none of its writes land and everything saved before stays as it was.
   * @throws StorageError mapped from the first failure.
   */
  async #write(stores: WriteStores, fill: (tx: WriteTx) => Iterable<Promise<unknown>>): Promise<void> {
    const db = await this.#ready();
    let tx: WriteTx;
    try {
      tx = db.transaction(stores, 'readwrite');
    } catch (error) {
      throw toStorageError(error);
    }
    const pending: Promise<unknown>[] = [tx.done];
    try {
      for (const request of fill(tx)) pending.push(request);
      await Promise.all(pending);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        /* already finished or aborted by the browser */
      }
      const settled = await Promise.allSettled(pending);
      throw toStorageError(firstQuotaError(settled) ?? tx.error ?? error);
    }
  }
}

/** A full disk may surface on a request, on the transaction, or only as the abort it causes. */
function firstQuotaError(settled: PromiseSettledResult<unknown>[]): unknown {
  for (const result of settled) {
    if (result.status === 'rejected' && toStorageError(result.reason).kind === 'quota') return result.reason;
  }
  return undefined;
}

function conversationOf(record: PlainConversationRecord): Conversation {
  const { id, title, lang, createdAt, updatedAt, profile } = record;
  // A copy of the profile: the record may be shared with the decrypted-record cache.
  return { id, title, lang, createdAt, updatedAt, profile: { ...profile } };
}

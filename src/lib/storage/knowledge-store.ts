/**
 * A clinic's own knowledge entries, in their own database `yizhen-knowledge`: kept apart from the history
 * database so clearing conversations never removes a clinic's guidance, and neither schema has to know about
 * the other. Validation happens before this (src/lib/knowledge/import.ts); this module only stores.
 *
 * Version 1: `entries` keyed by id, index `by-importedAt`, each record a KnowledgeEntry plus `importedAt`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KnowledgeEntry } from '$lib/knowledge/types.ts';
import { StorageError } from './types.ts';

export const KNOWLEDGE_DB_NAME = 'yizhen-knowledge';
export const KNOWLEDGE_DB_VERSION = 1;

/** A stored clinic entry: always origin 'clinic', with the time it was (last) imported. */
export type ClinicEntryRecord = KnowledgeEntry & { origin: 'clinic'; importedAt: number };

interface KnowledgeSchema extends DBSchema {
  entries: { key: string; value: ClinicEntryRecord; indexes: { 'by-importedAt': number } };
}

/** What the settings screen and the chat need from clinic knowledge storage. */
export interface ClinicKnowledgeStore {
  /** @returns every clinic entry, most recently imported first */
  list(): Promise<ClinicEntryRecord[]>;
  /**
   * Saves entries in one transaction (all or none), replacing any with the same id.
   * @throws StorageError('quota') when the disk is full; nothing is saved then.
   */
  put(entries: KnowledgeEntry[]): Promise<void>;
  /** Removes entries by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
  /** Removes every clinic entry. */
  clear(): Promise<void>;
  /**
   * Calls `listener` after every change, made through this store or any other store on the same database
   * (another component or tab, told through a BroadcastChannel); returns the function that unsubscribes.
   */
  onChange(listener: () => void): () => void;
}

function isQuotaError(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);
}

/** Clinic entries in IndexedDB. Uses the global `indexedDB` (fake-indexeddb's in Node tests). */
export class IdbClinicKnowledgeStore implements ClinicKnowledgeStore {
  #db: Promise<IDBPDatabase<KnowledgeSchema>> | null = null;
  #name: string;
  #listeners = new Set<() => void>();
  #now: () => number;
  /** Tells other stores on this database (settings screen, chat, other tabs) that entries changed. */
  #channel: BroadcastChannel | null = null;

  constructor(options: { name?: string; now?: () => number } = {}) {
    this.#name = options.name ?? KNOWLEDGE_DB_NAME;
    this.#now = options.now ?? Date.now;
  }

  /** Opened on first use, so an app that never imports clinic entries only creates an empty database. */
  #open(): Promise<IDBPDatabase<KnowledgeSchema>> {
    this.#db ??= openDB<KnowledgeSchema>(this.#name, KNOWLEDGE_DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          const entries = db.createObjectStore('entries', { keyPath: 'id' });
          entries.createIndex('by-importedAt', 'importedAt');
        }
      },
    }).catch((e: unknown) => {
      this.#db = null;
      throw new StorageError('unavailable', `Could not open ${this.#name}: ${String(e)}`);
    });
    return this.#db;
  }

  /** Opened lazily: a store nobody listens to and nobody changes needs no channel. */
  #ensureChannel(): BroadcastChannel | null {
    if (this.#channel || typeof BroadcastChannel === 'undefined') return this.#channel;
    this.#channel = new BroadcastChannel(`${this.#name}:changed`);
    // A channel object never receives its own messages, so local listeners are called directly in #changed.
    this.#channel.onmessage = () => this.#notify();
    return this.#channel;
  }

  #notify(): void {
    for (const l of this.#listeners) l();
  }

  #changed(): void {
    this.#notify();
    this.#ensureChannel()?.postMessage('changed');
  }

  async list(): Promise<ClinicEntryRecord[]> {
    const db = await this.#open();
    return (await db.getAllFromIndex('entries', 'by-importedAt')).reverse();
  }

  async put(entries: KnowledgeEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const db = await this.#open();
    const importedAt = this.#now();
    const tx = db.transaction('entries', 'readwrite');
    const done = tx.done;
    try {
      for (const e of entries) {
        // Copied field by field: a structured clone of a Svelte $state proxy fails, and nothing else belongs
        // in the record. A failed put aborts the transaction, so its error surfaces through `done`.
        const record: ClinicEntryRecord = {
          id: e.id,
          lang: e.lang,
          title: e.title,
          body: e.body,
          tags: [...e.tags],
          source: e.source,
          origin: 'clinic',
          importedAt,
        };
        tx.store.put(record).catch(() => undefined);
      }
      await done;
    } catch (e) {
      // A put that throws before the transaction ends would otherwise let the earlier puts commit.
      try {
        tx.abort();
      } catch {
        // Already finished (aborted by the failure itself).
      }
      await done.catch(() => undefined);
      if (isQuotaError(e)) throw new StorageError('quota', 'Not enough storage to save the clinic entries');
      throw e;
    }
    this.#changed();
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const db = await this.#open();
    const tx = db.transaction('entries', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
    this.#changed();
  }

  async clear(): Promise<void> {
    const db = await this.#open();
    await db.clear('entries');
    this.#changed();
  }

  onChange(listener: () => void): () => void {
    this.#ensureChannel();
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Closes the connection and the change channel (tests, and before deleting the database). */
  async close(): Promise<void> {
    this.#channel?.close();
    this.#channel = null;
    if (this.#db) (await this.#db).close();
    this.#db = null;
  }
}

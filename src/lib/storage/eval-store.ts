/**
 * Saved evaluation reports, in their own database `yizhen-eval` so the history database's versioned
 * upgrades never have to know about them (and clearing history keeps a clinic's measurements).
 *
 * Version 1: `reports` keyed by id, index `by-createdAt`, each record a plain EvalReport.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EvalReport } from '$lib/eval/types.ts';

export const EVAL_DB_NAME = 'yizhen-eval';
export const EVAL_DB_VERSION = 1;

interface EvalSchema extends DBSchema {
  reports: { key: string; value: EvalReport; indexes: { 'by-createdAt': number } };
}

/** What the page needs from report storage; the state class depends on this, not on IndexedDB. */
export interface EvalReportStore {
  /** @returns every saved report, newest first */
  list(): Promise<EvalReport[]>;
  /** Saves a report, replacing one with the same id. */
  put(report: EvalReport): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Reports in IndexedDB. Uses the global `indexedDB` (fake-indexeddb's in Node tests). */
export class IdbEvalReportStore implements EvalReportStore {
  #db: Promise<IDBPDatabase<EvalSchema>> | null = null;
  #name: string;

  constructor(name = EVAL_DB_NAME) {
    this.#name = name;
  }

  /** Opened on first use, so a page that never saves a report never creates the database. */
  #open(): Promise<IDBPDatabase<EvalSchema>> {
    this.#db ??= openDB<EvalSchema>(this.#name, EVAL_DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          const reports = db.createObjectStore('reports', { keyPath: 'id' });
          reports.createIndex('by-createdAt', 'createdAt');
        }
      },
    });
    return this.#db;
  }

  async list(): Promise<EvalReport[]> {
    const db = await this.#open();
    return (await db.getAllFromIndex('reports', 'by-createdAt')).reverse();
  }

  async put(report: EvalReport): Promise<void> {
    const db = await this.#open();
    // A structured clone of a Svelte $state proxy fails; a report is plain JSON data, so copy it as such.
    await db.put('reports', JSON.parse(JSON.stringify(report)) as EvalReport);
  }

  async delete(id: string): Promise<void> {
    const db = await this.#open();
    await db.delete('reports', id);
  }

  /** Closes the connection (tests, and before deleting the database). */
  async close(): Promise<void> {
    if (this.#db) (await this.#db).close();
    this.#db = null;
  }
}

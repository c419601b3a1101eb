import { StorageError, type ConversationStore, type ConversationSummary } from '$lib/storage/types.ts';

/** Wait after the last keystroke before searching: a search may read every message. */
export const SEARCH_DELAY_MS = 150;

/**
 * The history list: what is shown, the search, and delete. One instance per history screen.
 * Results of an older search never overwrite a newer one.
 */
export class HistoryState {
  query = $state('');
  items = $state.raw<ConversationSummary[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  /** Why the last operation failed, for a plain message; null when it did not. */
  error = $state<StorageError['kind'] | null>(null);

  #store: ConversationStore;
  #request = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(store: ConversationStore) {
    this.#store = store;
  }

  /** Reads the list for the current query. Failures land in `error`, never thrown. */
  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const items = await this.#store.list({ query: this.query });
      if (request !== this.#request) return;
      this.items = items;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.status = 'error';
      this.error = error instanceof StorageError ? error.kind : 'unavailable';
    }
  }

  /** Sets the query and searches after a short pause. */
  search(query: string): void {
    this.query = query;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.load(), SEARCH_DELAY_MS);
  }

  /** @returns whether it was deleted. */
  async remove(id: string): Promise<boolean> {
    return this.#run(async () => {
      await this.#store.delete(id);
      this.items = this.items.filter((c) => c.id !== id);
    });
  }

  /** @returns whether everything was deleted. */
  async removeAll(): Promise<boolean> {
    return this.#run(async () => {
      await this.#store.deleteAll();
      this.items = [];
    });
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#request += 1; // drop any answer still on its way
  }

  async #run(task: () => Promise<void>): Promise<boolean> {
    try {
      await task();
      this.error = null;
      return true;
    } catch (error) {
      this.error = error instanceof StorageError ? error.kind : 'unavailable';
      return false;
    }
  }
}

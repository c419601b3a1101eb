import { describe, expect, it, vi } from 'vitest';
import { HistoryState, SEARCH_DELAY_MS } from '$lib/state/history.svelte.ts';
import { StorageError, type ConversationStore, type ConversationSummary } from '$lib/storage/types.ts';

const summary = (id: string): ConversationSummary => ({
  id,
  title: id,
  updatedAt: 0,
  messageCount: 1,
  preview: '',
  emergency: false,
});

/** A store whose list() answers are released by the test, to replay slow and fast searches. */
function slowStore() {
  const pending: { query: string; resolve: (items: ConversationSummary[]) => void }[] = [];
  const store = {
    list: vi.fn(
      (options?: { query?: string }) =>
        new Promise<ConversationSummary[]>((resolve) =>
          pending.push({ query: options?.query ?? '', resolve }),
        ),
    ),
    delete: vi.fn(async () => {}),
    deleteAll: vi.fn(async () => {}),
  } as unknown as ConversationStore;
  return { store, pending };
}

describe('HistoryState', () => {
  it('shows the newest search even when an older one answers last', async () => {
    const { store, pending } = slowStore();
    const history = new HistoryState(store);
    history.query = 'old';
    const first = history.load();
    history.query = 'new';
    const second = history.load();
    pending[1]!.resolve([summary('new')]);
    await second;
    pending[0]!.resolve([summary('old')]);
    await first;
    expect(history.items.map((i) => i.id)).toEqual(['new']);
    expect(history.status).toBe('ready');
  });

  it('debounces typing into one search', async () => {
    vi.useFakeTimers();
    try {
      const { store } = slowStore();
      const history = new HistoryState(store);
      history.search('h');
      history.search('he');
      history.search('head');
      vi.advanceTimersByTime(SEARCH_DELAY_MS);
      expect(store.list).toHaveBeenCalledTimes(1);
      expect(store.list).toHaveBeenCalledWith({ query: 'head' });
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['quota', new StorageError('quota', 'full'), 'quota'],
    ['locked', new StorageError('locked', 'locked'), 'locked'],
    ['anything else', new Error('boom'), 'unavailable'],
  ])('reports a %s failure and keeps the list when a delete fails', async (_l, error, kind) => {
    const { store, pending } = slowStore();
    const history = new HistoryState(store);
    const load = history.load();
    pending[0]!.resolve([summary('a'), summary('b')]);
    await load;
    vi.mocked(store.delete).mockRejectedValueOnce(error);
    expect(await history.remove('a')).toBe(false);
    expect(history.error).toBe(kind);
    expect(history.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(await history.remove('a')).toBe(true);
    expect(history.error).toBeNull();
    expect(history.items.map((i) => i.id)).toEqual(['b']);
  });
});

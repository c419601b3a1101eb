import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdbClinicKnowledgeStore } from '$lib/storage/knowledge-store.ts';
import { StorageError } from '$lib/storage/types.ts';
import { KnowledgeIndex } from '$lib/knowledge/index.ts';
import type { KnowledgeEntry } from '$lib/knowledge/types.ts';

let n = 0;
const stores: IdbClinicKnowledgeStore[] = [];

/** A store on a fresh database, with a clock the test controls. */
function freshStore(clock = { t: 1000 }) {
  const store = new IdbClinicKnowledgeStore({ name: `knowledge-test-${n++}`, now: () => clock.t });
  stores.push(store);
  return { store, clock };
}

function entry(id: string, patch: Partial<KnowledgeEntry> = {}): KnowledgeEntry {
  return {
    id,
    lang: 'en',
    title: `Title ${id}`,
    body: 'Body.',
    tags: ['t'],
    source: 'Clinic',
    origin: 'clinic',
    ...patch,
  };
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

describe('IdbClinicKnowledgeStore', () => {
  it('starts empty and lists saved entries newest import first, marked clinic', async () => {
    const { store, clock } = freshStore();
    expect(await store.list()).toEqual([]);
    await store.put([entry('a')]);
    clock.t = 2000;
    await store.put([entry('b', { origin: 'builtin' })]);
    const listed = await store.list();
    expect(listed.map((e) => [e.id, e.importedAt, e.origin])).toEqual([
      ['b', 2000, 'clinic'],
      ['a', 1000, 'clinic'],
    ]);
    expect(listed[1]).toEqual({ ...entry('a'), importedAt: 1000 });
  });

  it('replaces an entry imported again under the same id', async () => {
    const { store } = freshStore();
    await store.put([entry('a', { title: 'Old' })]);
    await store.put([entry('a', { title: 'New' })]);
    expect((await store.list()).map((e) => e.title)).toEqual(['New']);
  });

  it('removes by id, ignores unknown ids, and clears', async () => {
    const { store } = freshStore();
    await store.put([entry('a'), entry('b'), entry('c')]);
    await store.remove(['b', 'nope']);
    expect((await store.list()).map((e) => e.id).sort()).toEqual(['a', 'c']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('keeps entries across connections (what "offline after reload" relies on)', async () => {
    const name = `knowledge-test-${n++}`;
    const first = new IdbClinicKnowledgeStore({ name });
    await first.put([entry('kept')]);
    await first.close();
    const second = new IdbClinicKnowledgeStore({ name });
    stores.push(second);
    expect((await second.list()).map((e) => e.id)).toEqual(['kept']);
  });

  it('stored entries can be searched once added to an index', async () => {
    const { store } = freshStore();
    await store.put([
      entry('clinic-parking', { title: 'Parking at the clinic', body: 'Use the rear car park.' }),
    ]);
    const index = KnowledgeIndex.fromEntries(await store.list());
    expect(index.search('where do I park', { lang: 'en' })[0]?.id).toBe('clinic-parking');
  });

  it('tells listeners about every change and stops when unsubscribed', async () => {
    const { store } = freshStore();
    const listener = vi.fn();
    const off = store.onChange(listener);
    await store.put([entry('a')]);
    await store.remove(['a']);
    await store.clear();
    expect(listener).toHaveBeenCalledTimes(3);
    off();
    await store.put([entry('b')]);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('tells listeners on another store of the same database (another screen or tab)', async () => {
    const name = `knowledge-test-${n++}`;
    const settings = new IdbClinicKnowledgeStore({ name });
    const chat = new IdbClinicKnowledgeStore({ name });
    const other = new IdbClinicKnowledgeStore({ name: `${name}-other` });
    stores.push(settings, chat, other);
    const otherListener = vi.fn();
    other.onChange(otherListener);
    const heard = new Promise<string[]>((resolve) =>
      chat.onChange(async () => resolve((await chat.list()).map((e) => e.id))),
    );
    await settings.put([entry('from-settings')]);
    expect(await heard).toEqual(['from-settings']);
    expect(otherListener).not.toHaveBeenCalled();
  });

  it('maps a full disk to StorageError(quota) and saves none of the batch', async () => {
    const { store } = freshStore();
    await store.put([entry('before')]);
    const realPut = FakeObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      // The second put of the batch finds the disk full.
      if (++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const error = await store.put([entry('x'), entry('y'), entry('z')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('quota');
    vi.restoreAllMocks();
    expect((await store.list()).map((e) => e.id)).toEqual(['before']);
  });
});

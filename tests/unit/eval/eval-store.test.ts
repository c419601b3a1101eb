import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IdbEvalReportStore } from '$lib/storage/eval-store.ts';
import { report } from './fixtures.ts';

let n = 0;
let store: IdbEvalReportStore;

afterEach(async () => {
  await store.close();
});

function freshStore(): IdbEvalReportStore {
  store = new IdbEvalReportStore(`eval-test-${++n}`);
  return store;
}

describe('IdbEvalReportStore', () => {
  it('starts empty', async () => {
    expect(await freshStore().list()).toEqual([]);
  });

  it('keeps reports across connections, newest first, exactly as saved', async () => {
    const s = freshStore();
    const older = report({ id: 'old', createdAt: 1000 });
    const newer = report({ id: 'new', createdAt: 2000, partial: true });
    await s.put(older);
    await s.put(newer);
    await s.close();
    const reopened = new IdbEvalReportStore(`eval-test-${n}`);
    store = reopened;
    expect(await reopened.list()).toEqual([newer, older]);
  });

  it('replaces a report saved again under the same id (a rename)', async () => {
    const s = freshStore();
    await s.put(report({ id: 'x', label: 'first' }));
    await s.put(report({ id: 'x', label: 'renamed' }));
    const all = await s.list();
    expect(all.map((r) => r.label)).toEqual(['renamed']);
  });

  it('deletes one report and leaves the others', async () => {
    const s = freshStore();
    await s.put(report({ id: 'a', createdAt: 1 }));
    await s.put(report({ id: 'b', createdAt: 2 }));
    await s.delete('a');
    expect((await s.list()).map((r) => r.id)).toEqual(['b']);
  });
});

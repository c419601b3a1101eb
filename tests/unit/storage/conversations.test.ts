import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { openHistoryDb } from '$lib/storage/db.ts';
import { IdbConversationStore } from '$lib/storage/conversations.ts';
import { TITLE_LENGTH } from '$lib/storage/title.ts';
import { StorageError, type StoredMessage } from '$lib/storage/types.ts';

function newStore(): IdbConversationStore {
  let clock = 1_000_000;
  const name = `history-${crypto.randomUUID()}`;
  return new IdbConversationStore({ open: () => openHistoryDb({ name }), now: () => (clock += 1000) });
}

let seq = 0;
function message(conversationId: string, patch: Partial<StoredMessage> = {}): StoredMessage {
  seq += 1;
  return {
    id: `m${seq}`,
    conversationId,
    role: 'user',
    createdAt: 2_000_000 + seq * 1000,
    text: `message ${seq}`,
    status: 'complete',
    ...patch,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('IdbConversationStore', () => {
  it('marks a conversation in the list once one of its questions was an emergency, and keeps the mark', async () => {
    const store = newStore();
    const calm = await store.create({ lang: 'zh' });
    const urgent = await store.create({ lang: 'zh' });
    await store.putMessage(message(calm.id, { triage: { level: 'urgent', categories: [] } }));
    await store.putMessage(
      message(urgent.id, { triage: { level: 'emergency', categories: ['cardiac'], source: 'rules' } }),
    );
    await store.putMessage(message(urgent.id, { role: 'assistant', text: '请拨打120' }));
    const byId = new Map((await store.list()).map((c) => [c.id, c.emergency]));
    expect(byId.get(calm.id)).toBe(false);
    expect(byId.get(urgent.id)).toBe(true);
  });

  it('creates a conversation with an empty profile filled in', async () => {
    const store = newStore();
    const created = await store.create({ lang: 'en', profile: { age: '40' } });
    expect(created.title).toBe('');
    expect(created.profile.age).toBe('40');
    expect(created.profile.allergies).toBe('');
    expect(await store.get(created.id)).toEqual(created);
    expect(await store.get('missing')).toBeUndefined();
  });

  it('lists newest first, with counts and the last message as preview', async () => {
    const store = newStore();
    const a = await store.create({ lang: 'zh', title: 'A' });
    const b = await store.create({ lang: 'zh', title: 'B' });
    await store.putMessage(message(a.id, { text: '第一句' }));
    await store.putMessage(message(a.id, { role: 'assistant', text: '  回答\n第二行  ' }));
    const list = await store.list();
    expect(list.map((c) => c.title)).toEqual(['A', 'B']); // A got a message after B was created
    expect(list[0]).toMatchObject({ id: a.id, messageCount: 2, preview: '回答 第二行' });
    expect(list[1]).toMatchObject({ id: b.id, messageCount: 0, preview: '' });
    expect(await store.list({ limit: 1 })).toHaveLength(1);
  });

  it('titles an untitled conversation from its first user message (already redacted)', async () => {
    const store = newStore();
    const c = await store.create({ lang: 'zh' });
    await store.putMessage(message(c.id, { text: '我的电话是〔手机号〕,头痛' + '很'.repeat(60) }));
    await store.putMessage(message(c.id, { text: 'second question' }));
    const title = (await store.get(c.id))?.title ?? '';
    expect(title.startsWith('我的电话是〔手机号〕,头痛')).toBe(true);
    // Counted in characters (code points), with the ellipsis after them: the same rule as the chat screen's.
    expect(Array.from(title).length).toBeLessThanOrEqual(TITLE_LENGTH + 1);
  });

  it.each([
    ['a title word', 'knee', ['knee']],
    ['message text', 'FEVER', ['fever']],
    ['full-width text', 'ＦＥＶＥＲ', ['fever']],
    ['Chinese text', '头痛', ['zh']],
    ['nothing', 'absent', []],
  ])('searches %s', async (_label, query, expected) => {
    const store = newStore();
    const knee = await store.create({ lang: 'en', title: 'Sore knee' });
    const fever = await store.create({ lang: 'en', title: 'Question' });
    const zh = await store.create({ lang: 'zh', title: '问题' });
    await store.putMessage(message(fever.id, { text: 'I have a fever since Monday' }));
    await store.putMessage(message(zh.id, { text: '头痛三天了' }));
    const ids = { knee: knee.id, fever: fever.id, zh: zh.id } as Record<string, string>;
    const found = await store.list({ query });
    expect(found.map((c) => c.id).sort()).toEqual(expected.map((k) => ids[k]).sort());
  });

  it('putMessage replaces a message with the same id without counting it twice', async () => {
    const store = newStore();
    const c = await store.create({ lang: 'en', title: 't' });
    const partial = message(c.id, { role: 'assistant', text: 'Drink', status: 'streaming' });
    await store.putMessage(partial);
    await store.putMessage({
      ...partial,
      text: 'Drink water.',
      status: 'complete',
      feedback: { rating: 'down', comment: 'too short', at: 1 },
    });
    const stored = await store.messages(c.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      text: 'Drink water.',
      status: 'complete',
      feedback: { rating: 'down' },
    });
    expect((await store.list())[0]).toMatchObject({ messageCount: 1, preview: 'Drink water.' });
  });

  it('updates title and merges profile fields', async () => {
    const store = newStore();
    const c = await store.create({ lang: 'zh', profile: { age: '30', allergies: '无' } });
    await store.update(c.id, { title: '新标题', profile: { age: '31' } as never });
    const updated = await store.get(c.id);
    expect(updated).toMatchObject({ title: '新标题', profile: { age: '31', allergies: '无' } });
    expect(updated!.updatedAt).toBeGreaterThan(c.updatedAt);
    await expect(store.update('missing', { title: 'x' })).rejects.toBeInstanceOf(StorageError);
  });

  it('deletes one conversation with its messages, then all', async () => {
    const store = newStore();
    const a = await store.create({ lang: 'en', title: 'a' });
    const b = await store.create({ lang: 'en', title: 'b' });
    await store.putMessage(message(a.id));
    await store.putMessage(message(b.id));
    await store.delete(a.id);
    expect((await store.list()).map((c) => c.id)).toEqual([b.id]);
    expect(await store.messages(a.id)).toEqual([]);
    expect(await store.messages(b.id)).toHaveLength(1);
    await store.deleteAll();
    expect(await store.list()).toEqual([]);
    expect(await store.messages(b.id)).toEqual([]);
  });

  it('keeps concurrent writes to one conversation consistent', async () => {
    const store = newStore();
    const c = await store.create({ lang: 'en', title: 't' });
    await Promise.all(Array.from({ length: 20 }, () => store.putMessage(message(c.id))));
    expect((await store.list())[0]?.messageCount).toBe(20);
    expect(await store.messages(c.id)).toHaveLength(20);
  });

  describe('when the disk is full', () => {
    async function seeded() {
      const store = newStore();
      const c = await store.create({ lang: 'en', title: 'kept' });
      const saved = message(c.id, { text: 'already saved' });
      await store.putMessage(saved);
      return { store, c, saved };
    }

    async function expectNothingLost(store: IdbConversationStore, id: string, saved: StoredMessage) {
      expect(await store.messages(id)).toEqual([saved]);
      expect((await store.list())[0]).toMatchObject({ id, messageCount: 1, preview: 'already saved' });
    }

    it('maps a put that throws QuotaExceededError to StorageError(quota) and loses nothing', async () => {
      const { store, c, saved } = await seeded();
      vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementationOnce(() => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      });
      const error = await store.putMessage(message(c.id, { text: 'new' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).kind).toBe('quota');
      await expectNothingLost(store, c.id, saved);
    });

    it('maps a transaction aborted with QuotaExceededError to StorageError(quota) and loses nothing', async () => {
      const { store, c, saved } = await seeded();
      const realPut = FakeObjectStore.prototype.put;
      vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementationOnce(function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['put']>
      ) {
        const request = realPut.apply(this, args);
        // How browsers report a full disk at commit: the whole transaction aborts with this error.
        (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
        return request;
      });
      const error = await store.putMessage(message(c.id, { text: 'new' })).catch((e: unknown) => e);
      expect((error as StorageError).kind).toBe('quota');
      await expectNothingLost(store, c.id, saved);
      // The store still works afterwards.
      await store.putMessage(message(c.id, { text: 'later' }));
      expect(await store.messages(c.id)).toHaveLength(2);
    });
  });
});

describe('previewOf', () => {
  it.each([
    ['*以下内容来自健康指南。*\n\n**失眠**：固定作息', '以下内容来自健康指南。 失眠：固定作息'],
    ['1. **Rest**\n2. Drink water\n> note', 'Rest Drink water note'],
    ['`dose` and *words*', 'dose and words'],
  ])('%j -> %j', async (text, preview) => {
    const { previewOf } = await import('$lib/storage/db.ts');
    expect(previewOf(text)).toBe(preview);
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openHistoryDb } from '$lib/storage/db.ts';
import { IdbConversationStore } from '$lib/storage/conversations.ts';
import type { Conversation, StoredMessage } from '$lib/storage/types.ts';

const profile: Conversation['profile'] = {
  chiefComplaint: '咳嗽',
  medicalHistory: '',
  age: '34',
  sex: 'female',
  pregnancy: 'no',
  allergies: '青霉素',
  medications: '',
  testResults: '',
};

const conversations: Conversation[] = [
  { id: 'c1', title: '咳嗽一周', lang: 'zh', createdAt: 1_000, updatedAt: 3_000, profile },
  { id: 'c2', title: 'Sore knee', lang: 'en', createdAt: 4_000, updatedAt: 5_000, profile },
  { id: 'c3', title: '', lang: 'zh', createdAt: 6_000, updatedAt: 6_000, profile },
];

const messages: StoredMessage[] = [
  {
    id: 'm1',
    conversationId: 'c1',
    role: 'user',
    createdAt: 1_000,
    text: '咳嗽一周了',
    status: 'complete',
    redactions: [{ type: 'mobile', count: 1 }],
  },
  {
    id: 'm2',
    conversationId: 'c1',
    role: 'assistant',
    createdAt: 3_000,
    text: '多喝水,注意休息。',
    rawText: '多喝水,注意休息。',
    status: 'complete',
    feedback: { rating: 'up', at: 3_500 },
  },
  { id: 'm3', conversationId: 'c1', role: 'user', createdAt: 2_000, text: '还有点发烧', status: 'complete' },
  {
    id: 'm4',
    conversationId: 'c2',
    role: 'user',
    createdAt: 5_000,
    text: 'My knee hurts when I run',
    status: 'complete',
  },
];

/** Exactly what version 1 of db.ts created: two stores, one index each, plain records. */
async function createVersion1(name: string): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(v1) {
      v1.createObjectStore('conversations', { keyPath: 'id' }).createIndex('by-updatedAt', 'updatedAt');
      v1.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversationId', 'conversationId');
    },
  });
  const tx = db.transaction(['conversations', 'messages'], 'readwrite');
  for (const c of conversations) await tx.objectStore('conversations').put(c);
  for (const m of messages) await tx.objectStore('messages').put(m);
  await tx.done;
  db.close();
}

describe('history database upgrade', () => {
  it('is at version 2', () => {
    expect(DB_VERSION).toBe(2);
  });

  it('opens a version-1 database with data and keeps every record', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    await createVersion1(name);

    const db = await openHistoryDb({ name });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['conversations', 'messages', 'meta']);

    for (const m of messages) expect(await db.get('messages', m.id)).toEqual(m);
    for (const c of conversations) {
      expect(await db.get('conversations', c.id)).toMatchObject(c);
    }
    db.close();
  });

  it('backfills message counts and previews from the messages', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    await createVersion1(name);
    const db = await openHistoryDb({ name });
    expect(await db.get('conversations', 'c1')).toMatchObject({
      messageCount: 3,
      preview: '多喝水,注意休息。',
    });
    expect(await db.get('conversations', 'c2')).toMatchObject({
      messageCount: 1,
      preview: 'My knee hurts when I run',
    });
    expect(await db.get('conversations', 'c3')).toMatchObject({ messageCount: 0, preview: '' });
    db.close();
  });

  it('serves upgraded data through the store: list, search and messages in time order', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    await createVersion1(name);
    const store = new IdbConversationStore({ open: () => openHistoryDb({ name }) });

    expect((await store.list()).map((c) => c.id)).toEqual(['c3', 'c2', 'c1']);
    expect((await store.list({ query: '发烧' })).map((c) => c.id)).toEqual(['c1']);
    expect((await store.messages('c1')).map((m) => m.id)).toEqual(['m1', 'm3', 'm2']);
    expect(await store.get('c2')).toEqual(conversations[1]);
  });
});

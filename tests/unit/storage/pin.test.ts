import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openHistoryDb } from '$lib/storage/db.ts';
import { IdbConversationStore } from '$lib/storage/conversations.ts';
import { StorageError } from '$lib/storage/types.ts';

const FAST = 1_000; // PBKDF2 iterations: the count is tested in crypto.test.ts

/** Every string anywhere in a stored record, plus the text of any binary field. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer);
    return [new TextDecoder('utf-8', { fatal: false }).decode(bytes)];
  }
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

async function rawStrings(name: string): Promise<string> {
  const db = await openHistoryDb({ name });
  const all = [
    ...(await db.getAll('conversations')),
    ...(await db.getAll('messages')),
    ...(await db.getAll('meta')),
  ];
  db.close();
  return stringsIn(all).join('\n');
}

const SECRETS = ['头痛三天', 'raw model words', 'Migraine diary', '布洛芬', 'penicillin', 'too vague'];

async function seeded() {
  const name = `pin-${crypto.randomUUID()}`;
  const store = new IdbConversationStore({ open: () => openHistoryDb({ name }) });
  const c = await store.create({
    lang: 'zh',
    title: 'Migraine diary',
    profile: { medications: '布洛芬', allergies: 'penicillin' },
  });
  await store.putMessage({
    id: 'u1',
    conversationId: c.id,
    role: 'user',
    createdAt: 1,
    text: '头痛三天',
    status: 'complete',
  });
  await store.putMessage({
    id: 'a1',
    conversationId: c.id,
    role: 'assistant',
    createdAt: 2,
    text: 'shown text',
    rawText: 'raw model words',
    status: 'complete',
    feedback: { rating: 'down', comment: 'too vague', at: 3 },
  });
  return { name, store, id: c.id };
}

describe('PIN-encrypted history', () => {
  it('stores plain text without a PIN (so the check below can fail)', async () => {
    const { name } = await seeded();
    const raw = await rawStrings(name);
    for (const secret of SECRETS) expect(raw).toContain(secret);
  });

  it('holds no plaintext at rest once a PIN is set, for old and new records', async () => {
    const { name, store, id } = await seeded();
    await store.setPin('2468', FAST);
    await store.putMessage({
      id: 'u2',
      conversationId: id,
      role: 'user',
      createdAt: 4,
      text: '新的问题 nausea',
      status: 'complete',
    });
    const raw = await rawStrings(name);
    for (const secret of [...SECRETS, 'nausea', '2468']) expect(raw).not.toContain(secret);
    // Still readable through the unlocked store.
    expect((await store.list({ query: 'nausea' })).map((c) => c.title)).toEqual(['Migraine diary']);
    expect((await store.messages(id)).map((m) => m.text)).toEqual([
      '头痛三天',
      'shown text',
      '新的问题 nausea',
    ]);
    expect((await store.get(id))?.profile.medications).toBe('布洛芬');
  });

  it('after a restart: locked until the right PIN, and a wrong PIN changes nothing', async () => {
    const { name, store, id } = await seeded();
    await store.setPin('2468', FAST);
    const restarted = new IdbConversationStore({ open: () => openHistoryDb({ name }) });
    expect(await restarted.lockState()).toBe('locked');
    await expect(restarted.list()).rejects.toMatchObject({ kind: 'locked' });
    await expect(
      restarted.putMessage({
        id: 'x',
        conversationId: id,
        role: 'user',
        createdAt: 9,
        text: 'x',
        status: 'complete',
      }),
    ).rejects.toBeInstanceOf(StorageError);
    expect(await restarted.unlock('1111')).toBe(false);
    expect(await restarted.lockState()).toBe('locked');
    expect(await restarted.unlock('2468')).toBe(true);
    expect(await restarted.messages(id)).toHaveLength(2);
    restarted.lock();
    await expect(restarted.messages(id)).rejects.toMatchObject({ kind: 'locked' });
  });

  it('lists changes made after a list, and nothing once locked', async () => {
    const { store, id } = await seeded();
    await store.setPin('2468', FAST);
    expect((await store.list())[0]?.title).toBe('Migraine diary');
    await store.update(id, { title: 'Renamed' });
    await store.putMessage({
      id: 'u9',
      conversationId: id,
      role: 'user',
      createdAt: 9,
      text: 'later',
      status: 'complete',
    });
    expect((await store.list())[0]).toMatchObject({ title: 'Renamed', messageCount: 3, preview: 'later' });
    store.lock();
    await expect(store.list()).rejects.toMatchObject({ kind: 'locked' });
    await expect(store.get(id)).rejects.toMatchObject({ kind: 'locked' });
  });

  it('changes and removes the PIN, keeping every record', async () => {
    const { name, store, id } = await seeded();
    await store.setPin('2468', FAST);
    await store.setPin('1357', FAST);
    const restarted = new IdbConversationStore({ open: () => openHistoryDb({ name }) });
    expect(await restarted.unlock('2468')).toBe(false);
    expect(await restarted.unlock('1357')).toBe(true);
    await restarted.removePin();
    expect(await restarted.lockState()).toBe('none');
    const raw = await rawStrings(name);
    for (const secret of SECRETS) expect(raw).toContain(secret);
    expect((await restarted.messages(id)).map((m) => m.rawText)).toEqual([undefined, 'raw model words']);
  });

  it('a tab that missed a PIN set in another tab writes nothing in plain text', async () => {
    const { name, store: tabA, id } = await seeded();
    const tabB = new IdbConversationStore({ open: () => openHistoryDb({ name }) });
    expect(await tabB.lockState()).toBe('none');
    let told = 0;
    tabB.onLockChange(() => (told += 1));
    await tabA.setPin('2468', FAST);
    const write = tabB.putMessage({
      id: 'b1',
      conversationId: id,
      role: 'user',
      createdAt: 5,
      text: 'from tab B',
      status: 'complete',
    });
    await expect(write).rejects.toMatchObject({ kind: 'locked' });
    expect(told).toBe(1);
    expect(await tabB.lockState()).toBe('locked');
    expect(await rawStrings(name)).not.toContain('from tab B');
    expect(await tabB.unlock('2468')).toBe(true);
    await tabB.putMessage({
      id: 'b1',
      conversationId: id,
      role: 'user',
      createdAt: 5,
      text: 'from tab B',
      status: 'complete',
    });
    expect(await rawStrings(name)).not.toContain('from tab B');
    expect((await tabA.messages(id)).map((m) => m.text)).toContain('from tab B');
  });

  it('erasing everything is the way out of a forgotten PIN', async () => {
    const { name, store } = await seeded();
    await store.setPin('2468', FAST);
    const restarted = new IdbConversationStore({ open: () => openHistoryDb({ name }) });
    await restarted.eraseEverything();
    expect(await restarted.lockState()).toBe('none');
    expect(await restarted.list()).toEqual([]);
    expect(await rawStrings(name)).toBe('');
  });
});

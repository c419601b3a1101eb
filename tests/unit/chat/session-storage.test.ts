import { describe, expect, it } from 'vitest';
import { MemoryStore, pieceEngine, quotaError, testSession } from './doubles.ts';

/** A session whose store can fill up: while full, every write (creating a conversation too) fails with 'quota'. */
function session() {
  const store = new MemoryStore();
  const create = store.create.bind(store);
  store.create = (init) => (store.failWith ? Promise.reject(store.failWith) : create(init));
  const full = (on: boolean) => (store.failWith = on ? quotaError() : null);
  const chat = testSession(pieceEngine(['多', '休息。']).engine, { store });
  return { chat, store, full };
}

describe('ChatSession on a full disk', () => {
  it('keeps a conversation it could not create on screen and stores all of it once there is space', async () => {
    const { chat, store, full } = session();
    full(true);
    await chat.send('头痛', 'zh');
    expect(chat.notice).toEqual({ kind: 'saveFailed', reason: 'quota' });
    expect(chat.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(store.conversations.size).toBe(0);

    full(false);
    await chat.send('还是痛', 'zh');
    expect(chat.notice).toBeNull();
    const [stored] = [...store.conversations.values()];
    expect(chat.conversation?.id).toBe(stored?.id);
    expect(stored?.title).toBe('头痛');
    // Every message, the two from before the disk had space included, is stored under the new conversation.
    expect(chat.messages.map((m) => m.conversationId)).toEqual(Array(4).fill(stored?.id));
    expect([...store.saved.values()].map((m) => [m.role, m.text, m.conversationId])).toEqual(
      chat.messages.map((m) => [m.role, m.text, stored?.id]),
    );
  });

  it('tries the conversation again on each question while the disk stays full, keeping the same one on screen', async () => {
    const { chat, store, full } = session();
    full(true);
    await chat.send('头痛', 'zh');
    const onScreen = chat.conversation?.id;
    await chat.send('还是痛', 'zh');
    expect(chat.conversation?.id).toBe(onScreen);
    expect(chat.notice).toEqual({ kind: 'saveFailed', reason: 'quota' });
    expect(chat.messages).toHaveLength(4);
    expect(store.conversations.size).toBe(0);
    expect(store.saved.size).toBe(0);
  });

  it('creates a conversation once when the disk has space', async () => {
    const { chat, store } = session();
    await chat.send('头痛', 'zh');
    await chat.send('还是痛', 'zh');
    expect(store.conversations.size).toBe(1);
    expect(store.writes.filter((m) => m.role === 'user')).toHaveLength(2);
  });
});

describe('ChatSession when the screen changes while the conversation is being created', () => {
  it('does not put the previous patient’s conversation on the new patient’s screen', async () => {
    const { chat, store } = session();
    const create = store.create.bind(store);
    let finish = () => {};
    store.create = (init) => new Promise((resolve) => (finish = () => resolve(create(init))));
    chat.followPatient(1);
    const sending = chat.send('头痛', 'zh');
    await Promise.resolve();
    chat.followPatient(2); // "New patient" tapped before storage answered
    finish();
    await sending;
    expect(chat.conversation).toBeNull();
    expect(chat.messages).toEqual([]);
    store.create = create;
    await chat.send('咳嗽', 'zh');
    expect(chat.messages.map((m) => m.text)[0]).toBe('咳嗽');
    expect(store.conversations.size).toBe(2);
    expect(chat.conversation?.title).toBe('咳嗽');
  });
});

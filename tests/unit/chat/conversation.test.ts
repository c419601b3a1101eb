import { describe, expect, it } from 'vitest';
import { createConversation, rehome, retryTarget, storeEach } from '$lib/chat/conversation.ts';
import { emptyProfile, type StoredMessage } from '$lib/storage/types.ts';
import { MemoryStore, quotaError } from './doubles.ts';

const message = (id: string, role: 'user' | 'assistant', text = id): StoredMessage => ({
  id,
  role,
  text,
  conversationId: 'c1',
  createdAt: 0,
  status: 'complete',
});

describe('retryTarget', () => {
  const turns = [
    message('q1', 'user'),
    message('a1', 'assistant'),
    message('q2', 'user'),
    message('a2', 'assistant'),
  ];

  it('gives the latest answer’s question and the turns before it', () => {
    expect(retryTarget(turns, 'a2')).toEqual({ question: turns[2], history: turns.slice(0, 2) });
  });

  it('refuses an earlier answer, a question, an unknown id and an answer with no question before it', () => {
    expect(retryTarget(turns, 'a1')).toBeNull();
    expect(retryTarget(turns, 'q2')).toBeNull();
    expect(retryTarget(turns, 'missing')).toBeNull();
    expect(retryTarget([message('a0', 'assistant')], 'a0')).toBeNull();
  });
});

describe('createConversation', () => {
  const request = {
    question: message('q1', 'user', '头痛三天\n还发烧'),
    lang: 'zh' as const,
    profile: emptyProfile(),
  };

  it('titles a new conversation from the first line of its question', async () => {
    const creation = await createConversation({ ...request, onScreenOnly: null }, new MemoryStore());
    expect(creation.kind === 'created' && creation.conversation.title).toBe('头痛三天');
  });

  it('keeps the language and title of a conversation that so far lived only on screen', async () => {
    const onScreenOnly = {
      id: 'local',
      title: '咳嗽',
      lang: 'en' as const,
      createdAt: 0,
      updatedAt: 0,
      profile: emptyProfile(),
    };
    const creation = await createConversation({ ...request, onScreenOnly }, new MemoryStore());
    expect(creation.kind === 'created' && [creation.conversation.title, creation.conversation.lang]).toEqual([
      '咳嗽',
      'en',
    ]);
  });

  it('returns a full disk as a failure instead of throwing', async () => {
    const store = new MemoryStore();
    store.create = () => Promise.reject(quotaError());
    const creation = await createConversation({ ...request, onScreenOnly: null }, store);
    expect(creation).toMatchObject({ kind: 'failed', error: { kind: 'quota' } });
  });
});

describe('storeEach', () => {
  it('stores every message it can and reports each one it cannot', async () => {
    const store = new MemoryStore();
    const put = store.putMessage.bind(store);
    store.putMessage = (m) => (m.id === 'a1' ? Promise.reject(quotaError()) : put(m));
    const errors: unknown[] = [];
    const moved = rehome([message('q1', 'user'), message('a1', 'assistant'), message('q2', 'user')], 'c2');
    await storeEach(moved, store, (e) => errors.push(e));
    expect([...store.saved.values()].map((m) => [m.id, m.conversationId])).toEqual([
      ['q1', 'c2'],
      ['q2', 'c2'],
    ]);
    expect(errors).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { titleFrom } from '$lib/storage/title.ts';
import type { ChatEngine } from '$lib/engine/types.ts';
import type { Snippet } from '$lib/knowledge/types.ts';
import { MemoryStore, pieceEngine, quotaError, testSession } from './doubles.ts';

function session(store = new MemoryStore(), pieces = ['多', '休息。'], ready = true) {
  const { engine, calls } = pieceEngine(pieces);
  return { chat: testSession(ready ? engine : null, { store }), store, calls };
}

/** A guide entry the retrieval doubles return for questions about sleep. */
const insomnia: Snippet = {
  id: 'zh-chr-insomnia',
  title: '失眠',
  text: '固定时间起床。睡前少看手机。失眠超过三个月请去医院就诊。',
  source: '指南',
  score: 60,
  coverage: 1,
};

describe('ChatSession', () => {
  it('sends a question and keeps the redacted question and the answer', async () => {
    const { chat, store } = session();
    expect(await chat.send('头痛,电话13812345678', 'zh')).toBe(true);
    expect(chat.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', '头痛,电话〔手机号〕'],
      ['assistant', '多休息。\n\n〔仅供参考〕'],
    ]);
    expect(chat.conversation?.title).toBe('头痛,电话〔手机号〕');
    expect(JSON.stringify([...store.saved.values(), ...store.conversations.values()])).not.toContain(
      '13812345678',
    );
    expect(chat.busy).toBe(false);
  });

  it('refuses a message over the limit, saying why and storing nothing', async () => {
    const { chat, store, calls } = session(new MemoryStore(), ['好']);
    expect(await chat.send('头'.repeat(50_000), 'zh')).toBe(false);
    expect(chat.notice).toEqual({ kind: 'tooLong', length: 50_000, limit: 2000 });
    expect(chat.messages).toEqual([]);
    expect(store.saved.size).toBe(0);
    expect(calls).toHaveLength(0);
  });

  describe('with no model ready', () => {
    let ready = false;
    const { engine, calls } = pieceEngine(['模型的回答。']);
    const full = {
      engine: { ...engine, load: async () => {}, countTokens: async () => null, unload: async () => {} },
      modelId: 'm',
      contextWindow: 4096,
    };
    const store = new MemoryStore();
    const chat = testSession(null, {
      store,
      retrieve: (q) => (q.includes('失眠') ? [insomnia] : []),
      engine: () => (ready ? full : null),
    });

    it('answers from the built-in guide, post-processed, stored and marked as the guide', async () => {
      expect(await chat.send('我最近总是失眠怎么办', 'zh')).toBe(true);
      const answer = chat.messages[1]!;
      expect(answer).toMatchObject({
        role: 'assistant',
        answeredBy: 'guide',
        status: 'complete',
        citations: ['zh-chr-insomnia'],
      });
      expect(answer.text).toContain('失眠超过三个月请去医院就诊。');
      expect(answer.text.endsWith('〔仅供参考〕')).toBe(true);
      expect(store.saved.get(answer.id)).toEqual(answer);
      expect(chat.notice).toBeNull();
      expect(chat.busy).toBe(false);
      expect(calls).toHaveLength(0);
    });

    it('says it has nothing close enough rather than quoting a weak match', async () => {
      await chat.send('自行车链条掉了', 'zh');
      const answer = chat.messages[3]!;
      expect(answer.answeredBy).toBe('guide');
      expect(answer.citations).toBeUndefined();
      expect(answer.rawText).toBe('');
      expect(answer.text).toContain('请去看医生');
    });

    it('has the model answer the same question once one is ready, in place of the guide', async () => {
      const guideAnswer = chat.messages[3]!;
      ready = true;
      await chat.retry(guideAnswer.id);
      expect(calls).toHaveLength(1);
      expect(chat.messages).toHaveLength(4);
      expect(chat.messages[3]).toMatchObject({ id: guideAnswer.id, text: '模型的回答。\n\n〔仅供参考〕' });
      expect(chat.messages[3]!.answeredBy).toBeUndefined();
    });
  });

  it('shows an emergency question with its guidance before storage answers', async () => {
    const store = new MemoryStore();
    store.create = () => new Promise(() => {}); // a database that never opens (blocked by another tab)
    const { chat } = session(store);
    void chat.send('我爸爸胸口痛,一直出冷汗', 'zh');
    await Promise.resolve();
    expect(chat.messages).toHaveLength(1);
    expect(chat.guidanceFor(chat.messages[0]!, 'zh')?.lines[0]?.number).toBe('120');
  });

  it('reports a full disk in a notice and keeps the answer on screen', async () => {
    const store = new MemoryStore();
    const { chat } = session(store);
    await chat.send('头痛', 'zh');
    store.failWith = quotaError();
    await chat.send('还是痛', 'zh');
    expect(chat.notice).toEqual({ kind: 'saveFailed', reason: 'quota' });
    expect(chat.messages).toHaveLength(4);
    expect(store.saved.size).toBe(2);
  });

  it('shows an answer left streaming by a crash as interrupted', async () => {
    const store = new MemoryStore();
    const conversation = await store.create({ lang: 'zh' });
    await store.putMessage({
      id: 'a1',
      conversationId: conversation.id,
      role: 'assistant',
      createdAt: 0,
      text: '一半',
      rawText: '一半',
      status: 'streaming',
    });
    const { chat } = session(store);
    await chat.open(conversation.id);
    expect(chat.messages.map((m) => m.status)).toEqual(['interrupted']);
  });

  it('redacts profile fields before keeping or storing them', async () => {
    const { chat, store } = session();
    await chat.send('头痛', 'zh');
    await chat.updateProfile({ medicalHistory: '联系13812345678', sex: 'female' });
    expect(chat.profile.medicalHistory).toBe('联系〔手机号〕');
    expect(store.conversations.get(chat.conversation!.id)?.profile).toMatchObject({
      medicalHistory: '联系〔手机号〕',
      sex: 'female',
    });
  });

  it('words the placeholder of a number-only profile field in the interface language', async () => {
    const { chat } = session();
    await chat.updateProfile({ medicalHistory: '13812345678' }, 'zh');
    expect(chat.profile.medicalHistory).toBe('〔手机号〕');
    await chat.updateProfile({ medicalHistory: '13812345678' }, 'en');
    expect(chat.profile.medicalHistory).toMatch(/^\[[a-z ]+\]$/);
  });

  it('stores feedback with a redacted comment', async () => {
    const { chat, store } = session();
    await chat.send('头痛', 'zh');
    const answer = chat.messages[1]!;
    await chat.setFeedback(answer.id, 'down', '打13812345678问');
    expect(store.saved.get(answer.id)?.feedback).toEqual({
      rating: 'down',
      at: 1,
      comment: '打〔手机号〕问',
    });
  });

  it('retries an answer in place', async () => {
    const { chat, calls } = session();
    await chat.send('头痛', 'zh');
    const first = chat.messages[1]!.id;
    await chat.retry(first);
    expect(chat.messages.map((m) => m.id)).toEqual([chat.messages[0]!.id, first]);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at(-1)).toEqual({ role: 'user', content: '头痛' });
  });

  it('leaves an earlier answer alone: only the latest can be asked again', async () => {
    const { chat, calls } = session();
    await chat.send('头痛', 'zh');
    await chat.send('还是痛', 'zh');
    const before = chat.messages;
    await chat.retry(before[1]!.id);
    expect(chat.messages).toEqual(before);
    expect(calls).toHaveLength(2);
  });
});

describe('ChatSession and clinic mode', () => {
  it('starts afresh when the patient session changes, not on the first value', async () => {
    const { chat } = session();
    chat.followPatient(3);
    await chat.send('头痛', 'zh');
    chat.followPatient(3);
    expect(chat.messages).toHaveLength(2);
    chat.followPatient(4);
    expect(chat.messages).toEqual([]);
    expect(chat.conversation).toBeNull();
  });

  it('keeps an answer from a previous patient off the new screen, but stores it', async () => {
    const store = new MemoryStore();
    let newPatient = () => {};
    const engine: Pick<ChatEngine, 'generate'> = {
      async generate(_messages, options = {}) {
        options.onToken?.('一');
        newPatient(); // "New patient" tapped while the answer streams
        options.onToken?.('二');
        return { text: '一二', finishReason: options.signal?.aborted ? 'abort' : 'stop', usage: null };
      },
    };
    const chat = testSession(engine, { store, now: undefined });
    newPatient = () => chat.followPatient(1);
    chat.followPatient(0);
    await chat.send('头痛', 'zh');
    expect(chat.messages).toEqual([]);
    expect(chat.busy).toBe(false);
    const saved = [...store.saved.values()];
    expect(saved.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'interrupted'],
    ]);
  });
});

describe('ChatSession when generation fails', () => {
  function failing(kind: string) {
    const lost: unknown[] = [];
    const error = Object.assign(new Error(`engine ${kind}`), { kind });
    const chat = testSession(
      { generate: async () => Promise.reject(error) },
      { onEngineLost: (e) => lost.push(e), now: undefined },
    );
    return { chat, lost, error };
  }

  it.each(['deviceLost', 'outOfMemory'])(
    'hands a %s to the engine recovery and keeps the question',
    async (kind) => {
      const { chat, lost, error } = failing(kind);
      await chat.send('头痛', 'zh');
      expect(lost).toEqual([error]);
      expect(chat.notice).toEqual({ kind: 'engineFailed', reason: kind });
      expect(chat.messages[0]?.text).toBe('头痛');
    },
  );

  it.each(['network', 'unknown'])('keeps the engine after a %s failure', async (kind) => {
    const { chat, lost } = failing(kind);
    await chat.send('头痛', 'zh');
    expect(lost).toEqual([]);
    expect(chat.notice).toEqual({ kind: 'engineFailed', reason: kind });
  });
});

describe('ChatSession: answers in the script of the question', () => {
  function traditionalSession(prefersTraditional: boolean, ready: boolean) {
    const { engine } = pieceEngine(['頭痛可以先休息，', '后来还痛请就医。']);
    return testSession(ready ? engine : null, {
      retrieve: (q) => (q.includes('失眠') ? [insomnia] : []),
      traditional: () => import('$lib/hant/index.ts'),
      prefersTraditional: () => prefersTraditional,
    });
  }

  it('a question in Traditional gets a Traditional guide answer, disclaimer included', async () => {
    const chat = traditionalSession(false, false);
    await chat.send('我最近總是失眠怎麼辦', 'zh');
    const answer = chat.messages[1]!;
    expect(answer.text).toContain('失眠超過三個月請去醫院就診。');
    expect(answer.text).toContain('〔僅供參考〕');
  });

  it("a model's answer to a Traditional question is stored in Traditional, slips included", async () => {
    const chat = traditionalSession(false, true);
    await chat.send('頭痛三天了怎麼辦', 'zh');
    expect(chat.messages[1]!.text).toContain('頭痛可以先休息，後來還痛請就醫。');
  });

  it('a Simplified question stays Simplified even in the Traditional interface', async () => {
    const chat = traditionalSession(true, false);
    await chat.send('我最近总是失眠怎么办', 'zh');
    expect(chat.messages[1]!.text).toContain('失眠超过三个月请去医院就诊。');
  });

  it('a question that gives no sign follows the interface', async () => {
    const hant = traditionalSession(true, true);
    await hant.send('胃痛', 'zh');
    expect(hant.messages[1]!.text).toContain('後來還痛請就醫。');
    const hans = traditionalSession(false, true);
    await hans.send('胃痛', 'zh');
    expect(hans.messages[1]!.text).toContain('后来还痛请就医。');
  });
});

describe('ChatSession.guidanceForDraft', () => {
  it('words the card in the interface language, whatever the draft is written in', () => {
    const { chat } = session(new MemoryStore(), ['好'], false);
    expect(chat.guidanceForDraft('我爸爸胸口痛，喘不上气', 'en')?.title).toBe('Get help now');
    expect(chat.guidanceForDraft('我爸爸胸口痛，喘不上气', 'zh')?.title).toBe('请立即求助');
  });

  it.each([
    ['我爸爸胸口痛', true],
    ['  ', false],
    ['发烧三天', false],
    ['头痛', false],
  ])('%j -> emergency card: %s', (draft, expected) => {
    const { chat, calls } = session(new MemoryStore(), ['好'], false);
    const guidance = chat.guidanceForDraft(draft, 'zh');
    expect(guidance !== null).toBe(expected);
    if (guidance) expect(guidance.lines[0]?.number).toBe('120');
    // Only triage ran: nothing was sent, stored or shown as a message.
    expect(calls).toEqual([]);
    expect(chat.messages).toEqual([]);
  });
});

describe('titleFrom', () => {
  it.each([
    ['头痛怎么办', '头痛怎么办'],
    ['  first line\nsecond', 'first line'],
    ['头'.repeat(50), `${'头'.repeat(40)}…`],
  ])('%s', (question, title) => expect(titleFrom(question)).toBe(title));
});

import { describe, expect, it } from 'vitest';
import { answerQuestion, citedIds, prepareQuestion, storeQuestion, type TurnEvents } from '$lib/chat/turn.ts';
import type { StoredMessage } from '$lib/storage/types.ts';
import type { Snippet } from '$lib/knowledge/types.ts';
import { DISCLAIMER, MemoryStore, deps, pieceEngine, quotaError } from './doubles.ts';

/** Records every event as [name, detail] in order. */
function recorder() {
  const log: [string, unknown][] = [];
  const events: TurnEvents = {
    context: (info) => log.push(['context', info.droppedTurns]),
    token: (raw) => log.push(['token', raw]),
    triageRaised: (m, emergency) =>
      log.push([
        'triageRaised',
        { level: m.triage?.level, source: m.triage?.source, card: emergency?.title ?? null },
      ]),
    answer: (m) => log.push(['answer', m.status]),
    saveFailed: (e) => log.push(['saveFailed', (e as Error).name]),
  };
  return { log, events };
}

function ready(text: string, store = new MemoryStore()) {
  const d = deps({ store });
  const prepared = prepareQuestion({ conversationId: 'c1', text, lang: 'zh' }, d);
  if (prepared.kind !== 'ready') throw new Error(`rejected: ${prepared.reason}`);
  return prepared;
}

const snippet = (id: string): Snippet => ({ id, title: id, text: '资料', source: 'WHO', score: 1 });

describe('prepareQuestion', () => {
  it.each([
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['头'.repeat(2001), 'tooLong'],
    ['头'.repeat(50_000), 'tooLong'],
  ])('rejects %#: %s', (text, reason) => {
    const prepared = prepareQuestion(
      { conversationId: 'c1', text, lang: 'zh' },
      deps({ store: new MemoryStore() }),
    );
    expect(prepared).toEqual({ kind: 'rejected', reason });
  });

  it('accepts exactly the limit, counting an emoji as one character', () => {
    expect(ready('😀'.repeat(2000)).message.text).toHaveLength(4000);
  });

  it('keeps only the redacted text and the kinds of what was removed', () => {
    const { message } = ready('我的电话13812345678,另一个13900001111,头痛');
    expect(message.text).toBe('我的电话〔手机号〕,另一个〔手机号〕,头痛');
    expect(JSON.stringify(message)).not.toContain('13812345678');
    expect(message.redactions).toEqual([{ type: 'mobile', count: 2 }]);
  });

  it.each([
    ['我爸爸胸口痛,一直出冷汗', 'emergency', '请立即求助'],
    ['发烧三天了', 'urgent', null],
    ['头有点痛', 'none', null],
  ])('triages %s as %s', (text, level, title) => {
    const prepared = ready(text);
    expect(prepared.message.triage?.level).toBe(level);
    expect(prepared.emergency?.title ?? null).toBe(title);
  });

  it.each([
    ['头痛怎么办', 'zh'],
    ['I have a headache', 'en'],
    ['我有headache', 'zh'],
    ['120/80', 'zh'],
  ])('answers %s in %s', (text, lang) => {
    expect(ready(text).lang).toBe(lang);
  });
});

describe('answerQuestion', () => {
  const signal = new AbortController().signal;

  it('streams, post-processes and stores raw and displayed text', async () => {
    const store = new MemoryStore();
    const { engine } = pieceEngine(['多', '休息', '。']);
    const { log, events } = recorder();
    const { message: question, lang } = ready('头痛怎么办');
    const outcome = await answerQuestion(
      { question, history: [], profile: null, lang, signal },
      deps({ store, engine }),
      events,
    );
    expect(log.filter(([n]) => n === 'token').map(([, raw]) => raw)).toEqual(['多', '多休息', '多休息。']);
    expect(outcome.kind).toBe('answered');
    const saved = [...store.saved.values()].find((m) => m.role === 'assistant')!;
    expect(saved).toMatchObject({
      rawText: '多休息。',
      text: `多休息。\n\n${DISCLAIMER}`,
      status: 'complete',
      usage: { promptTokens: 10, completionTokens: 3 },
      modelId: 'test-model',
    });
  });

  it('sends earlier answers back as their raw text', async () => {
    const store = new MemoryStore();
    const { engine, calls } = pieceEngine(['好']);
    const history: StoredMessage[] = [
      { id: 'u0', conversationId: 'c1', role: 'user', createdAt: 0, text: '头痛', status: 'complete' },
      {
        id: 'a0',
        conversationId: 'c1',
        role: 'assistant',
        createdAt: 0,
        text: `休息。\n\n${DISCLAIMER}`,
        rawText: '休息。',
        status: 'complete',
      },
    ];
    const { message: question, lang } = ready('还是痛');
    await answerQuestion(
      { question, history, profile: null, lang, signal },
      deps({ store, engine }),
      recorder().events,
    );
    expect(calls[0]!.slice(1)).toEqual([
      { role: 'user', content: '头痛' },
      { role: 'assistant', content: '休息。' },
      { role: 'user', content: '还是痛' },
    ]);
  });

  it('saves the partial answer while streaming, so a crash leaves it findable', async () => {
    const store = new MemoryStore();
    const clock = { t: 0 };
    const { engine } = pieceEngine(['一', '二', '三', '四', '五'], { clock, msPerPiece: 1000 });
    const { message: question, lang } = ready('头痛');
    await answerQuestion(
      { question, history: [], profile: null, lang, signal },
      deps({ store, engine, now: () => clock.t, saveIntervalMs: 2000 }),
      recorder().events,
    );
    const writes = store.writes.filter((m) => m.role === 'assistant');
    // 1,000 ms per piece, saved whenever 2,000 ms have passed since the last save: after pieces 2 and 4.
    expect(writes.map((m) => [m.status, m.rawText])).toEqual([
      ['streaming', '一二'],
      ['streaming', '一二三四'],
      ['complete', '一二三四五'],
    ]);
    // Even a partial answer carries the disclaimer, in case it is the last version ever saved.
    expect(writes.every((m) => m.text.endsWith(DISCLAIMER))).toBe(true);
  });

  it('keeps what was said when the patient stops, marked interrupted', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    const { engine } = pieceEngine(['一', '二', '三', '四'], { abortAfter: controller });
    const { message: question, lang } = ready('头痛');
    const outcome = await answerQuestion(
      { question, history: [], profile: null, lang, signal: controller.signal },
      deps({ store, engine }),
      recorder().events,
    );
    expect(outcome.kind).toBe('answered');
    if (outcome.kind === 'answered') {
      expect(outcome.message.status).toBe('interrupted');
      expect(outcome.message.rawText).toBe('一二');
      expect(outcome.message.text).toContain(DISCLAIMER);
    }
  });

  it('marks an engine failure as an error and keeps the partial text', async () => {
    const store = new MemoryStore();
    const { engine } = pieceEngine(['一', '二', '三'], { failAfter: 2 });
    const { log, events } = recorder();
    const { message: question, lang } = ready('头痛');
    const outcome = await answerQuestion(
      { question, history: [], profile: null, lang, signal },
      deps({ store, engine }),
      events,
    );
    expect(outcome.kind).toBe('failed');
    expect(store.saved.get(outcome.kind === 'failed' ? outcome.message.id : '')).toMatchObject({
      status: 'error',
      rawText: '一二',
    });
    expect(log.at(-1)).toEqual(['answer', 'error']);
  });

  it('reports a full disk once and still shows the whole answer', async () => {
    const store = new MemoryStore();
    const clock = { t: 0 };
    const { engine } = pieceEngine(['一', '二', '三', '四'], { clock, msPerPiece: 1500 });
    const { log, events } = recorder();
    const { message: question, lang } = ready('头痛');
    await storeQuestion(question, deps({ store }), events);
    store.failWith = quotaError();
    const outcome = await answerQuestion(
      { question, history: [], profile: null, lang, signal },
      deps({ store, engine, now: () => clock.t }),
      events,
    );
    expect(log.filter(([n]) => n === 'saveFailed')).toEqual([['saveFailed', 'StorageError']]);
    expect(outcome.kind === 'answered' && outcome.message.rawText).toBe('一二三四');
    // What was saved before the disk filled up is still there.
    expect(store.saved.get(question.id)?.text).toBe('头痛');
  });

  it('sends nothing when the question alone overflows the context window', async () => {
    const store = new MemoryStore();
    const { engine, calls } = pieceEngine(['好']);
    const { message: question, lang } = ready('头'.repeat(1900));
    const outcome = await answerQuestion(
      { question, history: [], profile: null, lang, signal },
      deps({ store, engine, contextWindow: 2048 }),
      recorder().events,
    );
    expect(outcome.kind).toBe('overflow');
    expect(calls).toHaveLength(0);
  });

  it("marks the question as where the model's view starts when no earlier turn fits", async () => {
    const store = new MemoryStore();
    const seen: { droppedTurns: number; contextStartId: string | null }[] = [];
    const history: StoredMessage[] = [
      {
        id: 'u0',
        conversationId: 'c1',
        role: 'user',
        createdAt: 0,
        text: '头'.repeat(1500),
        status: 'complete',
      },
      {
        id: 'a0',
        conversationId: 'c1',
        role: 'assistant',
        createdAt: 0,
        text: '答',
        rawText: '答'.repeat(1500),
        status: 'complete',
      },
    ];
    const { message: question, lang } = ready('还是痛');
    await answerQuestion({ question, history, profile: null, lang, signal }, deps({ store }), {
      ...recorder().events,
      context: ({ droppedTurns, contextStartId }) => seen.push({ droppedTurns, contextStartId }),
    });
    expect(seen).toEqual([{ droppedTurns: 1, contextStartId: question.id }]);
  });

  it('gives the emergency guidance with the prepared question, before anything is generated', async () => {
    const store = new MemoryStore();
    const { log, events } = recorder();
    const prepared = ready('我爸爸胸口痛');
    expect(prepared.emergency?.title).toBe('请立即求助');
    await answerQuestion(
      { question: prepared.message, history: [], profile: null, lang: prepared.lang, signal },
      deps({ store, engine: pieceEngine(['请', '拨打120']).engine }),
      events,
    );
    // The answer comes after: the card was there before the first event of the answer.
    expect(log[0]![0]).toBe('context');
    expect(log.findIndex(([n]) => n === 'token')).toBeGreaterThan(0);
  });

  it('reuses the answer id on retry, replacing the earlier answer', async () => {
    const store = new MemoryStore();
    const { message: question, lang } = ready('头痛');
    const outcome = await answerQuestion(
      { question, history: [], profile: null, lang, signal, answerId: 'a-old' },
      deps({ store }),
      recorder().events,
    );
    expect(outcome.kind === 'answered' && outcome.message.id).toBe('a-old');
  });
});

describe("answerQuestion: the model's triage line", () => {
  const signal = new AbortController().signal;
  const run = async (question: StoredMessage, pieces: string[], store = new MemoryStore()) => {
    const { log, events } = recorder();
    const outcome = await answerQuestion(
      { question, history: [], profile: null, lang: 'zh', signal },
      deps({ store, engine: pieceEngine(pieces).engine }),
      events,
    );
    return { log, outcome, store };
  };

  it('raises a missed emergency in the same turn, shows the card, and hides the line', async () => {
    const { message: question } = ready('我爸说他很不舒服');
    expect(question.triage?.level).toBe('none');
    const { log, outcome, store } = await run(question, [
      'TRIA',
      'GE: emer',
      'gency\n',
      '请立即',
      '拨打120。',
    ]);
    expect(log.filter(([n]) => n === 'triageRaised')).toEqual([
      ['triageRaised', { level: 'emergency', source: 'model', card: '请立即求助' }],
    ]);
    // Nothing of the line is ever shown, even while it streams in pieces.
    const shown = log.filter(([n]) => n === 'token').map(([, t]) => t as string);
    expect(shown.every((t) => !/tria/i.test(t))).toBe(true);
    expect(shown.at(-1)).toBe('请立即拨打120。');
    if (outcome.kind !== 'answered') throw new Error(outcome.kind);
    expect(outcome.message.text).not.toMatch(/triage/i);
    expect(outcome.message.rawText).toBe('TRIAGE: emergency\n请立即拨打120。');
    // The stored question and answer record that the model raised the level.
    expect(store.saved.get(question.id)?.triage).toEqual({
      level: 'emergency',
      categories: [],
      source: 'model',
    });
    expect(outcome.message.triage?.source).toBe('model');
  });

  it("words a card the model raised for whoever is typing, like the rules' card", async () => {
    const calls: boolean[] = [];
    const store = new MemoryStore();
    const d = deps({ store, engine: pieceEngine(['TRIAGE: emergency\n', '请拨打120。']).engine });
    const spy = {
      ...d.safety,
      emergencyGuidance: (...args: Parameters<typeof d.safety.emergencyGuidance>) => {
        calls.push(args[3] === true);
        return d.safety.emergencyGuidance(...args);
      },
    };
    const { message: question } = ready('我爸说他很不舒服');
    await answerQuestion(
      { question, history: [], profile: null, lang: 'zh', signal },
      { ...d, safety: spy },
      recorder().events,
    );
    expect(calls).toEqual([true]);
  });

  it('never lowers what the rules found', async () => {
    const { message: question } = ready('我爸爸胸口痛,一直出冷汗');
    const { log, outcome } = await run(question, ['TRIAGE: none\n', '多休息。']);
    expect(log.some(([n]) => n === 'triageRaised')).toBe(false);
    if (outcome.kind !== 'answered') throw new Error(outcome.kind);
    expect(outcome.message.triage).toMatchObject({ level: 'emergency', source: 'rules' });
    expect(outcome.message.text.startsWith('多休息。')).toBe(true);
  });

  it('reads the line wrapped in markdown, and an answer without one is shown whole', async () => {
    const { message: question } = ready('头有点痛');
    const wrapped = await run(question, ['**TRIAGE: urgent**\n', '建议今天看医生。']);
    expect(wrapped.log.filter(([n]) => n === 'triageRaised')).toEqual([
      ['triageRaised', { level: 'urgent', source: 'model', card: null }],
    ]);
    const plain = await run(question, ['Tri', 'al and error: rest.']);
    if (plain.outcome.kind !== 'answered') throw new Error(plain.outcome.kind);
    expect(plain.outcome.message.text.startsWith('Trial and error: rest.')).toBe(true);
  });
});

describe('citedIds', () => {
  const sent = [snippet('zh-fever'), snippet('zh-cough')];
  it.each([
    ['cited by id', '多喝水 [zh-fever]。', ['zh-fever']],
    ['cited both', '[zh-cough] 和 [zh-fever]', ['zh-fever', 'zh-cough']],
    ['not cited by id: all sent', '多喝水。', ['zh-fever', 'zh-cough']],
    ['an unknown id is not a citation', '[zh-other]', ['zh-fever', 'zh-cough']],
  ])('%s', (_label, raw, ids) => {
    expect(citedIds(raw, sent)).toEqual(ids);
  });
  it('cites nothing when nothing was sent', () => expect(citedIds('[zh-fever]', [])).toEqual([]));
});

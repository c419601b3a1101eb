import { describe, expect, it } from 'vitest';
import { buildMessages, promptBudget, type PromptInput } from '$lib/prompt/build.ts';
import { systemPrompt } from '$lib/prompt/system.ts';
import { estimateCounter, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from '$lib/prompt/tokens.ts';
import type { HistoryMessage } from '$lib/prompt/history.ts';
import type { Snippet } from '$lib/knowledge/types.ts';

const snippet = (id: string, text = '多喝水,注意休息。'): Snippet => ({
  id,
  title: `标题 ${id}`,
  text,
  source: 'WHO',
  score: 1,
});

function history(turnCount: number, chars = 200): HistoryMessage[] {
  return Array.from({ length: turnCount }, (_, i) => [
    { id: `u${i}`, role: 'user' as const, text: `问题${i}`.padEnd(chars, '问') },
    { id: `a${i}`, role: 'assistant' as const, text: `显示${i}`, rawText: `回答${i}`.padEnd(chars, '答') },
  ]).flat();
}

const base: PromptInput = {
  lang: 'zh',
  profile: null,
  snippets: [],
  history: [],
  question: '最近总是头痛,怎么办?',
  budget: promptBudget(4096),
  countTokens: estimateCounter,
};

const cost = (messages: { content: string }[]) =>
  messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);

describe('buildMessages', () => {
  it('puts the rules first and the question last, unchanged', async () => {
    const built = await buildMessages({ ...base, history: history(2, 20) });
    if (built.kind !== 'ok') throw new Error('expected ok');
    expect(built.messages[0]).toEqual({ role: 'system', content: systemPrompt('zh', null, []) });
    expect(built.messages.at(-1)).toEqual({ role: 'user', content: base.question });
    expect(built.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(built.messages[2]!.content).toBe('回答0'.padEnd(20, '答'));
  });

  it.each([
    // [label, context window, turns of 200 chars, whether some must be dropped]
    ['a roomy window keeps every turn', 8192, 5, false],
    ['a 4k window drops the oldest turns', 4096, 10, true],
    ['a tiny window keeps none', 1024 + 700, 3, true],
  ])('%s', async (_label, window, turns, mustDrop) => {
    const budget = promptBudget(window);
    const built = await buildMessages({ ...base, history: history(turns), budget });
    if (built.kind !== 'ok') throw new Error('expected ok');
    expect(built.droppedTurns > 0).toBe(mustDrop);
    const kept = turns - built.droppedTurns;
    expect(built.contextStartId).toBe(kept > 0 ? `u${built.droppedTurns}` : null);
    expect(built.messages).toHaveLength(2 + 2 * kept);
    expect(cost(built.messages)).toBeLessThanOrEqual(budget);
    expect(built.promptTokens).toBe(cost(built.messages));
    if (mustDrop) {
      // As many turns as fit: the next older one would have overflowed.
      const older = history(turns).slice(2 * (built.droppedTurns - 1), 2 * built.droppedTurns);
      const olderCost = cost(older.map((m) => ({ content: m.rawText ?? m.text })));
      expect(cost(built.messages) + olderCost).toBeGreaterThan(budget);
    }
  });

  it('never cuts the question: a question over the budget sends nothing', async () => {
    const question = '头'.repeat(3500);
    const built = await buildMessages({ ...base, question, history: history(2) });
    expect(built.kind).toBe('overflow');
    if (built.kind === 'overflow') expect(built.requiredTokens).toBeGreaterThan(built.budget);
  });

  it('sends a long question whole, dropping history and snippets to make room', async () => {
    const question = '头'.repeat(2500);
    const built = await buildMessages({
      ...base,
      question,
      history: history(3),
      snippets: [snippet('zh-a')],
    });
    if (built.kind !== 'ok') throw new Error('expected ok');
    expect(built.messages.at(-1)!.content).toBe(question);
    expect(built.droppedTurns).toBe(3);
    expect(cost(built.messages)).toBeLessThanOrEqual(base.budget);
  });

  it('cites snippets by id in the system prompt and reports which were sent', async () => {
    const built = await buildMessages({ ...base, snippets: [snippet('zh-fever'), snippet('zh-cough')] });
    if (built.kind !== 'ok') throw new Error('expected ok');
    expect(built.snippets.map((s) => s.id)).toEqual(['zh-fever', 'zh-cough']);
    expect(built.messages[0]!.content).toContain('[zh-fever]');
    expect(built.messages[0]!.content).toContain('[zh-cough]');
  });

  it('leaves out snippets beyond a third of the free budget', async () => {
    const long = snippet('zh-long', '这是一段很长的资料。'.repeat(120));
    const built = await buildMessages({ ...base, snippets: [snippet('zh-short'), long] });
    if (built.kind !== 'ok') throw new Error('expected ok');
    expect(built.snippets.map((s) => s.id)).toEqual(['zh-short']);
  });

  it('feeds the profile into the system prompt, in the conversation language', async () => {
    const built = await buildMessages({
      ...base,
      lang: 'en',
      question: 'Is this serious?',
      profile: { age: '34', sex: 'female', pregnancy: 'yes', allergies: 'penicillin', medications: '' },
    });
    if (built.kind !== 'ok') throw new Error('expected ok');
    const system = built.messages[0]!.content;
    expect(system).toContain('- Age: 34');
    expect(system).toContain('- Sex: female');
    expect(system).toContain('- Pregnant: yes');
    expect(system).toContain('- Allergies: penicillin');
    expect(system).not.toContain('Current medicines');
  });

  it('uses the model tokenizer when given one', async () => {
    // A tokenizer that counts every message as 100 tokens: only the newest turn fits in 450.
    const built = await buildMessages({
      ...base,
      history: history(4, 10),
      budget: 4 * (100 + MESSAGE_OVERHEAD_TOKENS) + 10,
      countTokens: async () => 100,
    });
    if (built.kind !== 'ok') throw new Error('expected ok');
    expect(built.droppedTurns).toBe(3);
  });
});

describe('system prompt rules', () => {
  it.each([
    ['zh', ['不做诊断', '尽快就医', '遵医嘱', '简洁', '目前无法确认，请咨询专业医生', '编号']],
    [
      'en',
      [
        'Do not diagnose',
        'seeing a doctor',
        "doctor's advice",
        'concise',
        "I can't be sure; please consult a doctor",
        'cite its id',
      ],
    ],
  ] as const)('%s template encodes the rules', (lang, phrases) => {
    const text = systemPrompt(lang, null, []);
    for (const phrase of phrases) expect(text).toContain(phrase);
  });
});

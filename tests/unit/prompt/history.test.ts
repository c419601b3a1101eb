import { describe, expect, it } from 'vitest';
import { fitHistory, toModelTurns, type HistoryMessage } from '$lib/prompt/history.ts';

const user = (id: string, text: string): HistoryMessage => ({ id, role: 'user', text });
const bot = (id: string, raw: string | undefined, shown = `${raw}\n\n以上内容仅供参考`): HistoryMessage => ({
  id,
  role: 'assistant',
  text: shown,
  rawText: raw,
});

describe('toModelTurns', () => {
  it('sends the raw answer back, never the displayed text', () => {
    const turns = toModelTurns([user('u1', '头痛怎么办'), bot('a1', '多休息。')]);
    expect(turns).toEqual([
      {
        firstMessageId: 'u1',
        messages: [
          { role: 'user', content: '头痛怎么办' },
          { role: 'assistant', content: '多休息。' },
        ],
      },
    ]);
  });

  it.each([
    ['a question with no answer', [user('u1', 'q1'), user('u2', 'q2'), bot('a2', 'r2')], ['u2']],
    [
      'an answer with no raw text',
      [user('u1', 'q1'), bot('a1', ''), user('u2', 'q2'), bot('a2', 'r2')],
      ['u2'],
    ],
    ['a trailing question', [user('u1', 'q1'), bot('a1', 'r1'), user('u2', 'q2')], ['u1']],
    ['an answer without a question', [bot('a0', 'r0'), user('u1', 'q1'), bot('a1', 'r1')], ['u1']],
  ])('leaves out %s', (_label, messages, ids) => {
    expect(toModelTurns(messages).map((t) => t.firstMessageId)).toEqual(ids);
  });

  it.each([
    ['interrupted', '多休息，', '多休息，\n\n（这个回答在这里被中断了，没有写完。）'],
    ['error', 'Rest and drink ', 'Rest and drink\n\n(This answer was cut off here and is incomplete.)'],
    ['streaming', '多休息', '多休息\n\n（这个回答在这里被中断了，没有写完。）'],
    ['complete', '多休息。', '多休息。'],
  ] as const)('an answer whose status is %s goes back %s', (status, raw, content) => {
    const turns = toModelTurns([user('u1', 'q'), { ...bot('a1', raw), status }]);
    expect(turns[0]?.messages[1]).toEqual({ role: 'assistant', content });
  });
});

describe('fitHistory', () => {
  const turns = (...costs: number[]) => costs.map((tokens, i) => ({ id: i, tokens }));

  it.each([
    ['everything fits', [10, 20, 30], 60, [0, 1, 2], 0],
    ['the oldest is dropped first', [10, 20, 30], 55, [1, 2], 1],
    ['only the newest fits', [10, 20, 30], 30, [2], 2],
    ['nothing fits', [10, 20, 30], 29, [], 3],
    ['no budget', [10], 0, [], 1],
    ['no history', [], 100, [], 0],
    // A small old turn is not kept across a gap: the model sees one unbroken stretch.
    ['no skipping over a big turn', [5, 50, 10], 20, [2], 2],
  ])('%s', (_label, costs, budget, keptIds, dropped) => {
    const result = fitHistory(turns(...costs), budget);
    expect(result.kept.map((t) => t.id)).toEqual(keptIds);
    expect(result.dropped).toBe(dropped);
  });
});

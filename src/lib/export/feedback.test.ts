import { describe, expect, it } from 'vitest';
import { FEEDBACK_FORMAT, collectFeedback, feedbackToJson } from './feedback.ts';
import type { Conversation, StoredMessage } from '$lib/storage/types.ts';

const profile = {} as Conversation['profile'];
const conv = (id: string): Conversation => ({
  id,
  title: id,
  lang: 'en',
  createdAt: 0,
  updatedAt: 0,
  profile,
});
const msg = (id: string, conversationId: string, patch: Partial<StoredMessage>): StoredMessage => ({
  id,
  conversationId,
  role: 'assistant',
  createdAt: 0,
  text: `answer ${id}`,
  status: 'complete',
  ...patch,
});

describe('collectFeedback', () => {
  const history = [
    {
      conversation: conv('c1'),
      messages: [
        msg('u1', 'c1', { role: 'user', text: 'Is ibuprofen safe?' }),
        msg('a1', 'c1', { feedback: { rating: 'up', at: 2000 }, modelId: 'qwen', citations: ['k1'] }),
        msg('u2', 'c1', { role: 'user', text: 'And with food?' }),
        msg('a2', 'c1', {}),
      ],
    },
    {
      conversation: conv('c2'),
      messages: [
        msg('a3', 'c2', {
          feedback: { rating: 'down', comment: '  wrong  ', at: 1000 },
          answeredBy: 'guide',
        }),
      ],
    },
  ];
  const data = collectFeedback(history, Date.UTC(2026, 0, 1));

  it('keeps only rated messages, oldest rating first, with counts', () => {
    expect(data.format).toBe(FEEDBACK_FORMAT);
    expect(data.items.map((i) => i.messageId)).toEqual(['a3', 'a1']);
    expect(data.counts).toEqual({ up: 1, down: 1 });
    expect(data.exportedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('pairs an answer with the question before it and trims comments', () => {
    expect(data.items[1]).toMatchObject({
      question: 'Is ibuprofen safe?',
      answer: 'answer a1',
      comment: null,
      modelId: 'qwen',
      answeredBy: 'model',
      citations: ['k1'],
    });
    // A rating of the built-in guide's answer says so: it is not a verdict on the model.
    expect(data.items[0]).toMatchObject({
      question: null,
      comment: 'wrong',
      rating: 'down',
      answeredBy: 'guide',
    });
  });

  it('serialises to JSON that parses back to the same data', () => {
    expect(JSON.parse(feedbackToJson(data))).toEqual(data);
  });
});

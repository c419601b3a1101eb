import { describe, expect, it } from 'vitest';
import { estimateTokens, modelCounter } from '$lib/prompt/tokens.ts';

describe('estimateTokens', () => {
  it.each([
    ['', 0],
    ['头痛', 2],
    ['发烧三天了。', 6],
    ['abc', 1],
    ['abcd', 2],
    ['120', 3],
    ['血压 140/90', 2 + 5 + Math.ceil(2 / 3)],
    ['I have a headache', Math.ceil(17 / 3)],
    ['café', 1 + 3],
    ['Привет', 6 * 3],
    ['👍', 4],
    ['👩‍⚕️', 4 + 3 + 3 + 3],
    ['𠀀痛', 4 + 1],
  ])('%j -> %i', (text, expected) => {
    expect(estimateTokens(text)).toBe(expected);
  });

  it('never counts fewer tokens than a byte-level tokenizer could need for emoji and rare characters', () => {
    const text = '😀👩‍⚕️ é'.repeat(100);
    expect(estimateTokens(text)).toBeGreaterThanOrEqual(new TextEncoder().encode(text).length);
  });

  it('counts at least one token per four English characters (over-counts on purpose)', () => {
    const text = 'The patient reports a mild fever and a sore throat since yesterday evening.';
    expect(estimateTokens(text)).toBeGreaterThanOrEqual(Math.ceil(text.length / 4));
  });
});

describe('modelCounter', () => {
  it.each([
    ['uses the exact count when the model answers', async (): Promise<number | null> => 7, 7],
    ['falls back to the estimate when no model is loaded', async (): Promise<number | null> => null, 2],
    [
      'falls back to the estimate when the tokenizer fails',
      async (): Promise<number | null> => {
        throw new Error('worker gone');
      },
      2,
    ],
  ] as const)('%s', async (_label, engineCount, expected) => {
    expect(await modelCounter(engineCount)('头痛')).toBe(expected);
  });
});

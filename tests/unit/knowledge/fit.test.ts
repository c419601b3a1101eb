import { describe, expect, it } from 'vitest';
import { fitSnippets, formatCitations, snippetPromptText } from '$lib/knowledge/index.ts';
import type { Snippet } from '$lib/knowledge/types.ts';

/** One token per character: easy to reason about in a test. */
const chars = (s: string) => Array.from(s).length;

function snip(id: string, text: string, title = id): Snippet {
  return { id, title, text, source: 'S', score: 1 };
}

const cost = (s: Snippet) => chars(snippetPromptText(s));

describe('fitSnippets', () => {
  const a = snip('a', 'First sentence. Second sentence, which is a good deal longer than the first.');
  const b = snip('b', 'A much longer body that goes on and on and on for quite a while.');
  const c = snip('c', 'Short.');

  it('keeps every snippet, in rank order, when the budget allows', () => {
    expect(fitSnippets([a, b, c], 10_000, chars)).toEqual([a, b, c]);
  });

  it('skips a snippet that would overflow but keeps a later one that fits', () => {
    const budget = cost(a) + cost(c);
    expect(fitSnippets([a, b, c], budget, chars).map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('never returns more tokens than the budget', () => {
    for (let budget = 0; budget < cost(a) + cost(b) + cost(c) + 5; budget += 3) {
      const fitted = fitSnippets([a, b, c], budget, chars);
      expect(fitted.reduce((n, s) => n + cost(s), 0)).toBeLessThanOrEqual(budget);
    }
  });

  it('cuts the best snippet at a sentence end, and says so, only when none fits whole', () => {
    const budget = Math.min(cost(a), cost(b)) - 1;
    const [cut, ...rest] = fitSnippets([a, b], budget, chars);
    expect(rest).toEqual([]);
    expect(cut?.id).toBe('a');
    expect(cut?.text).toBe('First sentence. (excerpt, truncated)');
    expect(cost(cut!)).toBeLessThanOrEqual(budget);
  });

  it('marks a cut Chinese snippet in Chinese', () => {
    const zh = snip('zh', '第一句话。第二句话比较长一些，后面还有更多的说明文字。');
    const [cut] = fitSnippets([zh], cost(zh) - 3, chars);
    expect(cut?.text).toBe('第一句话。（节选，全文未列出）');
  });

  it('cuts inside the first sentence when even that does not fit', () => {
    const long = snip('l', 'One very long sentence without any stop at all');
    const budget = cost(long) - 10;
    const [cut] = fitSnippets([long], budget, chars);
    expect(cut?.text.startsWith('One very long')).toBe(true);
    expect(cut?.text.endsWith('(excerpt, truncated)')).toBe(true);
    expect(cost(cut!)).toBeLessThanOrEqual(budget);
  });

  it('returns nothing when the budget cannot hold even a header, or there is nothing to fit', () => {
    expect(fitSnippets([a], 3, chars)).toEqual([]);
    expect(fitSnippets([], 100, chars)).toEqual([]);
  });
});

describe('formatCitations', () => {
  it('numbers cited entries once each, with title and source', () => {
    const s = [snip('x', '', 'Gout'), snip('y', '', 'Fever'), snip('x', '', 'Gout')];
    expect(formatCitations(s)).toEqual(['[1] Gout — S', '[2] Fever — S']);
  });
});

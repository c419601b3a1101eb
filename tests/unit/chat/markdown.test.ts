import { describe, expect, it } from 'vitest';
import { BlockSplitter } from '$lib/markdown/blocks.ts';
import { markdownToHtml } from '$lib/markdown/html.ts';

/** Feeds text one character at a time and collects every finished block plus the final tail. */
function stream(text: string): { blocks: string[]; tail: string } {
  const splitter = new BlockSplitter();
  const blocks: string[] = [];
  let tail = '';
  for (let i = 1; i <= text.length; i++) {
    const out = splitter.push(text.slice(0, i));
    blocks.push(...out.finished);
    tail = out.tail;
  }
  return { blocks, tail };
}

describe('BlockSplitter', () => {
  it.each([
    ['one paragraph stays open', 'Hello world', [], 'Hello world'],
    ['a blank line alone does not finish (the next line must start)', 'One.\n\n', [], 'One.\n\n'],
    ['two paragraphs', 'One.\n\nTwo.', ['One.\n\n'], 'Two.'],
    ['three paragraphs', 'A\n\nB\n\nC', ['A\n\n', 'B\n\n'], 'C'],
    [
      'a blank line inside a code fence does not split',
      '```\na\n\nb\n```\n\nAfter',
      ['```\na\n\nb\n```\n\n'],
      'After',
    ],
    ['a tilde fence too', '~~~\na\n\nb', [], '~~~\na\n\nb'],
    [
      'an indented continuation stays with its list item',
      '1. One\n\n   more\n\nNext',
      ['1. One\n\n   more\n\n'],
      'Next',
    ],
    ['several blank lines are one boundary', 'A\n\n\n\nB', ['A\n\n\n\n'], 'B'],
  ])('%s', (_label, text, blocks, tail) => {
    expect(stream(text)).toEqual({ blocks, tail });
  });

  it('joins back to the whole text: nothing is lost or repeated', () => {
    const text = '# Title\n\nPara one\nline two\n\n- a\n- b\n\n```js\nx\n\ny\n```\n\nLast';
    const { blocks, tail } = stream(text);
    expect(blocks.join('') + tail).toBe(text);
  });

  it('starts over when the text is not a continuation', () => {
    const splitter = new BlockSplitter();
    splitter.push('A\n\nB');
    const out = splitter.push('X\n\nY');
    expect(out).toEqual({ finished: ['X\n\n'], tail: 'Y', restarted: true });
  });
});

describe('markdownToHtml', () => {
  it.each([
    ['raw HTML is shown as text', '<img src=x onerror=alert(1)>', '&#60;img src=x onerror=alert(1)&#62;'],
    [
      'a script tag is shown as text',
      '<script>alert(1)</script>',
      '&#60;script&#62;alert(1)&#60;/script&#62;',
    ],
    ['inline HTML is shown as text', 'a <b onclick="x()">b</b>', '&#60;b onclick=&#34;x()&#34;&#62;'],
    ['an image becomes its alt text', '![chart](http://evil.example/x.png)', '<p>chart</p>'],
    [
      'a link becomes inert text with its address',
      '[see](https://example.com)',
      '<span class="md-link">see</span> (https://example.com)',
    ],
    ['a heading becomes a bold paragraph', '# Care', '<p class="md-heading"><strong>Care</strong></p>'],
    ['emphasis and lists render', '**rest**\n\n- water', '<strong>rest</strong>'],
  ])('%s', (_label, md, expected) => {
    expect(markdownToHtml(md)).toContain(expected);
  });

  it.each([/<img/, /<script/, /<iframe/, /<a[\s>]/, /<[^>]*\s(src|href|on\w+)=/])(
    'never emits %s',
    (pattern) => {
      const md =
        '<img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\n<iframe src="https://x"></iframe>\n\n' +
        '![a](https://x/y.png) [l](javascript:alert(1)) https://auto.example';
      expect(markdownToHtml(md)).not.toMatch(pattern);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { isHanUnigram, tokenize } from '$lib/knowledge/tokenize.ts';

describe('tokenize', () => {
  it.each([
    [
      'Chinese runs become bigrams then unigrams',
      '头痛发热',
      ['头痛', '痛发', '发热', '头', '痛', '发', '热'],
    ],
    ['Chinese function characters are dropped as unigrams but kept inside bigrams', '我的', ['我的']],
    ['English is lower-cased and stemmed', 'Fevers Vomiting', ['fever', 'vomit']],
    ['English stop words are dropped', 'what is the maximum dose', ['maximum', 'dose']],
    ['numbers are kept', 'fever of 39 degrees', ['fever', '39', 'degre']],
    ['possessives lose their s', "child's fever", ['child', 'fever']],
    [
      'mixed text keeps both scripts in order',
      '布洛芬 ibuprofen',
      ['布洛', '洛芬', '布', '洛', '芬', 'ibuprofen'],
    ],
    ['full-width Latin is normalised', 'ＣＰＲ', ['cpr']],
    ['punctuation and emoji are ignored', '发烧!!!🙂', ['发烧', '发', '烧']],
    ['blank text has no terms', '   ', []],
  ])('%s', (_label, input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

  it('tells single Han characters from other terms', () => {
    expect(isHanUnigram('痛')).toBe(true);
    expect(isHanUnigram('头痛')).toBe(false);
    expect(isHanUnigram('a')).toBe(false);
  });
});

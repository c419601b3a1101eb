import { describe, expect, it } from 'vitest';
import {
  isHanUnigram,
  queryCoverage,
  tokenize,
  tokenizeQuery,
  tokenizeWith,
} from '$lib/knowledge/tokenize.ts';

describe('tokenize', () => {
  it.each([
    [
      'Chinese runs become bigrams then unigrams',
      '头痛发热',
      ['头痛', '痛发', '发热', '头', '痛', '发', '热'],
    ],
    ['Chinese function characters are dropped as unigrams but kept inside bigrams', '有的', ['有的']],
    ['the pairs that only make a question are dropped', '发烧怎么办', ['发烧', '烧怎', '发', '烧']],
    [
      'English words are lower-cased and joined by their marked stem',
      'Fevers Vomiting',
      ['fevers', 'fever~', 'vomiting', 'vomit~'],
    ],
    ['a word that is its own stem is not repeated', 'cough', ['cough']],
    ['English stop words are dropped', 'what is the maximum dose', ['maximum', 'dose']],
    ['numbers are kept', 'fever of 39 degrees', ['fever', '39', 'degrees', 'degre~']],
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

describe('tokenizeWith', () => {
  it.each([
    ['Porter stem only', { unigrams: true, stem: 'porter' as const }, 'burning fevers', ['burn', 'fever']],
    ['no stemming', { unigrams: true, stem: 'none' as const }, 'burning fevers', ['burning', 'fevers']],
    ['bigrams only', { unigrams: false, stem: 'both' as const }, '头痛发热', ['头痛', '痛发', '发热']],
    ['bigrams only, one-character run', { unigrams: false, stem: 'both' as const }, '痛', ['痛']],
  ])('%s', (_label, options, input, expected) => {
    expect(tokenizeWith(input, options)).toEqual(expected);
  });
});

describe('tokenizeQuery', () => {
  const known = new Set(['头痛', '发烧']);
  const isKnown = (b: string) => known.has(b);

  it.each([
    ['keeps only bigrams when every character is in a known bigram', '头痛发烧', ['头痛', '痛发', '发烧']],
    ['adds single characters no known bigram covers', '头疼发烧', ['头疼', '疼发', '发烧', '头', '疼']],
    ['drops function characters even when uncovered', '我头疼', ['我头', '头疼', '头', '疼']],
    ['treats English like tokenize()', 'Burning', ['burning', 'burn~']],
  ])('%s', (_label, input, expected) => {
    expect(tokenizeQuery(input, isKnown)).toEqual(expected);
  });
});

describe('queryCoverage', () => {
  it.each([
    ['a matched bigram covers both its characters', '牙齿矫正', ['牙齿'], 0.5],
    ['a lone matched character counts half', '头疼', ['头'], 0.25],
    ['function characters and framing words do not count', '我最近总是失眠怎么办', ['失眠'], 1],
    [
      'an English word counts once, matched as written or by its stem',
      'burning chest pain',
      ['burn~', 'chest'],
      2 / 3,
    ],
    ['stop words do not count', 'how do I sleep', ['sleep'], 1],
    ['nothing to cover is no coverage', '的了吗', [], 0],
  ])('%s', (_label, text, matched, expected) => {
    expect(queryCoverage(text, new Set(matched))).toBeCloseTo(expected, 5);
  });
});

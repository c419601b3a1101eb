import { describe, expect, it } from 'vitest';
import { extractAnswer, type ExtractionReason } from '$lib/eval/extract.ts';
import type { OptionLetter } from '$lib/eval/types.ts';

const zhOptions = { A: '立即拨打急救电话', B: '多喝水,注意休息', C: '自行服用抗生素', D: '等待一周再看' };
const enOptions = {
  A: 'Call emergency services now',
  B: 'Rest and drink fluids',
  C: 'Take antibiotics',
  D: 'Fever',
};

type Row = [reply: string, letter: OptionLetter | null, reason: ExtractionReason];

describe('extractAnswer reads the styles models answer in', () => {
  const rows: Row[] = [
    ['答案:B', 'B', 'letter'],
    ['答案：B', 'B', 'letter'],
    ['答案是 B', 'B', 'letter'],
    ['正确答案为(C)', 'C', 'letter'],
    ['选B', 'B', 'letter'],
    ['应选 D,因为……', 'D', 'letter'],
    ['The answer is (b)', 'B', 'letter'],
    ['The answer is (B).', 'B', 'letter'],
    ['Answer: C', 'C', 'letter'],
    ['the correct option is d', 'D', 'letter'],
    ['B.', 'B', 'letter'],
    ['B. Rest and drink fluids', 'B', 'letter'],
    ['B、多喝水', 'B', 'letter'],
    ['B 多喝水,注意休息', 'B', 'letter'],
    ['(A)', 'A', 'letter'],
    ['**B**', 'B', 'letter'],
    ['我的选择是 **C. 自行服用抗生素**', 'C', 'letter'],
    ['B', 'B', 'letter'],
    ['b', 'B', 'letter'],
    [' Ｃ ', 'C', 'letter'],
    ['<think>A or B?</think>答案:B', 'B', 'letter'],
    ['The answer is B. B is right because rest helps.', 'B', 'letter'],
    ['答案：（B）', 'B', 'letter'],
    ['**答案:D**', 'D', 'letter'],
    ['Answer: **C**', 'C', 'letter'],
    ['I choose C.', 'C', 'letter'],
    ['C) Take antibiotics', 'C', 'letter'],
    ['选项 C 正确', 'C', 'letter'],
    ['立即拨打急救电话', 'A', 'option-text'],
    ['I would rest and drink fluids.', 'B', 'option-text'],
  ];
  it.each(rows)('%j -> %s (%s)', (reply, letter, reason) => {
    const options = /[\u4e00-\u9fff]/.test(reply) ? zhOptions : enOptions;
    expect(extractAnswer(reply, options)).toEqual({ letter, reason });
  });
});

describe('extractAnswer refuses to guess', () => {
  const rows: Row[] = [
    ['', null, 'none'],
    ['   ', null, 'none'],
    ['I am not sure, please see a doctor.', null, 'none'],
    ['A patient with these symptoms should be seen.', null, 'none'],
    ['The answer is a tricky one.', null, 'none'],
    ['答案:AB', null, 'ambiguous'],
    ['答案是A或C', null, 'ambiguous'],
    ['The answer is A or B', null, 'ambiguous'],
    ['答案:B。不对,答案是C', null, 'ambiguous'],
    ['B. Actually the answer is D', null, 'ambiguous'],
    ['答案:E', null, 'not-an-option'],
  ];
  it.each(rows)('%j -> unparseable (%s)', (reply, letter, reason) => {
    expect(extractAnswer(reply, /[\u4e00-\u9fff]/.test(reply) ? zhOptions : enOptions)).toEqual({
      letter,
      reason,
    });
  });

  it('treats a reply quoting two options as ambiguous', () => {
    expect(extractAnswer('Rest and drink fluids, or take antibiotics', enOptions)).toEqual({
      letter: null,
      reason: 'ambiguous',
    });
  });

  it('prefers the longer option when one option text contains another', () => {
    const options = { A: 'fever', B: 'high fever', C: 'cough' };
    expect(extractAnswer('It is a high fever.', options)).toEqual({ letter: 'B', reason: 'option-text' });
  });
});

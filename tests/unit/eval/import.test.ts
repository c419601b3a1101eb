import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCmexam } from '$lib/eval/cmexam.ts';
import { importQuestionFile } from '$lib/eval/import.ts';
import { parseMedQa } from '$lib/eval/medqa.ts';
import { parseQuestionSet } from '$lib/eval/questions.ts';
import type { RowError } from '$lib/eval/types.ts';
import { describeProblem } from '$lib/eval/validate.ts';

/** Errors as sentences, so a table row reads like what a user is told. */
function readable(errors: RowError[]) {
  return errors.map((e) => ({ row: e.row, message: describeProblem(e.problem) }));
}

describe('the built-in question set', () => {
  const text = readFileSync(new URL('../../../src/lib/eval/data/questions.jsonl', import.meta.url), 'utf8');
  const { items, errors } = parseQuestionSet(text);

  it('parses without errors and has at least 60 items in both languages', () => {
    expect(errors).toEqual([]);
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(items.filter((i) => i.lang === 'zh').length).toBeGreaterThanOrEqual(30);
    expect(items.filter((i) => i.lang === 'en').length).toBeGreaterThanOrEqual(30);
  });

  it('spreads the key over the letters, so answering one letter cannot score well', () => {
    for (const letter of ['A', 'B', 'C', 'D'] as const) {
      expect(items.filter((i) => i.answer === letter).length / items.length).toBeLessThan(0.35);
    }
  });
});

describe('own JSONL format: row errors', () => {
  const good = (id: string) =>
    JSON.stringify({
      id,
      lang: 'en',
      category: 'triage',
      question: 'Q?',
      options: { A: 'x', B: 'y' },
      answer: 'B',
    });
  it.each([
    ['{not json', 'not valid JSON'],
    ['[1,2]', 'not a JSON object'],
    [
      JSON.stringify({ lang: 'en', category: 'c', question: 'q', options: { A: 'x', B: 'y' }, answer: 'A' }),
      'id is missing',
    ],
    [
      JSON.stringify({
        id: 'x',
        lang: 'fr',
        category: 'c',
        question: 'q',
        options: { A: 'x', B: 'y' },
        answer: 'A',
      }),
      'lang "fr" is not "zh" or "en"',
    ],
    [
      JSON.stringify({ id: 'x', lang: 'en', category: 'c', question: 'q', options: { A: 'x' }, answer: 'A' }),
      'fewer than two options',
    ],
    [
      JSON.stringify({
        id: 'x',
        lang: 'en',
        category: 'c',
        question: 'q',
        options: { A: 'x', Z: 'y' },
        answer: 'A',
      }),
      'option key "Z" is not one of A, B, C, D, E, F',
    ],
    [
      JSON.stringify({
        id: 'x',
        lang: 'en',
        category: 'c',
        question: 'q',
        options: { A: 'x', B: 'y' },
        answer: 'C',
      }),
      'the answer C is not among the options',
    ],
    [good('dup'), 'duplicate id "dup"'],
  ])('line 3 %s -> %s', (badLine, message) => {
    const { items, errors } = parseQuestionSet([good('dup'), '', badLine, good('ok')].join('\n'));
    expect(readable(errors)).toEqual([{ row: 3, message }]);
    expect(items.map((i) => i.id)).toEqual(['dup', 'ok']);
  });
});

describe('MedQA JSONL', () => {
  const row = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      question: 'A 23-year-old woman has burning on urination. Which is the most likely cause?',
      answer: 'Escherichia coli',
      options: { A: 'Staphylococcus aureus', B: 'Escherichia coli', C: 'Candida', D: 'Proteus' },
      meta_info: 'step2&3',
      answer_idx: 'B',
      ...over,
    });

  it('reads valid rows with meta_info as the category', () => {
    const { items, errors } = parseMedQa(row());
    expect(errors).toEqual([]);
    expect(items).toEqual([
      expect.objectContaining({ id: 'medqa-1', lang: 'en', category: 'step2&3', answer: 'B' }),
    ]);
  });

  it('reports each malformed row by line and keeps the valid ones', () => {
    const text = [
      row(),
      row({ answer_idx: 'E' }),
      row({ answer: 'Candida' }),
      row({ options: 'A. x B. y' }),
      '{"question": "truncated',
      row({ question: '' }),
      row({ answer_idx: undefined }),
      row({
        question: '女，23岁，尿痛。最可能的病原体是？',
        options: { A: '大肠埃希菌', B: '念珠菌' },
        answer: '大肠埃希菌',
        answer_idx: 'A',
      }),
    ].join('\n');
    const { items, errors } = parseMedQa(text);
    expect(readable(errors)).toEqual([
      { row: 2, message: 'the answer E is not among the options' },
      { row: 3, message: 'answer "Candida" does not match option B' },
      { row: 4, message: 'options must be an object like {"A": "...", "B": "..."}' },
      { row: 5, message: 'not valid JSON' },
      { row: 6, message: 'question is missing' },
      { row: 7, message: 'answer_idx is missing' },
    ]);
    expect(items.map((i) => [i.id, i.lang])).toEqual([
      ['medqa-1', 'en'],
      ['medqa-8', 'zh'],
    ]);
  });
});

describe('CMExam CSV', () => {
  const header = 'Question,Options,Answer,Explanation,Clinical Department';
  const ok =
    '"患者发热、咳嗽3天,首选的检查是","A 血常规\nB 头颅CT\nC 骨密度\nD 胃镜",A,血常规可初步判断感染类型,内科';

  it('reads quoted multi-line Options cells and the category column', () => {
    const { items, errors } = parseCmexam(`${header}\n${ok}\n`);
    expect(errors).toEqual([]);
    expect(items).toEqual([
      {
        id: 'cmexam-2',
        lang: 'zh',
        category: '内科',
        question: '患者发热、咳嗽3天,首选的检查是',
        options: { A: '血常规', B: '头颅CT', C: '骨密度', D: '胃镜' },
        answer: 'A',
        explanation: '血常规可初步判断感染类型',
      },
    ]);
  });

  it('reports malformed rows with their spreadsheet row number and keeps valid rows', () => {
    const text = [
      header,
      ok,
      '"多选题","A 甲\nB 乙\nC 丙",AC,,内科',
      '"答案不在选项中","A 甲\nB 乙",D,,内科',
      ',"A 甲\nB 乙",A,,内科',
      '"选项格式不对","甲、乙、丙",A,,内科',
      '"缺答案","A 甲\nB 乙",,,内科',
      ok,
    ].join('\n');
    const { items, errors } = parseCmexam(text);
    expect(errors[0]).toEqual({ row: 3, problem: { code: 'multipleAnswers', answer: 'AC' } });
    expect(readable(errors)).toEqual([
      { row: 3, message: 'the answer "AC" has several letters; only single-answer questions are supported' },
      { row: 4, message: 'the answer D is not among the options' },
      { row: 5, message: 'Question is missing' },
      { row: 6, message: 'option line "甲、乙、丙" is not "A text"' },
      { row: 7, message: 'Answer is missing' },
    ]);
    expect(items.map((i) => i.id)).toEqual(['cmexam-2', 'cmexam-8']);
  });

  it('reports a row with the wrong number of fields', () => {
    const { items, errors } = parseCmexam(`${header}\n${ok}\n"只有两列","A 甲\nB 乙"\n`);
    expect(items).toHaveLength(1);
    expect(errors).toEqual([
      { row: 3, problem: { code: 'csvStructure', detail: expect.stringMatching(/too few fields/i) } },
    ]);
  });

  it('names the missing columns when the file is not CMExam', () => {
    expect(parseCmexam('name,age\nx,1\n')).toEqual({
      items: [],
      errors: [{ row: 1, problem: { code: 'missingColumns', columns: ['Question', 'Options', 'Answer'] } }],
    });
  });
});

describe('importQuestionFile picks the format', () => {
  it.each([
    ['set.csv', 'Question,Options,Answer\n"q","A x\nB y",B\n', 'cmexam'],
    ['US_test.jsonl', '{"question":"q","options":{"A":"x","B":"y"},"answer":"y","answer_idx":"B"}', 'medqa'],
    [
      'mine.jsonl',
      '{"id":"1","lang":"en","category":"c","question":"q","options":{"A":"x","B":"y"},"answer":"B"}',
      'own',
    ],
  ])('%s -> %s', (name, text, format) => {
    const r = importQuestionFile(name, text);
    expect(r.format).toBe(format);
    expect(r.errors).toEqual([]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]?.answer).toBe('B');
  });
});

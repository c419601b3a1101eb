/**
 * The built-in guide's answers without a model: what it quotes, when it declines, and floors under its
 * figures on the labelled and the out-of-scope questions (the bench prints them: 91.6% answered, 87.4% of
 * those with the right entry first, 90.0% of out-of-scope declined, when these floors were set).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeIndex, loadBuiltinEntries, type Snippet } from '$lib/knowledge/index.ts';
import { composeGuideAnswer, GUIDE_WORDING, matchStrength } from '$lib/knowledge/guide/answer.ts';
import { guideReport, type UnanswerableQuery } from '$lib/knowledge/recall/guide.ts';
import type { LabelledQuery } from '$lib/knowledge/recall/recall.ts';
import queryData from '$lib/knowledge/recall/queries.json';
import outOfScopeData from '$lib/knowledge/recall/unanswerable.json';

let index: KnowledgeIndex;
beforeAll(async () => {
  index = KnowledgeIndex.fromEntries(await loadBuiltinEntries());
});

const snippet = (over: Partial<Snippet>): Snippet => ({
  id: 'zh-x',
  title: '失眠：怎样睡得更好',
  text: '固定时间起床。睡前一小时不看手机。白天少睡。卧室保持安静。如果失眠超过三个月或白天很难坚持，请去医院就诊。',
  source: '中国成人失眠诊断与治疗指南',
  score: 100,
  coverage: 0.6,
  ...over,
});

describe('composeGuideAnswer', () => {
  it('labels the answer as the built-in guide, quotes the summary, the when-to-see-a-doctor advice and the source', () => {
    const answer = composeGuideAnswer([snippet({})], 'zh');
    expect(answer.kind).toBe('matched');
    expect(answer.text.split('\n')[0]).toBe(`*${GUIDE_WORDING.zh.label}*`);
    expect(answer.text).toContain('**失眠：怎样睡得更好**');
    // Three summary sentences, then the doctor sentence under its own heading, not among them.
    expect(answer.text).toContain('固定时间起床。睡前一小时不看手机。白天少睡。\n');
    expect(answer.text).not.toContain('卧室保持安静');
    expect(answer.text).toContain('**什么时候去看医生**：如果失眠超过三个月或白天很难坚持，请去医院就诊。');
    expect(answer.text).toContain('来源：中国成人失眠诊断与治疗指南');
    expect(answer.kind === 'matched' && answer.entryIds).toEqual(['zh-x']);
  });

  it('falls back to general advice to see a doctor when the entry has no such sentence', () => {
    const answer = composeGuideAnswer(
      [
        snippet({
          id: 'en-x',
          title: 'Sleep',
          text: 'Keep regular hours. Avoid screens at night.',
          source: 'NHS',
        }),
      ],
      'en',
    );
    expect(answer.text).toContain(`**When to see a doctor**: ${GUIDE_WORDING.en.seeDoctorDefault}`);
    expect(answer.text).toContain('Keep regular hours. Avoid screens at night.');
  });

  it('keeps a decimal inside its sentence', () => {
    const answer = composeGuideAnswer(
      [
        snippet({
          id: 'en-x',
          title: 'Fever',
          text: 'A temperature of 37.5 or more is a fever. Rest.',
          source: 'NHS',
        }),
      ],
      'en',
    );
    expect(answer.text).toContain('A temperature of 37.5 or more is a fever. Rest.');
  });

  it('declines, advising a doctor, when the best entry matches too little of the question', () => {
    const weak = snippet({ score: 80, coverage: 0.2 });
    expect(matchStrength(weak)).toBeLessThan(GUIDE_WORDING.minStrength);
    const answer = composeGuideAnswer([weak], 'zh');
    expect(answer).toEqual({
      kind: 'noMatch',
      text: `*${GUIDE_WORDING.zh.label}*\n\n${GUIDE_WORDING.zh.noMatch}`,
      body: GUIDE_WORDING.zh.noMatch,
    });
    expect(composeGuideAnswer([], 'en').kind).toBe('noMatch');
  });

  it('quotes a second entry only when it matches nearly as well as the first', () => {
    const first = snippet({ id: 'a', score: 100 });
    const close = snippet({ id: 'b', title: '第二条', score: 80 });
    const far = snippet({ id: 'c', title: '第三条', score: 40 });
    expect(composeGuideAnswer([first, close], 'zh')).toMatchObject({ entryIds: ['a', 'b'] });
    expect(composeGuideAnswer([first, far], 'zh')).toMatchObject({ entryIds: ['a'] });
  });

  it('answers routine questions from the real entries in both languages', () => {
    const zh = composeGuideAnswer(index.search('我最近总是失眠怎么办', { lang: 'zh', limit: 3 }), 'zh');
    expect(zh).toMatchObject({ kind: 'matched', entryIds: expect.arrayContaining(['zh-chr-insomnia']) });
    const en = composeGuideAnswer(
      index.search('I keep waking up at night and cannot sleep', { lang: 'en', limit: 3 }),
      'en',
    );
    expect(en).toMatchObject({ kind: 'matched', entryIds: expect.arrayContaining(['en-chr-insomnia']) });
  });
});

describe('guide figures', () => {
  it('quotes at least 88% of labelled questions, the right entry first in 84% of those, and declines 85% of out-of-scope ones', () => {
    const r = guideReport(index, queryData as LabelledQuery[], outOfScopeData as UnanswerableQuery[]);
    expect(r.answered / r.labelled).toBeGreaterThanOrEqual(0.88);
    expect(r.answeredRight / r.answered).toBeGreaterThanOrEqual(0.84);
    expect(r.declined / r.unanswerable).toBeGreaterThanOrEqual(0.85);
  });
});

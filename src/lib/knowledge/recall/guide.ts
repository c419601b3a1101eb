/**
 * How the built-in guide decides to answer: on the labelled questions (which the knowledge base covers) it
 * should quote, and quote the right entry; on out-of-scope questions (unanswerable.json: bicycles, weather,
 * pets, cosmetic procedures, greetings) it should say it has nothing close enough. Shared by the bench, which
 * prints the figures, and the unit test, which holds floors under them.
 */
import type { KnowledgeIndex } from '../search.ts';
import { composeGuideAnswer, type GuideWording, GUIDE_WORDING } from '../guide/answer.ts';
import type { LabelledQuery } from './recall.ts';
import type { Lang } from '../types.ts';

/** An out-of-scope question; zh-TW is searched as Chinese (entries are Simplified, search converts). */
export interface UnanswerableQuery {
  lang: Lang | 'zh-TW';
  q: string;
}

export interface GuideReport {
  /** Labelled questions the guide quoted an entry for, and of those, how many quoted an expected entry first. */
  answered: number;
  answeredRight: number;
  labelled: number;
  /** Out-of-scope questions it declined, of how many. */
  declined: number;
  unanswerable: number;
  /** Out-of-scope questions it answered anyway, with the entry it quoted. */
  wronglyAnswered: { q: string; got: string }[];
}

const searchLang = (lang: Lang | 'zh-TW'): Lang => (lang === 'en' ? 'en' : 'zh');

export function guideReport(
  index: KnowledgeIndex,
  labelled: readonly LabelledQuery[],
  outOfScope: readonly UnanswerableQuery[],
  wording: GuideWording = GUIDE_WORDING,
): GuideReport {
  let answered = 0;
  let answeredRight = 0;
  for (const { lang, q, expected } of labelled) {
    const answer = composeGuideAnswer(index.search(q, { lang, limit: 3 }), lang, wording);
    if (answer.kind !== 'matched') continue;
    answered++;
    if (expected.includes(answer.entryIds[0]!)) answeredRight++;
  }
  const wronglyAnswered: GuideReport['wronglyAnswered'] = [];
  for (const { lang, q } of outOfScope) {
    const l = searchLang(lang);
    const answer = composeGuideAnswer(index.search(q, { lang: l, limit: 3 }), l, wording);
    if (answer.kind === 'matched') wronglyAnswered.push({ q, got: answer.entryIds.join(', ') });
  }
  return {
    answered,
    answeredRight,
    labelled: labelled.length,
    declined: outOfScope.length - wronglyAnswered.length,
    unanswerable: outOfScope.length,
    wronglyAnswered,
  };
}

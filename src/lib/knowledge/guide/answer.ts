/**
 * An answer composed from the knowledge base alone, for when no model can answer (none chosen yet, still
 * downloading, a device that can run none, an engine that failed). Deterministic and pure: the same question
 * and entries always give the same text, in Node as in the browser.
 *
 * It quotes the guidance rather than writing new advice: a few plain sentences of what the entry says, its
 * "when to see a doctor" sentences, and its source. When the best entry matches too little of the question,
 * it says so and advises a doctor instead of showing a weak match.
 */
import type { Lang } from '../../lang.ts';
import type { Snippet } from '../types.ts';
import wordingData from './wording.json' with { type: 'json' };

interface LangWording {
  label: string;
  whenToSeeDoctor: string;
  seeDoctorDefault: string;
  source: string;
  noMatch: string;
  /** Words that mark a sentence as advice on when to get care. */
  doctorCues: string[];
}

export interface GuideWording {
  /** Least match strength (BM25 score × coverage of the question) for an entry to be quoted. */
  minStrength: number;
  /** A second entry is quoted too when its strength is at least this share of the first's. */
  secondEntryShare: number;
  /** Sentences of each entry quoted before its "when to see a doctor" part. */
  summarySentences: number;
  zh: LangWording;
  en: LangWording;
}

export const GUIDE_WORDING: GuideWording = wordingData;

/**
 * `text` is what to show (before post-processing): the label saying where it comes from, then `body`, the
 * quoted guidance alone (what a model later sees of this turn, without a label it might learn to imitate).
 */
export type GuideAnswer =
  | { kind: 'matched'; text: string; body: string; entryIds: string[] }
  | { kind: 'noMatch'; text: string; body: string };

/**
 * How well a snippet answers the question: its score, scaled by how much of the question it accounts for.
 * Neither is enough alone: a long question scores high on function words, and a one-word match covers a
 * short question whole.
 */
export function matchStrength(snippet: Snippet): number {
  return snippet.score * (snippet.coverage ?? 0);
}

/**
 * Sentences, each keeping its closing punctuation. English ones end at a full stop followed by a space, so a
 * decimal ("37.5") stays inside its sentence.
 */
function sentences(text: string, lang: Lang): string[] {
  const parts = lang === 'zh' ? text.split(/(?<=[。！？!?])/) : text.split(/(?<=[.!?])\s+/);
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

function isDoctorAdvice(sentence: string, cues: readonly string[]): boolean {
  const lower = sentence.toLowerCase();
  return cues.some((cue) => lower.includes(cue));
}

function quoteEntry(snippet: Snippet, lang: Lang, w: GuideWording): string {
  const words = w[lang];
  const all = sentences(snippet.text, lang);
  const advice = all.filter((s) => isDoctorAdvice(s, words.doctorCues));
  const summary = all.filter((s) => !advice.includes(s)).slice(0, w.summarySentences);
  const join = (parts: string[]) => parts.join(lang === 'zh' ? '' : ' ');
  const colon = lang === 'zh' ? '：' : ': ';
  return [
    `**${snippet.title}**`,
    join(summary),
    `**${words.whenToSeeDoctor}**${colon}${advice.length ? join(advice) : words.seeDoctorDefault}`,
    `${words.source}${colon}${snippet.source}`,
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/**
 * The guide's answer to a question, from its retrieved snippets (best first).
 * @param lang the language to answer in; entries of that language are expected
 */
export function composeGuideAnswer(
  snippets: readonly Snippet[],
  lang: Lang,
  wording: GuideWording = GUIDE_WORDING,
): GuideAnswer {
  const words = wording[lang];
  const [first, second] = snippets;
  const strength = first ? matchStrength(first) : 0;
  const label = `*${words.label}*`;
  if (!first || strength < wording.minStrength) {
    return { kind: 'noMatch', text: `${label}\n\n${words.noMatch}`, body: words.noMatch };
  }
  const quoted = [first];
  if (second && matchStrength(second) >= Math.max(wording.minStrength, strength * wording.secondEntryShare)) {
    quoted.push(second);
  }
  const body = quoted.map((s) => quoteEntry(s, lang, wording)).join('\n\n');
  return { kind: 'matched', text: `${label}\n\n${body}`, body, entryIds: quoted.map((s) => s.id) };
}

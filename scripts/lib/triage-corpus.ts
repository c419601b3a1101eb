/**
 * The triage corpus (tests/corpus/triage): loading it and scoring the emergency layer on it as a
 * classifier. Shared by `npm run bench safety` (which prints the figures) and the unit tests (which hold
 * the dev part to its floor and the held-out part to its frozen digest).
 *
 * Scoring, per message kind:
 * - acute: a miss unless triage says 'emergency' AND names the message's category. "Flagged" (any
 *   emergency) is reported too, since a card with another category still gives the numbers.
 * - benign and general: a false alarm when triage says 'emergency'; 'urgent' is counted separately.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EmergencyCategory, TriageResult } from '../../src/lib/safety/types.ts';

export type CorpusLang = 'zh' | 'zh-TW' | 'en';
export type CorpusKind = 'acute' | 'benign' | 'general';

export interface CorpusMessage {
  id: string;
  kind: CorpusKind;
  category?: EmergencyCategory;
  lang: CorpusLang;
  text: string;
}

export type CorpusPart = 'dev' | 'heldout';

export function corpusPath(part: CorpusPart): string {
  return fileURLToPath(new URL(`../../tests/corpus/triage/${part}.jsonl`, import.meta.url));
}

export function loadCorpus(part: CorpusPart): CorpusMessage[] {
  return readFileSync(corpusPath(part), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusMessage);
}

export interface Tally {
  total: number;
  hit: number;
}

export interface CorpusScore {
  /** Acute messages caught with the right category, per language and per category. */
  acuteByLang: Map<CorpusLang, Tally>;
  acuteByCategory: Map<EmergencyCategory, Tally>;
  /** Acute messages that raised any emergency card, right category or not. */
  acuteFlagged: Tally;
  /** Benign and general messages that raised an emergency card ('hit' = false alarm). */
  falseAlarms: Map<Exclude<CorpusKind, 'acute'>, Tally>;
  urgentOnNonAcute: number;
  misses: CorpusMessage[];
  falseAlarmMessages: { message: CorpusMessage; result: TriageResult }[];
}

function bump<K>(map: Map<K, Tally>, key: K, hit: boolean): void {
  const t = map.get(key) ?? { total: 0, hit: 0 };
  t.total++;
  if (hit) t.hit++;
  map.set(key, t);
}

export function scoreCorpus(messages: CorpusMessage[], triage: (text: string) => TriageResult): CorpusScore {
  const score: CorpusScore = {
    acuteByLang: new Map(),
    acuteByCategory: new Map(),
    acuteFlagged: { total: 0, hit: 0 },
    falseAlarms: new Map(),
    urgentOnNonAcute: 0,
    misses: [],
    falseAlarmMessages: [],
  };
  for (const message of messages) {
    const result = triage(message.text);
    const emergency = result.level === 'emergency';
    if (message.kind === 'acute') {
      const caught =
        emergency && message.category !== undefined && result.categories.includes(message.category);
      bump(score.acuteByLang, message.lang, caught);
      if (message.category) bump(score.acuteByCategory, message.category, caught);
      score.acuteFlagged.total++;
      if (emergency) score.acuteFlagged.hit++;
      if (!caught) score.misses.push(message);
    } else {
      bump(score.falseAlarms, message.kind, emergency);
      if (emergency) score.falseAlarmMessages.push({ message, result });
      if (result.level === 'urgent') score.urgentOnNonAcute++;
    }
  }
  return score;
}

export const rate = (t: Tally | undefined): number => (t && t.total ? t.hit / t.total : 0);

/**
 * Triage as a classifier, on the corpus in tests/corpus/triage: recall per language and per category,
 * and false alarms on benign look-alikes and on general or past questions, for the dev part and the
 * frozen held-out part separately. Rules are tuned on dev only; the held-out figures are the honest ones.
 * Run by safety.bench.ts; `--misses` also lists the dev part's misses and false alarms.
 */
import { triage } from '../../src/lib/safety/index.ts';
import { loadCorpus, rate, scoreCorpus, type CorpusPart, type Tally } from '../lib/triage-corpus.ts';

const pct = (t: Tally | undefined) =>
  t ? `${(rate(t) * 100).toFixed(1).padStart(5)}% (${t.hit}/${t.total})` : '    -';

export function reportCorpus(showMisses: boolean): void {
  const parts: CorpusPart[] = ['dev', 'heldout'];
  const scores = parts.map((part) => ({ part, score: scoreCorpus(loadCorpus(part), triage) }));
  const row = (label: string, cells: string[]) =>
    console.log(`${label.padEnd(26)}${cells.map((c) => c.padEnd(22)).join('')}`);

  console.log(
    '\ntriage corpus (acute: emergency with the right category; goal ≥ 97% per language, ≥ 90% per category)',
  );
  row('', parts);
  for (const lang of ['zh', 'zh-TW', 'en'] as const) {
    row(
      `acute, ${lang}`,
      scores.map(({ score }) => pct(score.acuteByLang.get(lang))),
    );
  }
  row(
    'acute, any emergency card',
    scores.map(({ score }) => pct(score.acuteFlagged)),
  );
  const categories = [...scores[0]!.score.acuteByCategory.keys()].sort();
  for (const category of categories) {
    row(
      `  ${category}`,
      scores.map(({ score }) => pct(score.acuteByCategory.get(category))),
    );
  }
  row(
    'benign flagged (≤ 3%)',
    scores.map(({ score }) => pct(score.falseAlarms.get('benign'))),
  );
  row(
    'general/past flagged (≤ 15%)',
    scores.map(({ score }) => pct(score.falseAlarms.get('general'))),
  );
  row(
    'urgent on non-acute',
    scores.map(({ score }) => String(score.urgentOnNonAcute)),
  );

  if (showMisses) {
    const dev = scores[0]!.score;
    console.log('\ndev misses:');
    for (const m of dev.misses)
      console.log(`  [${m.category} ${m.lang}] ${m.text}  → ${JSON.stringify(triage(m.text))}`);
    console.log('\ndev false alarms:');
    for (const { message, result } of dev.falseAlarmMessages) {
      console.log(
        `  [${message.kind} ${message.lang}] ${message.text}  → ${result.categories.join(',')} ${result.matched.join(' | ')}`,
      );
    }
  }
}

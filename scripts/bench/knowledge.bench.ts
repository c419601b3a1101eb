/**
 * Knowledge retrieval figures: Recall@3 on the labelled query set (goal >= 0.9), what each tokenizer part is
 * worth, and speed and size on 5,000 entries (median search goal < 5 ms).
 * Run alone: `npx tsx scripts/bench/knowledge.bench.ts`.
 */
import { KnowledgeIndex, loadBuiltinEntries, type KnowledgeEntry } from '../../src/lib/knowledge/index.ts';
import { type IndexTuning } from '../../src/lib/knowledge/search.ts';
import { recallAtK, type LabelledQuery } from '../../src/lib/knowledge/recall/recall.ts';
import queryData from '../../src/lib/knowledge/recall/queries.json' with { type: 'json' };
import outOfScopeData from '../../src/lib/knowledge/recall/unanswerable.json' with { type: 'json' };
import { guideReport, type UnanswerableQuery } from '../../src/lib/knowledge/recall/guide.ts';
import { GUIDE_WORDING } from '../../src/lib/knowledge/guide/answer.ts';
import { fmt, percentile, report, timeIt } from './stats.ts';

const queries = queryData as LabelledQuery[];
const builtin = await loadBuiltinEntries();
const SYNTHETIC = 5_000;

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

// --- Quality -------------------------------------------------------------------------------------------
const index = KnowledgeIndex.fromEntries(builtin);
console.log(`entries: ${builtin.length} built-in; labelled queries: ${queries.length}`);
for (const lang of ['zh', 'en'] as const) {
  const r = recallAtK(
    index,
    queries.filter((q) => q.lang === lang),
    3,
  );
  console.log(`Recall@3 ${lang}: ${pct(r.recall)} (${r.total - r.misses.length}/${r.total})`);
}
const all = recallAtK(index, queries, 3);
console.log(
  `Recall@3 all: ${pct(all.recall)} (goal >= 90%)   Recall@1 all: ${pct(recallAtK(index, queries, 1).recall)}`,
);
for (const m of all.misses)
  console.log(`  miss: ${m.q}  want ${m.expected.join('|')}  got ${m.got.join(', ')}`);

// The built-in guide's answers without a model: quote when the knowledge base covers the question, decline
// when it does not (see src/lib/knowledge/guide/wording.json for the threshold).
const outOfScope = outOfScopeData as UnanswerableQuery[];
const guide = guideReport(index, queries, outOfScope);
console.log(
  `guide (min strength ${GUIDE_WORDING.minStrength}): answers ${pct(guide.answered / guide.labelled)} of labelled ` +
    `questions (${guide.answered}/${guide.labelled}), right entry first in ${pct(guide.answeredRight / guide.answered)} ` +
    `of those; declines ${pct(guide.declined / guide.unanswerable)} of out-of-scope (${guide.declined}/${guide.unanswerable})`,
);
for (const m of guide.wronglyAnswered) console.log(`  answered out-of-scope: ${m.q} -> ${m.got}`);
for (const min of [15, 20, 25, 30, 40]) {
  const r = guideReport(index, queries, outOfScope, { ...GUIDE_WORDING, minStrength: min });
  console.log(
    `  at ${String(min).padStart(2)}: answers ${pct(r.answered / r.labelled)}, right first ${pct(r.answeredRight / r.answered)}, declines ${pct(r.declined / r.unanswerable)}`,
  );
}

// What each knob is worth, on the same entries and queries (one change from the defaults at a time).
const variants: [string, Partial<IndexTuning>][] = [
  ['Porter stem only (no word)', { stem: 'porter' }],
  ['no English stemming', { stem: 'none' }],
  ['no prefix matching', { prefix: false }],
  ['no stemming, no prefix', { stem: 'none', prefix: false }],
  ['no typo tolerance', { fuzzy: false }],
  ['no Han unigrams (bigrams only)', { unigrams: false }],
  ['Chinese as Intl.Segmenter words', { han: 'words' }],
  ['unigram weight 1 (as a bigram)', { unigramWeight: 1 }],
  ['no field boosts', { boost: { title: 1, tags: 1, body: 1 } }],
];
const byLang = (idx: KnowledgeIndex, lang: 'zh' | 'en') =>
  pct(
    recallAtK(
      idx,
      queries.filter((q) => q.lang === lang),
      3,
    ).recall,
  );
for (const [label, tuning] of variants) {
  const alt = new KnowledgeIndex(tuning);
  alt.add(builtin);
  const r3 = recallAtK(alt, queries, 3).recall;
  const r1 = recallAtK(alt, queries, 1).recall;
  console.log(
    `  with ${label.padEnd(32)} Recall@3 ${pct(r3)} (zh ${byLang(alt, 'zh')}, en ${byLang(alt, 'en')})   Recall@1 ${pct(r1)}`,
  );
}

// --- Speed and size on 5,000 entries -------------------------------------------------------------------
/**
 * 5,000 entries made by varying the real ones: sentences rotated, a numbered title, tags borrowed from a
 * neighbour, so the vocabulary and lengths stay realistic while every entry differs.
 */
function synthesize(base: KnowledgeEntry[], n: number): KnowledgeEntry[] {
  const out: KnowledgeEntry[] = [];
  for (let i = 0; i < n; i++) {
    const e = base[i % base.length]!;
    const other = base[(i * 7 + 3) % base.length]!;
    const sentences = e.body.split(/(?<=[。.!?！？])\s*/);
    const k = i % Math.max(1, sentences.length);
    out.push({
      ...e,
      id: `${e.id}-v${i}`,
      title: `${e.title} (${i})`,
      body: [...sentences.slice(k), ...sentences.slice(0, k)].join(' '),
      tags: [...e.tags, ...other.tags.slice(0, 2)],
      origin: 'clinic',
    });
  }
  return out;
}

const big = synthesize(builtin, SYNTHETIC);
const buildTimes = timeIt(() => KnowledgeIndex.fromEntries(big), 5, 1);
report(`build index of ${SYNTHETIC} entries (wall clock)`, buildTimes);
// Wall clock swings with other work on a shared machine; CPU time of this process is steadier.
const cpu0 = process.cpuUsage();
const bigIndex = KnowledgeIndex.fromEntries(big);
const cpu = process.cpuUsage(cpu0);
console.log(
  `build index of ${SYNTHETIC} entries (CPU time)`.padEnd(48) + ` ${fmt((cpu.user + cpu.system) / 1000)}`,
);

let qi = 0;
const searchTimes = timeIt(
  () => {
    const q = queries[qi++ % queries.length]!;
    return bigIndex.search(q.q, { lang: q.lang, limit: 3 });
  },
  2_000,
  100,
);
report(`search over ${SYNTHETIC} entries (limit 3)`, searchTimes, '< 5 ms median');
console.log(`search median ${fmt(percentile(searchTimes, 50))} over ${searchTimes.length} searches`);

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const size = (n: number) => `${n.toLocaleString('en')} bytes (${(n / 1024 / 1024).toFixed(2)} MiB)`;
console.log(
  `index size, ${builtin.length} built-in entries: ${size(bytes(index.serialize()))} serialized JSON`,
);
console.log(`index size, ${SYNTHETIC} entries: ${size(bytes(bigIndex.serialize()))} serialized JSON`);
console.log(`built-in entry data: ${size(bytes(JSON.stringify(builtin)))} (what loadBuiltinEntries fetches)`);

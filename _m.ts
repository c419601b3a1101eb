import { triage } from '/work/main/src/lib/safety/index.ts';
import { loadCorpus, scoreCorpus } from '/work/main/scripts/lib/triage-corpus.ts';
const s = scoreCorpus(loadCorpus('dev'), triage);
for (const m of s.misses) { const r = triage(m.text); console.log(`${m.category}\t${m.lang}\t${m.text}\t${r.level}:${r.categories.join(',')}`); }
for (const { message, result } of s.falseAlarmMessages) console.log(`FA ${message.kind}\t${message.text}\t${result.categories} ${result.matched}`);

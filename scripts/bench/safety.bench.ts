/**
 * Safety pipeline timing: redact + triage per message (what runs on every patient message, on the chat
 * screen) and postprocess per answer, for 200-character and 10,000-character texts, and for adversarial
 * inputs built to make naive regular expressions backtrack. Goals: < 1 ms, < 10 ms, < 100 ms.
 *
 *   npx tsx scripts/bench/safety.bench.ts            (add --misses to list the dev corpus's misses)
 */
import { postprocess, redact, triage } from '../../src/lib/safety/index.ts';
import { fmt, percentile } from './stats.ts';
import { reportCorpus } from './triage-corpus.ts';

/**
 * Wall-clock time and CPU time of the same runs. The machines these figures come from are shared: when
 * other jobs preempt this process, wall time (what stats.ts's report prints) grows while CPU time does not,
 * so both are shown.
 */
function measure(
  fn: () => unknown,
  iterations: number,
  warmup = Math.min(20, iterations),
): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

function report(label: string, { wall, cpu }: { wall: number[]; cpu: number[] }, goal?: string): void {
  const col = (xs: number[]) =>
    `median ${fmt(percentile(xs, 50)).padStart(9)}  p99 ${fmt(percentile(xs, 99)).padStart(9)}`;
  console.log(`${label.padEnd(46)} wall ${col(wall)} | cpu ${col(cpu)}${goal ? `  (goal ${goal})` : ''}`);
}

const zhParts = [
  '医生你好，我今年45岁，最近三天一直咳嗽，晚上加重，',
  '体温38.5℃，血压130/85，心率88次/分，空腹血糖6.1 mmol/L，',
  '我的手机是138 1234 5678，邮箱 zhang.san@example.com，',
  '吃了布洛芬0.2g，每天3次，还是有点胸闷，',
  '去年体检糖化血红蛋白6.5%，红细胞4.2×10^12/L，',
  '想问一下需要去医院吗？孩子两岁，也有点流鼻涕。',
];
const enParts = [
  'Hi doctor, I am 45 and have had a cough for three days that gets worse at night. ',
  'Temp 101.3 F, BP 130/85, HR 88, fasting glucose 6.1 mmol/L. ',
  'You can reach me at (650) 253-0000 or john.doe@example.com. ',
  'I took ibuprofen 200 mg three times a day and still feel some tightness. ',
];

function build(parts: string[], length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += parts[i % parts.length];
  return out.slice(0, length);
}

const zh200 = build(zhParts, 200);
const en200 = build(enParts, 200);
const zh10k = build(zhParts, 10_000);
const en10k = build(enParts, 10_000);
const answer = build(
  ['对乙酰氨基酚每次500mg，每天4次。', '你患有上呼吸道感染的可能性较大。', '多喝水，注意休息。\n'],
  1_000,
);

const perMessage = (text: string) => () => {
  redact(text);
  triage(text);
};

console.log('redact + triage, per message');
report('200 chars, Chinese', measure(perMessage(zh200), 2_000), '< 1 ms');
report('200 chars, English', measure(perMessage(en200), 2_000), '< 1 ms');
report('10,000 chars, Chinese', measure(perMessage(zh10k), 200), '< 10 ms');
report('10,000 chars, English', measure(perMessage(en10k), 200), '< 10 ms');

console.log('\npostprocess, per answer');
const turn = { lang: 'zh', region: 'CN', triage: triage('') } as const;
report(
  '1,000-char answer with doses',
  measure(() => postprocess(answer, { ...turn, triage: triage('') }), 500),
);

const adversarial: [string, string][] = [
  ['100,000 digits', '1'.repeat(100_000)],
  ['100,000 digits with spaces ("1 1 1 ...")', '1 '.repeat(50_000)],
  ['groups of three ("138 138 138 ...")', '138 '.repeat(25_000)],
  ['dashes and brackets ("(1)-(1)-...")', '(1)-'.repeat(25_000)],
  ['"+86 " repeated', '+86 '.repeat(25_000)],
  ['"00 " repeated (international prefix)', '00 '.repeat(33_000)],
  ['"0044 " repeated (a phone in every window)', '0044 '.repeat(20_000)],
  ['100,000 letters then "@"', `${'a'.repeat(100_000)}@`],
  ['"a@" repeated', 'a@'.repeat(50_000)],
  ['"a.a.a..." e-mail-like', `x@${'a.'.repeat(50_000)}`],
  ['"胸" x 100,000 (phrase prefix, no end)', '胸'.repeat(100_000)],
  ['"没有胸痛" repeated', '没有胸痛，'.repeat(20_000)],
  ['"我叫" repeated', '我叫'.repeat(50_000)],
  ['"电话 1234 " repeated', '电话 1234 '.repeat(12_500)],
  ['"passport" + 100,000 spaces', `passport${' '.repeat(100_000)}x`],
  ['digits and X ("1X1X...")', '1X'.repeat(50_000)],
  ['street-like ("中山路中山路...")', '中山路'.repeat(33_000)],
  ['"QQ " repeated (a cue, never a number)', 'QQ '.repeat(33_000)],
  ['"微信" repeated', '微信'.repeat(50_000)],
  ['"微信号：" + 100,000 letters', `微信号：${'a'.repeat(100_000)}`],
  ['"病历号 1" repeated', '病历号 1'.repeat(20_000)],
];
console.log('\nadversarial, redact + triage');
for (const [label, text] of adversarial) report(label, measure(perMessage(text), 10, 2), '< 100 ms');
console.log('\nadversarial, postprocess');
report(
  '100,000 digits as an answer',
  measure(() => postprocess('1'.repeat(100_000), turn), 10, 2),
  '< 100 ms',
);
report(
  '"布洛芬 1 g " repeated',
  measure(() => postprocess('布洛芬 1 g '.repeat(10_000), turn), 10, 2),
  '< 100 ms',
);

reportCorpus(process.argv.includes('--misses'));

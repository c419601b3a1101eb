/**
 * Dose check: reads the amounts and frequencies an answer gives for a known over-the-counter medicine and
 * compares them with the adult maximum daily and single doses in rules/medicines.json.
 * It reads the common ways answers state doses ("每次500mg，每天4次", "1000 mg four times a day", "每日不超过
 * 4克", "1 g every 4 hours", "每次2片，每片500毫克"); anything it cannot read it leaves alone.
 */
import { normalizeForMatch } from './normalize.ts';
import type { Lang } from './types.ts';
import { CJK_DIGITS } from './numerals.ts';

/** One entry of rules/medicines.json (the knowledge base reads the same file). */
export interface MedicineRule {
  id: string;
  names: Record<Lang, string[]>;
  maxDailyMg: number;
  maxSingleMg: number;
  minIntervalHours: number;
  avoidIf: Record<Lang, string>;
  source: string;
}

export interface DoseFinding {
  medicine: MedicineRule;
  /** The name as the answer wrote it (normalized). */
  name: string;
  kind: 'daily' | 'single';
  statedMg: number;
  maxMg: number;
}

/** Counts written in words: the Chinese digits, ten, and the English words people use for a dose. */
const NUMERALS: Record<string, number> = {
  ...CJK_DIGITS,
  十: 10,
  once: 1,
  one: 1,
  twice: 2,
  two: 2,
  thrice: 3,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
};

function toNumber(word: string): number {
  return NUMERALS[word] ?? Number(word.replace(/,/g, ''));
}

const NUM = String.raw`\d{1,6}(?:,\d{3})*(?:\.\d+)?`;
const AMOUNT = new RegExp(
  String.raw`(${NUM})(?:\s?(?:-|~|到|至|to)\s?(${NUM}))?\s?(milligrams?|mg|grams?|g|毫克|克|mcg|µg|μg|微克)(?![a-z])(\s?(?:/|每|per\s)\s?(?:kg|公斤|千克))?`,
  'g',
);
const UNIT_MG: Record<string, number> = {
  mg: 1,
  milligram: 1,
  milligrams: 1,
  毫克: 1,
  g: 1000,
  gram: 1000,
  grams: 1000,
  克: 1000,
  mcg: 0.001,
  µg: 0.001,
  μg: 0.001,
  微克: 0.001,
};

const COUNT = String.raw`(\d{1,2}|[一二两三四五六七八九十]|once|twice|thrice|one|two|three|four|five|six|seven|eight)`;
const TIMES_PER_DAY = [
  new RegExp(String.raw`(?:每天|每日|一天|一日|日|天)\s?${COUNT}\s?次`),
  new RegExp(String.raw`${COUNT}\s?(?:times?\s)?(?:a|per|each|every)\s(?:day|24 hours)`),
  new RegExp(String.raw`${COUNT}\s(?:times\s)?daily`),
  new RegExp(String.raw`(?:up to|no more than|not more than|maximum of|max)\s${COUNT}\s(?:times|doses)`),
];
const INTERVAL = [
  new RegExp(String.raw`每\s?(\d{1,2}|[一二两三四五六七八])(?:\s?(?:-|~|到|至)\s?\d{1,2})?\s?(?:个)?小时`),
  /every\s(\d{1,2}|one|two|three|four|five|six|eight)(?:\s?(?:-|to)\s?\d{1,2})?\s?(?:hours|hrs|h)\b/,
];
/** Prescription shorthand: bid = twice a day, q6h = every 6 hours. */
const SHORTHAND: [RegExp, number][] = Object.entries({
  qd: 1,
  bid: 2,
  tid: 3,
  qid: 4,
  q4h: 6,
  q6h: 4,
  q8h: 3,
  q12h: 2,
}).map(([word, n]) => [new RegExp(String.raw`\b${word}\b`), n]);
const TABLETS = [
  new RegExp(String.raw`(?:每次|一次)\s?(?:服用|吃|口服)?\s?${COUNT}\s?(?:片|粒|颗|袋)`),
  new RegExp(String.raw`(?:take\s)?${COUNT}\s(?:tablets?|caplets?|capsules?|pills?)`),
];
/** The amount is the strength of one tablet, so a count of tablets multiplies it. */
const PER_TABLET =
  /每片|\/片|每粒|\/粒|每颗|per tablet|per capsule|mg (?:tablet|caplet|capsule)|(?:tablets?|caplets?|capsules?) of|片\s?\d|胶囊\s?\d/;
const DAILY_AFTER =
  /^\s?(?:\/\s?(?:天|日|d|day|24\s?h)|每天|每日|一天|a day|per day|daily|in (?:24|twenty four) (?:hours|hrs|h)\b|in 24h|per 24 (?:hours|h)\b|in a day|each day)/;
/** Words that make an amount a limit rather than a dose. */
const LIMIT =
  /不超过|不要超过|不宜超过|不得超过|不可超过|勿超过|最多|最大|上限|no more than|not more than|not exceed|up to|max|maximum|at most/;
const DAILY_BEFORE =
  /(?:每天|每日|一天|一日|24小时|24 小时|日剂量|日最大|日总量|daily|a day|per day|in 24 hours)/;

/** Times a day the sentence says to take it, or undefined. An explicit count beats an interval. */
function timesPerDay(sentence: string): number | undefined {
  for (const re of TIMES_PER_DAY) {
    const m = re.exec(sentence);
    if (m) return toNumber(m[1]!);
  }
  for (const [re, n] of SHORTHAND) if (re.test(sentence)) return n;
  for (const re of INTERVAL) {
    const m = re.exec(sentence);
    if (m) {
      const hours = toNumber(m[1]!);
      if (hours > 0) return Math.floor(24 / hours);
    }
  }
  return undefined;
}

/** Splits into sentences; a "." ends one only when it is not a decimal point. */
function sentences(text: string): string[] {
  return text.split(/[。!?;\n]|\.(?!\d)/).filter((s) => s.trim().length > 0);
}

export interface NameIndex {
  name: string;
  medicine: MedicineRule;
}

function mentions(sentence: string, names: NameIndex[]): { at: number; entry: NameIndex }[] {
  const out: { at: number; entry: NameIndex }[] = [];
  for (const entry of names) {
    let at = sentence.indexOf(entry.name);
    while (at !== -1) {
      if (!/[a-z]/.test(entry.name[0]!) || !/[a-z]/.test(sentence[at - 1] ?? '')) out.push({ at, entry });
      at = sentence.indexOf(entry.name, at + 1);
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Builds the lookup of every medicine name, normalized, longest first (so 布洛芬缓释胶囊 beats 布洛芬). */
export function indexNames(medicines: MedicineRule[]): NameIndex[] {
  return medicines
    .flatMap((medicine) =>
      [...medicine.names.zh, ...medicine.names.en].map((n) => ({ name: normalizeForMatch(n), medicine })),
    )
    .sort((a, b) => b.name.length - a.name.length);
}

/** True when the text names one of the medicines. */
export function mentionsMedicine(text: string, names: NameIndex[]): boolean {
  return mentions(normalizeForMatch(text), names).length > 0;
}

interface Amount {
  entry: NameIndex;
  mg: number;
  /** daily: tied to a day ("每天4克", "4 g in 24 hours"); cap: a limit ("不超过1克", "max 4 g"); else a dose. */
  kind: 'daily' | 'cap' | 'dose';
  /** Times a day said right after this amount ("1 g every 4 hours"), if any. */
  timesPerDay?: number;
}

/** Reads every amount in a sentence and what it is, attributed to the last medicine named before it. */
function readAmounts(
  sentence: string,
  named: { at: number; entry: NameIndex }[],
  current?: NameIndex,
): Amount[] {
  const matches: RegExpExecArray[] = [];
  AMOUNT.lastIndex = 0;
  for (let m = AMOUNT.exec(sentence); m; m = AMOUNT.exec(sentence)) matches.push(m);
  const out: Amount[] = [];
  // Mentions and amounts both run left to right: one pointer finds the last name before each amount.
  let seen = 0;
  matches.forEach((m, i) => {
    if (m[4]) return; // per-kilogram doses are for children; the table is for adults.
    while (seen < named.length && named[seen]!.at < m.index) seen++;
    const entry = seen > 0 ? named[seen - 1]!.entry : (named[0]?.entry ?? current);
    if (!entry) return;
    const end = m.index + m[0].length;
    const nextStart = matches[i + 1]?.index ?? sentence.length;
    const after = sentence.slice(end, Math.min(nextStart, end + 30));
    const lead = sentence.slice(Math.max(0, m.index - 12), m.index);
    const dailyAt = lead.search(DAILY_BEFORE);
    const daily =
      DAILY_AFTER.test(after) || (dailyAt !== -1 && !/次|times|each|every/.test(lead.slice(dailyAt)));
    const kind = daily ? 'daily' : LIMIT.test(lead) ? 'cap' : 'dose';
    const mg = toNumber(m[2] ?? m[1]!) * (UNIT_MG[m[3]!] ?? 1);
    out.push({ entry, mg, kind, timesPerDay: timesPerDay(after) });
  });
  return out;
}

/**
 * Finds stated doses above the adult maximum: at most one finding per medicine, the daily excess first.
 * A daily amount the sentence states ("每日不超过4克", "no more than 4 g in 24 hours") is taken as the daily
 * total; otherwise each dose times how often it is taken (said right after it, or anywhere in the sentence).
 * A limit ("max 4 g") is compared with the daily maximum only. A sentence without a medicine name is read as
 * about the last medicine named in the same paragraph.
 */
export function checkDoses(text: string, names: NameIndex[]): DoseFinding[] {
  const findings = new Map<string, DoseFinding>();
  for (const paragraph of normalizeForMatch(text).split(/\n\s*\n/)) {
    let current: NameIndex | undefined;
    for (const sentence of sentences(paragraph)) {
      const named = mentions(sentence, names);
      const amounts = readAmounts(sentence, named, current);
      if (named.length) current = named[named.length - 1]!.entry;
      if (amounts.length === 0) continue;
      const sentenceTimes = timesPerDay(sentence);
      const tablets = PER_TABLET.test(sentence)
        ? TABLETS.map((re) => re.exec(sentence)).find(Boolean)
        : undefined;
      const perTablet = tablets ? toNumber(tablets[1]!) : 1;
      const byMedicine = new Map<string, Amount[]>();
      for (const a of amounts) {
        const list = byMedicine.get(a.entry.medicine.id);
        if (list) list.push(a);
        else byMedicine.set(a.entry.medicine.id, [a]);
      }
      for (const list of byMedicine.values()) {
        const { medicine: med, name } = list[0]!.entry;
        if (findings.has(med.id)) continue;
        const max = (xs: number[]): number => xs.reduce((a, b) => Math.max(a, b), 0);
        const stated = max(list.filter((a) => a.kind === 'daily').map((a) => a.mg));
        const cap = max(list.filter((a) => a.kind === 'cap').map((a) => a.mg));
        const doses = list.filter((a) => a.kind === 'dose');
        const single = max(doses.map((a) => a.mg * perTablet));
        const regimen = max(doses.map((a) => a.mg * perTablet * (a.timesPerDay ?? sentenceTimes ?? 0)));
        const daily = Math.max(stated > 0 ? stated : regimen, cap);
        if (daily > med.maxDailyMg) {
          findings.set(med.id, {
            medicine: med,
            name,
            kind: 'daily',
            statedMg: daily,
            maxMg: med.maxDailyMg,
          });
        } else if (single > med.maxSingleMg) {
          findings.set(med.id, {
            medicine: med,
            name,
            kind: 'single',
            statedMg: single,
            maxMg: med.maxSingleMg,
          });
        }
      }
    }
  }
  return [...findings.values()];
}

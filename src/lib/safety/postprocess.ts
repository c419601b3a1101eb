/**
 * Post-processing of a model answer, done by code whatever the model wrote: the emergency note on top for an
 * emergency turn, diagnosis-like sentences softened, dose warnings, the "follow your doctor's advice" line on
 * medicine advice, and the disclaimer, each added at most once. Running it again on its own output changes
 * nothing, so a stored answer can be post-processed again safely.
 */
import disclaimers from './rules/disclaimers.json';
import diagnosis from './rules/diagnosis.json';
import medicines from './rules/medicines.json';
import { ambulanceNumber, crisisLines } from './crisis.ts';
import {
  checkDoses,
  indexNames,
  mentionsMedicine,
  type DoseFinding,
  type MedicineRule,
  type NameIndex,
} from './doses.ts';
import { detectLang } from './text.ts';
import type { Lang, PostprocessResult, TurnContext } from './types.ts';

interface Wording {
  disclaimer: string;
  medicineAdvice: string;
  medicineAdviceMarkers: string[];
  doseDaily: string;
  doseSingle: string;
  diagnosisFlag: string;
  emergencyNote: string;
  emergencyNoteSuicide: string;
  medicineKeywords: string[];
}

interface DiagnosisRules {
  rewrites: { find: string; replace: string }[];
  skipIfBefore: string[];
  skipIfAfter: string[];
}

const wording: Record<Lang, Wording> = disclaimers;
const diagnosisRules: Record<Lang, DiagnosisRules> = diagnosis;
/** Indexed on the first answer, not at start-up (it would lengthen the app's first task). */
let medicineIndex: NameIndex[] | undefined;
const medicineNames = (): NameIndex[] => (medicineIndex ??= indexNames(medicines as MedicineRule[]));

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[a-z]/i.test(ch);
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A hedge before a diagnosis phrase: an English word anywhere earlier in the same sentence ("if you have"),
 * a Chinese word within the last 8 characters ("医生诊断为").
 */
const compiledDiagnosis = Object.fromEntries(
  (Object.entries(diagnosisRules) as [Lang, DiagnosisRules][]).map(([lang, r]) => [
    lang,
    {
      ...r,
      // Longest first, so "可以确诊" is rewritten as a whole before "确诊为" could cut into it.
      rewrites: [...r.rewrites].sort((a, b) => b.find.length - a.find.length),
      before: r.skipIfBefore.map((w) =>
        isLetter(w[0])
          ? new RegExp(`\\b${escapeRe(w)}\\b[^.!?]*$`)
          : new RegExp(`${escapeRe(w)}.{0,${Math.max(0, 8 - w.length)}}$`, 's'),
      ),
    },
  ]),
) as Record<Lang, DiagnosisRules & { before: RegExp[] }>;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/**
 * Rewrites sentences that state a diagnosis as fact ("你患有…", "you have …") into a possibility, unless the
 * words around already hedge or report it ("医生诊断为…", "if you have…", "you have to…").
 * Returns the new text and how many rewrites were made.
 */
export function softenDiagnoses(text: string, lang: Lang): { text: string; count: number } {
  const rules = compiledDiagnosis[lang];
  let out = text;
  let count = 0;
  for (const { find, replace } of rules.rewrites) {
    const lower = out.toLowerCase();
    let result = '';
    let last = 0;
    let at = lower.indexOf(find);
    while (at !== -1) {
      const end = at + find.length;
      const wordOk = !isLetter(find[0]) || (!isLetter(out[at - 1]) && !isLetter(out[end]));
      // Windows, not the rest of the text: this runs once per occurrence.
      const before = lower.slice(Math.max(0, at - 16), at);
      const after = lower.slice(end, end + 40).trimStart();
      const hedged =
        rules.before.some((re) => re.test(before)) ||
        rules.skipIfAfter.some((w) => after.startsWith(w) && !isLetter(after[w.length]));
      if (wordOk && !hedged) {
        const original = out.slice(at, end);
        const capital = original[0] !== undefined && original[0] !== original[0].toLowerCase();
        result += out.slice(last, at) + (capital ? replace[0]!.toUpperCase() + replace.slice(1) : replace);
        last = end;
        count++;
      }
      at = lower.indexOf(find, end);
    }
    out = result + out.slice(last);
  }
  return { text: out, count };
}

function doseWarning(f: DoseFinding, w: Wording): string {
  return fill(f.kind === 'daily' ? w.doseDaily : w.doseSingle, {
    medicine: f.name,
    stated: Math.round(f.statedMg),
    max: f.maxMg,
  });
}

/** Lines this module adds, removed before the answer is read again, so a second run sees only the model's text. */
function withoutOwnLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('⚠'))
    .join('\n');
}

/**
 * Returns the text to show for a model answer and notes saying what was added or changed.
 * The language of the additions follows the answer (`turn.lang` when the answer gives no clue); the
 * emergency note uses the ambulance (or, for self-harm, the crisis) number of `turn.region`. Never throws.
 */
export function postprocess(answer: string, turn: TurnContext): PostprocessResult {
  const lang = detectLang(answer, turn.lang);
  const w = wording[lang];
  const notes: PostprocessResult['notes'] = [];
  const tail: string[] = [];

  const softened = softenDiagnoses(answer, lang);
  let body = softened.text;
  if (softened.count > 0) notes.push({ kind: 'diagnosisSoftened', detail: `${softened.count}` });
  if (softened.count > 0 && !body.includes(w.diagnosisFlag)) tail.push(w.diagnosisFlag);

  for (const finding of checkDoses(withoutOwnLines(body), medicineNames())) {
    const warning = doseWarning(finding, w);
    notes.push({
      kind: 'doseWarning',
      detail: `${finding.medicine.id}: ${finding.kind} ${Math.round(finding.statedMg)} mg > ${finding.maxMg} mg`,
    });
    if (!body.includes(warning)) tail.push(warning);
  }

  const lower = body.toLowerCase();
  const aboutMedicine =
    mentionsMedicine(body, medicineNames()) ||
    w.medicineKeywords.some((k) => lower.includes(k.toLowerCase()));
  if (aboutMedicine) {
    notes.push({ kind: 'medicineAdvice' });
    if (!w.medicineAdviceMarkers.some((m) => lower.includes(m.toLowerCase()))) tail.push(w.medicineAdvice);
  }

  notes.push({ kind: 'disclaimer' });
  const hasDisclaimer = Object.values(wording).some((x) => body.includes(x.disclaimer));
  if (!hasDisclaimer) tail.push(w.disclaimer);

  if (turn.triage.level === 'emergency') {
    const suicide = turn.triage.categories.includes('suicide');
    const crisis = crisisLines(turn.region, lang).find((l) => l.kind === 'mentalHealth');
    const note =
      suicide && crisis
        ? fill(w.emergencyNoteSuicide, { crisis: crisis.number, number: ambulanceNumber(turn.region) })
        : fill(w.emergencyNote, { number: ambulanceNumber(turn.region) });
    notes.push({ kind: 'emergencyNote' });
    if (!body.startsWith(note)) body = `${note}\n\n${body}`;
  }

  const text = tail.length ? `${body.trimEnd()}\n\n${tail.join('\n\n')}` : body;
  return { text, notes };
}

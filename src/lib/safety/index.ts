/**
 * The safety pipeline's public entry point. FIRST CUT: simple forms so callers can code against the contract;
 * the full implementations replace these bodies without changing the signatures.
 */
import type {
  CrisisLine,
  EmergencyCategory,
  EmergencyGuidance,
  Lang,
  PiiType,
  PostprocessResult,
  RedactionResult,
  Region,
  TriageResult,
  TurnContext,
} from './types.ts';

export type * from './types.ts';

const LABELS: Record<PiiType, { zh: string; en: string }> = {
  mobile: { zh: '手机号', en: 'phone' },
  landline: { zh: '电话', en: 'phone' },
  idCard: { zh: '身份证号', en: 'ID number' },
  bankCard: { zh: '银行卡号', en: 'card number' },
  email: { zh: '邮箱', en: 'email' },
  intlPhone: { zh: '电话', en: 'phone' },
  hkId: { zh: '香港身份证号', en: 'HK ID' },
  twId: { zh: '台湾身份证号', en: 'Taiwan ID' },
  passport: { zh: '护照号', en: 'passport number' },
  licensePlate: { zh: '车牌号', en: 'licence plate' },
  name: { zh: '姓名', en: 'name' },
  address: { zh: '地址', en: 'address' },
};

/** Human-readable name of a kind of identifier, for "removed: phone number" notes. */
export function placeholderLabel(type: PiiType, lang: Lang): string {
  return LABELS[type][lang];
}

/** Replaces identifiers with typed placeholders; offsets refer to the original text. */
export function redact(text: string): RedactionResult {
  const redactions: RedactionResult['redactions'] = [];
  const re = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\d)1[3-9]\d{9}(?!\d)/g;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    const type: PiiType = m[0].includes('@') ? 'email' : 'mobile';
    const placeholder = `〔${LABELS[type].zh}〕`;
    redactions.push({ type, start: m.index, end: m.index + m[0].length, placeholder });
    out += text.slice(last, m.index) + placeholder;
    last = m.index + m[0].length;
  }
  return { text: out + text.slice(last), redactions };
}

/** Flags text that describes an emergency now. */
export function triage(text: string): TriageResult {
  const cats: EmergencyCategory[] = [];
  const matched: string[] = [];
  for (const [phrase, cat] of [
    ['胸痛', 'cardiac'],
    ['呼吸困难', 'breathing'],
    ['chest pain', 'cardiac'],
  ] as const) {
    if (text.toLowerCase().includes(phrase)) {
      cats.push(cat);
      matched.push(phrase);
    }
  }
  return { level: cats.length ? 'emergency' : 'none', categories: cats, matched };
}

/** Emergency and crisis numbers for a region, in the patient's language. */
export function crisisLines(region: Region, lang: Lang): CrisisLine[] {
  const ambulance = { CN: '120', HK: '999', TW: '119', US: '911', UK: '999', EU: '112' }[region];
  return [{ number: ambulance, label: lang === 'zh' ? '急救' : 'Ambulance', kind: 'ambulance' }];
}

/** Title, first steps and numbers to show when triage finds an emergency. */
export function emergencyGuidance(
  _categories: EmergencyCategory[],
  region: Region,
  lang: Lang,
): EmergencyGuidance {
  return {
    title: lang === 'zh' ? '这可能是急症,请立即求助' : 'This may be an emergency: get help now',
    steps: [],
    lines: crisisLines(region, lang),
  };
}

/** Adds the disclaimer (once) and, on an emergency turn, the emergency note at the top. */
export function postprocess(answer: string, turn: TurnContext): PostprocessResult {
  const disclaimer =
    turn.lang === 'zh'
      ? '以上内容仅供参考,不能替代医生面诊。'
      : 'This is general information, not a diagnosis.';
  let text = answer.includes(disclaimer) ? answer : `${answer}\n\n${disclaimer}`;
  const notes: PostprocessResult['notes'] = [{ kind: 'disclaimer' }];
  if (turn.triage.level === 'emergency') {
    text = `${turn.lang === 'zh' ? '⚠ 可能是急症,请立即拨打急救电话。' : '⚠ This may be an emergency: call for help now.'}\n\n${text}`;
    notes.push({ kind: 'emergencyNote' });
  }
  return { text, notes };
}

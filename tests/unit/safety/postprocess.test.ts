import { describe, expect, it } from 'vitest';
import { postprocess, triage } from '$lib/safety/index.ts';
import type { Lang, Region, TurnContext } from '$lib/safety/index.ts';
import disclaimers from '$lib/safety/rules/disclaimers.json';
import medicines from '$lib/safety/rules/medicines.json';
import { doseSentence } from '$lib/knowledge/doses.ts';

const NONE = { level: 'none', categories: [], matched: [] } as const;
const turn = (lang: Lang, patientText = '', region: Region = 'CN'): TurnContext => ({
  lang,
  region,
  triage: patientText ? triage(patientText) : { ...NONE, categories: [], matched: [] },
});
const count = (text: string, part: string): number => text.split(part).length - 1;
const ZH = disclaimers.zh;
const EN = disclaimers.en;

describe('postprocess: disclaimer', () => {
  it.each([
    ['多喝水，注意休息。', 'zh', ZH.disclaimer],
    ['Drink plenty of water and rest.', 'en', EN.disclaimer],
    ['Drink plenty of water and rest.', 'zh', EN.disclaimer],
    ['多喝水，注意休息。', 'en', ZH.disclaimer],
  ] as const)('appends it once in the answer language: %s (turn %s)', (answer, lang, expected) => {
    const out = postprocess(answer, turn(lang)).text;
    expect(out.startsWith(answer)).toBe(true);
    expect(out.endsWith(expected)).toBe(true);
    expect(count(out, expected)).toBe(1);
  });

  it.each([
    ['zh', '对乙酰氨基酚每次1000mg，每天6次。你患有流感。'],
    ['en', 'Take paracetamol 1000 mg every 4 hours. You have the flu.'],
    ['zh', '多喝水。'],
  ] as const)('is idempotent (%s): a second run changes nothing', (lang, answer) => {
    const t = turn(lang, '我胸痛');
    const once = postprocess(answer, t).text;
    expect(postprocess(once, t).text).toBe(once);
  });

  it('adds none to an answer that already carries it', () => {
    const answer = `多喝水。\n\n${ZH.disclaimer}`;
    expect(postprocess(answer, turn('zh')).text).toBe(answer);
  });

  it('falls back to the turn language for an answer with no words', () => {
    expect(postprocess('👍', turn('en')).text).toContain(EN.disclaimer);
  });
});

describe('postprocess: medicine advice', () => {
  it.each([
    ['可以服用布洛芬缓解疼痛。', 'zh', ZH.medicineAdvice],
    ['氯雷他定可以缓解过敏症状。', 'zh', ZH.medicineAdvice],
    ['Paracetamol can help with the fever.', 'en', EN.medicineAdvice],
    ['An antihistamine tablet such as cetirizine may help.', 'en', EN.medicineAdvice],
  ] as const)('%s', (answer, lang, line) => {
    const r = postprocess(answer, turn(lang));
    expect(count(r.text, line)).toBe(1);
    expect(r.notes.map((n) => n.kind)).toContain('medicineAdvice');
  });

  it('is not added to advice without medicines', () => {
    const r = postprocess('Rest and drink fluids.', turn('en'));
    expect(r.text).not.toContain(EN.medicineAdvice);
    expect(r.notes.map((n) => n.kind)).not.toContain('medicineAdvice');
  });

  it('is not repeated when the answer already says to follow the doctor', () => {
    const r = postprocess('布洛芬可以止痛，请遵医嘱。', turn('zh'));
    expect(r.text).not.toContain(ZH.medicineAdvice);
  });
});

/** [answer, medicine id expected in a dose warning]. */
const overDoses: [string, string][] = [
  ['对乙酰氨基酚每次1000mg，每天6次。', 'paracetamol'],
  ['对乙酰氨基酚可以退烧。成人每次1g，每4小时一次。', 'paracetamol'],
  ['Take paracetamol 1000 mg every 4 hours.', 'paracetamol'],
  ['Acetaminophen: up to 6 g a day.', 'paracetamol'],
  ['布洛芬每次0.6g，一天3次。', 'ibuprofen'],
  ['Ibuprofen 400 mg four times a day.', 'ibuprofen'],
  ['Ibuprofen 800 mg once.', 'ibuprofen'],
  ['氯雷他定每天20mg。', 'loratadine'],
  ['西替利嗪 10mg，每日两次。', 'cetirizine'],
  ['奥美拉唑每次20毫克，每天2次。', 'omeprazole'],
  ['阿司匹林每次1克，每日6次。', 'aspirin'],
  ['撲熱息痛每次兩片，每片500毫克，每天6次。', 'paracetamol'],
  ['Naproxen 440 mg twice a day.', 'naproxen'],
  ['对乙酰氨基酚一天最多可以吃6克。', 'paracetamol'],
  ['Paracetamol: max 6 g.', 'paracetamol'],
  ['Dextromethorphan 30 mg every 4 hours.', 'dextromethorphan'],
  ['Take 2 tablets of paracetamol 500 mg every 4 hours.', 'paracetamol'],
];

const safeDoses: string[] = [
  '对乙酰氨基酚每次500mg，每天4次。',
  'Take paracetamol 1000 mg four times a day, no more than 4 g in 24 hours.',
  '布洛芬每次200-400mg，每天3次。',
  'Ibuprofen 200 mg every 6 hours.',
  '氯雷他定每天一次，每次10mg。',
  '对乙酰氨基酚每日最大剂量4g。',
  '儿童布洛芬按体重 10 mg/kg 给药。',
  'Loratadine 10 mg once daily.',
  'Dextromethorphan 10-20 mg every 4 h or 30 mg every 6-8 h, not more than 120 mg in 24 h.',
  '对乙酰氨基酚每次不超过1000毫克，两次之间至少间隔4小时，24小时内总量不超过4000毫克。',
  '可以服用布洛芬缓释胶囊，每次1粒（0.3g），每日2次，24小时不超过2粒。',
  '对乙酰氨基酚片0.5g，每次1片，若持续发热可间隔4-6小时重复用药一次，24小时内不超过4次。',
  '对乙酰氨基酚一次0.3～0.6g，每4小时1次，一日量不宜超过2g。',
  'Ibuprofen 200 to 400 mg every 4 to 6 hours as needed, not exceeding 1200 mg per day.',
  'Paracetamol 500 mg to 1 g every 4 to 6 hours, maximum 4 g in 24 hours.',
  '阿司匹林肠溶片100mg，每日一次。',
];

describe('postprocess: dose check', () => {
  it.each(overDoses)('%s -> warns about %s', (answer, id) => {
    const lang = /[a-z]/i.test(answer[0]!) ? 'en' : 'zh';
    const r = postprocess(answer, turn(lang));
    const warning = r.notes.find((n) => n.kind === 'doseWarning');
    expect(warning?.detail).toContain(id);
    expect(r.text).toContain('⚠');
  });

  it.each(safeDoses)('%s -> no warning', (answer) => {
    const lang = /[a-z]/i.test(answer[0]!) ? 'en' : 'zh';
    const r = postprocess(answer, turn(lang));
    expect(r.notes.map((n) => n.kind)).not.toContain('doseWarning');
  });

  it.each(medicines.flatMap((m) => (['zh', 'en'] as const).map((lang) => [m.id, lang, m] as const)))(
    "the knowledge base's own dose sentence for %s (%s) passes the check",
    (_id, lang, med) => {
      const answer = `${med.names[lang][0]}: ${doseSentence(med, lang)}`;
      expect(postprocess(answer, turn(lang)).notes.map((n) => n.kind)).not.toContain('doseWarning');
    },
  );

  it('states the amount and the maximum it compared', () => {
    const r = postprocess('对乙酰氨基酚每次1000mg，每天6次。', turn('zh'));
    expect(r.text).toContain('6000 毫克');
    expect(r.text).toContain('4000 毫克');
  });
});

describe('postprocess: diagnosis-like sentences', () => {
  it.each([
    ['根据描述，你患有糖尿病。', '你可能患有糖尿病'],
    ['您患有高血压。', '您可能患有高血压'],
    ['你这是偏头痛。', '你这可能是偏头痛'],
    ['可以确诊为胃炎。', '不能仅凭描述确诊为胃炎'],
    ['检查结果确诊为胃炎。', '检查结果可能是胃炎'],
    ['You have diabetes.', 'You may have diabetes'],
    ['根據描述，可以確診為胃炎。', '不能僅憑描述確診為胃炎'],
    ['Based on this, you have a migraine.', 'you may have a migraine'],
    ['You are suffering from anxiety.', 'You may be suffering from anxiety'],
  ])('%s -> softened', (answer, softened) => {
    const r = postprocess(answer, turn(/[a-z]/i.test(answer[0]!) ? 'en' : 'zh'));
    expect(r.text).toContain(softened);
    expect(r.notes.map((n) => n.kind)).toContain('diagnosisSoftened');
  });

  it.each([
    '医生诊断为胃炎的话，需要按疗程治疗。',
    '醫生診斷為胃炎的話，需要按療程治療。',
    '如果你患有糖尿病，需要控制饮食。',
    'You have to rest for a few days.',
    'If you have diabetes, check your feet daily.',
    'You have a fever, so drink fluids.',
  ])('%s -> left as written', (answer) => {
    const r = postprocess(answer, turn(/[a-z]/i.test(answer[0]!) ? 'en' : 'zh'));
    expect(r.text.startsWith(answer)).toBe(true);
    expect(r.notes.map((n) => n.kind)).not.toContain('diagnosisSoftened');
  });
});

describe('postprocess: emergency note', () => {
  it('puts the note with the regional number at the top of an emergency turn', () => {
    const r = postprocess('请保持冷静。', turn('zh', '我胸痛，出冷汗'));
    expect(r.text.startsWith('⚠')).toBe(true);
    expect(r.text.split('\n')[0]).toContain('120');
    expect(r.notes.map((n) => n.kind)).toContain('emergencyNote');
  });

  it.each([
    ['US', '911'],
    ['UK', '999'],
    ['EU', '112'],
    ['HK', '999'],
    ['TW', '119'],
  ] as const)('uses the ambulance number of %s', (region, number) => {
    const r = postprocess('Stay calm.', turn('en', 'I have crushing chest pain', region));
    expect(r.text.split('\n')[0]).toContain(number);
  });

  it('names the crisis line first for self-harm', () => {
    const first = postprocess('I hear you.', turn('en', 'I want to kill myself', 'US')).text.split('\n')[0]!;
    expect(first.indexOf('988')).toBeGreaterThan(-1);
    expect(first.indexOf('988')).toBeLessThan(first.indexOf('911'));
  });

  it('adds no note to an ordinary turn', () => {
    const r = postprocess('多喝水。', turn('zh', '有点咳嗽'));
    expect(r.text.startsWith('多喝水')).toBe(true);
    expect(r.notes.map((n) => n.kind)).not.toContain('emergencyNote');
  });
});

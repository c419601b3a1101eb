import { describe, expect, it } from 'vitest';
import { placeholderLabel, redact } from '$lib/safety/index.ts';
import type { PiiType } from '$lib/safety/index.ts';

/** [text, expected type, the exact identifier as written]: it must be gone and its offsets must point at it. */
const positives: [string, PiiType, string][] = [
  // QQ numbers
  ['我的QQ是 123456789', 'messagingId', '123456789'],
  ['qq号：10001，有事找我', 'messagingId', '10001'],
  ['扣扣 2876543210', 'messagingId', '2876543210'],
  ['我的QQ號碼是98765432', 'messagingId', '98765432'],
  // WeChat IDs and phone numbers given as WeChat
  ['加我微信 abc_12345', 'messagingId', 'abc_12345'],
  ['微信号：zhangsan', 'messagingId', 'zhangsan'],
  ['微信號 Lily-2024 謝謝', 'messagingId', 'Lily-2024'],
  ['vx: wang_li88', 'messagingId', 'wang_li88'],
  ['VX wangli1990', 'messagingId', 'wangli1990'],
  ['add me on wx: abc_12345, thanks', 'messagingId', 'abc_12345'],
  ['my WeChat ID is lily_2024.', 'messagingId', 'lily_2024'],
  ['加我 tom_1988', 'messagingId', 'tom_1988'],
  ['微信 13812345678', 'messagingId', '13812345678'],
  // LINE and WhatsApp
  ['LINE ID: taro.yamada', 'messagingId', 'taro.yamada'],
  ['我的 LINE ID 是 amy0912', 'messagingId', 'amy0912'],
  ['WhatsApp +44 7700 900123', 'messagingId', '+44 7700 900123'],
  // Record and card numbers after their cue
  ['病历号:A1234567', 'medicalRecord', 'A1234567'],
  ['病历号 1234567890128', 'medicalRecord', '1234567890128'],
  ['住院号 20240105 血压130/85', 'medicalRecord', '20240105'],
  ['門診號：M-20231188', 'medicalRecord', 'M-20231188'],
  ['就诊卡号是 0012345678', 'medicalRecord', '0012345678'],
  ['醫保卡號 H12345678', 'medicalRecord', 'H12345678'],
  ['社保卡号：P00123456', 'medicalRecord', 'P00123456'],
  ['MRN: 00123456', 'medicalRecord', '00123456'],
  ['my medical record number is AB-778812', 'medicalRecord', 'AB-778812'],
  ['NHS number 943 476 5919', 'medicalRecord', '943 476 5919'],
  ['NHS no. 9434765919', 'medicalRecord', '9434765919'],
];

/** A cue word with no account or record number after it, or a clinical number near a cue: nothing goes. */
const survivors: string[] = [
  'QQ音乐很好听',
  '微信支付',
  '微信支付了 200 元',
  '微信步数 12000 步',
  '我用微信 3 年了',
  '微信群里说体温 38.5 度',
  'QQ 2次',
  'WeChat tomorrow',
  'my wechat is blocked',
  '加我 wechat',
  'my wx is broken',
  'abc_12345',
  '123456789',
  'I will line up at 9',
  'WhatsApp me later',
  '住院3天，门诊复查 2 次',
  '病历号 记不清了，血压 130/85',
  '住院期间血压 145/95, HR 102',
  'MRN 38.5',
  'my medical record from 2023 says asthma',
  '健保卡忘了帶，體溫 38.2 度',
  'MRN pending, BP 130/85',
  'NHS number 1234567890',
  'NHS 111 helped',
  '門診號碼忘了，體溫 38.2 度',
];

describe('redact: messaging accounts and record numbers', () => {
  it.each(positives)('%s -> %s', (text, type, value) => {
    const { text: out, redactions } = redact(text);
    expect(redactions, JSON.stringify(redactions)).toHaveLength(1);
    const hit = redactions[0]!;
    expect(hit.type).toBe(type);
    expect(text.slice(hit.start, hit.end)).toBe(value);
    expect(out).not.toContain(value);
    expect(out).toContain(hit.placeholder);
  });

  it.each(survivors)('leaves "%s" untouched', (text) => {
    expect(redact(text)).toEqual({ text, redactions: [] });
  });
});

describe('redact: overlaps with the new identifiers', () => {
  it('takes a grouped phone number after 微信 as one account, not a phone plus leftovers', () => {
    const r = redact('微信 138 1234 5678');
    expect(r.redactions.map((x) => x.type)).toEqual(['messagingId']);
    expect(r.text).toBe('微信 〔社交账号〕');
  });

  it('keeps the WhatsApp number that the phone detector also sees as one redaction', () => {
    const r = redact('whatsapp 9123 4567');
    expect(r.redactions).toHaveLength(1);
    expect(r.text).toBe('whatsapp [messaging ID]');
  });

  it('lets a valid resident ID after 社保卡号 win as an ID, in one piece', () => {
    const r = redact('社保卡号 11010519491231002X');
    expect(r.redactions.map((x) => x.type)).toEqual(['idCard']);
  });

  it('does not take an NHS number with a wrong check digit as a record number', () => {
    // 943 476 5918 fails mod 11. It is still shaped like a North American phone number (3-3-4, area and
    // exchange codes 2-9), so the phone detector removes it: what matters here is that it is not a record.
    const r = redact('NHS number 943 476 5918');
    expect(r.redactions.map((x) => x.type)).toEqual(['intlPhone']);
  });

  it('redacts both a QQ number and a record number in one message, keeping offsets', () => {
    const text = '病历号 A1234567，QQ 123456789';
    const r = redact(text);
    expect(r.redactions.map((x) => text.slice(x.start, x.end))).toEqual(['A1234567', '123456789']);
    expect(r.text).toBe('病历号 〔病历号〕，QQ 〔社交账号〕');
  });
});

describe('placeholders for the new identifiers', () => {
  it.each([
    ['messagingId', 'zh', '社交账号'],
    ['messagingId', 'en', 'messaging ID'],
    ['medicalRecord', 'zh', '病历号'],
    ['medicalRecord', 'en', 'record number'],
  ] as const)('placeholderLabel(%s, %s) = %s', (type, lang, label) => {
    expect(placeholderLabel(type, lang)).toBe(label);
  });

  it('writes English placeholders in English text', () => {
    expect(redact('QQ 123456789').text).toBe('QQ [messaging ID]');
  });
});

import { describe, expect, it } from 'vitest';
import { placeholderLabel, redact } from '$lib/safety/index.ts';
import type { PiiType } from '$lib/safety/index.ts';

/** [text, expected type, the exact identifier as written]: it must be gone and its offsets must point at it. */
const positives: [string, PiiType, string][] = [
  // Mainland mobiles, every way people write them
  ['手机138.1234.5678', 'mobile', '138.1234.5678'],
  // A resident ID with a typo in its check character is still somebody's ID
  ['身份证110105194912310021', 'idCard', '110105194912310021'],
  // US Social Security numbers, with or without a cue
  ['my SSN is 123456789', 'ssn', '123456789'],
  ['social security number: 123-45-6789', 'ssn', '123-45-6789'],
  ['it is 123 45 6789 on the form', 'ssn', '123 45 6789'],
  // Dates of birth after their cue
  ['DOB: 03/12/1985, allergic to penicillin', 'birthDate', '03/12/1985'],
  ['my date of birth is March 12, 1985', 'birthDate', 'March 12, 1985'],
  ['出生日期：1985年3月12日', 'birthDate', '1985年3月12日'],
  ['生日是1990-07-01', 'birthDate', '1990-07-01'],
  // Insurance and Medicare numbers after their cue
  ['Medicare number 1EG4-TE5-MK73', 'insuranceNumber', '1EG4-TE5-MK73'],
  ['insurance member ID W123456789', 'insuranceNumber', 'W123456789'],
  ['保单号 P20231234', 'insuranceNumber', 'P20231234'],
  // Flats and units with a street address
  ['I live at 22 Baker Street, Apt 4B', 'address', '22 Baker Street, Apt 4B'],
  ['Flat 4B, 22 Baker Street', 'address', 'Flat 4B, 22 Baker Street'],
  ['我的手机号是13812345678，请回电', 'mobile', '13812345678'],
  ['手机 138 1234 5678', 'mobile', '138 1234 5678'],
  ['手机138-1234-5678', 'mobile', '138-1234-5678'],
  ['电话+86 138 1234 5678', 'mobile', '+86 138 1234 5678'],
  ['电话(+86)13912345678', 'mobile', '(+86)13912345678'],
  ['打0086 13712345678找我', 'mobile', '0086 13712345678'],
  ['+8613812345678', 'mobile', '+8613812345678'],
  ['+86-199-1234-5678', 'mobile', '+86-199-1234-5678'],
  ['全角号码１３８１２３４５６７８', 'mobile', '１３８１２３４５６７８'],
  // Landlines with area codes
  ['座机010-65123456', 'landline', '010-65123456'],
  ['电话 (0755) 8888 8888', 'landline', '(0755) 8888 8888'],
  ['家里电话02088886666', 'landline', '02088886666'],
  ['+86 10 6512 3456', 'landline', '+86 10 6512 3456'],
  ['0571-8765432 转总机', 'landline', '0571-8765432'],
  // Local numbers without a code, only after a word that announces a phone number
  ['我的電話是 9123 4567', 'landline', '9123 4567'],
  ['手机：6512 3456', 'mobile', '6512 3456'],
  ['call me at 2345-6789', 'landline', '2345-6789'],
  // Resident IDs (GB 11643 check character, valid birth date) and the legacy 15-digit form
  ['身份证11010519491231002X', 'idCard', '11010519491231002X'],
  ['身份证号 11010519491231002x', 'idCard', '11010519491231002x'],
  ['证件号440304199001011233。', 'idCard', '440304199001011233'],
  ['身份证 440304 19900101 1233', 'idCard', '440304 19900101 1233'],
  ['老身份证110105491231002', 'idCard', '110105491231002'],
  ['闰日出生11010120000229123X', 'idCard', '11010120000229123X'],
  // Bank and credit cards (Luhn), with or without separators
  ['卡号6222021234567890128', 'bankCard', '6222021234567890128'],
  ['卡号 6222 0212 3456 7890 128', 'bankCard', '6222 0212 3456 7890 128'],
  ['card 4111-1111-1111-1111 exp 12/27', 'bankCard', '4111-1111-1111-1111'],
  ['Amex 3782 822463 10005', 'bankCard', '3782 822463 10005'],
  ['card 5500000000000004', 'bankCard', '5500000000000004'],
  // E-mail
  ['邮箱zhang.san+test@example.com.cn，谢谢', 'email', 'zhang.san+test@example.com.cn'],
  ['Email me at John.Doe@mail.example.org.', 'email', 'John.Doe@mail.example.org'],
  ['ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'email', 'ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ'],
  // International numbers
  ['call (650) 253-0000 tomorrow', 'intlPhone', '(650) 253-0000'],
  ['my number is 650-253-0000', 'intlPhone', '650-253-0000'],
  ['+1 650 253 0000', 'intlPhone', '+1 650 253 0000'],
  ['UK office +44 20 7946 0958', 'intlPhone', '+44 20 7946 0958'],
  ['香港電話 +852 2345 6789', 'intlPhone', '+852 2345 6789'],
  ['mobile 07700 900123', 'intlPhone', '07700 900123'],
  ['+33 1 23 45 67 89', 'intlPhone', '+33 1 23 45 67 89'],
  ['phone: 415.555.2671', 'intlPhone', '415.555.2671'],
  ['从国外打 0044 20 7946 0958', 'intlPhone', '0044 20 7946 0958'],
  // Hong Kong and Taiwan IDs with check digits
  ['香港身份證 A123456(3)', 'hkId', 'A123456(3)'],
  ['HKID AB987654(3)', 'hkId', 'AB987654(3)'],
  ['身份證C668242A', 'hkId', 'C668242A'],
  ['身分證字號A123456789', 'twId', 'A123456789'],
  ['ID F223344558 thanks', 'twId', 'F223344558'],
  ['我的手機是0912-345-678', 'mobile', '0912-345-678'],
  ['台北電話 (02) 2345-6789', 'landline', '(02) 2345-6789'],
  // Passports
  ['护照号E12345678', 'passport', 'E12345678'],
  ['护照 EA1234567', 'passport', 'EA1234567'],
  ['passport number 123456789', 'passport', '123456789'],
  ['護照號碼：X1234567', 'passport', 'X1234567'],
  // Licence plates
  ['车牌粤B·12345', 'licensePlate', '粤B·12345'],
  ['京AD12345的车', 'licensePlate', '京AD12345'],
  ['車牌 ABC-1234', 'licensePlate', 'ABC-1234'],
  // Names and addresses where a phrase makes them clear (the stretch goal)
  ['我叫张三，今年45岁', 'name', '张三'],
  ['我叫王小明', 'name', '王小明'],
  ['My name is John Smith.', 'name', 'John Smith'],
  ['Hi, my name is Dr. Brown', 'name', 'Dr. Brown'],
  ['我的名字是 Li Lei', 'name', 'Li Lei'],
  ['患者姓名：王芳，女，32岁', 'name', '王芳'],
  ['我住在北京市朝阳区建国路88号，最近咳嗽', 'address', '北京市朝阳区建国路88号'],
  ['地址：上海市浦东新区世纪大道100号', 'address', '上海市浦东新区世纪大道100号'],
  ['I live at 221 Baker Street.', 'address', '221 Baker Street'],
  ['我住台北市信義區信義路五段7號3樓', 'address', '台北市信義區信義路五段7號3樓'],
  ['我家住在广州市天河区天河路385号', 'address', '广州市天河区天河路385号'],
  ['住在幸福小区3栋', 'address', '幸福小区3栋'],
];

/** Clinical numbers and ordinary text: nothing may be removed. */
const survivors: string[] = [
  '血压130/85 mmHg',
  '心率88次/分',
  '体温38.5℃，昨晚39.2度',
  '空腹血糖6.1 mmol/L',
  '糖化血红蛋白 6.5%',
  '红细胞 4.2×10^12/L',
  '白细胞 11.3×10^9/L，血小板 250×10^9/L',
  '服用阿莫西林0.25g，每天3次',
  '布洛芬 400 mg，对乙酰氨基酚 10 mg/kg',
  '2024-01-05 开始发烧',
  '2023年12月31日 20:30',
  '孕12周，孕 38+2 周',
  'HbA1c 7.2%, LDL 3.4 mmol/L',
  'BP 145/95, HR 102 bpm',
  'Temp 101.3 F since 12/03/2024',
  'took 2 tablets of 500 mg',
  'weight 65.5 kg, height 172 cm',
  '尿蛋白 2+，肌酐 88 μmol/L',
  'eGFR 90 mL/min/1.73m2, TSH 2.35 mIU/L, INR 2.5',
  '心电图 QTc 440 ms，血氧 95%',
  '每天走 10000 步，体重从70公斤降到65公斤',
  '维生素D 2000 IU, 1,000 mg calcium',
  'COVID-19 and ISO 9001',
  '编号12345678901',
  'readings 12 14 16 18 20 22 24',
  '1 2 3 4 5 6 7 8 9 10 11 12',
  '收缩压 130 135 128 142 mmHg',
  '已经咳嗽 3 天，一天咳 20 次',
  '电话随访3次，手机用了2000元',
  '编号 6512 3456',
  'CD4 350 cells/mm3, viral load 40 copies/mL',
  'a 15-year-old with a 2-week cough',
  '检查时间 20240105123045',
  'walked 12,345 steps, spent 1,234,567 won',
  // A Luhn-passing number is not a card; after 病历号 it is a record number (see accounts.test.ts).
  '编号 1234567890128',
];

describe('redact: identifiers', () => {
  it.each(positives)('%s -> %s', (text, type, value) => {
    const { text: out, redactions } = redact(text);
    const hit = redactions.find((r) => r.type === type);
    expect(hit, JSON.stringify(redactions)).toBeDefined();
    expect(text.slice(hit!.start, hit!.end)).toBe(value);
    expect(out).not.toContain(value);
    expect(out).toContain(hit!.placeholder);
  });
});

describe('redact: clinical numbers survive', () => {
  it.each(survivors)('%s', (text) => {
    expect(redact(text)).toEqual({ text, redactions: [] });
  });
});

describe('redact: overlaps', () => {
  it('takes an 18-digit ID whole, never the phone-shaped digits inside it', () => {
    const r = redact('号码11010519491231002X和440304199001011233');
    expect(r.redactions.map((x) => x.type)).toEqual(['idCard', 'idCard']);
  });

  it('leaves no phone inside an 18-digit run that is not a valid ID', () => {
    const text = '单号991381234567800001';
    const r = redact(text);
    expect(r.redactions.some((x) => x.type === 'mobile')).toBe(false);
  });

  it('keeps two phone numbers side by side as two, not one card-shaped window across them', () => {
    const r = redact('138 1234 5678 139 8765 4321');
    expect(r.redactions.map((x) => x.type)).toEqual(['mobile', 'mobile']);
    expect(r.text).toBe('[phone] [phone]');
  });

  it('reads a full-width comma between two mobiles as a separator, not a thousands mark', () => {
    const r = redact('电话13800138000，13900139000');
    expect(r.text).toBe('电话〔手机号〕，〔手机号〕');
  });

  it('takes the country code with the number', () => {
    const r = redact('+86 138 1234 5678');
    expect(r.redactions).toHaveLength(1);
    expect(r.redactions[0]).toMatchObject({ start: 0, end: 17 });
  });

  it('reads a grouped card as one card, not as a phone plus leftovers', () => {
    const r = redact('6222 0212 3456 7890 128');
    expect(r.redactions.map((x) => x.type)).toEqual(['bankCard']);
  });

  it('keeps offsets into the original text when several identifiers are removed', () => {
    const text = '电话13812345678，邮箱a@b.cn，身份证11010519491231002X';
    const r = redact(text);
    expect(r.redactions.map((x) => text.slice(x.start, x.end))).toEqual([
      '13812345678',
      'a@b.cn',
      '11010519491231002X',
    ]);
    expect(r.text).toBe('电话〔手机号〕，邮箱〔邮箱〕，身份证〔身份证号〕');
  });

  it('does not read "我叫不醒他" (I cannot wake him) as a name', () => {
    expect(redact('我叫不醒他').redactions).toEqual([]);
  });
});

describe('redact: the words around an identifier stay', () => {
  it.each([
    ['请寄到北京市朝阳区建国路88号3单元502室', '请寄到〔地址〕'],
    ['药送到中山路12号就行', '药送到〔地址〕就行'],
  ])('%s', (text, expected) => {
    expect(redact(text).text).toBe(expected);
  });
});

describe('redact: near misses stay', () => {
  it.each([
    ['an ID with an impossible birth date', '110105194902301234'],
    ['a 16-digit number failing Luhn', '4111 1111 1111 1112'],
    ['a Hong Kong ID with a wrong check digit', 'A123456(4)'],
    ['a Taiwan ID with a wrong check digit', 'A123456788'],
    ['a mainland number with too few digits', '1381234567'],
    ['an address word with no address', '我住在医院附近'],
    ['a place that is not an address', '我住在医院旁边的小区'],
    ['a ward, not a home', '病房在住院部3号楼'],
    ['an SSN-shaped number that was never issued', 'SSN 666-12-3456'],
    ['a date with no birth cue', 'the 2024-03-12 appointment'],
  ])('%s', (_label, text) => {
    expect(redact(text).redactions).toEqual([]);
  });
});

describe('redact: placeholders', () => {
  it('writes placeholders in the language of the text', () => {
    expect(redact('电话13812345678').text).toBe('电话〔手机号〕');
    expect(redact('phone 13812345678').text).toBe('phone [phone]');
  });

  it.each([
    ['mobile', 'zh', '手机号'],
    ['mobile', 'en', 'phone'],
    ['idCard', 'zh', '身份证号'],
    ['bankCard', 'en', 'card number'],
    ['email', 'zh', '邮箱'],
  ] as const)('placeholderLabel(%s, %s) = %s', (type, lang, label) => {
    expect(placeholderLabel(type, lang)).toBe(label);
  });

  it('is stable: redacting redacted text changes nothing', () => {
    const once = redact('我叫张三，手机13812345678').text;
    expect(redact(once).text).toBe(once);
  });
});

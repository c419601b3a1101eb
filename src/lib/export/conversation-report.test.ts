import { describe, expect, it } from 'vitest';
import { messages as i18n } from '$lib/i18n/index.ts';
import { conversationToMarkdown, profileLines } from './conversation-report.ts';
import type { Conversation, StoredMessage } from '$lib/storage/types.ts';

const conversation: Conversation = {
  id: 'c1',
  title: '头痛三天',
  lang: 'zh',
  createdAt: Date.UTC(2026, 0, 2, 8, 0),
  updatedAt: Date.UTC(2026, 0, 2, 8, 5),
  profile: {
    chiefComplaint: '头痛',
    medicalHistory: '',
    age: '34',
    sex: 'female',
    pregnancy: 'unsure',
    allergies: '青霉素',
    medications: '',
    testResults: '',
  },
};

const messages: StoredMessage[] = [
  {
    id: 'u1',
    conversationId: 'c1',
    role: 'user',
    createdAt: Date.UTC(2026, 0, 2, 8, 1),
    text: '# 我的电话是〔手机号〕\n头痛三天',
    status: 'complete',
    redactions: [{ type: 'mobile', count: 1 }],
    triage: { level: 'urgent', categories: [] },
  },
  {
    id: 'a1',
    conversationId: 'c1',
    role: 'assistant',
    createdAt: Date.UTC(2026, 0, 2, 8, 2),
    text: '**建议**尽快就医。',
    rawText: '建议尽快就医',
    status: 'interrupted',
    feedback: { rating: 'down', comment: '太简单', at: Date.UTC(2026, 0, 2, 8, 3) },
  },
];

const options = {
  locale: 'zh-CN',
  exportedAt: Date.UTC(2026, 0, 3),
  timeZone: 'UTC',
  untitled: '未命名对话',
};

describe('conversationToMarkdown', () => {
  const md = conversationToMarkdown(conversation, messages, i18n.zh.history.report, options);

  it.each([
    ['the title as heading', '# 头痛三天\n'],
    ['the start time', '开始时间: 2026年1月2日 08:00'],
    ['filled profile fields with words for enums', '- **性别**: 女'],
    ['pregnancy in words', '- **是否怀孕**: 不确定'],
    ['the patient text quoted, so a leading # is not a heading', '> # 我的电话是〔手机号〕\n> 头痛三天'],
    ['the redaction note without the value', '*已去除的个人信息: 手机号 ×1*'],
    ['the triage level', '*风险分级: 尽快就医*'],
    ['the assistant Markdown as is', '**建议**尽快就医。'],
    ['the interrupted note', '回答被中断'],
    ['the feedback in words', '*患者评价: 没有帮助, 太简单*'],
  ])('contains %s', (_label, expected) => {
    expect(md).toContain(expected);
  });

  it('skips empty profile fields and ends with the disclaimer', () => {
    expect(md).not.toContain('既往史');
    expect(md.trimEnd().endsWith(`*${i18n.zh.history.report.disclaimer}*`)).toBe(true);
  });

  it('uses the untitled label and English wording', () => {
    const en = conversationToMarkdown({ ...conversation, title: '' }, [], i18n.en.history.report, {
      ...options,
      locale: 'en',
      untitled: 'Untitled conversation',
    });
    expect(en.startsWith('# Untitled conversation\n')).toBe(true);
    expect(en).toContain('- **Sex**: Female');
    expect(en).not.toContain('### Patient');
  });
});

describe('profileLines', () => {
  it('is empty for an empty profile', () => {
    const empty = {
      ...conversation.profile,
      chiefComplaint: '',
      age: '',
      sex: '',
      pregnancy: '',
      allergies: '',
    } as const;
    expect(profileLines(empty, i18n.en.history.report)).toEqual([]);
  });
});

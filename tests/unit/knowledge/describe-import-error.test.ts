import { describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n/index.ts';
import { parseClinicFiles, type ImportErrorCode } from '$lib/knowledge/import.ts';
import { describeImportError } from '$ui/settings/knowledge/describe.ts';

/** One real import per error code, so the wording is checked on what the importer actually reports. */
const cases: [ImportErrorCode, { name: string; text: string }][] = [
  ['parse', { name: 'a.json', text: '{' }],
  ['noFrontMatter', { name: 'a.md', text: 'no block' }],
  ['notEntries', { name: 'a.json', text: '"text"' }],
  ['notObject', { name: 'a.json', text: '[1]' }],
  ['missing', { name: 'a.json', text: '[{"id":"x","lang":"en","title":"T","body":"B"}]' }],
  ['wrongType', { name: 'a.json', text: '[{"id":"x","lang":"en","title":1,"body":"B","source":"S"}]' }],
  ['empty', { name: 'a.json', text: '[{"id":"x","lang":"en","title":" ","body":"B","source":"S"}]' }],
  [
    'tooLong',
    {
      name: 'a.json',
      text: JSON.stringify([{ id: 'x', lang: 'en', title: 'T'.repeat(201), body: 'B', source: 'S' }]),
    },
  ],
  ['badId', { name: 'a.json', text: '[{"id":"a b","lang":"en","title":"T","body":"B","source":"S"}]' }],
  ['badLang', { name: 'a.json', text: '[{"id":"x","lang":"fr","title":"T","body":"B","source":"S"}]' }],
  [
    'unknownField',
    { name: 'a.json', text: '[{"id":"x","lang":"en","title":"T","body":"B","source":"S","tittle":"T"}]' },
  ],
  [
    'duplicateId',
    {
      name: 'a.json',
      text: '[{"id":"x","lang":"en","title":"T","body":"B","source":"S"},{"id":"x","lang":"en","title":"T","body":"B","source":"S"}]',
    },
  ],
  [
    'builtinId',
    { name: 'a.json', text: '[{"id":"zh-aid-cpr","lang":"zh","title":"T","body":"B","source":"S"}]' },
  ],
];

describe('describeImportError', () => {
  it.each(cases)('explains %s in both languages, naming the file and the field', (code, file) => {
    const { errors } = parseClinicFiles([file], { builtinIds: new Set(['zh-aid-cpr']) });
    const error = errors.find((e) => e.code === code);
    expect(error, JSON.stringify(errors)).toBeDefined();
    for (const lang of ['zh', 'en'] as const) {
      const { where, what } = describeImportError(error!, messages[lang].knowledge);
      expect(where).toContain(file.name);
      expect(what.length).toBeGreaterThan(5);
      if (error!.field && !['id', 'lang'].includes(error!.field)) expect(what).toContain(error!.field);
    }
  });
});

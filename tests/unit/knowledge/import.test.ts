import { describe, expect, it } from 'vitest';
import { parseClinicFiles, validateEntry, type ImportError } from '$lib/knowledge/import.ts';

const builtinIds = new Set(['zh-med-paracetamol']);
const good = {
  id: 'clinic-hours',
  lang: 'zh',
  title: '门诊时间',
  body: '周一至周五上午开诊。',
  tags: ['门诊'],
  source: '本诊所',
};

function only(errors: ImportError[]) {
  return errors.map(({ entry, field, code }) => ({ entry, field, code }));
}

describe('validateEntry', () => {
  it.each<[string, Record<string, unknown>, { field?: string; code: string }[]]>([
    ['a complete entry', {}, []],
    ['missing id', { id: undefined }, [{ field: 'id', code: 'missing' }]],
    ['id with spaces', { id: 'my entry' }, [{ field: 'id', code: 'badId' }]],
    ['id that is a number', { id: 7 }, [{ field: 'id', code: 'badId' }]],
    ['unsupported language', { lang: 'fr' }, [{ field: 'lang', code: 'badLang' }]],
    ['missing language', { lang: undefined }, [{ field: 'lang', code: 'missing' }]],
    ['blank title', { title: '   ' }, [{ field: 'title', code: 'empty' }]],
    ['title that is not text', { title: ['a'] }, [{ field: 'title', code: 'wrongType' }]],
    ['body too long', { body: 'x'.repeat(20_001) }, [{ field: 'body', code: 'tooLong' }]],
    ['missing source', { source: undefined }, [{ field: 'source', code: 'missing' }]],
    ['tags that are not a list', { tags: { a: 1 } }, [{ field: 'tags', code: 'wrongType' }]],
    ['a misspelt field', { tittle: 'x' }, [{ field: 'tittle', code: 'unknownField' }]],
    [
      'several problems at once',
      { id: '', lang: 'de', body: '' },
      [
        { field: 'id', code: 'badId' },
        { field: 'lang', code: 'badLang' },
        { field: 'body', code: 'empty' },
      ],
    ],
  ])('%s', (_label, patch, expected) => {
    const raw: Record<string, unknown> = { ...good, ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete raw[k];
    const { entry, problems } = validateEntry(raw);
    expect(problems.map(({ field, code }) => ({ field, code }))).toEqual(expected);
    expect(entry === undefined).toBe(expected.length > 0);
  });

  it('marks valid entries as clinic entries and trims text', () => {
    const { entry } = validateEntry({ ...good, title: '  门诊时间 ', tags: '门诊, 时间' });
    expect(entry).toEqual({ ...good, tags: ['门诊', '时间'], origin: 'clinic' });
  });

  it('rejects values that are not objects', () => {
    expect(validateEntry('text').problems).toEqual([{ code: 'notObject' }]);
    expect(validateEntry([good]).problems).toEqual([{ code: 'notObject' }]);
  });
});

describe('parseClinicFiles', () => {
  it('imports the valid entries of a JSON array and reports each bad one by position, id and field', () => {
    const text = JSON.stringify([good, { ...good, id: 'second', lang: 'xx' }, { ...good, id: 'third' }]);
    const { entries, errors } = parseClinicFiles([{ name: 'clinic.json', text }], { builtinIds });
    expect(entries.map((e) => e.id)).toEqual(['clinic-hours', 'third']);
    expect(errors).toEqual([{ file: 'clinic.json', entry: 2, id: 'second', field: 'lang', code: 'badLang' }]);
  });

  it('accepts a single JSON object as one entry', () => {
    const { entries } = parseClinicFiles([{ name: 'one.json', text: JSON.stringify(good) }], { builtinIds });
    expect(entries).toHaveLength(1);
  });

  it.each([
    ['broken JSON', 'a.json', '[{"id": ', 'parse'],
    ['JSON that is not entries', 'a.json', '42', 'notEntries'],
    ['Markdown without front matter', 'a.md', '# Just a heading', 'noFrontMatter'],
    ['Markdown with broken YAML', 'a.md', '---\nid: [unclosed\n---\nbody', 'parse'],
  ])('reports %s as a whole-file error', (_label, name, text, code) => {
    const { entries, errors } = parseClinicFiles([{ name, text }], { builtinIds });
    expect(entries).toEqual([]);
    expect(only(errors)).toEqual([{ entry: null, field: undefined, code }]);
    // The line, not the parser's English message: the clinic is told where, in its own language.
    if (code === 'parse') expect(errors[0]?.detail).toMatch(/^[12]$/);
  });

  it('reads Markdown front matter and uses the rest as the body', () => {
    const text = [
      '---',
      'id: clinic-flu-shot',
      'lang: en',
      'title: Flu shots at our clinic',
      'tags: [flu, vaccine]',
      'source: Clinic policy, CDC',
      '---',
      'Walk in on Tuesdays.',
      '',
      'Bring your vaccination record.',
    ].join('\n');
    const { entries, errors } = parseClinicFiles([{ name: 'flu.md', text }], { builtinIds });
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      {
        id: 'clinic-flu-shot',
        lang: 'en',
        title: 'Flu shots at our clinic',
        tags: ['flu', 'vaccine'],
        source: 'Clinic policy, CDC',
        body: 'Walk in on Tuesdays.\n\nBring your vaccination record.',
        origin: 'clinic',
      },
    ]);
  });

  it('rejects a body given in Markdown front matter, since the body is the text below it', () => {
    const text = '---\nid: x\nlang: en\ntitle: T\nsource: S\nbody: B\n---\nreal body';
    expect(only(parseClinicFiles([{ name: 'x.md', text }], { builtinIds }).errors)).toEqual([
      { entry: 1, field: 'body', code: 'unknownField' },
    ]);
  });

  it("reports a built-in id clash together with the entry's other problems", () => {
    const text = JSON.stringify([{ ...good, id: 'zh-med-paracetamol', tittle: 'x' }]);
    expect(only(parseClinicFiles([{ name: 'a.json', text }], { builtinIds }).errors)).toEqual([
      { entry: 1, field: 'tittle', code: 'unknownField' },
      { entry: 1, field: 'id', code: 'builtinId' },
    ]);
  });

  it('refuses ids of built-in entries and ids repeated across files', () => {
    const files = [
      { name: 'a.json', text: JSON.stringify([{ ...good, id: 'zh-med-paracetamol' }, good]) },
      { name: 'b.json', text: JSON.stringify([good]) },
    ];
    const { entries, errors } = parseClinicFiles(files, { builtinIds });
    expect(entries.map((e) => e.id)).toEqual(['clinic-hours']);
    expect(errors).toEqual([
      { file: 'a.json', entry: 1, id: 'zh-med-paracetamol', field: 'id', code: 'builtinId' },
      { file: 'b.json', entry: 1, id: 'clinic-hours', field: 'id', code: 'duplicateId', detail: 'a.json' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'scripts', 'safety-cli.ts');

function run(args: string[], input: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(tsx, [cli, ...args], { input, encoding: 'utf8', cwd: root });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('safety CLI', () => {
  it('writes one JSON object per JSON Lines record, in order', () => {
    const input = [
      JSON.stringify({ text: '我胸痛，手机13812345678' }),
      JSON.stringify({ text: 'what causes a stroke?' }),
      JSON.stringify({ text: '發燒三天了' }),
    ].join('\n');
    const r = run(['--jsonl'], input);
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({
      redacted: '我胸痛，手机〔手机号〕',
      redactions: [{ type: 'mobile', start: 6, end: 17, placeholder: '〔手机号〕' }],
      emergency: { level: 'emergency', categories: ['cardiac'], matched: ['胸痛'], rules: ['胸痛'] },
    });
    expect(out[1].emergency).toMatchObject({ level: 'none', categories: [] });
    expect(out[2].emergency).toMatchObject({ level: 'urgent', categories: [] });
  }, 30_000);

  it('names malformed lines on stderr, keeps going, and exits non-zero', () => {
    const input = ['{"text":"ok"}', 'not json', '', '{"txt":"wrong field"}', '{"text":"上不来气"}'].join(
      '\n',
    );
    const r = run(['--jsonl'], input);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('line 2:');
    expect(r.stderr).toContain('line 4:');
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.line ?? o.emergency.level)).toEqual(['none', 2, 4, 'emergency']);
  }, 30_000);

  it('prints a readable report for plain lines', () => {
    const r = run([], '我叫张三，呼吸困難\nhello\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('#1 emergency (breathing)');
    expect(r.stdout).toContain('我叫〔姓名〕');
    expect(r.stdout).toContain('#2 none');
  }, 30_000);

  it("triages with a clinic's own rule files", () => {
    const dir = mkdtempSync(join(tmpdir(), 'safety-rules-'));
    mkdirSync(join(dir, 'en'));
    const rules = {
      maxGap: 20,
      negators: [],
      gapBlockers: [],
      questionMarkers: [],
      personMarkers: [],
      presentMarkers: [],
      pastMarkers: [],
      categories: { bleeding: ['nosebleed for an hour'] },
      urgent: [],
    };
    writeFileSync(join(dir, 'en', 'emergency.json'), JSON.stringify(rules));
    const r = run(['--jsonl', '--rules', dir], JSON.stringify({ text: 'a nosebleed for an hour' }));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).emergency).toMatchObject({ level: 'emergency', categories: ['bleeding'] });
  }, 30_000);

  it('rejects a rule file with an unknown category, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safety-rules-'));
    mkdirSync(join(dir, 'en'));
    const rules = {
      maxGap: 20,
      negators: [],
      gapBlockers: [],
      questionMarkers: [],
      personMarkers: [],
      presentMarkers: [],
      pastMarkers: [],
      categories: { heartache: ['sad'] },
      urgent: [],
    };
    writeFileSync(join(dir, 'en', 'emergency.json'), JSON.stringify(rules));
    const r = run(['--jsonl', '--rules', dir], '{"text":"x"}');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('heartache');
    expect(r.stderr).toContain(join('en', 'emergency.json'));
  }, 30_000);

  it('names a missing field in a rule file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safety-rules-'));
    mkdirSync(join(dir, 'zh'));
    writeFileSync(join(dir, 'zh', 'emergency.json'), JSON.stringify({ maxGap: 10, categories: {} }));
    const r = run(['--jsonl', '--rules', dir], '{"text":"x"}');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"negators" must be a list of strings');
  }, 30_000);
});

/**
 * Safety CLI: runs redaction and triage over text, so a clinic can test its own rule files.
 *
 *   npm run --silent safety -- --jsonl < cases.jsonl     one {"text": "..."} per line in, one JSON result per line out
 *   npm run --silent safety < messages.txt               plain lines in, a readable report out
 *   ... --rules ./my-rules                               triage with rule files from a folder laid out like
 *                                                        src/lib/safety/rules (zh/emergency.json, en/emergency.json,
 *                                                        triage.json, zh/traditional.json; missing files fall back)
 *
 * JSON Lines output per input line: {"redacted", "redactions", "emergency": {"level", "categories", "matched", "rules"}}
 * ("matched": the words of the message, normalized; "rules": the rule phrases that fired).
 * Blank lines are skipped (no output). A malformed line gets "line N: reason" on stderr and, so output lines stay
 * aligned with input lines, {"line": N, "error": "reason"} on stdout; the other lines are still processed and
 * the exit code is 1. Exit code 2: bad arguments or unreadable rule files.
 */
import { createInterface } from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeholderLabel, redact } from '../src/lib/safety/index.ts';
import {
  compileTriageRules,
  explainTriage,
  type TriageLanguageRules,
  type TriageRules,
  type TriageSharedRules,
} from '../src/lib/safety/triage.ts';
import zhDefault from '../src/lib/safety/rules/zh/emergency.json';
import enDefault from '../src/lib/safety/rules/en/emergency.json';
import sharedDefault from '../src/lib/safety/rules/triage.json';
import traditionalDefault from '../src/lib/safety/rules/zh/traditional.json';

const USAGE = `usage: safety-cli [--jsonl] [--rules <dir>]
  --jsonl        read {"text": "..."} lines, write one JSON object per line
  --rules <dir>  triage with the rule files in <dir> (same layout as src/lib/safety/rules)`;

function readJson<T>(dir: string, file: string, fallback: T): T {
  const path = join(dir, file);
  if (!existsSync(path)) return fallback;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

/** Loads and compiles the triage rules, naming the file at fault when one is wrong. */
function loadRules(dir: string | undefined): TriageRules {
  const pick = <T>(file: string, fallback: T): T => (dir ? readJson(dir, file, fallback) : fallback);
  const shared = pick<TriageSharedRules>('triage.json', sharedDefault);
  const pairs = pick('zh/traditional.json', traditionalDefault).pairs;
  const files: [string, TriageLanguageRules][] = [
    ['zh/emergency.json', pick<TriageLanguageRules>('zh/emergency.json', zhDefault as TriageLanguageRules)],
    ['en/emergency.json', pick<TriageLanguageRules>('en/emergency.json', enDefault as TriageLanguageRules)],
  ];
  for (const [file, rules] of files) {
    try {
      compileTriageRules([rules], shared, pairs);
    } catch (e) {
      throw new Error(`${dir ? join(dir, file) : file}: ${(e as Error).message}`);
    }
  }
  return compileTriageRules(
    files.map(([, rules]) => rules),
    shared,
    pairs,
  );
}

function parseArgs(argv: string[]): { jsonl: boolean; rulesDir?: string } {
  let jsonl = false;
  let rulesDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--jsonl') jsonl = true;
    else if (arg === '--rules' && argv[i + 1]) rulesDir = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument "${arg}"`);
  }
  return { jsonl, rulesDir };
}

/** Reads the text out of one JSON Lines record, or throws with a reason fit for the error message. */
function textOf(line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('expected a JSON object');
  const text = (value as Record<string, unknown>).text;
  if (typeof text !== 'string') throw new Error('expected a string field "text"');
  return text;
}

function describe(n: number, text: string, rules: TriageRules): string {
  const { text: redacted, redactions } = redact(text);
  const t = explainTriage(rules, text);
  // The report is for clinic staff reading English, whatever the language of the message.
  const removed = redactions.map((r) => placeholderLabel(r.type, 'en'));
  const level =
    t.level === 'none' ? 'none' : `${t.level}${t.categories.length ? ` (${t.categories.join(', ')})` : ''}`;
  return [
    `#${n} ${level}`,
    `   redacted: ${redacted}`,
    ...(removed.length ? [`   removed:  ${removed.join(', ')}`] : []),
    ...(t.matched.length ? [`   matched:  ${t.matched.join(' | ')}`] : []),
    ...(t.rules.length ? [`   rules:    ${t.rules.join(' | ')}`] : []),
  ].join('\n');
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  let rules: TriageRules;
  try {
    args = parseArgs(process.argv.slice(2));
    rules = loadRules(args.rulesDir);
  } catch (e) {
    console.error(`safety-cli: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let failed = 0;
  let n = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    n++;
    if (line.trim() === '') continue;
    if (!args.jsonl) {
      process.stdout.write(`${describe(n, line, rules)}\n`);
      continue;
    }
    let text: string;
    try {
      text = textOf(line);
    } catch (e) {
      failed++;
      const reason = (e as Error).message;
      console.error(`line ${n}: ${reason}`);
      process.stdout.write(`${JSON.stringify({ line: n, error: reason })}\n`);
      continue;
    }
    // Only the input can be malformed; a failure in the pipeline itself is a bug and stops the run loudly.
    const { text: redacted, redactions } = redact(text);
    const emergency = explainTriage(rules, text);
    process.stdout.write(`${JSON.stringify({ redacted, redactions, emergency })}\n`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();

import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import zh from '$lib/safety/rules/zh/emergency.json';
import traditional from '$lib/safety/rules/zh/traditional.json';
import { buildCharMap } from '$lib/safety/normalize.ts';
import { triage } from '$lib/safety/index.ts';

/**
 * The app ships a small Traditional -> Simplified table (rules/zh/traditional.json) instead of OpenCC's
 * dictionaries, to keep the chat screen light. OpenCC (a dev dependency only) checks here that the table covers
 * every character the Chinese rules use, in both the Taiwan and the Hong Kong standard.
 */
const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' });
const table = buildCharMap(traditional.pairs);

function ruleStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(ruleStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(ruleStrings);
  return [];
}

const ruleChars = [
  ...new Set(
    ruleStrings(zh)
      .join('')
      .match(/[\u4e00-\u9fff]/g) ?? [],
  ),
].sort();

describe('Traditional characters', () => {
  it('the table maps every Traditional form of every character in the Chinese rules', () => {
    const missing: string[] = [];
    for (const simplified of ruleChars) {
      for (const form of new Set([toTaiwan(simplified), toHongKong(simplified)])) {
        if (form !== simplified && table.get(form) !== simplified) missing.push(`${form}${simplified}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    '我心口很痛，出冷汗',
    '我爸突然说话不清，半边身子没力',
    '我不想活了',
    '孩子抽搐停不下来',
    '吃了一整瓶安眠药',
    '怀孕12周出血',
    '呕血，大便发黑',
  ])('a message converted to Traditional by OpenCC triages as the Simplified one: %s', (text) => {
    expect(triage(toTaiwan(text))).toEqual(triage(text));
    expect(triage(toHongKong(text))).toEqual(triage(text));
  });
});

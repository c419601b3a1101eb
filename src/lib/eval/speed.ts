/**
 * Speed on this device: a fixed set of prompts of different lengths (so prefill is measured on short and
 * long inputs), and the median and 90th percentile of what the engine reports for them.
 */
import type { ChatMessage } from '$lib/engine/types.ts';
import type { Distribution, SpeedSample, SpeedStats } from './types.ts';

export interface SpeedPrompt {
  id: string;
  messages: ChatMessage[];
  /** Enough tokens for a stable decode rate, few enough to keep a run short. */
  maxTokens: number;
}

const SYSTEM_ZH = '你是一个健康信息助手。请用通俗的语言回答,不做诊断。';
const SYSTEM_EN = 'You are a health information helper. Answer in plain words and do not diagnose.';

/** The fixed prompt set. Changing it makes new reports incomparable with old ones: add, do not edit. */
export const SPEED_PROMPTS: readonly SpeedPrompt[] = [
  {
    id: 'zh-short',
    maxTokens: 128,
    messages: [
      { role: 'system', content: SYSTEM_ZH },
      { role: 'user', content: '感冒了应该注意什么?' },
    ],
  },
  {
    id: 'en-short',
    maxTokens: 128,
    messages: [
      { role: 'system', content: SYSTEM_EN },
      { role: 'user', content: 'How much water should an adult drink in a day?' },
    ],
  },
  {
    id: 'zh-long',
    maxTokens: 128,
    messages: [
      { role: 'system', content: SYSTEM_ZH },
      {
        role: 'user',
        content:
          '我今年45岁,男性,有高血压病史五年,一直在吃降压药,血压平时控制在130/85左右。最近两周早上起床时偶尔头晕,' +
          '持续几分钟后自己缓解,没有胸痛,没有肢体无力或说话不清。我平时工作压力大,睡眠不好,每天喝两杯咖啡,' +
          '周末偶尔喝酒。想问一下这种情况可能和什么有关,我应该先在家观察哪些指标,什么情况下需要尽快去医院?',
      },
    ],
  },
  {
    id: 'en-long',
    maxTokens: 128,
    messages: [
      { role: 'system', content: SYSTEM_EN },
      {
        role: 'user',
        content:
          'My daughter is 4 years old. Since yesterday evening she has had a temperature between 38.2 and 38.8 °C, ' +
          'a runny nose and a mild cough. She is drinking water and juice, passed urine three times today, plays ' +
          'between naps and has no rash. We gave her paracetamol once last night. What should we watch for at ' +
          'home, how can we keep her comfortable, and which signs would mean we should see a doctor today?',
      },
    ],
  },
];

/**
 * Nearest-rank percentile of values already sorted ascending.
 * @returns null for an empty list
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? null;
}

/** Median and p90 of the finite values given; figures an engine did not report are left out. */
export function distribution(values: readonly (number | undefined)[]): Distribution {
  const sorted = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b);
  return { n: sorted.length, median: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

/** Time to first token, prefill and decode rates over all samples. */
export function speedStats(samples: readonly SpeedSample[]): SpeedStats {
  return {
    timeToFirstTokenMs: distribution(samples.map((s) => s.timeToFirstTokenMs)),
    prefillTokensPerSec: distribution(samples.map((s) => s.prefillTokensPerSec)),
    decodeTokensPerSec: distribution(samples.map((s) => s.decodeTokensPerSec)),
  };
}

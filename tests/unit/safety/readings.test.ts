/**
 * Numbers that change the level: what readings.ts reads from a patient's message, in the units the
 * thresholds in triage.json use.
 */
import { describe, expect, it } from 'vitest';
import { findReadings, type Quantity, type ReadingCues } from '$lib/safety/readings.ts';
import { normalizeForMatch } from '$lib/safety/normalize.ts';
import zh from '$lib/safety/rules/zh/emergency.json';
import en from '$lib/safety/rules/en/emergency.json';

const cues = { zh: zh.readingCues as ReadingCues, en: en.readingCues as ReadingCues };

function read(lang: 'zh' | 'en', text: string, quantity: Quantity): number[] {
  return findReadings(normalizeForMatch(text), cues[lang])
    .filter((r) => r.quantity === quantity)
    .map((r) => Math.round(r.value * 10) / 10);
}

describe('readings', () => {
  it('reads a blood sugar after its cue, converting mg/dL to mmol/L', () => {
    expect(read('zh', '我爸测血糖2.1，出冷汗', 'glucose')).toEqual([2.1]);
    expect(read('en', "my dad's blood sugar is 40 mg/dl", 'glucose')).toEqual([2.2]);
    expect(read('en', 'sugar over 600 and she is barely awake', 'glucose')).toEqual([33.3]);
  });

  it("reads a meter's HI and LO as out-of-range values, only as whole words after a glucose cue", () => {
    expect(read('en', 'the meter says HI and he keeps vomiting', 'glucose')).toEqual([34]);
    expect(read('zh', '血糖仪显示LO，人软软的', 'glucose')).toEqual([1]);
    expect(read('en', 'he said hi to me this morning', 'glucose')).toEqual([]);
    expect(read('en', 'my sugar meter, his hand', 'glucose')).toEqual([]);
  });

  it('reads a systolic pressure from "a/b" with or without a cue', () => {
    expect(read('zh', '血压掉到85/50，头晕', 'systolic')).toEqual([85]);
    expect(read('en', 'fever, BP 88/55', 'systolic')).toEqual([88]);
    expect(read('zh', '血压只有80', 'systolic')).toEqual([80]);
    expect(read('en', 'open 24/7', 'systolic')).toEqual([]);
  });

  it('reads an oxygen saturation after its cue', () => {
    expect(read('en', 'her sats are 86% on the oximeter', 'spo2')).toEqual([86]);
    expect(read('zh', '血氧只有88', 'spo2')).toEqual([88]);
  });

  it('reads temperatures in °C and °F, cued, with a unit, or as a bare fever-range decimal', () => {
    expect(read('zh', '体温40.5度', 'temperature')).toEqual([40.5]);
    expect(read('en', 'fever of 101', 'temperature')).toEqual([38.3]);
    expect(read('en', '6 wk old temp 101.5', 'temperature')).toEqual([38.6]);
    expect(read('zh', '摸着很烫，量了38.2', 'temperature')).toEqual([38.2]);
    expect(read('zh', '我今年45岁', 'temperature')).toEqual([]);
  });

  it("reads a baby's age only next to a baby word or 'old', never a duration", () => {
    expect(read('en', 'my 6 week old has a fever', 'ageDays')).toEqual([42]);
    expect(read('en', 'my baby is 10 weeks and running a fever', 'ageDays')).toEqual([70]);
    expect(read('zh', '宝宝两个月大，发烧', 'ageDays')).toEqual([60]);
    expect(read('zh', '宝宝出生20天', 'ageDays')).toEqual([20]);
    expect(read('zh', '两个半月的宝宝烧到39度', 'ageDays')).toEqual([60]);
    expect(read('zh', '宝宝发烧三天了', 'ageDays')).toEqual([]);
    expect(read('en', 'fever for 3 days', 'ageDays')).toEqual([]);
  });

  it('reads weeks of pregnancy, which are not a baby age', () => {
    expect(read('zh', '孕32周，肚子一阵阵痛', 'gestationWeeks')).toEqual([32]);
    expect(read('en', 'my wife is 36 weeks and just had a seizure', 'gestationWeeks')).toEqual([36]);
    expect(read('en', "I'm 28 weeks pregnant", 'ageDays')).toEqual([]);
    // A message that opens with the week count, as pregnant women write; short or later counts are not.
    expect(read('en', '35 weeks, terrible headache and seeing flashing lights', 'gestationWeeks')).toEqual([
      35,
    ]);
    expect(read('zh', '34周了，突然流血', 'gestationWeeks')).toEqual([34]);
    expect(read('en', '3 weeks of cough', 'gestationWeeks')).toEqual([]);
    expect(read('en', 'cough for 30 weeks now', 'gestationWeeks')).toEqual([]);
  });

  it('counts tablets in digits, Chinese numerals and English words', () => {
    expect(read('zh', '朋友吃了一把布洛芬，大概二十片', 'tablets')).toEqual([20]);
    expect(read('zh', '吃了十五片扑热息痛', 'tablets')).toEqual([15]);
    expect(read('en', 'my friend took about 20 ibuprofen', 'tablets')).toEqual([20]);
    expect(read('en', 'I took two paracetamol', 'tablets')).toEqual([2]);
  });

  it('never reads a word number as a measurement ("血糖一直很高" has no reading)', () => {
    expect(read('zh', '血糖一直很高', 'glucose')).toEqual([]);
  });

  it('stops after a bounded number of numbers, so a pasted table stays fast', () => {
    const readings = findReadings(normalizeForMatch('体温39度 '.repeat(5000)), cues.zh);
    expect(readings.length).toBeLessThanOrEqual(256);
    expect(readings.length).toBeGreaterThan(0);
  });
});

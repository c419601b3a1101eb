/**
 * Triage by concepts that compose, by readings, and by escalation: what a patient or relative writes
 * without the textbook word, and what must stay calm (gym soreness, two paracetamol, past episodes).
 */
import { describe, expect, it } from 'vitest';
import { triage } from '$lib/safety/index.ts';
import type { EmergencyCategory } from '$lib/safety/types.ts';

const raises = (text: string, category: EmergencyCategory) => {
  const result = triage(text);
  expect(result.level, text).toBe('emergency');
  expect(result.categories, text).toContain(category);
};
const calm = (text: string) => expect(triage(text).level, text).not.toBe('emergency');

describe('triage: concepts that compose', () => {
  it('poisoning: swallowed + medicine + a whole container, a count or a small child', () => {
    raises('我妈把一整瓶降压药都吃了', 'poisoning');
    raises('she swallowed a whole packet of her sleeping tablets', 'poisoning');
    raises('吃了二十几片退烧药', 'poisoning');
    raises('my 2 year old got into the dishwasher tablets', 'poisoning');
    raises('孙子误吃了爷爷的心脏药', 'poisoning');
    raises('we all have a headache and feel sick, the gas heater is on', 'poisoning');
    calm('I took two paracetamol for a headache, is that ok');
    calm('孩子吃了一颗维生素软糖，没事吧');
  });

  it('self-harm: intent or a method, place or plan + now', () => {
    raises('我打算今晚烧炭', 'suicide');
    raises('standing on the roof of the car park and I want it to end', 'suicide');
    raises('pills are saved up and tonight is the night', 'suicide');
    calm('cut myself shaving, it stopped after a minute');
  });

  it('burns: a burn + a large area, the face, a chemical or a small child', () => {
    raises('boiling water went all over my baby girl', 'burns');
    raises('油锅起火烧到了脸', 'burns');
    raises('bleach splashed in my eyes', 'burns');
    calm('splashed hot oil on my hand, small red patch, ran it under cold water');
  });

  it('a head knock + vomiting, drowsiness or repeated questions', () => {
    raises('she hit her head on the slide and keeps asking the same question', 'headInjury');
    raises('孩子磕到头以后吐了两次', 'headInjury');
    calm('bumped my head on the cupboard door, small bump, feel fine');
  });
});

describe('triage: readings with symptoms', () => {
  it('glucose below 3.0 mmol/L, or the meter out of range, with symptoms', () => {
    raises('血糖2.6，浑身冒冷汗，说话不清楚', 'diabetic');
    raises('his sugar is 45 mg/dl and he is confused', 'diabetic');
    raises('meter says HI and she is vomiting with deep breathing', 'diabetic');
    calm('血糖测了5.6，正常吗');
  });

  it('systolic below 90 with an infection, SpO2 below 90%', () => {
    raises('尿路感染发烧，血压85/50', 'sepsis');
    raises('her oxygen is 84 on the finger monitor', 'breathing');
    calm('BP 102/66, it is always low like this');
  });

  it('40 °C with confusion in the heat; a baby under 3 months at 38 °C', () => {
    raises('在工地干了一天活，体温40.2度，说胡话', 'heatStroke');
    raises('my 7 week old has a temp of 38.3', 'infantFever');
    raises('宝宝出生二十天，体温38.1', 'infantFever');
    calm('my 7 year old has a fever of 38.4 but is drinking and watching TV');
    calm('I am 10 weeks pregnant and have a temp of 38');
  });
});

describe('triage: escalation', () => {
  it('fever + stiff neck + headache, or fever + a rash that does not fade, is meningitis', () => {
    raises('高烧，脖子发硬，头痛得厉害', 'meningitis');
    raises('fever and a rash that does not fade under a glass', 'meningitis');
  });

  it('infection + confusion + fast breathing is sepsis', () => {
    raises('grandad has pneumonia and is confused and breathing fast', 'sepsis');
  });
});

describe('triage: past and general', () => {
  it('a general question or a resolved past episode does not raise the card', () => {
    calm('what are the warning signs of a heart attack');
    calm('胸口痛一定是心脏病吗');
    calm('how do carbon monoxide detectors work');
    calm('我爸五年前心梗放过支架，现在平时要注意什么');
    calm('I had anaphylaxis once years ago, what should I carry');
  });

  it('a past episode with a symptom now still raises it', () => {
    raises('我爸去年心梗放了支架，现在又胸口压着疼，出冷汗', 'cardiac');
    raises('grandad had a stroke years ago and now his face is drooping again', 'stroke');
  });

  it('never lowers self-harm, even in a question', () => {
    raises('are suicidal thoughts a symptom of depression? asking to understand', 'suicide');
  });
});

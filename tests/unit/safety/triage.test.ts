import { describe, expect, it } from 'vitest';
import { triage } from '$lib/safety/index.ts';
import type { EmergencyCategory } from '$lib/safety/index.ts';

/** [message, a category it must raise]: Simplified, Traditional and English, as patients write them. */
const emergencies: [string, EmergencyCategory][] = [
  // cardiac
  ['我胸痛，出了很多冷汗', 'cardiac'],
  ['胸口像压了块石头，左臂发麻', 'cardiac'],
  ['胸闷，出冷汗，左边胳膊也疼', 'cardiac'],
  ['我爸可能心梗了', 'cardiac'],
  ['胸 口 痛 得 厉 害', 'cardiac'],
  ['胸口痛，痛到下巴', 'cardiac'],
  ['我胸口很痛，冒冷汗', 'cardiac'],
  ['I have chest pain spreading to my left arm', 'cardiac'],
  ['crushing pain in my chest and I am sweating', 'cardiac'],
  ['My dad thinks he is having a heart attack', 'cardiac'],
  ['ＣＨＥＳＴ ＰＡＩＮ', 'cardiac'],
  // stroke
  ['我妈突然嘴歪，说话不清楚', 'stroke'],
  ['我爸突然說話不清，半邊身子沒力', 'stroke'],
  ['怀疑脑卒中', 'stroke'],
  ['奶奶中风了', 'stroke'],
  ['her face is drooping and her speech is slurred', 'stroke'],
  ['sudden weakness on one side of his body', 'stroke'],
  // breathing and choking
  ['上不来气', 'breathing'],
  ['憋得喘不上来', 'breathing'],
  ['我喘不过气来', 'breathing'],
  ['呼吸困難', 'breathing'],
  ['嘴唇发紫，呼吸很费劲', 'breathing'],
  ["I can't breathe", 'breathing'],
  ['my son is struggling to breathe', 'breathing'],
  ['孩子吃花生噎住了', 'choking'],
  ['he is choking on food', 'choking'],
  // anaphylaxis
  ['吃了虾过敏，喉咙发紧', 'anaphylaxis'],
  ['被蜜蜂蜇了以后嘴唇肿，喘不上气', 'anaphylaxis'],
  ['allergic reaction and my throat is swelling', 'anaphylaxis'],
  // severe bleeding
  ['手被刀割了，血流不止', 'bleeding'],
  ['大出血', 'bleeding'],
  ['血止不住', 'bleeding'],
  ['the cut is bleeding heavily and will not stop', 'bleeding'],
  // unresponsive
  ['我奶奶昏过去了', 'unresponsive'],
  ['他突然晕倒了，叫不醒', 'unresponsive'],
  ['病人意识模糊', 'unresponsive'],
  ['爸爸倒地後沒有反應', 'unresponsive'],
  ['my husband collapsed and is not breathing', 'unresponsive'],
  ['she passed out and is unresponsive', 'unresponsive'],
  // seizure
  ['孩子抽搐停不下来', 'seizure'],
  ['我兒子抽搐停不下來', 'seizure'],
  ['癫痫发作超过五分钟了', 'seizure'],
  ['the seizure will not stop, it has been 6 minutes', 'seizure'],
  // suicide and self-harm
  ['想一了百了', 'suicide'],
  ['我不想活了', 'suicide'],
  ['活着没意思，想自杀', 'suicide'],
  ['我想輕生', 'suicide'],
  ['我一直在自残', 'suicide'],
  ['最近总想不开，活腻了', 'suicide'],
  ['I want to kill myself', 'suicide'],
  ["I don't want to live anymore", 'suicide'],
  ['I have been cutting myself', 'suicide'],
  // poisoning and overdose
  ['他吃了一整瓶安眠药', 'poisoning'],
  ['孩子误服了奶奶的降压药', 'poisoning'],
  ['喝了农药', 'poisoning'],
  ['家裡煤氣中毒', 'poisoning'],
  ['she took an overdose of paracetamol', 'poisoning'],
  ['my toddler swallowed a battery', 'poisoning'],
  ['I took a bunch of pills an hour ago', 'poisoning'],
  ['我妈吃了耗子药', 'poisoning'],
  // infant fever
  ['宝宝两个月，发烧38.5度', 'infantFever'],
  ['新生兒發燒', 'infantFever'],
  ['my 6-week-old baby has a fever', 'infantFever'],
  // pregnancy
  ['怀孕12周，今天有点出血', 'pregnancy'],
  ['懷孕七個月肚子劇痛', 'pregnancy'],
  ["I'm 10 weeks pregnant and bleeding", 'pregnancy'],
  // burns
  ['被开水大面积烫伤', 'burns'],
  ['孩子触电了', 'burns'],
  ['he has a severe burn on his face', 'burns'],
  // head injury
  ['摔倒撞到头，之后一直吐', 'headInjury'],
  ['頭撞到之後一直想睡，還吐了', 'headInjury'],
  ['he hit his head and keeps vomiting', 'headInjury'],
  // sudden worst headache
  ['突然剧烈头痛，像要炸开', 'headache'],
  ['这是我这辈子最厉害的头痛，突然开始', 'headache'],
  ['worst headache of my life, came on suddenly', 'headache'],
  // abdominal
  ['急性腹痛', 'abdominal'],
  ['肚子疼得打滚', 'abdominal'],
  ['my stomach is rigid and hard as a board', 'abdominal'],
  // GI bleeding
  ['吐血了', 'giBleeding'],
  ['大便是黑色的，像柏油', 'giBleeding'],
  ['嘔血', 'giBleeding'],
  ['I am vomiting blood', 'giBleeding'],
  ['black tarry stools since yesterday', 'giBleeding'],
  // coughing up blood
  ['咳嗽带血', 'hemoptysis'],
  ['今天咯血了', 'hemoptysis'],
  ['coughing up blood this morning', 'hemoptysis'],
  // Traditional and colloquial forms seen in testing
  ['我心臟好痛，左手發麻', 'cardiac'],
  ['胸口悶，冒冷汗', 'cardiac'],
  ['我呼吸不過來', 'breathing'],
  ['阿嬤突然倒下去，叫都叫不醒', 'unresponsive'],
  ['我想結束自己的生命', 'suicide'],
  ['孩子誤食了洗衣球', 'poisoning'],
  ['我爸講話突然含糊不清', 'stroke'],
  ['吃了一堆安眠藥', 'poisoning'],
  ['剛生完的寶寶發燒', 'infantFever'],
  ['肚子痛到打滾', 'abdominal'],
  ['咳出好多血', 'hemoptysis'],
  ['I feel like ending it all', 'suicide'],
  ['her lips are turning blue', 'breathing'],
  ['I swallowed bleach', 'poisoning'],
  ['他口吐白沫，叫不应', 'seizure'],
  ['我妈人没意识了', 'unresponsive'],
  ['活着太累了，想解脱', 'suicide'],
  ['it feels like an elephant is sitting on my chest', 'cardiac'],
  ['my chest is killing me', 'cardiac'],
  ["I can't get air", 'breathing'],
  ['my son is not waking up', 'unresponsive'],
  ["I don't want to wake up tomorrow", 'suicide'],
];

/** Messages that must not raise the emergency card. */
const calm: string[] = [
  '心梗是什么引起的？',
  '脑卒中有哪些症状？',
  '什麼是心肌梗塞？',
  'what causes a stroke?',
  'what are the symptoms of a heart attack',
  '去年得过心梗，现在挺好的',
  '三年前中风过，已经康复了',
  'I had a heart attack 3 years ago and recovered well',
  '我没有胸痛',
  '我沒有胸痛，只是咳嗽',
  '我没有呼吸困难，只是有点咳嗽',
  'no chest pain, just a cough',
  '嗓子有点痒，咳嗽两天',
  '我有点咳嗽，喉咙痛',
  '最近睡眠不好',
  '头痛两天了，吃了布洛芬',
  '皮肤有点痒，起了些红疹',
  'I have a mild cold and a runny nose',
  'my knee hurts when I run',
  '血压130/85正常吗',
  '怎么预防中风',
  '我想了解一下心梗的早期症状',
  '请问脑梗塞和脑出血有什么区别？',
  'Can you tell me the warning signs of a stroke?',
  '我想了解一下糖尿病饮食',
  '孩子五岁，流鼻涕',
  'can I take ibuprofen for a headache?',
  '空腹血糖6.1 mmol/L，需要吃药吗',
  'I took my pills this morning as usual',
  '昨晚吃了两片安眠药还是睡不着',
  '我爸脑梗后遗症，走路有点慢，能吃什么保健品',
  'the chest X-ray was normal',
  '胸部CT正常，头痛好多了',
  'I have a cough, and there was blood in my urine last year',
  '我爷爷十年前中风过，现在身体很好',
  '脑卒中的早期识别方法',
  '喉咙有点肿痛，吞咽时疼',
  '孩子三岁发烧38.5',
  '跑步后胸口有点闷',
  'my father had a stroke in 2015 and is doing well',
  'how do I prevent a heart attack',
  '手指被纸割破了，流了点血',
  '来月经肚子疼',
];

/** Needs a doctor soon, not an ambulance. */
const urgent: string[] = [
  '發燒三天了',
  '高烧不退',
  '发烧38.9度，已经第四天了，4天都没退',
  '尿里有血',
  '最近小便发红，有血',
  '一直吐，吃什么吐什么',
  'I have had a fever for 3 days',
  'there is blood in my urine',
  'I keep vomiting and cannot keep water down',
  '最近经常心慌',
  '被狗咬了一口，出了点血',
  'I feel like I am going to pass out',
];

describe('triage: emergencies', () => {
  it.each(emergencies)('%s -> %s', (text, category) => {
    const r = triage(text);
    expect(r.level).toBe('emergency');
    expect(r.categories).toContain(category);
    expect(r.matched.length).toBeGreaterThan(0);
  });
});

describe('triage: questions, past episodes, negations and ordinary complaints', () => {
  it.each(calm)('%s', (text) => {
    expect(triage(text)).toEqual({ level: 'none', categories: [], matched: [] });
  });
});

describe('triage: urgent', () => {
  it.each(urgent)('%s', (text) => {
    const r = triage(text);
    expect(r.level).toBe('urgent');
    expect(r.categories).toEqual([]);
  });
});

describe('triage: context', () => {
  it('keeps the present episode when a past one is mentioned beside it', () => {
    const r = triage('去年得过心梗，现在又胸痛了');
    expect(r.level).toBe('emergency');
    expect(r.categories).toEqual(['cardiac']);
  });

  it('treats a question with a person in it as a present complaint (when in doubt, emergency)', () => {
    expect(triage('我胸痛是什么原因？').level).toBe('emergency');
    expect(triage('我想知道我爸胸口痛是什么原因').level).toBe('emergency');
    expect(triage('can you tell me why my chest pain is getting worse?').level).toBe('emergency');
  });

  it('reads "what should I do if…" about nobody in particular as a general question, but not a plea for help now', () => {
    expect(triage('what should I do if someone has a stroke').level).not.toBe('emergency');
    expect(triage('what do you do if a baby is choking').level).not.toBe('emergency');
    expect(triage("what should I do, my dad's face dropped").categories).toContain('stroke');
    expect(triage('what do I do, my baby is choking').categories).toContain('choking');
    expect(triage('what should i do if my dad has a stroke right now').categories).toContain('stroke');
  });

  it('never discounts self-harm, even asked as a question or in the past', () => {
    expect(triage('自杀是什么感觉').categories).toContain('suicide');
    expect(triage('我以前想过自杀').categories).toContain('suicide');
  });

  it('reports several categories at once, in a stable order', () => {
    const r = triage('他胸痛，然后晕倒了，叫不醒');
    expect(r.categories).toEqual(['cardiac', 'unresponsive']);
  });

  it('prefers emergency over urgent when both appear', () => {
    const r = triage('发烧三天了，今天突然呼吸困难');
    expect(r.level).toBe('emergency');
    expect(r.categories).toEqual(['breathing']);
  });

  it('reports the words of the message that matched, normalized', () => {
    expect(triage('我胸口很痛').matched).toEqual(['胸口很痛']);
    expect(triage('呼吸困難').matched).toEqual(['呼吸困难']);
    expect(triage("I CAN'T BREATHE").matched).toEqual(['cant breathe']);
  });

  it('ignores English phrases inside longer words', () => {
    expect(triage('I got sunstroke-free sunscreen').level).not.toBe('emergency');
  });
});

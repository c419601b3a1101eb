import { describe, expect, it } from 'vitest';
import { raiseTriage, splitModelTriage } from '$lib/chat/model-triage.ts';

describe('splitModelTriage', () => {
  it.each([
    ['TRIAGE: emergency\nCall 120 now.', 'emergency', 'Call 120 now.'],
    ['triage: urgent\n\nSee a doctor today.', 'urgent', 'See a doctor today.'],
    ['**TRIAGE: none**\nRest.', 'none', 'Rest.'],
    ['【TRIAGE：紧急】\n请立即拨打120。', 'emergency', '请立即拨打120。'],
    ['多喝水。', null, '多喝水。'],
    ['Triage nurses ask about pain.\nRest.', null, 'Triage nurses ask about pain.\nRest.'],
  ])('%j -> %s', (raw, level, body) => {
    expect(splitModelTriage(raw, true)).toEqual({ level, body, pending: false });
  });

  it('holds back a start that could still become the line, and lets go as soon as it cannot', () => {
    expect(splitModelTriage('TRI')).toEqual({ level: null, body: '', pending: true });
    expect(splitModelTriage('TRIAGE: emerg')).toEqual({ level: null, body: '', pending: true });
    expect(splitModelTriage('Tro')).toEqual({ level: null, body: 'Tro', pending: false });
  });

  it('reads a line with no newline at the end of a finished answer', () => {
    expect(splitModelTriage('TRIAGE: emergency', true)).toEqual({
      level: 'emergency',
      body: '',
      pending: false,
    });
  });
});

describe('raiseTriage', () => {
  it('raises to the model level and keeps the rules categories', () => {
    expect(raiseTriage({ level: 'urgent', categories: [] }, 'emergency')).toEqual({
      level: 'emergency',
      categories: [],
      source: 'model',
    });
    expect(raiseTriage(undefined, 'urgent')).toMatchObject({ level: 'urgent', source: 'model' });
  });

  it('never lowers or repeats a level', () => {
    expect(raiseTriage({ level: 'emergency', categories: ['cardiac'] }, 'none')).toBeNull();
    expect(raiseTriage({ level: 'urgent', categories: [] }, 'urgent')).toBeNull();
    expect(raiseTriage({ level: 'none', categories: [] }, null)).toBeNull();
  });
});

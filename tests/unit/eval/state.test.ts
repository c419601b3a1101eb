import { describe, expect, it } from 'vitest';
import type { EngineKind } from '$lib/engine/registry.ts';
import type { ChatEngine, GenerateOptions, GenerateResult } from '$lib/engine/types.ts';
import { reportToJson } from '$lib/eval/export.ts';
import type { EvalReport } from '$lib/eval/types.ts';
import { EvalState, type EvalDeps } from '$lib/state/eval.svelte.ts';
import type { EvalReportStore } from '$lib/storage/eval-store.ts';
import { item, report } from './fixtures.ts';

class MemoryStore implements EvalReportStore {
  reports = new Map<string, EvalReport>();
  async list() {
    return [...this.reports.values()].sort((a, b) => b.createdAt - a.createdAt);
  }
  async put(r: EvalReport) {
    this.reports.set(r.id, r);
  }
  async delete(id: string) {
    this.reports.delete(id);
  }
}

/** Answers every question with `letter`; with `gate`, waits for it before each answer. */
function engineAnswering(letter: string, gate?: () => Promise<void>): ChatEngine {
  return {
    async load() {},
    async countTokens() {
      return null;
    },
    async unload() {},
    async generate(_m, options: GenerateOptions = {}): Promise<GenerateResult> {
      await gate?.();
      if (options.signal?.aborted) return { text: '', finishReason: 'abort', usage: null };
      options.onToken?.(letter);
      return { text: letter, finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 1 } };
    },
  };
}

const items = [
  item('t1', 'A'),
  item('t2', 'B'),
  item('m1', 'B', 'medication'),
  item('m2', 'C', 'medication'),
];

function setup(engine: ChatEngine | null, store = new MemoryStore(), kind?: EngineKind) {
  let id = 0;
  let clock = 1000;
  const deps: EvalDeps = {
    store,
    engine: () => (engine ? { engine, modelId: 'model-x', ...(kind ? { kind } : {}) } : null),
    readDevice: async () => ({ gpu: 'test gpu' }),
    builtIn: items,
    newId: () => `r${++id}`,
    now: () => (clock += 1000),
  };
  const state = new EvalState(deps);
  state.includeSpeed = false;
  return { state, store };
}

describe('EvalState', () => {
  it('without a ready model, cannot run, but imports and saved reports work', async () => {
    const store = new MemoryStore();
    await store.put(report({ id: 'old' }));
    const { state } = setup(null, store);
    await state.init();
    expect(state.canRun).toBe(false);
    await state.run();
    expect(state.current).toBeNull();
    expect(state.saved.map((r) => r.id)).toEqual(['old']);

    state.importQuestions('set.csv', 'Question,Options,Answer\n"q","A x\nB y",B\n"bad","A x",A\n');
    expect(state.questionSet).toMatchObject({ name: 'set.csv' });
    expect(state.questionSet.items).toHaveLength(1);
    expect(state.lastImport?.errors).toEqual([{ row: 3, problem: { code: 'tooFewOptions' } }]);
  });

  it('keeps the previous questions when an import has no usable row', () => {
    const { state } = setup(null);
    state.importQuestions('broken.jsonl', '{oops');
    expect(state.questionSet.name).toBeNull();
    expect(state.questionSet.items).toBe(items);
    expect(state.lastImport?.errors).toHaveLength(1);
  });

  it('runs the chosen questions, shows the report and saves it', async () => {
    const { state, store } = setup(engineAnswering('B'));
    state.count = 3;
    state.label = 'first run';
    await state.run();
    expect(state.outcome).toBe('finished');
    expect(state.current).toMatchObject({
      label: 'first run',
      modelId: 'model-x',
      device: { gpu: 'test gpu' },
      questionSet: 'built-in',
      partial: false,
      plannedQuestions: 3,
      // round-robin over categories: t1 (A), m1 (B), t2 (B)
      overall: { total: 3, correct: 2 },
    });
    expect([...store.reports.keys()]).toEqual(['r1']);
  });

  it('the report says which engine ran the model, and says nothing when the engine is unknown', async () => {
    const cpu = setup(engineAnswering('B'), new MemoryStore(), 'llama.cpp');
    cpu.state.count = 1;
    await cpu.state.run();
    expect(cpu.state.current?.engine).toBe('llama.cpp');

    const unnamed = setup(engineAnswering('B'));
    unnamed.state.count = 1;
    await unnamed.state.run();
    expect(unnamed.state.current).not.toHaveProperty('engine');
  });

  it('a stopped run is saved as partial', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const gate = () =>
      new Promise<void>((resolve) => {
        calls++;
        release = resolve;
        if (calls === 1) resolve();
      });
    const { state, store } = setup(engineAnswering('A', gate));
    state.count = 4;
    const running = state.run();
    await new Promise((r) => setTimeout(r, 0));
    expect(state.running).toBe(true);
    state.stop();
    release();
    await running;
    expect(state.outcome).toBe('stopped');
    expect(state.current).toMatchObject({ partial: true, plannedQuestions: 4, overall: { total: 1 } });
    expect(store.reports.get('r1')?.partial).toBe(true);
  });

  it('compares the newest two reports as soon as there are two', async () => {
    const { state } = setup(engineAnswering('B'));
    await state.run();
    expect(state.comparison).toBeNull();
    await state.run();
    expect(state.comparison?.a.id).toBe('r1');
    expect(state.comparison?.b.id).toBe('r2');
  });

  it('imports a report from another device, and refuses a file that is not one', async () => {
    const { state } = setup(null);
    await state.importReport(reportToJson(report({ id: 'phone', label: 'Phone' })));
    expect(state.reportImport).toEqual({ ok: true, label: 'Phone' });
    expect(state.saved.map((r) => r.id)).toEqual(['phone']);
    await state.importReport('{"hello": 1}');
    expect(state.reportImport).toEqual({ ok: false, problem: 'notAReport' });
  });

  it('deleting the report on screen clears it and the comparison slot', async () => {
    const { state } = setup(engineAnswering('B'));
    await state.run();
    await state.run();
    await state.remove('r2');
    expect(state.current).toBeNull();
    expect(state.saved.map((r) => r.id)).toEqual(['r1']);
    expect(state.comparison).toBeNull();
    expect(state.compareB).toBe('');
  });
});

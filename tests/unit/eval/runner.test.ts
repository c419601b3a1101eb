import { describe, expect, it } from 'vitest';
import type { ChatEngine, ChatMessage, GenerateOptions, GenerateResult } from '$lib/engine/types.ts';
import { runEvaluation, type RunProgress } from '$lib/eval/runner.ts';
import type { SpeedPrompt } from '$lib/eval/speed.ts';
import { item } from './fixtures.ts';

/**
 * A fake engine for the runner: replies from a function of the last user message, streams the reply
 * in two pieces and can be told to wait for an abort on a given call.
 */
class FakeEngine implements ChatEngine {
  calls: ChatMessage[][] = [];
  constructor(
    private reply: (prompt: string, call: number) => string,
    private hangOnCall = -1,
  ) {}
  async load(): Promise<void> {}
  async countTokens(): Promise<number | null> {
    return null;
  }
  async unload(): Promise<void> {}
  async generate(messages: ChatMessage[], options: GenerateOptions = {}): Promise<GenerateResult> {
    const call = this.calls.push(messages) - 1;
    const prompt = messages.at(-1)?.content ?? '';
    if (call === this.hangOnCall) {
      options.onToken?.('答');
      await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve()));
      return { text: '答', finishReason: 'abort', usage: null };
    }
    const text = this.reply(prompt, call);
    options.onToken?.(text.slice(0, 1));
    options.onToken?.(text.slice(1));
    return {
      text,
      finishReason: 'stop',
      usage: {
        promptTokens: 20,
        completionTokens: 4,
        prefillTokensPerSec: 100 + call,
        decodeTokensPerSec: 10 + call,
      },
    };
  }
}

const speedPrompts: SpeedPrompt[] = [
  { id: 's1', maxTokens: 8, messages: [{ role: 'user', content: 'speed one' }] },
  { id: 's2', maxTokens: 8, messages: [{ role: 'user', content: 'speed two' }] },
];
const items = [
  item('q1', 'A'),
  item('q2', 'B'),
  item('q3', 'C', 'medication'),
  item('q4', 'B', 'medication'),
];

/** A clock that advances 10 ms each time it is read: elapsed and ETA become exact. */
function steppingClock() {
  let t = 0;
  return () => (t += 10);
}

describe('runEvaluation', () => {
  it('runs the speed prompts, then every question, and scores the replies', async () => {
    const engine = new FakeEngine((prompt) => (prompt.includes('Question') ? '答案:B' : 'Rest and fluids.'));
    const progress: RunProgress[] = [];
    const out = await runEvaluation({
      engine,
      items,
      speedPrompts,
      onProgress: (p) => progress.push(p),
      now: steppingClock(),
    });

    expect(out.partial).toBe(false);
    expect(out.speedSamples.map((s) => [s.promptId, s.prefillTokensPerSec, s.decodeTokensPerSec])).toEqual([
      ['s1', 100, 10],
      ['s2', 101, 11],
    ]);
    expect(out.results.map((r) => [r.id, r.given, r.correct])).toEqual([
      ['q1', 'B', false],
      ['q2', 'B', true],
      ['q3', 'B', false],
      ['q4', 'B', true],
    ]);
    expect(progress.map((p) => `${p.phase} ${p.done}/${p.total}`)).toEqual([
      'speed 0/6',
      'speed 1/6',
      'speed 2/6',
      'questions 3/6',
      'questions 4/6',
      'questions 5/6',
      'questions 6/6',
    ]);
    expect(progress[0]?.etaMs).toBeNull();
    expect(progress.at(-1)?.etaMs).toBe(0);
  });

  it('asks each question in its own language with an instruction to answer with one letter', async () => {
    const engine = new FakeEngine(() => 'B');
    await runEvaluation({ engine, items: [item('z', 'A', 'triage', 'zh')], speedPrompts: [] });
    const [system, user] = engine.calls[0] ?? [];
    expect(system?.content).toContain('只回答一个选项字母');
    expect(user?.content).toContain('A. first z\nB. second z');
  });

  it('measures time to first token itself when the engine does not report it', async () => {
    const engine = new FakeEngine(() => 'B');
    const out = await runEvaluation({
      engine,
      items: items.slice(0, 1),
      speedPrompts: [],
      now: steppingClock(),
    });
    // start=10 (run start), t0=20, first token read at 30
    expect(out.results[0]?.timeToFirstTokenMs).toBe(10);
  });

  it('keeps finished answers as a partial run when stopped mid-question, dropping the interrupted one', async () => {
    const controller = new AbortController();
    // call 0,1: speed prompts; call 2: q1; call 3: q2 hangs until stopped
    const engine = new FakeEngine(() => 'A', 3);
    const running = runEvaluation({ engine, items, speedPrompts, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    const out = await running;
    expect(out.partial).toBe(true);
    expect(out.speedSamples).toHaveLength(2);
    expect(out.results.map((r) => r.id)).toEqual(['q1']);
    expect(engine.calls).toHaveLength(4);
  });

  it('ends as partial, with the error, when the engine fails', async () => {
    const engine = new FakeEngine((_, call) => {
      if (call === 3) throw new Error('device lost');
      return 'C';
    });
    const out = await runEvaluation({ engine, items, speedPrompts });
    expect(out.partial).toBe(true);
    expect(out.results.map((r) => r.id)).toEqual(['q1']);
    expect(String(out.error)).toContain('device lost');
  });

  it('does not start when already stopped', async () => {
    const controller = new AbortController();
    controller.abort();
    const engine = new FakeEngine(() => 'A');
    const out = await runEvaluation({ engine, items, speedPrompts, signal: controller.signal });
    expect(engine.calls).toHaveLength(0);
    expect(out).toMatchObject({ partial: true, results: [], speedSamples: [] });
  });
});

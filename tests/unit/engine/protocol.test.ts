/**
 * The worker protocol end to end without a worker: WorkerChatEngine (page side) talks through a mock
 * ChatWorker to EngineHost (worker side), which drives the web-llm backend over a fake web-llm engine.
 * Messages are cloned and delivered asynchronously, as postMessage does.
 */
import { describe, expect, it } from 'vitest';
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressReport,
} from '@mlc-ai/web-llm';
import { WorkerChatEngine } from '../../../src/lib/engine/worker/client.ts';
import { EngineHost } from '../../../src/lib/engine/worker/host.ts';
import {
  webLlmBackend,
  type HostedEngine,
  type LoadTokenizer,
} from '../../../src/lib/engine/webllm/backend.ts';
import type { HostedTokenizer } from '../../../src/lib/engine/tokenizer.ts';
import { EngineError } from '../../../src/lib/engine/errors.ts';
import type { LoadSettings } from '../../../src/lib/engine/registry.ts';
import type { ChatWorker, EngineRequest, EngineResponse } from '../../../src/lib/engine/worker/protocol.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake web-llm engine: streams the words of `reply`, one chunk per tick, then a usage chunk. */
class FakeEngine implements HostedEngine {
  reply = 'Drink water and rest.';
  /** When set, the reply depends on the request (to tell concurrent answers apart). */
  replyFor: ((request: ChatCompletionRequestStreaming) => string) | null = null;
  failReload: Error | null = null;
  interrupted = false;
  requests: ChatCompletionRequestStreaming[] = [];
  config: AppConfig | null = null;
  cached = new Set<string>();
  #progress: ((r: InitProgressReport) => void) | null = null;

  setAppConfig(config: AppConfig) {
    this.config = config;
  }
  setInitProgressCallback(cb: (r: InitProgressReport) => void) {
    this.#progress = cb;
  }
  async reload(_modelId: string) {
    this.#progress?.({ progress: 0.5, timeElapsed: 1, text: 'Loading model from cache[1/2]' });
    await tick();
    if (this.failReload) throw this.failReload;
    this.#progress?.({ progress: 1, timeElapsed: 2, text: 'Finish loading' });
  }
  async unload() {}
  interruptGenerate() {
    this.interrupted = true;
  }
  async createStream(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> {
    this.requests.push(request);
    this.interrupted = false;
    const words = (this.replyFor?.(request) ?? this.reply).split(/(?<= )/);
    const isInterrupted = () => this.interrupted;
    return (async function* () {
      for (const word of words) {
        await tick();
        if (isInterrupted()) break;
        yield chunk({
          choices: [{ index: 0, delta: { content: word }, finish_reason: null, logprobs: null }],
        });
      }
      yield chunk({
        choices: [],
        usage: {
          prompt_tokens: 12,
          completion_tokens: words.length,
          total_tokens: 12 + words.length,
          extra: {
            e2e_latency_s: 1,
            prefill_tokens_per_s: 240,
            decode_tokens_per_s: 18,
            time_to_first_token_s: 0.05,
            time_per_output_token_s: 0.055,
          },
        },
      });
    })();
  }
  async hasModelInCache(modelId: string) {
    return this.cached.has(modelId);
  }
  async deleteModelAllInfoInCache(modelId: string) {
    this.cached.delete(modelId);
  }
}

function chunk(part: Partial<ChatCompletionChunk>): ChatCompletionChunk {
  return {
    id: 'c',
    created: 0,
    model: 'm',
    object: 'chat.completion.chunk',
    choices: [],
    ...part,
  } as ChatCompletionChunk;
}

/** A ChatWorker whose other end is an EngineHost; postMessage is async and structured-cloned. */
function connect(
  engine: FakeEngine,
  loadTokenizer: LoadTokenizer | null = null,
): { worker: ChatWorker; sent: EngineRequest[] } {
  const sent: EngineRequest[] = [];
  const worker: ChatWorker = {
    onmessage: null,
    postMessage(message) {
      sent.push(message);
      setTimeout(() => host.receive(structuredClone(message)), 0);
    },
  };
  const host = new EngineHost(webLlmBackend(engine, configFor, loadTokenizer), (response: EngineResponse) => {
    setTimeout(() => worker.onmessage?.({ data: structuredClone(response) }), 0);
  });
  return { worker, sent };
}

const settings: LoadSettings = { mirror: '/models/', contextWindow: null };
const appConfig: AppConfig = { model_list: [], useIndexedDBCache: false };
/** The app config the backend builds from the load settings (registry.ts toAppConfig in the worker). */
const configFor = (s: LoadSettings): AppConfig => {
  expect(s).toEqual(settings);
  return appConfig;
};
function engineWith(fake: FakeEngine, thinking = false, loadTokenizer: LoadTokenizer | null = null) {
  const { worker, sent } = connect(fake, loadTokenizer);
  return {
    client: new WorkerChatEngine(worker, { settings: () => settings, hasThinkingMode: () => thinking }),
    sent,
  };
}

describe('engine protocol', () => {
  it('loads with progress and passes the app config to web-llm', async () => {
    const fake = new FakeEngine();
    const { client } = engineWith(fake);
    const seen: number[] = [];
    await client.load('m', (p) => seen.push(p.fraction));
    expect(seen).toEqual([0.5, 1]);
    expect(fake.config).toEqual(appConfig);
  });

  it('streams tokens in order and returns the raw text with usage', async () => {
    const fake = new FakeEngine();
    const { client } = engineWith(fake);
    await client.load('m');
    const tokens: string[] = [];
    const result = await client.generate([{ role: 'user', content: 'headache' }], {
      onToken: (t) => tokens.push(t),
      temperature: 0.3,
      topP: 0.9,
      repetitionPenalty: 1.1,
    });
    expect(tokens.join('')).toBe(fake.reply);
    expect(result).toEqual({
      text: fake.reply,
      finishReason: 'stop',
      usage: {
        promptTokens: 12,
        completionTokens: 4,
        timeToFirstTokenMs: 50,
        prefillTokensPerSec: 240,
        decodeTokensPerSec: 18,
      },
    });
    expect(fake.requests[0]).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      top_p: 0.9,
      repetition_penalty: 1.1,
    });
  });

  it('turns thinking off only for models that have it', async () => {
    for (const thinking of [true, false]) {
      const fake = new FakeEngine();
      const { client } = engineWith(fake, thinking);
      await client.load('m');
      await client.generate([{ role: 'user', content: 'hi' }]);
      expect(fake.requests[0]!.extra_body).toEqual(thinking ? { enable_thinking: false } : undefined);
    }
  });

  it('stop interrupts the generation and resolves with the text so far', async () => {
    const fake = new FakeEngine();
    fake.reply = 'one two three four five six seven eight';
    const { client, sent } = engineWith(fake);
    await client.load('m');
    const controller = new AbortController();
    const tokens: string[] = [];
    const result = await client.generate([{ role: 'user', content: 'x' }], {
      signal: controller.signal,
      onToken: (t) => {
        tokens.push(t);
        if (tokens.length === 2) controller.abort();
      },
    });
    expect(result.finishReason).toBe('abort');
    expect(result.text.length).toBeLessThan(fake.reply.length);
    expect(fake.reply.startsWith(result.text)).toBe(true);
    const generate = sent.find((m) => m.kind === 'generate')!;
    expect(sent).toContainEqual(expect.objectContaining({ kind: 'interrupt', target: generate.id }));
  });

  it('an already-aborted signal sends nothing', async () => {
    const { client, sent } = engineWith(new FakeEngine());
    const result = await client.generate([{ role: 'user', content: 'x' }], { signal: AbortSignal.abort() });
    expect(result).toEqual({ text: '', finishReason: 'abort', usage: null });
    expect(sent).toEqual([]);
  });

  it('maps a failed load to an EngineError kind', async () => {
    const fake = new FakeEngine();
    fake.failReload = Object.assign(new Error('WebAssembly.instantiate(): expected magic word 00 61 73 6d'), {
      name: 'CompileError',
    });
    const { client } = engineWith(fake);
    const error = await client.load('m').catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('libraryIncompatible');
  });

  it("two concurrent calls never receive each other's replies", async () => {
    const fake = new FakeEngine();
    const { client } = engineWith(fake);
    await client.load('m');
    const a: string[] = [];
    const b: string[] = [];
    fake.replyFor = (request) => `Answer about ${String(request.messages.at(-1)!.content)} in several words.`;
    const first = client.generate([{ role: 'user', content: 'apples' }], { onToken: (t) => a.push(t) });
    const second = client.generate([{ role: 'user', content: 'bananas' }], { onToken: (t) => b.push(t) });
    const [ra, rb] = await Promise.all([first, second]);
    expect(a.join('')).toBe(ra.text);
    expect(b.join('')).toBe(rb.text);
    expect(ra.text).toBe('Answer about apples in several words.');
    expect(rb.text).toBe('Answer about bananas in several words.');
  });

  it("answers cache questions with web-llm's own helpers", async () => {
    const fake = new FakeEngine();
    fake.cached.add('m');
    const { client } = engineWith(fake);
    expect(await client.isCached('m')).toBe(true);
    await client.deleteModel('m');
    expect(await client.isCached('m')).toBe(false);
  });

  it('matches out-of-order replies by request id', async () => {
    // A raw mock worker that answers the second request first.
    const posted: EngineRequest[] = [];
    const worker: ChatWorker = { onmessage: null, postMessage: (m) => posted.push(m) };
    const client = new WorkerChatEngine(worker, { settings: () => settings, hasThinkingMode: () => false });
    const x = client.isCached('x');
    const y = client.isCached('y');
    const [px, py] = posted;
    worker.onmessage!({ data: { kind: 'cached', id: py!.id, cached: true } });
    worker.onmessage!({ data: { kind: 'failed', id: px!.id, error: { kind: 'quota', detail: 'full' } } });
    expect(await y).toBe(true);
    await expect(x).rejects.toMatchObject({ kind: 'quota' });
  });

  it('a crashed worker fails every call in flight instead of hanging', async () => {
    const worker: ChatWorker = { onmessage: null, onerror: null, postMessage: () => {} };
    const client = new WorkerChatEngine(worker, { settings: () => settings, hasThinkingMode: () => false });
    const pending = client.load('m');
    worker.onerror!({ message: 'boom' });
    await expect(pending).rejects.toBeInstanceOf(EngineError);
  });
});

/** A tokenizer double: one token per whitespace-separated word, so expected counts are plain to read. */
class WordTokenizer implements HostedTokenizer {
  disposed = false;
  constructor(readonly modelId: string) {}
  encode(text: string): number[] {
    if (this.disposed) throw new Error('used after dispose');
    return text
      .split(/\s+/)
      .filter(Boolean)
      .map((_, i) => i);
  }
  dispose() {
    this.disposed = true;
  }
}

/** A LoadTokenizer that records its calls and the tokenizers it built; `fail` makes the next builds throw. */
function tokenizerLoader() {
  const loader = {
    calls: [] as { modelId: string; appConfig: AppConfig }[],
    built: [] as WordTokenizer[],
    fail: null as Error | null,
    /** When set, builds wait for this promise (to unload while a tokenizer is being built). */
    gate: null as Promise<void> | null,
    load: (async (modelId, config) => {
      loader.calls.push({ modelId, appConfig: config });
      if (loader.gate) await loader.gate;
      if (loader.fail) throw loader.fail;
      const tokenizer = new WordTokenizer(modelId);
      loader.built.push(tokenizer);
      return tokenizer;
    }) as LoadTokenizer,
  };
  return loader;
}

describe('engine protocol: token counts with the loaded model tokenizer', () => {
  it('answers null before any model is loaded, without building a tokenizer', async () => {
    const loader = tokenizerLoader();
    const { client } = engineWith(new FakeEngine(), false, loader.load);
    expect(await client.countTokens('chest pain since morning')).toBeNull();
    expect(await client.countTokensBatch(['a', 'b c'])).toBeNull();
    expect(loader.calls).toEqual([]);
  });

  it('after a load, counts with that model tokenizer, built once on the first count', async () => {
    const loader = tokenizerLoader();
    const { client } = engineWith(new FakeEngine(), false, loader.load);
    await client.load('m');
    expect(loader.calls).toEqual([]); // lazily: loading alone builds nothing
    expect(await client.countTokens('chest pain since morning')).toBe(4);
    expect(await client.countTokens('')).toBe(0);
    expect(loader.calls).toEqual([{ modelId: 'm', appConfig }]);
  });

  it('counts a batch of texts in one round trip, in order', async () => {
    const loader = tokenizerLoader();
    const { client, sent } = engineWith(new FakeEngine(), false, loader.load);
    await client.load('m');
    const texts = ['one', 'one two three', '', 'one two'];
    expect(await client.countTokensBatch(texts)).toEqual([1, 3, 0, 2]);
    expect(sent.filter((m) => m.kind === 'countTokens')).toEqual([
      expect.objectContaining({ kind: 'countTokens', texts }),
    ]);
  });

  it('concurrent counts each receive their own answer', async () => {
    const loader = tokenizerLoader();
    const { client } = engineWith(new FakeEngine(), false, loader.load);
    await client.load('m');
    const inputs = [['a'], ['a b', 'a b c d'], ['a b c'], ['a b c d e f']];
    const answers = await Promise.all(inputs.map((texts) => client.countTokensBatch(texts)));
    expect(answers).toEqual([[1], [2, 4], [3], [6]]);
    expect(loader.calls).toHaveLength(1); // the concurrent first counts share one tokenizer
  });

  it('a count does not wait behind a running generation', async () => {
    const fake = new FakeEngine();
    fake.reply = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const loader = tokenizerLoader();
    const { client } = engineWith(fake, false, loader.load);
    await client.load('m');
    let generated = false;
    const generation = client.generate([{ role: 'user', content: 'x' }]).then(() => (generated = true));
    await tick();
    expect(await client.countTokens('two words')).toBe(2);
    expect(generated).toBe(false);
    await generation;
  });

  it('unload drops the tokenizer (disposing it) and counts answer null again', async () => {
    const loader = tokenizerLoader();
    const { client } = engineWith(new FakeEngine(), false, loader.load);
    await client.load('m');
    await client.countTokens('a b');
    await client.unload();
    expect(loader.built[0]!.disposed).toBe(true);
    expect(await client.countTokens('a b')).toBeNull();
  });

  it('loading another model drops the old tokenizer and builds the new one', async () => {
    const loader = tokenizerLoader();
    const { client } = engineWith(new FakeEngine(), false, loader.load);
    await client.load('first');
    await client.countTokens('a');
    await client.load('second');
    expect(loader.built[0]!.disposed).toBe(true);
    expect(await client.countTokens('a b')).toBe(2);
    expect(loader.calls.map((c) => c.modelId)).toEqual(['first', 'second']);
  });

  it('a failed load leaves no model to count with', async () => {
    const fake = new FakeEngine();
    const loader = tokenizerLoader();
    const { client } = engineWith(fake, false, loader.load);
    await client.load('m');
    fake.failReload = new Error('Device was lost');
    await expect(client.load('other')).rejects.toBeInstanceOf(EngineError);
    expect(await client.countTokens('a b')).toBeNull();
    expect(loader.calls).toEqual([]);
  });

  it('a tokenizer that cannot be built answers null (the caller estimates), until the next load', async () => {
    const loader = tokenizerLoader();
    loader.fail = new Error('No cached tokenizer.json');
    const { client } = engineWith(new FakeEngine(), false, loader.load);
    await client.load('m');
    expect(await client.countTokens('a b')).toBeNull();
    expect(await client.countTokensBatch(['a', 'b'])).toBeNull();
    expect(loader.calls).toHaveLength(1); // the missing file is not looked for again on every count
    loader.fail = null;
    await client.load('m');
    expect(await client.countTokens('a b')).toBe(2);
  });

  it('a tokenizer that throws while encoding answers null', async () => {
    const broken: HostedTokenizer = {
      encode: () => {
        throw new Error('RuntimeError: memory access out of bounds');
      },
    };
    const { client } = engineWith(new FakeEngine(), false, async () => broken);
    await client.load('m');
    expect(await client.countTokens('a b')).toBeNull();
  });

  it('a model unloaded while its tokenizer is being built answers null and frees it', async () => {
    const loader = tokenizerLoader();
    let open!: () => void;
    loader.gate = new Promise((resolve) => (open = resolve));
    const { client } = engineWith(new FakeEngine(), false, loader.load);
    await client.load('m');
    const count = client.countTokens('a b');
    await client.unload();
    open();
    expect(await count).toBeNull();
    await tick();
    expect(loader.built[0]!.disposed).toBe(true);
  });

  it('a host without a tokenizer loader answers null even with a model loaded', async () => {
    const { client } = engineWith(new FakeEngine());
    await client.load('m');
    expect(await client.countTokens('a b')).toBeNull();
  });

  it('a crashed worker answers null rather than rejecting', async () => {
    const worker: ChatWorker = { onmessage: null, onerror: null, postMessage: () => {} };
    const client = new WorkerChatEngine(worker, { settings: () => settings, hasThinkingMode: () => false });
    const count = client.countTokens('a b');
    worker.onerror!({ message: 'boom' });
    expect(await count).toBeNull();
  });
});

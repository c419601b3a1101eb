/**
 * The worker protocol end to end without a worker: WorkerChatEngine (page side) talks through a mock
 * ChatWorker to EngineHost (worker side), which drives a fake web-llm engine. Messages are cloned and
 * delivered asynchronously, as postMessage does.
 */
import { describe, expect, it } from 'vitest';
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressReport,
} from '@mlc-ai/web-llm';
import { WorkerChatEngine } from '../../../src/lib/engine/client.ts';
import { EngineHost, type HostedEngine } from '../../../src/lib/engine/host.ts';
import { EngineError } from '../../../src/lib/engine/errors.ts';
import type { ChatWorker, EngineRequest, EngineResponse } from '../../../src/lib/engine/protocol.ts';

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
function connect(engine: FakeEngine): { worker: ChatWorker; sent: EngineRequest[] } {
  const sent: EngineRequest[] = [];
  const worker: ChatWorker = {
    onmessage: null,
    postMessage(message) {
      sent.push(message);
      setTimeout(() => host.receive(structuredClone(message)), 0);
    },
  };
  const host = new EngineHost(engine, (response: EngineResponse) => {
    setTimeout(() => worker.onmessage?.({ data: structuredClone(response) }), 0);
  });
  return { worker, sent };
}

const appConfig: AppConfig = { model_list: [], useIndexedDBCache: false };
function engineWith(fake: FakeEngine, thinking = false) {
  const { worker, sent } = connect(fake);
  return {
    client: new WorkerChatEngine(worker, { appConfig: () => appConfig, hasThinkingMode: () => thinking }),
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
    const client = new WorkerChatEngine(worker, { appConfig: () => appConfig, hasThinkingMode: () => false });
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
    const client = new WorkerChatEngine(worker, { appConfig: () => appConfig, hasThinkingMode: () => false });
    const pending = client.load('m');
    worker.onerror!({ message: 'boom' });
    await expect(pending).rejects.toBeInstanceOf(EngineError);
  });
});

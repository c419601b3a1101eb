/**
 * Test doubles for the turn pipeline: an in-memory ConversationStore, a safety layer with fixed rules and an
 * engine that replays given pieces. For unit tests only; the app's store is storage/conversations.ts.
 */
import type { ChatEngine, ChatMessage, GenerateOptions, GenerateResult } from '$lib/engine/types.ts';
import { ChatSession, type ChatSessionDeps } from '$lib/state/chat.svelte.ts';
import type { SafetyPipeline, TurnDeps } from '$lib/chat/turn.ts';
import { estimateCounter } from '$lib/prompt/tokens.ts';
import {
  StorageError,
  emptyProfile,
  type Conversation,
  type ConversationStore,
  type ConversationSummary,
  type StoredMessage,
} from '$lib/storage/types.ts';

/** Keeps conversations and messages in maps; `failWith` makes every later putMessage throw. */
export class MemoryStore implements ConversationStore {
  conversations = new Map<string, Conversation>();
  saved = new Map<string, StoredMessage>();
  /** Every putMessage call, in order, as a snapshot. */
  writes: StoredMessage[] = [];
  failWith: Error | null = null;
  #next = 0;

  async create(init: { lang: 'zh' | 'en'; title?: string }): Promise<Conversation> {
    const c: Conversation = {
      id: `c${++this.#next}`,
      title: init.title ?? '',
      lang: init.lang,
      createdAt: 0,
      updatedAt: 0,
      profile: emptyProfile(),
    };
    this.conversations.set(c.id, c);
    return c;
  }
  async get(id: string) {
    return this.conversations.get(id);
  }
  async list(): Promise<ConversationSummary[]> {
    return [];
  }
  async update(id: string, patch: Partial<Conversation>) {
    const c = this.conversations.get(id);
    if (c) this.conversations.set(id, { ...c, ...patch });
  }
  async delete(id: string) {
    this.conversations.delete(id);
  }
  async deleteAll() {
    this.conversations.clear();
    this.saved.clear();
  }
  async messages(conversationId: string) {
    return [...this.saved.values()].filter((m) => m.conversationId === conversationId);
  }
  async putMessage(message: StoredMessage) {
    if (this.failWith) throw this.failWith;
    this.writes.push(structuredClone(message));
    this.saved.set(message.id, structuredClone(message));
  }
}

export const quotaError = () => new StorageError('quota', 'QuotaExceededError');

export const DISCLAIMER = '〔仅供参考〕';

/** Phones become 〔手机号〕; "胸口痛" is an emergency, "发烧三天" urgent; postprocess appends DISCLAIMER. */
export const safetyDouble: SafetyPipeline = {
  redact(text, lang) {
    const redactions: ReturnType<SafetyPipeline['redact']>['redactions'] = [];
    const placeholder = lang === 'en' ? '[mobile number]' : '〔手机号〕';
    const out = text.replace(/1[3-9]\d{9}/g, (m, start: number) => {
      redactions.push({ type: 'mobile', start, end: start + m.length, placeholder });
      return placeholder;
    });
    return { text: out, redactions };
  },
  triage(text) {
    if (text.includes('胸口痛')) return { level: 'emergency', categories: ['cardiac'], matched: ['胸口痛'] };
    if (text.includes('发烧三天')) return { level: 'urgent', categories: [], matched: ['发烧三天'] };
    return { level: 'none', categories: [], matched: [] };
  },
  emergencyGuidance: (_categories, region, lang) => ({
    title: lang === 'zh' ? '请立即求助' : 'Get help now',
    region,
    steps: [],
    lines: [{ number: region === 'CN' ? '120' : '911', label: 'ambulance', kind: 'ambulance' }],
  }),
  postprocess: (answer) => ({ text: `${answer}\n\n${DISCLAIMER}`, notes: [{ kind: 'disclaimer' }] }),
  aboutSomeoneElse: (text) => text.includes('我爸'),
};

/**
 * An engine that emits `pieces` one by one, advancing `clock` by `msPerPiece` each, and records the messages it
 * was given. It stops early (finishReason 'abort') when the signal fires, or throws `failAfter` pieces in.
 */
export function pieceEngine(
  pieces: string[],
  opts: { clock?: { t: number }; msPerPiece?: number; failAfter?: number; abortAfter?: AbortController } = {},
) {
  const calls: ChatMessage[][] = [];
  const engine: Pick<ChatEngine, 'generate'> = {
    async generate(messages: ChatMessage[], options: GenerateOptions = {}): Promise<GenerateResult> {
      calls.push(messages);
      let text = '';
      for (const [i, piece] of pieces.entries()) {
        if (opts.failAfter === i) throw new Error('device lost');
        if (options.signal?.aborted) return { text, finishReason: 'abort', usage: null };
        await Promise.resolve();
        text += piece;
        if (opts.clock) opts.clock.t += opts.msPerPiece ?? 0;
        options.onToken?.(piece);
        if (opts.abortAfter && i === 1) opts.abortAfter.abort();
      }
      return { text, finishReason: 'stop', usage: { promptTokens: 10, completionTokens: pieces.length } };
    },
  };
  return { engine, calls };
}

/** Deps with the doubles wired in; override what a test is about. */
export function deps(overrides: Partial<TurnDeps> & { store: MemoryStore }): TurnDeps {
  let id = 0;
  return {
    safety: safetyDouble,
    retrieve: () => [],
    engine: pieceEngine(['好']).engine,
    countTokens: estimateCounter,
    contextWindow: 4096,
    modelId: 'test-model',
    region: 'CN',
    now: () => 0,
    newId: () => `m${++id}`,
    ...overrides,
  };
}

/**
 * A ChatSession over the test doubles: the safety double, no knowledge, region CN, numbered ids, clock at 1.
 * `engine` only needs `generate`; null means no model is ready. Anything else can be overridden.
 */
export function testSession(
  engine: Pick<ChatEngine, 'generate'> | null,
  overrides: Partial<ChatSessionDeps> = {},
): ChatSession {
  const full: ChatEngine | null = engine && {
    generate: engine.generate,
    load: async () => {},
    countTokens: async () => null,
    unload: async () => {},
  };
  let id = 0;
  return new ChatSession({
    store: new MemoryStore(),
    safety: safetyDouble,
    retrieve: () => [],
    describeSource: () => undefined,
    engine: () => (full ? { engine: full, modelId: 'm', contextWindow: 4096 } : null),
    region: () => 'CN',
    newId: () => `id${++id}`,
    now: () => 1,
    ...overrides,
  });
}

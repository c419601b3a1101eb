/**
 * The consultation on screen: the current conversation, its messages, the answer being streamed and what the
 * patient must be told. A thin rune class over the pure turn pipeline (lib/chat/turn.ts); every dependency is
 * passed in, so nothing here knows whether the engine is web-llm or the scripted test double.
 */
import {
  answerQuestion,
  prepareQuestion,
  storeQuestion,
  type SafetyPipeline,
  type TurnDeps,
  type TurnEvents,
} from '$lib/chat/turn.ts';
import { MAX_MESSAGE_CHARS, codePoints } from '$lib/chat/limits.ts';
import {
  createConversation,
  rehome,
  retryTarget,
  storeEach,
  unsavedConversation,
} from '$lib/chat/conversation.ts';
import { textLang } from '$lib/lang.ts';
import type { ChatEngine } from '$lib/engine/types.ts';
import { EngineError } from '$lib/engine/errors.ts';
import type { GenerationDefaults } from '$lib/engine/registry.ts';
import type { Snippet } from '$lib/knowledge/types.ts';
import { modelCounter } from '$lib/prompt/tokens.ts';
import type { EmergencyGuidance, Region } from '$lib/safety/types.ts';
import {
  StorageError,
  emptyProfile,
  type Conversation,
  type ConversationStore,
  type Lang,
  type PatientProfile,
  type StoredMessage,
} from '$lib/storage/types.ts';
import { StreamBuffer } from './stream-buffer.svelte.ts';

/** What the engine side offers a turn; read afresh for every question. */
export interface EngineHandle {
  engine: ChatEngine;
  modelId: string;
  contextWindow: number;
  /** Sampling settings from the model registry (temperature 0.3, top_p 0.9, repetition penalty 1.1). */
  generation?: GenerationDefaults;
}

export interface ChatSessionDeps {
  store: ConversationStore;
  safety: SafetyPipeline;
  retrieve(query: string, lang: Lang): Snippet[] | Promise<Snippet[]>;
  /** Title and source of a knowledge entry, for citations under stored answers. */
  describeSource(id: string): { title: string; source: string } | undefined;
  /** The ready engine, or null while none is loaded. */
  engine(): EngineHandle | null;
  region(): Region;
  now?: () => number;
  newId?: () => string;
  /** Coalesces streaming updates to one per frame (requestAnimationFrame in the browser). */
  scheduleFrame?: (update: () => void) => void;
  /**
   * Told when generation failed because the engine itself is gone (GPU device lost, out of memory), so the
   * engine's recovery screen can offer a restart or a smaller model. The conversation stays as it is.
   */
  onEngineLost?: (error: unknown) => void;
  /**
   * Traditional Chinese, loaded on demand: the script check and the converter. An answer comes back in the
   * script of its question, or, when the question gives no sign (胃痛 is written the same in both), in the
   * one the interface is set to (`prefersTraditional`). Absent: answers are written as they come.
   */
  traditional?: () => Promise<{
    chineseScript(text: string): 'hans' | 'hant' | null;
    toTraditional(text: string): string;
  }>;
  prefersTraditional?: () => boolean;
}

/** Engine failures after which the engine cannot answer again until it restarts. */
const ENGINE_LOST_KINDS = new Set(['deviceLost', 'outOfMemory']);

/** Something the patient must read, in plain words (the component picks the wording by kind). */
export type ChatNotice =
  | { kind: 'tooLong'; length: number; limit: number }
  | { kind: 'overflow' }
  | { kind: 'saveFailed'; reason: StorageError['kind'] | 'unknown' }
  | { kind: 'loadFailed' }
  /** The guide's code could not be loaded (offline before the app was ever fully loaded). */
  | { kind: 'guideUnavailable' }
  | { kind: 'engineFailed'; reason: string };

export { emptyProfile };

function storageReason(error: unknown): StorageError['kind'] | 'unknown' {
  return error instanceof StorageError ? error.kind : 'unknown';
}

export class ChatSession {
  #conversation = $state.raw<Conversation | null>(null);
  /** Every message on screen except the answer being streamed. */
  #messages = $state.raw<StoredMessage[]>([]);
  #profile = $state.raw<PatientProfile>(emptyProfile());
  /** An answer is on its way (from the question's display until the answer is final). */
  #answering = $state(false);
  /** Id of an answer being asked again: the screen hides it while its replacement streams. */
  #retryingId = $state<string | null>(null);
  /** A question is being prepared or answered: the composer waits. */
  #busy = $state(false);
  #notice = $state.raw<ChatNotice | null>(null);
  /** The first earlier message the model saw on the last turn, when older ones had to be left out. */
  #contextStartId = $state<string | null>(null);
  #droppedTurns = $state(0);

  // Read-only from outside: the screens read these; only the session's own methods change them.
  get conversation(): Conversation | null {
    return this.#conversation;
  }
  get messages(): StoredMessage[] {
    return this.#messages;
  }
  get profile(): PatientProfile {
    return this.#profile;
  }
  get answering(): boolean {
    return this.#answering;
  }
  get retryingId(): string | null {
    return this.#retryingId;
  }
  /** The streamed answer's raw text so far, updated at most once per frame. */
  get streamingText(): string {
    return this.#stream.text;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get notice(): ChatNotice | null {
    return this.#notice;
  }
  get contextStartId(): string | null {
    return this.#contextStartId;
  }
  get droppedTurns(): number {
    return this.#droppedTurns;
  }

  /** Snippets sent on this visit, by id, for citing under answers. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- filled before the answer citing it is shown; never drives an update
  #sources = new Map<string, { title: string; source: string }>();

  #deps: ChatSessionDeps;
  #controller: AbortController | null = null;
  /**
   * Which screen the session shows, bumped by reset() and open(): events from a turn begun on an earlier
   * screen must not touch the new one. (Not to be confused with the model's sampling `generation`.)
   */
  #screen = 0;
  #stream: StreamBuffer;
  /** Clinic mode's patient session last seen (see followPatient). */
  #patientSession: number | null = null;
  /**
   * The conversation on screen could not be created in storage (a full disk, say): it and its messages exist
   * only here until a later question manages to create it.
   */
  #unsaved = false;

  /** The built-in guide's code: fetched soon after start-up, so it is there when the network is not. */
  #guide: Promise<typeof import('$lib/chat/guide-turn.ts') | null>;

  constructor(deps: ChatSessionDeps) {
    this.#deps = deps;
    this.#stream = new StreamBuffer(deps.scheduleFrame);
    this.#guide = import('$lib/chat/guide-turn.ts').catch(() => null);
  }

  #now = () => (this.#deps.now ?? Date.now)();
  #newId = () => (this.#deps.newId ?? (() => crypto.randomUUID()))();

  /** Emergency guidance for a question that triage marked as an emergency, else null. */
  guidanceFor(message: StoredMessage, lang: Lang): EmergencyGuidance | null {
    if (message.triage?.level !== 'emergency') return null;
    return this.#deps.safety.emergencyGuidance(
      message.triage.categories,
      this.#deps.region(),
      lang,
      this.#deps.safety.aboutSomeoneElse(message.text),
    );
  }

  /**
   * Emergency guidance for text the patient has typed but not sent (null when triage finds no emergency).
   * Triage needs no model: before one is ready, or on a device that cannot run one, an emergency still gets
   * the numbers to call and the first steps while the patient is typing. The card is worded in the
   * interface language `lang`, like every other label on the screen, whatever language the draft is in.
   */
  guidanceForDraft(text: string, lang: Lang): EmergencyGuidance | null {
    if (text.trim() === '') return null;
    const triage = this.#deps.safety.triage(text);
    if (triage.level !== 'emergency') return null;
    return this.#deps.safety.emergencyGuidance(
      triage.categories,
      this.#deps.region(),
      lang,
      this.#deps.safety.aboutSomeoneElse(text),
    );
  }

  /** Title and source for each cited entry that is known. */
  sourcesFor(message: StoredMessage): { id: string; title: string; source: string }[] {
    return (message.citations ?? []).flatMap((id) => {
      const known = this.#sources.get(id) ?? this.#deps.describeSource(id);
      return known ? [{ id, ...known }] : [];
    });
  }

  /** Drops the conversation on screen (it stays in history) and stops any answer in progress. */
  reset(): void {
    this.#screen++;
    this.#controller?.abort();
    this.#controller = null;
    this.#conversation = null;
    this.#messages = [];
    this.#profile = emptyProfile();
    this.#answering = false;
    this.#retryingId = null;
    this.#stream.clear();
    this.#busy = false;
    this.#notice = null;
    this.#contextStartId = null;
    this.#droppedTurns = 0;
    this.#unsaved = false;
  }

  /**
   * Follows clinic mode's "New patient" counter: when it changes, the conversation on screen is dropped and
   * any answer in progress stops. The first value seen is only remembered.
   */
  followPatient(session: number): void {
    if (this.#patientSession !== null && session !== this.#patientSession) this.reset();
    this.#patientSession = session;
  }

  /**
   * Shows a stored conversation. An answer still marked 'streaming' was cut off by a crash or a closed tab:
   * it is shown as 'interrupted'. Does nothing if that conversation is already open.
   */
  async open(id: string): Promise<void> {
    if (this.#conversation?.id === id) return;
    this.reset();
    const screen = this.#screen;
    try {
      const [conversation, messages] = await Promise.all([
        this.#deps.store.get(id),
        this.#deps.store.messages(id),
      ]);
      if (screen !== this.#screen) return;
      if (!conversation) {
        this.#notice = { kind: 'loadFailed' };
        return;
      }
      this.#conversation = conversation;
      this.#profile = { ...emptyProfile(), ...conversation.profile };
      this.#messages = messages.map((m) =>
        m.status === 'streaming' ? { ...m, status: 'interrupted' as const } : m,
      );
    } catch {
      if (screen === this.#screen) this.#notice = { kind: 'loadFailed' };
    }
  }

  /**
   * Sends the patient's text. Without a ready model (none chosen, downloading, none that this device can run,
   * or the engine failed) the built-in health guide answers instead. Returns false, keeping nothing and
   * sending nothing, when it is blank or over the limit (with a notice): the composer then keeps the text.
   */
  async send(text: string, lang: Lang): Promise<boolean> {
    if (this.#busy) return false;
    const handle = this.#deps.engine();
    const prepared = prepareQuestion(
      { conversationId: this.#conversation?.id ?? '', text, lang },
      this.#turnDeps(handle),
    );
    if (prepared.kind === 'rejected') {
      if (prepared.reason === 'tooLong') {
        this.#notice = { kind: 'tooLong', length: codePoints(text), limit: MAX_MESSAGE_CHARS };
      }
      return false;
    }
    this.#busy = true;
    this.#notice = null;
    const screen = this.#screen;
    // The question (and an emergency card under it) is on screen before anything waits on storage.
    const history = this.#messages;
    this.#messages = [...history, prepared.message];
    const conversationId = await this.#ensureConversation(prepared.message, history, lang);
    if (screen !== this.#screen) return true;
    const question = { ...prepared.message, conversationId };
    this.#messages = this.#messages.map((m) => (m.id === question.id ? question : m));
    await storeQuestion(question, this.#turnDeps(handle), this.#events(screen));
    const inScript = await this.#scriptOf(text, prepared.lang);
    if (handle) await this.#answer(question, history, prepared.lang, handle, screen, { inScript });
    else await this.#answerFromGuide(question, prepared.lang, screen, { inScript });
    return true;
  }

  /** How to write the answer to `text`: converted to Traditional when that is the script it was asked in. */
  async #scriptOf(text: string, lang: Lang): Promise<((text: string) => string) | undefined> {
    if (lang !== 'zh' || !this.#deps.traditional) return undefined;
    const kit = await this.#deps.traditional().catch(() => null);
    if (!kit) return undefined; // the converter could not load: the answer is still given, as written
    const script = kit.chineseScript(text) ?? (this.#deps.prefersTraditional?.() ? 'hant' : 'hans');
    return script === 'hant' ? kit.toTraditional : undefined;
  }

  /** The built-in health guide answers: no model is ready. */
  async #answerFromGuide(
    question: StoredMessage,
    lang: Lang,
    screen: number,
    { answerId, inScript }: { answerId?: string; inScript?: (text: string) => string } = {},
  ): Promise<void> {
    this.#answering = true;
    const guide =
      (await this.#guide) ?? (await (this.#guide = import('$lib/chat/guide-turn.ts').catch(() => null)));
    if (guide) {
      await guide.answerFromGuide(
        { question, lang, answerId, inScript },
        this.#turnDeps(null),
        this.#events(screen),
      );
    } else if (screen === this.#screen) {
      this.#notice = { kind: 'guideUnavailable' };
    }
    if (screen !== this.#screen) return;
    this.#answering = false;
    this.#busy = false;
  }

  /**
   * Asks again for the latest answer (failed, stopped or unhelpful); the new answer replaces it. An earlier
   * answer is left alone: replacing it would no longer match the turns after it. This is also how the model,
   * once ready, answers a question the built-in guide answered.
   */
  async retry(answerId: string): Promise<void> {
    const handle = this.#deps.engine();
    const target = retryTarget(this.#messages, answerId);
    if (this.#busy || !target) return;
    const { question, history } = target;
    this.#busy = true;
    this.#notice = null;
    const lang = textLang(question.text, this.#conversation?.lang ?? 'zh');
    const screen = this.#screen;
    const inScript = await this.#scriptOf(question.text, lang);
    if (handle) await this.#answer(question, history, lang, handle, screen, { answerId, inScript });
    else await this.#answerFromGuide(question, lang, screen, { answerId, inScript });
  }

  /** Stops the answer in progress; what was said so far stays, marked interrupted. */
  stop(): void {
    this.#controller?.abort();
  }

  /** Stores a thumbs up/down (and optional comment) on an answer. */
  async setFeedback(answerId: string, rating: 'up' | 'down', comment?: string): Promise<void> {
    const message = this.#messages.find((m) => m.id === answerId);
    if (!message) return;
    const trimmed = comment?.trim();
    const updated: StoredMessage = {
      ...message,
      // A comment is free text: it is redacted like everything else the patient types.
      feedback: {
        rating,
        at: this.#now(),
        ...(trimmed ? { comment: this.#deps.safety.redact(trimmed).text } : {}),
      },
    };
    this.#messages = this.#messages.map((m) => (m.id === answerId ? updated : m));
    await this.#put(updated);
  }

  /**
   * Updates the profile; every field is redacted before it is kept, stored or sent. A field with no words
   * in it (a phone number alone) gets its placeholder in the interface language `lang`.
   */
  async updateProfile(patch: Partial<PatientProfile>, lang: Lang = 'zh'): Promise<void> {
    const redacted: Partial<PatientProfile> = {};
    for (const [key, value] of Object.entries(patch) as [keyof PatientProfile, string][]) {
      (redacted as Record<string, string>)[key] =
        key === 'sex' || key === 'pregnancy'
          ? value
          : this.#deps.safety.redact(value, textLang(value, lang)).text;
    }
    this.#profile = { ...this.#profile, ...redacted };
    if (!this.#conversation) return;
    try {
      await this.#deps.store.update(this.#conversation.id, { profile: this.#profile });
    } catch (error) {
      this.#notice = { kind: 'saveFailed', reason: storageReason(error) };
    }
  }

  dismissNotice(): void {
    this.#notice = null;
  }

  /**
   * The id of the stored conversation for this question, creating it on the first question. If that failed
   * before (the conversation lives only on screen), it is tried again, and on success the earlier messages are
   * stored under it: space freed later must not leave the start of the consultation unsaved. If the screen
   * moved on meanwhile (new conversation, new patient), it is left alone: the next patient's questions must
   * not land in this conversation.
   * @param earlier the messages shown before this question
   */
  async #ensureConversation(question: StoredMessage, earlier: StoredMessage[], lang: Lang): Promise<string> {
    if (this.#conversation && !this.#unsaved) return this.#conversation.id;
    const onScreenOnly = this.#conversation;
    const screen = this.#screen;
    const live = () => screen === this.#screen;
    const saveFailed = (error: unknown) => {
      if (live()) this.#notice = { kind: 'saveFailed', reason: storageReason(error) };
    };
    const request = { question, lang, profile: this.#profile, onScreenOnly };
    const creation = await createConversation(request, this.#deps.store);
    if (creation.kind === 'failed') {
      if (!live()) return onScreenOnly?.id ?? '';
      saveFailed(creation.error);
      if (onScreenOnly) return onScreenOnly.id;
      this.#unsaved = true;
      this.#conversation = unsavedConversation(request, this.#newId(), this.#now());
      return this.#conversation.id;
    }
    const created = creation.conversation;
    const moved = onScreenOnly ? rehome(earlier, created.id) : [];
    if (live()) {
      this.#conversation = created;
      this.#unsaved = false;
      if (moved.length) this.#messages = this.#messages.map((m) => moved.find((e) => e.id === m.id) ?? m);
    }
    await storeEach(moved, this.#deps.store, saveFailed);
    return created.id;
  }

  async #answer(
    question: StoredMessage,
    history: StoredMessage[],
    lang: Lang,
    handle: EngineHandle,
    screen: number,
    { answerId, inScript }: { answerId?: string; inScript?: (text: string) => string } = {},
  ): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    this.#stream.clear();
    this.#answering = true;
    this.#retryingId = answerId ?? null;
    const outcome = await answerQuestion(
      { question, history, profile: this.#profile, lang, signal: controller.signal, answerId, inScript },
      this.#turnDeps(handle),
      this.#events(screen),
    );
    if (screen !== this.#screen) return;
    if (outcome.kind === 'overflow') this.#notice = { kind: 'overflow' };
    if (outcome.kind === 'failed') {
      const kind = (outcome.error as { kind?: unknown } | null)?.kind;
      this.#notice = { kind: 'engineFailed', reason: typeof kind === 'string' ? kind : 'unknown' };
      if (typeof kind === 'string' && ENGINE_LOST_KINDS.has(kind)) this.#deps.onEngineLost?.(outcome.error);
    }
    this.#controller = null;
    this.#answering = false;
    this.#retryingId = null;
    this.#busy = false;
  }

  #turnDeps(handle: EngineHandle | null): TurnDeps {
    const engine = handle?.engine;
    return {
      safety: this.#deps.safety,
      retrieve: this.#deps.retrieve,
      // Never reached without a model (the guide answers then); if it were, the failure says what it is.
      engine: engine ?? {
        generate: () => Promise.reject(new EngineError('loadFailed', 'no model is loaded')),
      },
      countTokens: modelCounter((text) => engine?.countTokens(text) ?? Promise.resolve(null)),
      store: this.#deps.store,
      contextWindow: handle?.contextWindow ?? 0,
      modelId: handle?.modelId ?? '',
      region: this.#deps.region(),
      now: this.#now,
      newId: this.#newId,
      ...(handle?.generation ? { generation: handle.generation } : {}),
    };
  }

  #events(screen: number): TurnEvents {
    const live = () => screen === this.#screen;
    return {
      context: ({ snippets, droppedTurns, contextStartId }) => {
        for (const s of snippets) this.#sources.set(s.id, { title: s.title, source: s.source });
        if (!live()) return;
        this.#droppedTurns = droppedTurns;
        this.#contextStartId = droppedTurns > 0 ? contextStartId : null;
      },
      token: (raw) => {
        if (!live()) return;
        this.#stream.push(raw, live);
      },
      // The model's triage line raised the level: the question takes its new triage, and the emergency card
      // under it (guidanceFor) appears in this same turn.
      triageRaised: (question) => {
        if (!live()) return;
        this.#messages = this.#messages.map((m) => (m.id === question.id ? question : m));
      },
      answer: (message) => {
        if (!live()) return;
        const exists = this.#messages.some((m) => m.id === message.id);
        this.#messages = exists
          ? this.#messages.map((m) => (m.id === message.id ? message : m))
          : [...this.#messages, message];
        this.#answering = false;
        this.#retryingId = null;
        this.#stream.clear();
      },
      saveFailed: (error) => {
        if (live()) this.#notice = { kind: 'saveFailed', reason: storageReason(error) };
      },
    };
  }

  async #put(message: StoredMessage): Promise<void> {
    try {
      await this.#deps.store.putMessage(message);
    } catch (error) {
      this.#notice = { kind: 'saveFailed', reason: storageReason(error) };
    }
  }
}

/**
 * The engine's lifecycle as the UI sees it: device check -> consent -> download -> load -> ready, with
 * blocked and error states that explain themselves. Every side effect comes in through `EngineDeps`,
 * so the flow is the same in the app, the e2e build and a test.
 */
import type { ChatEngine, GenerateResult } from '$lib/engine/types.ts';
import type { EngineServices } from '$lib/engine/services.ts';
import type { DownloadOptions, DownloadProgress } from '$lib/engine/download.ts';
import type { SourceChoice } from '$lib/engine/probe.ts';
import {
  chooseModel,
  type BlockReason,
  type ChoiceReason,
  type DeviceDecision,
  type DeviceFacts,
} from '$lib/engine/capability.ts';
import { EngineError, toEngineError } from '$lib/engine/errors.ts';
import {
  findModel,
  memoryNeededMB,
  registry,
  sourceOrder,
  type GenerationDefaults,
  type LoadSettings,
  type ModelEntry,
} from '$lib/engine/registry.ts';
import type { SettingStore } from './setting.ts';

/** Fewer tokens than this say little about speed (the first ones wait for the prompt). */
const MIN_TOKENS_FOR_SPEED = 16;

/** Saved speeds, or none when the setting is missing or not the JSON object this class writes. */
function readSpeeds(raw: string | null): Record<string, number> {
  try {
    const value: unknown = JSON.parse(raw ?? '{}');
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0),
    );
  } catch {
    return {};
  }
}

/** The context offered after the GPU ran out of memory: half the KV cache of the 4k libraries. */
export const SHORT_CONTEXT = 2048;

export type EngineStatus =
  | { kind: 'checking' }
  | { kind: 'needsConsent'; modelId: string; reasons: ChoiceReason[]; facts: DeviceFacts; paused: boolean }
  /** `source`: the mirror setting downloaded from, once the sources were checked (null while checking). */
  | { kind: 'downloading'; modelId: string; progress: DownloadProgress | null; source: string | null }
  | { kind: 'loading'; modelId: string; fraction: number; text: string }
  | { kind: 'ready'; modelId: string }
  | { kind: 'blocked'; reason: BlockReason | { kind: 'otherTab' }; facts?: DeviceFacts }
  | { kind: 'error'; error: EngineError; modelId: string | null };

export interface EngineDeps {
  /**
   * A model the engine services provide without a download or a device check (in the e2e build, the
   * scripted test double's id: it is not a model): load it and go straight to ready. null in production.
   */
  preloadedModelId: string | null;
  /** Makes the engine (a new worker each time: a restart after a lost device needs a fresh one). */
  connect: (settings: () => LoadSettings) => EngineServices;
  readFacts: () => Promise<DeviceFacts>;
  download: (modelId: string, mirror: string, options: DownloadOptions) => Promise<void>;
  /**
   * Checks the candidate sources quickly and picks the first that answers (engine/probe.ts chooseSource).
   * Absent: the current mirror is used as it is (the e2e double, tests).
   */
  chooseSource?: (modelId: string, candidates: readonly string[]) => Promise<SourceChoice>;
  /** The patient is in mainland China: sources reachable there are tried first. */
  mainlandFirst?: () => boolean;
  /** Takes the one-tab-at-a-time lock; resolves false when another tab holds it. */
  acquireLock: () => Promise<boolean>;
  /** navigator.storage.persist(), so the browser does not evict gigabytes of weights. */
  persist: () => Promise<boolean>;
  /** Bytes this origin uses (storage estimate), to show the space a deletion freed. */
  usage: () => Promise<number | undefined>;
  settings: {
    model: SettingStore;
    mirror: SettingStore;
    consent: SettingStore;
    /** Measured answer speeds per model, as JSON; absent: not kept across visits. */
    speed?: SettingStore;
  };
  buildMirror: string;
}

export class EngineState {
  status = $state<EngineStatus>({ kind: 'checking' });
  /** Ids web-llm reports fully cached (hasModelInCache), refreshed by `refreshCached`. */
  cached = $state.raw<string[]>([]);
  /** The last device check, for Settings (which models this device allows). */
  decision = $state.raw<DeviceDecision | null>(null);
  mirror = $state('');
  preferredModelId = $state<string | null>(null);
  /** After running out of GPU memory, the patient may load with SHORT_CONTEXT (for this visit). */
  shortContext = $state(false);
  /** Characters a second each model wrote on this device, measured on real answers (Settings shows them). */
  speeds = $state.raw<Record<string, number>>({});

  readonly #deps: EngineDeps;
  #services: EngineServices | null = null;
  #download: AbortController | null = null;
  /** The sources the last download checked, so a failure can offer one it did not. */
  #tried: string[] = [];
  #locked = false;
  #measured: { inner: ChatEngine; outer: ChatEngine } | null = null;

  constructor(deps: EngineDeps) {
    this.#deps = deps;
    this.mirror = deps.settings.mirror.get() || deps.buildMirror;
    this.preferredModelId = deps.settings.model.get() || null;
    this.speeds = readSpeeds(deps.settings.speed?.get() ?? null);
  }

  get ready(): boolean {
    return this.status.kind === 'ready';
  }

  /** The engine to generate with; meaningful once `ready`. Every answer's speed is noted for Settings. */
  get engine(): ChatEngine {
    const inner = this.#connect().engine;
    if (this.#measured?.inner !== inner) {
      const outer: ChatEngine = {
        load: (id, onProgress) => inner.load(id, onProgress),
        generate: async (messages, options) => {
          const result = await inner.generate(messages, options);
          this.#noteSpeed(result);
          return result;
        },
        countTokens: (text) => inner.countTokens(text),
        unload: () => inner.unload(),
      };
      this.#measured = { inner, outer };
    }
    return this.#measured.outer;
  }

  /** Characters a second, from an answer long enough to say (decode speed x characters per token). */
  #noteSpeed(result: GenerateResult): void {
    const id = this.modelId;
    const usage = result.usage;
    if (!id || !usage?.decodeTokensPerSec || usage.completionTokens < MIN_TOKENS_FOR_SPEED) return;
    const perSecond = (usage.decodeTokensPerSec * result.text.length) / usage.completionTokens;
    if (!Number.isFinite(perSecond) || perSecond <= 0) return;
    this.speeds = { ...this.speeds, [id]: Math.round(perSecond) };
    this.#deps.settings.speed?.set(JSON.stringify(this.speeds));
  }

  /** The model in use (or being prepared), if any. */
  get modelId(): string | null {
    return 'modelId' in this.status ? this.status.modelId : null;
  }

  /** The model's registry entry; the default model's while none is chosen (and for the test double). */
  get model(): ModelEntry {
    const id = this.modelId;
    return registry.models.find((m) => m.id === id) ?? findModel(registry.defaultModelId);
  }

  /** Tokens the loaded model's library was built for (prompt + answer must fit). */
  get contextWindow(): number {
    return Math.min(this.model.contextWindow, this.shortContext ? SHORT_CONTEXT : Infinity);
  }

  get generation(): GenerationDefaults {
    return this.model.generation;
  }

  /** Runs the device check and moves on as far as the patient has agreed. Safe to call again. */
  async start(): Promise<void> {
    const preloaded = this.#deps.preloadedModelId;
    if (preloaded !== null) {
      await this.#connect().engine.load(preloaded);
      this.status = { kind: 'ready', modelId: preloaded };
      return;
    }
    this.status = { kind: 'checking' };
    if (!this.#locked) {
      this.#locked = await this.#deps.acquireLock();
      if (!this.#locked) {
        this.status = { kind: 'blocked', reason: { kind: 'otherTab' } };
        return;
      }
    }
    try {
      const facts = await this.#deps.readFacts();
      await this.refreshCached();
      const decision = chooseModel(facts, registry, this.cached, this.preferredModelId ?? undefined);
      this.decision = decision;
      if (decision.kind === 'blocked') {
        this.status = { kind: 'blocked', reason: decision.reason, facts };
        return;
      }
      const { modelId } = decision;
      if (this.cached.includes(modelId)) return await this.#load(modelId);
      // Agreed earlier and interrupted (reload, lost network): carry on without asking again.
      if (this.#deps.settings.consent.get() === modelId) return await this.#downloadThenLoad(modelId);
      this.status = { kind: 'needsConsent', modelId, reasons: decision.reasons, facts, paused: false };
    } catch (raw) {
      this.status = { kind: 'error', error: toEngineError(raw), modelId: null };
    }
  }

  /** The patient agreed to download the model shown. */
  async consent(): Promise<void> {
    if (this.status.kind !== 'needsConsent') return;
    const { modelId } = this.status;
    this.#deps.settings.consent.set(modelId);
    await this.#deps.persist().catch(() => false);
    await this.#downloadThenLoad(modelId);
  }

  /** Pauses the download; what arrived is kept for next time. */
  cancel(): void {
    this.#download?.abort();
  }

  /** After an error: a fresh worker, and the same model again (the conversation is untouched). */
  async restart(): Promise<void> {
    this.#services?.terminate();
    this.#services = null;
    await this.start();
  }

  /** Reports a failure seen while generating (a lost device, say), so the setup screen offers a way on. */
  fail(raw: unknown): void {
    this.status = { kind: 'error', error: toEngineError(raw), modelId: this.modelId };
  }

  /** Reloads the same model with a shorter context window, which needs less GPU memory. */
  async useShorterContext(): Promise<void> {
    this.shortContext = true;
    await this.restart();
  }

  /** Switches model (null: let the device check choose) and prepares it. */
  async useModel(modelId: string | null): Promise<void> {
    this.preferredModelId = modelId;
    this.#deps.settings.model.set(modelId ?? '');
    if (this.modelId === modelId && this.ready) return;
    this.#download?.abort();
    await this.restart();
  }

  /** What the device check chooses with no preference: the model the setup screen calls recommended. */
  get recommendedModelId(): string | null {
    const decision = this.decision;
    if (decision?.kind !== 'ok') return null;
    const plain = chooseModel(decision.facts, registry, this.cached);
    return plain.kind === 'ok' ? plain.modelId : null;
  }

  /**
   * The models the patient can choose between before downloading: those this device allows on the same
   * engine as the one chosen (the processor's models are not offered beside a working GPU), one per size
   * (within a size the smaller file: the half-precision build where the GPU has it), largest first.
   */
  get modelChoices(): ModelEntry[] {
    const decision = this.decision;
    if (decision?.kind !== 'ok') return [];
    const engine = findModel(decision.modelId).engine;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local worklist, read once below
    const byTier = new Map<string, ModelEntry>();
    for (const m of registry.models) {
      if (!decision.allowed.includes(m.id) || m.engine !== engine) continue;
      const held = byTier.get(m.tier);
      if (
        m.id === decision.modelId ||
        !held ||
        (held.id !== decision.modelId && m.downloadBytes < held.downloadBytes)
      )
        byTier.set(m.tier, m);
    }
    return [...byTier.values()].sort((a, b) => b.downloadBytes - a.downloadBytes);
  }

  /** A smaller model of the same engine that this device allows, if any (offered after running out of memory). */
  get smallerModel(): ModelEntry | null {
    const current = this.model;
    const allowed = this.decision?.kind === 'ok' ? this.decision.allowed : [];
    return (
      registry.models
        .filter(
          (m) =>
            allowed.includes(m.id) &&
            m.engine === current.engine &&
            memoryNeededMB(m) < memoryNeededMB(current),
        )
        .sort((a, b) => memoryNeededMB(b) - memoryNeededMB(a))[0] ?? null
    );
  }

  /**
   * Deletes a downloaded model from web-llm's caches.
   * @returns bytes freed (from the storage estimate, else the registry's size)
   */
  async deleteModel(modelId: string): Promise<number> {
    const store = this.#connect().store;
    if (!store) return 0;
    if (this.modelId === modelId) {
      this.#download?.abort();
      await this.#connect()
        .engine.unload()
        .catch(() => undefined);
    }
    const before = await this.#deps.usage();
    await store.deleteModel(modelId);
    if (this.#deps.settings.consent.get() === modelId) this.#deps.settings.consent.set('');
    const after = await this.#deps.usage();
    await this.refreshCached();
    if (this.modelId === modelId) await this.restart();
    const measured = before !== undefined && after !== undefined ? before - after : 0;
    return measured > 0 ? measured : findModel(modelId).downloadBytes;
  }

  /** The source as set by the patient or clinic: '' (automatic), a registry source id, or a mirror. */
  get sourceSetting(): string {
    return this.#deps.settings.mirror.get() ?? '';
  }

  /** Sets the mirror base ('' returns to the build's mirror, or the registry's own URLs). */
  setMirror(mirror: string): void {
    this.mirror = mirror || this.#deps.buildMirror;
    this.#deps.settings.mirror.set(mirror);
  }

  /** Asks web-llm which registry models are fully cached (with the current mirror's URLs). */
  async refreshCached(): Promise<void> {
    const store = this.#connect().store;
    if (!store) return;
    const answers = await Promise.all(
      registry.models.map(async (m) => ((await store.isCached(m.id)) ? m.id : null)),
    );
    this.cached = answers.filter((id): id is string => id !== null);
  }

  /**
   * The sources to check before a download: the one the patient or clinic set, or (none set) every source
   * that carries this model, in the patient's order.
   */
  sourceCandidates(modelId: string): string[] {
    if (this.#deps.settings.mirror.get() || this.#deps.buildMirror) return [this.mirror];
    return this.#sourceOrder(modelId);
  }

  #sourceOrder(modelId: string): string[] {
    return sourceOrder(findModel(modelId), this.#deps.mainlandFirst?.() ?? false);
  }

  /**
   * A source to offer after a download failed on `mirror`: the next one in the patient's order that the
   * failed check did not try, or null.
   */
  nextSource(modelId: string): string | null {
    const order = this.#sourceOrder(modelId);
    // 'huggingface' set by hand and '' (the registry's URLs) are the same source.
    const tried = this.#tried.map((m) => (m === 'huggingface' ? '' : m));
    return order.find((id) => !tried.includes(id)) ?? null;
  }

  /** Downloads from this source from now on (a registry source id, '' for Hugging Face, or a mirror). */
  async useSource(mirror: string): Promise<void> {
    this.setMirror(mirror === '' ? 'huggingface' : mirror);
    await this.refreshCached();
    await this.start();
  }

  async #downloadThenLoad(modelId: string): Promise<void> {
    this.#download = new AbortController();
    this.status = { kind: 'downloading', modelId, progress: null, source: null };
    try {
      if (this.#deps.chooseSource) {
        const candidates = this.sourceCandidates(modelId);
        this.#tried = candidates;
        const { mirror } = await this.#deps.chooseSource(modelId, candidates);
        // The cache is keyed by URL: the source chosen is kept, so later visits load what was downloaded.
        if (mirror !== this.mirror) this.setMirror(mirror);
      }
      const source = this.mirror;
      if (this.status.kind === 'downloading') this.status = { ...this.status, source };
      await this.#deps.download(modelId, this.mirror, {
        signal: this.#download.signal,
        onProgress: (progress) => {
          if (this.status.kind === 'downloading')
            this.status = { kind: 'downloading', modelId, progress, source };
        },
      });
    } catch (raw) {
      if (this.#download.signal.aborted) {
        // A pause is a choice: a reload asks again rather than resuming on its own.
        this.#deps.settings.consent.set('');
        const facts = this.decision?.facts ?? { webgpu: 'absent' };
        const reasons = this.decision?.kind === 'ok' ? this.decision.reasons : [];
        this.status = { kind: 'needsConsent', modelId, reasons, facts, paused: true };
      } else {
        this.status = { kind: 'error', error: toEngineError(raw), modelId };
      }
      return;
    } finally {
      this.#download = null;
    }
    await this.refreshCached();
    await this.#load(modelId);
  }

  async #load(modelId: string): Promise<void> {
    this.status = { kind: 'loading', modelId, fraction: 0, text: '' };
    try {
      await this.#connect().engine.load(modelId, (p) => {
        if (this.status.kind === 'loading')
          this.status = { kind: 'loading', modelId, fraction: p.fraction, text: p.text };
      });
      this.status = { kind: 'ready', modelId };
    } catch (raw) {
      this.status = { kind: 'error', error: toEngineError(raw), modelId };
    }
  }

  #connect(): EngineServices {
    this.#services ??= this.#deps.connect(() => ({
      mirror: this.mirror,
      contextWindow: this.shortContext ? SHORT_CONTEXT : null,
    }));
    return this.#services;
  }
}

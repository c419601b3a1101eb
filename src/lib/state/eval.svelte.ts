/**
 * The evaluation page's state: which questions, the run in progress, the report on screen, saved
 * reports and the pair being compared. The engine, storage, device facts and clock come in through
 * `EvalDeps`, so the page works the same with web-llm, the scripted test double or none at all.
 */
import type { EngineKind } from '$lib/engine/registry.ts';
import type { ChatEngine } from '$lib/engine/types.ts';
import { compareReports, type ComparisonRow } from '$lib/eval/compare.ts';
import { parseReportJson, ReportFormatError, type ReportProblem } from '$lib/eval/export.ts';
import { importQuestionFile, type ImportResult } from '$lib/eval/import.ts';
import { buildReport } from '$lib/eval/report.ts';
import { runEvaluation, type RunProgress } from '$lib/eval/runner.ts';
import { SPEED_PROMPTS } from '$lib/eval/speed.ts';
import { pickSubset } from '$lib/eval/subset.ts';
import type { DeviceInfo, EvalLang, EvalReport, McqItem } from '$lib/eval/types.ts';
import type { EvalReportStore } from '$lib/storage/eval-store.ts';

export interface EvalDeps {
  store: EvalReportStore;
  /**
   * The engine and model id when a model is ready to generate, else null; `kind` says which engine
   * runs it (absent for the test double).
   */
  engine: () => { engine: ChatEngine; modelId: string; kind?: EngineKind } | null;
  readDevice: () => Promise<DeviceInfo>;
  builtIn: readonly McqItem[];
  newId?: () => string;
  now?: () => number;
}

export type RunOutcome = 'finished' | 'stopped' | 'failed';

/** The name a report records for the bundled set. */
export const BUILTIN_SET_NAME = 'built-in';

export class EvalState {
  /** The questions in use: the built-in set (name null) or an imported file. */
  questionSet = $state.raw<{ name: string | null; items: readonly McqItem[] }>({ name: null, items: [] });
  /** The last file import, with its row errors (kept even when no row was usable). */
  lastImport = $state.raw<(ImportResult & { fileName: string }) | null>(null);
  count = $state(20);
  lang = $state<EvalLang | 'all'>('all');
  includeSpeed = $state(true);
  label = $state('');

  running = $state(false);
  stopping = $state(false);
  progress = $state.raw<RunProgress | null>(null);
  /** Date.now() when the run started and when `progress` last changed, so the page can count between steps. */
  runStartedAt = $state(0);
  progressAt = $state(0);
  outcome = $state<RunOutcome | null>(null);
  /** The report on screen: the last run's, or a saved one opened from the list. */
  current = $state.raw<EvalReport | null>(null);

  saved = $state.raw<EvalReport[]>([]);
  storageProblem = $state<'load' | 'save' | null>(null);
  reportImport = $state.raw<
    { ok: true; label: string } | { ok: false; problem: ReportProblem | 'unreadable' } | null
  >(null);
  compareA = $state('');
  compareB = $state('');
  device = $state.raw<DeviceInfo>({});

  readonly #deps: EvalDeps;
  #abort: AbortController | null = null;

  constructor(deps: EvalDeps) {
    this.#deps = deps;
    this.questionSet = { name: null, items: deps.builtIn };
  }

  /** Questions in the chosen language. */
  get pool(): readonly McqItem[] {
    const { items } = this.questionSet;
    return this.lang === 'all' ? items : items.filter((i) => i.lang === this.lang);
  }

  /** The questions a run will ask: `count` of the pool, taken from each language and category in turn. */
  get chosen(): McqItem[] {
    return pickSubset(this.questionSet.items, this.count, this.lang);
  }

  get canRun(): boolean {
    return !this.running && this.chosen.length > 0 && this.#deps.engine() !== null;
  }

  /** Rows for the two reports picked, or null until two different ones are. */
  get comparison(): { a: EvalReport; b: EvalReport; rows: ComparisonRow[] } | null {
    const a = this.saved.find((r) => r.id === this.compareA);
    const b = this.saved.find((r) => r.id === this.compareB);
    return a && b && a.id !== b.id ? { a, b, rows: compareReports(a, b) } : null;
  }

  /** Reads device details and saved reports. Call once when the page opens. */
  async init(): Promise<void> {
    const [device] = await Promise.all([this.#deps.readDevice().catch(() => ({})), this.#reload()]);
    this.device = device;
  }

  /** Reads a question file the user picked; keeps the previous set when no row is usable. */
  importQuestions(fileName: string, text: string): void {
    const result = importQuestionFile(fileName, text);
    this.lastImport = { ...result, fileName };
    if (result.items.length > 0) {
      this.questionSet = { name: fileName, items: result.items };
      this.count = Math.min(this.count, result.items.length) || result.items.length;
    }
  }

  useBuiltIn(): void {
    this.questionSet = { name: null, items: this.#deps.builtIn };
    this.lastImport = null;
  }

  /**
   * Runs the speed prompts (if chosen) and the chosen questions on the ready engine, then saves the
   * report, complete or partial. Does nothing when no model is ready or a run is under way.
   */
  async run(): Promise<void> {
    const ready = this.#deps.engine();
    if (!ready || this.running) return;
    const items = this.chosen;
    const now = this.#deps.now ?? Date.now;
    this.#abort = new AbortController();
    this.running = true;
    this.stopping = false;
    this.outcome = null;
    this.progress = null;
    this.runStartedAt = now();
    this.progressAt = this.runStartedAt;
    try {
      const [device, run] = await Promise.all([
        this.#deps.readDevice().catch(() => this.device),
        runEvaluation({
          engine: ready.engine,
          items,
          speedPrompts: this.includeSpeed ? SPEED_PROMPTS : [],
          signal: this.#abort.signal,
          onProgress: (p) => {
            this.progress = p;
            this.progressAt = now();
          },
        }),
      ]);
      this.device = device;
      this.outcome = run.error ? 'failed' : run.partial ? 'stopped' : 'finished';
      const createdAt = now();
      const report = buildReport({
        id: this.#deps.newId?.() ?? crypto.randomUUID(),
        label:
          this.label.trim() ||
          `${ready.modelId} · ${new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' }).format(createdAt)}`,
        createdAt,
        modelId: ready.modelId,
        ...(ready.kind ? { engine: ready.kind } : {}),
        device,
        questionSet: this.questionSet.name ?? BUILTIN_SET_NAME,
        partial: run.partial,
        plannedQuestions: items.length,
        speedSamples: run.speedSamples,
        results: run.results,
      });
      this.current = report;
      await this.#save(report);
    } finally {
      this.running = false;
      this.stopping = false;
      this.#abort = null;
    }
  }

  /** Stops the run after the answer being generated is cut short; what finished is kept. */
  stop(): void {
    if (!this.#abort) return;
    this.stopping = true;
    this.#abort.abort();
  }

  /** Shows a saved report. */
  open(id: string): void {
    this.current = this.saved.find((r) => r.id === id) ?? this.current;
  }

  async remove(id: string): Promise<void> {
    try {
      await this.#deps.store.delete(id);
    } catch {
      this.storageProblem = 'save';
    }
    if (this.current?.id === id) this.current = null;
    await this.#reload();
  }

  /** Imports a report exported here or on another device, and saves it for comparison. */
  async importReport(text: string): Promise<void> {
    try {
      const report = parseReportJson(text);
      await this.#save(report);
      this.reportImport = { ok: true, label: report.label };
    } catch (error) {
      this.reportImport = {
        ok: false,
        problem: error instanceof ReportFormatError ? error.problem : 'unreadable',
      };
    }
  }

  async #save(report: EvalReport): Promise<void> {
    try {
      await this.#deps.store.put(report);
      this.storageProblem = null;
    } catch {
      this.storageProblem = 'save';
      return;
    }
    await this.#reload();
    // Fill the comparison with the newest two, so a second run shows a comparison at once.
    if (!this.compareA || !this.compareB) {
      this.compareA = this.saved[1]?.id ?? '';
      this.compareB = this.saved[0]?.id ?? '';
    }
  }

  async #reload(): Promise<void> {
    try {
      this.saved = await this.#deps.store.list();
    } catch {
      this.storageProblem = 'load';
    }
    if (!this.saved.some((r) => r.id === this.compareA)) this.compareA = '';
    if (!this.saved.some((r) => r.id === this.compareB)) this.compareB = '';
  }
}

/**
 * What the composition root (src/app/engine-services.ts, or the e2e build's test double) gives the engine
 * state: the engine, and questions about downloaded models.
 */
import type { ChatEngine } from './types.ts';

/** Questions about downloaded models, answered from the caches each engine reads. */
export interface ModelStore {
  isCached(modelId: string): Promise<boolean>;
  deleteModel(modelId: string): Promise<void>;
}

export interface EngineServices {
  engine: ChatEngine;
  /** null for the scripted test double, which downloads nothing. */
  store: ModelStore | null;
  /** Stops the workers (a restart after a lost device makes new ones). */
  terminate(): void;
}

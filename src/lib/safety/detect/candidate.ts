import type { PiiType } from '../types.ts';

/** A span that one detector believes is an identifier; redact.ts picks among overlapping candidates. */
export interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  /** Breaks ties between equally long candidates: a check-digit match beats a shape match. */
  priority: number;
}

/** Small helpers shared by the benchmarks: timing and percentiles. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Runs fn `iterations` times after `warmup` runs; returns sorted durations in milliseconds. */
export function timeIt(fn: () => unknown, iterations: number, warmup = Math.min(20, iterations)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

export function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

export function report(label: string, sorted: number[], goal?: string): void {
  const line = `${label.padEnd(48)} median ${fmt(percentile(sorted, 50)).padStart(10)}   p99 ${fmt(percentile(sorted, 99)).padStart(10)}`;
  console.log(goal ? `${line}   (goal ${goal})` : line);
}

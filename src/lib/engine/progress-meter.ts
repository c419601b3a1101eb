/** Download progress for the patient: bytes counted and turned into percent, speed and time left. */
import type { DownloadProgress, ModelFile } from './download.ts';

/** Counts bytes and turns them into percent, speed and time left (over the last few seconds). */
export class ProgressMeter {
  #done = 0;
  #filesDone = 0;
  readonly #sizes = new Map<string, number>();
  readonly #samples: Array<[number, number]> = [];
  #lastReport = -Infinity;

  constructor(
    private readonly files: readonly ModelFile[],
    private readonly now: () => number,
    private readonly onProgress?: (p: DownloadProgress) => void,
  ) {
    for (const f of files) if (f.size !== undefined) this.#sizes.set(f.url, f.size);
  }

  fileStarted(file: ModelFile, size: number | undefined, alreadyHave: number): void {
    if (size !== undefined) this.#sizes.set(file.url, size);
    this.#done += alreadyHave;
  }

  fileDone(file: ModelFile, size: number, counted = false): void {
    this.#sizes.set(file.url, size);
    if (!counted) this.#done += size;
    this.#filesDone++;
    this.report(true);
  }

  add(bytes: number): void {
    this.#done += bytes;
    this.report(false);
  }

  report(force = true): void {
    const t = this.now();
    if (!force && t - this.#lastReport < 200) return;
    this.#lastReport = t;
    this.#samples.push([t, this.#done]);
    while (this.#samples.length > 2 && t - this.#samples[0]![0] > 5000) this.#samples.shift();
    const [t0, b0] = this.#samples[0]!;
    const bytesPerSec = t > t0 ? Math.max(0, ((this.#done - b0) * 1000) / (t - t0)) : 0;
    const totalBytes = [...this.#sizes.values()].reduce((a, b) => a + b, 0);
    const remaining = Math.max(0, totalBytes - this.#done);
    this.onProgress?.({
      doneBytes: this.#done,
      totalBytes,
      fraction: totalBytes > 0 ? Math.min(1, this.#done / totalBytes) : 0,
      bytesPerSec,
      secondsLeft: bytesPerSec > 0 ? remaining / bytesPerSec : null,
      filesDone: this.#filesDone,
      filesTotal: this.files.length,
    });
  }
}

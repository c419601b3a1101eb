import { flushSync } from 'svelte';

/**
 * The streamed answer's text on screen, updated at most once per scheduled frame however fast tokens
 * come: each token only replaces the latest text; the screen takes it when the frame comes. Each update
 * runs inside a performance measure ('chat:frame') so the chat bench can read what it costs the main
 * thread: the session, Svelte and the Markdown renderer together.
 */
export class StreamBuffer {
  #shown = $state('');
  #latest = '';
  #queued = false;
  #schedule: (update: () => void) => void;

  /** @param schedule runs an update at the next frame (requestAnimationFrame in the browser); default: now. */
  constructor(schedule: (update: () => void) => void = (update) => update()) {
    this.#schedule = schedule;
  }

  /** The text on screen now. */
  get text(): string {
    return this.#shown;
  }

  /** Takes the whole text so far; shows it at the next frame unless `live()` says the screen moved on. */
  push(text: string, live: () => boolean): void {
    this.#latest = text;
    if (this.#queued) return;
    this.#queued = true;
    this.#schedule(() => {
      this.#queued = false;
      if (live()) this.#show();
    });
  }

  /** Nothing streaming: an answer has started afresh or has arrived whole. */
  clear(): void {
    this.#latest = '';
    this.#shown = '';
  }

  #show(): void {
    performance.mark('chat:frame:start');
    this.#shown = this.#latest;
    flushSync();
    performance.measure('chat:frame', 'chat:frame:start');
    performance.clearMarks('chat:frame:start');
    performance.clearMeasures('chat:frame');
  }
}

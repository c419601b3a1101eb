/**
 * Splits a growing Markdown text into finished blocks and an open tail, so a streaming answer is parsed once
 * per block instead of once per token. Pure: no DOM, no Markdown library.
 *
 * A block ends at a blank line outside a code fence, confirmed only once the next line's first character
 * arrives and is not a space (an indented line after a blank one continues a list item; rendered alone it would become a code
 * block). Only complete lines (ending in "\n") are examined, so each character is scanned once.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export class BlockSplitter {
  #text = '';
  /** Start of the first line not yet examined. */
  #scanPos = 0;
  /** Where the open (unfinished) part starts. */
  #settled = 0;
  /** Set after a blank line that may end the current block, until the next line confirms or cancels it. */
  #pendingEnd: number | null = null;
  #fence: string | null = null;

  /**
   * Takes the whole text so far (each call extends the previous one; anything else starts over).
   * @returns the blocks finished since the last call, in order, and the open tail (may be '').
   */
  push(text: string): { finished: string[]; tail: string; restarted: boolean } {
    let restarted = false;
    if (!text.startsWith(this.#text)) {
      this.reset();
      restarted = true;
    }
    this.#text = text;
    const finished: string[] = [];
    let newline: number;
    while ((newline = text.indexOf('\n', this.#scanPos)) !== -1) {
      const line = text.slice(this.#scanPos, newline);
      const lineEnd = newline + 1;
      this.#examine(line, this.#scanPos, lineEnd, finished);
      this.#scanPos = lineEnd;
    }
    // The line after a blank one has started: its first character is enough to tell whether it is indented.
    const next = text[this.#scanPos];
    if (this.#pendingEnd !== null && next !== undefined && next !== ' ' && next !== '\t') {
      this.#finish(finished, this.#scanPos);
      this.#pendingEnd = null;
    }
    return { finished, tail: text.slice(this.#settled), restarted };
  }

  #examine(line: string, lineStart: number, lineEnd: number, finished: string[]): void {
    const blank = line.trim() === '';
    if (this.#pendingEnd !== null && !blank) {
      // Only an indented line gets here with a boundary pending (see push): it continues the block.
      if (!/^[ \t]/.test(line)) this.#finish(finished, lineStart);
      this.#pendingEnd = null;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      if (this.#fence === null) this.#fence = marker;
      else if (marker[0] === this.#fence[0] && marker.length >= this.#fence.length) this.#fence = null;
      return;
    }
    if (blank && this.#fence === null && lineStart > this.#settled) this.#pendingEnd ??= lineEnd;
  }

  /** Ends the open block just before `nextStart`, blank lines included, so the blocks join back to the text. */
  #finish(finished: string[], nextStart: number): void {
    const block = this.#text.slice(this.#settled, nextStart);
    if (block.trim() !== '') finished.push(block);
    this.#settled = nextStart;
  }

  reset(): void {
    this.#text = '';
    this.#scanPos = 0;
    this.#settled = 0;
    this.#pendingEnd = null;
    this.#fence = null;
  }
}

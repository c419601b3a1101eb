/**
 * Rendering model answers as Markdown, safely and incrementally. Browser only (DOMPurify needs a document);
 * the parts that are pure (blocks.ts, html.ts) are tested in Node.
 */
import { BlockSplitter } from './blocks.ts';
import { markdownToHtml } from './html.ts';
import { sanitizeHtml } from './sanitize.ts';

/** A whole Markdown text as sanitized HTML, for finished answers. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(markdownToHtml(markdown));
}

/**
 * Renders a streaming answer: each finished block is parsed and sanitized once and kept; only the open tail is
 * rendered again on each update. The performance marks let the bench read main-thread time per update.
 */
export class IncrementalMarkdown {
  #splitter = new BlockSplitter();
  /** Sanitized HTML of each finished block, in order. */
  blocks: string[] = [];

  /**
   * Takes the whole answer so far.
   * @returns the open tail's sanitized HTML (finished blocks are in `blocks`) and whether the text was not a
   * continuation of the previous one, so everything was rendered afresh.
   */
  update(text: string): { tailHtml: string; restarted: boolean } {
    performance.mark('chat:render:start');
    const { finished, tail, restarted } = this.#splitter.push(text);
    if (restarted) this.blocks = [];
    for (const block of finished) this.blocks.push(renderMarkdown(block));
    const tailHtml = tail.trim() === '' ? '' : renderMarkdown(tail);
    performance.measure('chat:render', 'chat:render:start');
    // A PerformanceObserver (the bench) has already been handed the entry; the timeline need not keep it.
    performance.clearMarks('chat:render:start');
    performance.clearMeasures('chat:render');
    return { tailHtml, restarted };
  }
}

export { BlockSplitter } from './blocks.ts';
export { markdownToHtml, escapeHtml } from './html.ts';

/**
 * The Markdown renderer (marked + DOMPurify, about 80 kB) as its own chunk: evaluating it inside the first
 * task made start-up one long task. It loads at idle after the first screen, or when the first answer is
 * shown, whichever comes first; until then an answer is shown as plain text (Svelte escapes it), never as
 * unsanitized HTML.
 */
import type * as MarkdownModule from '$lib/markdown/index.ts';

type Renderer = typeof MarkdownModule;

let loaded = $state.raw<Renderer | null>(null);
let pending: Promise<Renderer | null> | null = null;

/** Starts loading the renderer (once; again after a failure, e.g. a dropped network before it was cached). */
export function loadMarkdown(): Promise<Renderer | null> {
  pending ??= import('$lib/markdown/index.ts').then(
    (module) => (loaded = module),
    () => {
      pending = null;
      return null;
    },
  );
  return pending;
}

/** The renderer once loaded (reactive: components re-render when it arrives), else null. */
export const markdown = {
  get current(): Renderer | null {
    return loaded;
  },
};

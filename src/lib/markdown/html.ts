/**
 * Markdown to HTML with marked, configured so that nothing the model writes becomes live markup: raw HTML is
 * shown as text, images become their alt text (nothing is fetched) and links become plain text with the
 * address beside it (nothing is opened or prefetched). Headings become bold paragraphs so an answer cannot
 * add to the page's outline. Pure: runs in Node; sanitize.ts is the second line of defence in the browser.
 */
import { Marked, type Tokens } from 'marked';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string {
      const label = this.parser.parseInline(token.tokens);
      const address = token.href === token.text ? '' : ` (${escapeHtml(token.href)})`;
      return `<span class="md-link">${label}</span>${address}`;
    },
    heading(token: Tokens.Heading): string {
      return `<p class="md-heading"><strong>${this.parser.parseInline(token.tokens)}</strong></p>\n`;
    },
  },
});

/** Markdown to (unsanitized but inert-by-construction) HTML. */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

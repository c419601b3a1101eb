/**
 * The browser-side sanitizer: DOMPurify with an allow-list of the tags html.ts produces. Even if marked were
 * misconfigured, no script, event handler, image, iframe, style or link can reach the DOM.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'hr',
  'ul',
  'ol',
  'li',
  'span',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
];
const ALLOWED_ATTR = ['class', 'start', 'align', 'type', 'checked', 'disabled'];

/** @returns HTML safe to insert with {@html}: allow-listed tags and attributes only. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}

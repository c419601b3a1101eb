/** What the test servers share: content types by extension, and safe resolution of a URL path. */
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
};

/** The Content-Type to send for a file. */
export function contentType(file: string): string {
  return types[extname(file)] ?? 'application/octet-stream';
}

/**
 * The file a URL path names inside root (an absolute, resolved folder), or null when the path climbs out of it.
 */
export function inside(root: string, urlPath: string): string | null {
  const full = normalize(join(root, decodeURIComponent(urlPath)));
  return full === root || full.startsWith(root + sep) ? full : null;
}

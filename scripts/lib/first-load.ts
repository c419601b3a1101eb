/**
 * What the browser loads from dist/ before the patient's first interaction: index.html's entry script,
 * its static imports (modulepreload links), stylesheets, and the service-worker registration. Web-llm and
 * other lazily imported chunks are not part of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface LoadedFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** The first-load files of a built app, with raw and gzipped sizes. @throws if distDir has no index.html. */
export function firstLoadFiles(distDir: string): LoadedFile[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g))
    refs.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="(?:modulepreload|stylesheet)"/g))
    refs.add(m[1]!);
  // Static imports inside the entry chunks are loaded too (Vite usually lists them as modulepreload).
  const queue = [...refs].filter((r) => r.endsWith('.js'));
  while (queue.length) {
    const ref = queue.pop()!;
    const code = readFileSync(join(distDir, ref), 'utf8');
    for (const m of code.matchAll(
      /(?:^|[;\n}])\s*import\s*(?:[\w{},*\s$]+from\s*)?["']\.\/([^"']+\.js)["']/g,
    )) {
      const dep = `/assets/${m[1]}`;
      if (!refs.has(dep)) {
        refs.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...refs].map((ref) => {
    const data = readFileSync(join(distDir, ref.replace(/^\//, '')));
    return { path: ref, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
}

/**
 * Everything a first visit downloads before any consent: the files the service worker precaches (its
 * injected manifest) and the worker itself, with raw and gzipped sizes. Model files, engine workers and
 * the tokenizer library are not among them: they come when the patient agrees to a download.
 */
export function precacheFiles(distDir: string): LoadedFile[] {
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  const urls = ['sw.js', ...[...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!)];
  return [...new Set(urls)].map((url) => {
    const data = readFileSync(join(distDir, url));
    return { path: url, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
}

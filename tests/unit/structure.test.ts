import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every .ts and .svelte file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

/** The module specifiers a file imports, statically or dynamically; `import type` lines too unless `runtimeOnly`. */
function imports(text: string, runtimeOnly = false): string[] {
  const code = runtimeOnly ? text.replace(/^import type [^;]+;/gms, '') : text;
  return [...code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('the app source', () => {
  const files = sources('src');

  it('imports nothing from e2e/: the test double is swapped in by the e2e build, never named by the app', () => {
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      imports(readFileSync(file, 'utf8'))
        .filter((specifier) => /(^|\/)e2e\//.test(specifier))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  // Type-only imports vanish at build time: a shared shape (storage/types.ts) is not a dependency on idb.
  it('keeps pure logic (safety, prompt, knowledge) free of Svelte, idb, state, storage and the UI at run time', () => {
    const pure = files.filter((f) => /src\/lib\/(safety|prompt|knowledge)\//.test(f));
    expect(pure.length).toBeGreaterThan(10);
    const offenders = pure.flatMap((file) =>
      imports(readFileSync(file, 'utf8'), true)
        .filter((specifier) => /^(svelte|idb)(\/|$)|\/(state|storage|ui|app)\//.test(specifier))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});

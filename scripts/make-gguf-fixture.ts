/**
 * Writes the tiny random-weight qwen3 GGUF (scripts/lib/tiny-qwen3.ts) and its tokenizer.json at the
 * mirror paths of the registry's llama.cpp models, for the end-to-end tests and the engine benchmark: with
 * <out> served at /models/ and the mirror set to /models/, every llama.cpp entry loads this model. llama.cpp
 * really runs it; what it says is noise.
 *
 * Usage: npx tsx scripts/make-gguf-fixture.ts [outDir=.e2e-fixtures/gguf]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import registry from '../model-config/models.json' with { type: 'json' };
import { makeTinyQwen3 } from './lib/tiny-qwen3.ts';

export interface GgufFixtureFile {
  /** Path below the output folder (and below the mirror base). */
  path: string;
  bytes: number;
}

interface LlamaCppJson {
  id: string;
  engine: string;
  files?: Array<{ url: string }>;
  tokenizerUrl?: string;
}

/**
 * @param models only these registry ids (default: every llama.cpp entry)
 * @returns every file written
 * @throws Error for an entry split into shards (the writer makes single-file models only)
 */
export function makeGgufFixture(outDir: string, models?: string[]): GgufFixtureFile[] {
  const model = makeTinyQwen3();
  const written: GgufFixtureFile[] = [];
  const put = (url: string, data: string | Uint8Array) => {
    const path = new URL(url).pathname.slice(1);
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    written.push({ path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length });
  };
  for (const entry of registry.models as LlamaCppJson[]) {
    if (entry.engine !== 'llama.cpp' || !entry.files || !entry.tokenizerUrl) continue;
    if (models && !models.includes(entry.id)) continue;
    if (entry.files.length !== 1) throw new Error(`${entry.id}: split GGUF files are not generated`);
    put(entry.files[0]!.url, model.gguf);
    put(entry.tokenizerUrl, model.tokenizerJson);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? '.e2e-fixtures/gguf';
  for (const f of makeGgufFixture(out)) console.log(`${f.path}  ${f.bytes} bytes`);
}

/**
 * Build-time and test-time validation of the model registry: the JSON Schema first, then the rules a
 * schema cannot express (the web-llm pin, the ABI folder in each library URL, the f16 feature). Runs in
 * Node (vite.config.ts, Vitest); the browser trusts the build that passed it.
 */
import Ajv from 'ajv';
import schema from './models.schema.json' with { type: 'json' };

interface WebLlmModelFile {
  id: string;
  engine: 'web-llm';
  libraryUrl: string;
  webLlm: { version: string; abi: string };
  quantization: string;
  requiredFeatures: string[];
  contextWindow: number;
}
interface LlamaCppModelFile {
  id: string;
  engine: 'llama.cpp';
  files: Array<{ url: string; bytes: number; sha256: string | null }>;
  downloadBytes: number;
}

interface SourceFile {
  id: string;
  hosts: string[];
  rewrites: Array<{ match: string; replace: string }>;
}

export interface RegistryFile {
  sources: SourceFile[];
  webLlmVersion: string;
  libraryAbi: string;
  wllamaVersion: string;
  defaultModelId: string;
  models: Array<WebLlmModelFile | LlamaCppModelFile>;
}

/** The exact versions package.json pins; the registry's files are coupled to them. */
export interface PinnedEngines {
  webLlm: string;
  wllama: string;
}

/**
 * Checks a registry against the schema and the coupling rules.
 * @param data the parsed models.json
 * @param pinned the exact @mlc-ai/web-llm and @wllama/wllama versions from package.json
 * @returns human-readable problems; empty when the registry is valid
 */
export function registryProblems(data: unknown, pinned: PinnedEngines): string[] {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  if (!validate(data)) {
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
  const registry = data as unknown as RegistryFile;
  const problems: string[] = [];
  if (registry.webLlmVersion !== pinned.webLlm) {
    problems.push(
      `webLlmVersion ${registry.webLlmVersion} differs from package.json's @mlc-ai/web-llm ${pinned.webLlm}`,
    );
  }
  if (registry.wllamaVersion !== pinned.wllama) {
    problems.push(
      `wllamaVersion ${registry.wllamaVersion} differs from package.json's @wllama/wllama ${pinned.wllama}`,
    );
  }
  const ids = new Set<string>();
  for (const m of registry.models) {
    if (ids.has(m.id)) problems.push(`${m.id}: duplicate id`);
    ids.add(m.id);
    if (m.engine === 'llama.cpp') {
      const files = m.files.reduce((n, f) => n + f.bytes, 0);
      if (m.downloadBytes < files) problems.push(`${m.id}: downloadBytes is less than its files' bytes`);
      continue;
    }
    if (m.webLlm.version !== registry.webLlmVersion || m.webLlm.abi !== registry.libraryAbi) {
      problems.push(
        `${m.id}: built for web-llm ${m.webLlm.version}/${m.webLlm.abi}, the app pins ${registry.webLlmVersion}/${registry.libraryAbi}`,
      );
    }
    if (
      m.libraryUrl.startsWith('https://raw.githubusercontent.com/') &&
      !m.libraryUrl.includes(`/${m.webLlm.abi}/`)
    ) {
      problems.push(`${m.id}: library URL is not in the ${m.webLlm.abi} folder`);
    }
    if (m.quantization.includes('f16') && !m.requiredFeatures.includes('shader-f16')) {
      problems.push(
        `${m.id}: ${m.quantization} needs requiredFeatures ["shader-f16"] (web-llm does not always check it)`,
      );
    }
    const ctx = /-ctx(\d+)k_/.exec(m.libraryUrl);
    if (ctx && Number(ctx[1]) * 1024 !== m.contextWindow) {
      problems.push(`${m.id}: contextWindow ${m.contextWindow} does not match the library's ctx${ctx[1]}k`);
    }
  }
  const sourceIds = new Set<string>();
  for (const source of registry.sources) {
    if (sourceIds.has(source.id)) problems.push(`source ${source.id}: duplicate id`);
    sourceIds.add(source.id);
    for (const rule of source.rewrites) {
      try {
        new RegExp(rule.match);
      } catch {
        problems.push(`source ${source.id}: rewrite ${rule.match} is not a valid regular expression`);
        continue;
      }
      // The CSP lists the hosts; a rewrite to any other host would be blocked in the browser.
      const target = new URL(rule.replace.replace(/\$\d/g, 'x')).origin;
      if (!source.hosts.includes(target))
        problems.push(`source ${source.id}: rewrites to ${target}, which its hosts do not list`);
    }
  }
  if (!ids.has(registry.defaultModelId))
    problems.push(`defaultModelId ${registry.defaultModelId} is not a listed model`);
  return problems;
}

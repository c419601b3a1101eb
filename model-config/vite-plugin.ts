/**
 * Fails `vite build` (and the dev server's start) when the model registry is invalid, so a clinic's edit
 * to models.json cannot ship a model the pinned web-llm cannot load.
 */
import type { Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { registryProblems } from './validate.ts';

export function modelRegistryCheck(): Plugin {
  return {
    name: 'model-registry-check',
    buildStart() {
      const root = new URL('../', import.meta.url);
      const registry: unknown = JSON.parse(readFileSync(new URL('model-config/models.json', root), 'utf8'));
      const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      const problems = registryProblems(registry, {
        webLlm: pkg.dependencies['@mlc-ai/web-llm'] ?? '',
        wllama: pkg.dependencies['@wllama/wllama'] ?? '',
      });
      if (problems.length > 0) {
        this.error(`model-config/models.json is invalid:\n  ${problems.join('\n  ')}`);
      }
    },
  };
}

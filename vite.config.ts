import { defineConfig, loadEnv, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import { modelHosts } from './model-config/hosts.ts';
import { modelRegistryCheck } from './model-config/vite-plugin.ts';

/**
 * The Content-Security-Policy, injected into the built index.html only (the dev server needs inline
 * scripts for hot reload).
 * - script-src 'self' 'wasm-unsafe-eval': no inline script and no eval; web-llm compiles the model library
 *   with WebAssembly.instantiate, which CSP treats as eval unless 'wasm-unsafe-eval' is granted.
 * - connect-src: the app itself and the model hosts only; nothing else can be fetched.
 * - worker-src 'self' blob:: llama.cpp (@wllama/wllama) starts its wasm workers from blob: URLs; without
 *   it the load hangs instead of failing.
 * - style-src 'unsafe-inline': Svelte transitions and style: directives write inline styles; styles cannot run code.
 */
function contentSecurityPolicy(hosts: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src 'self' ${hosts.join(' ')}`.trim(),
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

/**
 * The e2e build's one difference from production: the engine's composition root is replaced by the scripted
 * test double's (e2e/support/scripted-services.ts). Swapped at module resolution, so nothing in src/ imports
 * from e2e/ and the production bundle cannot contain the double.
 */
function swapModule(from: string, to: string): Plugin {
  return {
    name: 'e2e-swap-module',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || importer === to) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === from ? to : null;
    },
  };
}

function cspPlugin(policy: string): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
      );
    },
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  const policy = contentSecurityPolicy(modelHosts(env.VITE_MODEL_MIRROR));
  // The e2e build carries the scripted engine test double (swapModule); it goes to its own folder so
  // the production bundle in dist/ never contains it.
  const outDir = mode === 'e2e' ? 'dist-e2e' : 'dist';
  return {
    resolve: {
      alias: {
        $lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
        $ui: fileURLToPath(new URL('./src/ui', import.meta.url)),
      },
    },
    build: { outDir, target: 'es2022', sourcemap: false },
    worker: { format: 'es' },
    // Cross-origin isolation gives llama.cpp its threads (SharedArrayBuffer). credentialless rather than
    // require-corp: model hosts and mirrors need not send Cross-Origin-Resource-Policy headers.
    preview: {
      headers: {
        'Content-Security-Policy': policy,
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'credentialless',
      },
    },
    plugins: [
      ...(mode === 'e2e'
        ? [
            swapModule(
              fileURLToPath(new URL('./src/app/engine-services.ts', import.meta.url)),
              fileURLToPath(new URL('./e2e/support/scripted-services.ts', import.meta.url)),
            ),
          ]
        : []),
      svelte(),
      modelRegistryCheck(),
      cspPlugin(policy),
      VitePWA({
        registerType: 'prompt',
        injectRegister: false,
        includeAssets: ['favicon.svg', 'icons/*.png'],
        manifest: {
          id: '/',
          name: '医诊助手 · Health Helper',
          short_name: '医诊助手',
          description:
            '在您自己的设备上运行的健康咨询助手,资料不离开设备。A health information helper that runs on your own device.',
          lang: 'zh-CN',
          dir: 'ltr',
          start_url: '/',
          scope: '/',
          display: 'standalone',
          orientation: 'any',
          theme_color: '#0f766e',
          background_color: '#f8fafc',
          categories: ['health', 'medical'],
          icons: [
            { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        // A hand-written worker (src/sw/sw.ts) so it can add cross-origin isolation to what it serves.
        strategies: 'injectManifest',
        srcDir: 'src/sw',
        filename: 'sw.ts',
        injectManifest: {
          // The app shell only. Model weights and libraries are downloaded with the patient's consent;
          // precaching them here would download gigabytes without it.
          globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,json}'],
          // The engines' workers (web-llm's is 6 MB) and the tokenizer library are cached on first use by
          // sw.ts, and by the model download, sparing every first visit their megabytes.
          globIgnores: [
            '**/worker-*.js',
            '**/model-fixtures/**',
            '**/*.wasm',
            '**/*.bin',
            '**/params_shard_*',
            '**/web-tokenizers-*.js',
            '**/llama-worker-*.js',
          ],
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        },
      }),
    ],
  };
});

/**
 * Origins the app may contact for model files, for the Content-Security-Policy's connect-src.
 * Derived at build time from the registry (its URLs and its sources' hosts) and the clinic's mirror
 * (VITE_MODEL_MIRROR), so those hosts are allowed and nothing else is. A relative mirror or relative registry URL is the app's own origin,
 * already covered by 'self'.
 */
import registry from './models.json' with { type: 'json' };

/**
 * @param mirror VITE_MODEL_MIRROR, when the build serves every file from a clinic's server
 * @returns origins (and wildcards) for connect-src; empty when everything is same-origin
 */
export function modelHosts(mirror: string | undefined): string[] {
  if (mirror) return /^https?:\/\//.test(mirror) ? [new URL(mirror).origin] : [];
  const origins = new Set<string>();
  // web-llm entries name a weight folder and a library; llama.cpp entries their GGUF files and tokenizer.
  const models = registry.models as Array<{
    weightUrl?: string;
    libraryUrl?: string;
    files?: Array<{ url: string }>;
    tokenizerUrl?: string;
  }>;
  for (const m of models) {
    const urls = [m.weightUrl, m.libraryUrl, m.tokenizerUrl, ...(m.files ?? []).map((f) => f.url)];
    for (const url of urls.filter((u): u is string => u !== undefined)) {
      if (/^https?:\/\//.test(url)) origins.add(new URL(url).origin);
    }
  }
  // Each source names the hosts it fetches from, redirects included (Hugging Face's CDN, ModelScope's
  // storage): exactly those are allowed.
  for (const source of registry.sources) source.hosts.forEach((h) => origins.add(h));
  return [...origins];
}

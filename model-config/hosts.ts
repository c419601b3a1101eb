/**
 * Origins the app may contact for model files, for the Content-Security-Policy's connect-src.
 * Derived at build time so a clinic's mirror (VITE_MODEL_MIRROR) is allowed and nothing else is.
 * TODO(engine): derive from the registry once it exists.
 */
export function modelHosts(mirror: string | undefined): string[] {
  if (mirror && /^https?:\/\//.test(mirror)) return [new URL(mirror).origin];
  return ['https://huggingface.co', 'https://*.hf.co', 'https://raw.githubusercontent.com'];
}

/**
 * Cross-origin isolation added by the service worker to the responses it serves.
 *
 * llama.cpp runs its threads on a SharedArrayBuffer, which the browser grants only to a cross-origin
 * isolated page: one whose document (and worker scripts) arrive with COOP `same-origin` and COEP
 * `credentialless` or `require-corp`. `vite preview` and a well-configured host send them; many static
 * hosts a clinic can afford cannot. The service worker serves the app shell from its cache from the
 * second visit on, so adding the headers here gives those hosts threads too. The first visit, before the
 * worker controls the page, runs single-threaded, which llama.cpp handles.
 *
 * credentialless rather than require-corp: model hosts and mirrors need not send
 * Cross-Origin-Resource-Policy headers; requests to them simply go without cookies, which they never need.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/**
 * The same response with the isolation headers set, body untouched (streamed, not read).
 * Opaque and error responses (status 0) cannot be rebuilt and are only ever cross-origin: they are
 * returned as they are. A response that already carries the headers is returned as it is, so a host's
 * own policy wins.
 */
export function withIsolationHeaders(response: Response): Response {
  if (response.status === 0 || response.type === 'opaque' || response.type === 'opaqueredirect') {
    return response;
  }
  const missing = Object.keys(ISOLATION_HEADERS).filter((name) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const name of missing) headers.set(name, ISOLATION_HEADERS[name]!);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * Runs `run` when the browser is next idle (at the latest after `timeout` ms), for start-up work that must
 * not sit in the first tasks. Safari has no requestIdleCallback: there it runs after a short delay.
 */
export function whenIdle(run: () => void, timeout: number): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout });
  else window.setTimeout(run, 200);
}

/**
 * An unsent question carried across a reload of this tab ("立即更新" reloads onto the new version, a
 * patient may pull to refresh): kept in sessionStorage only from the moment the page goes away until the
 * composer reads it back, then deleted. It never reaches IndexedDB, another tab or a later visit.
 */
const KEY = 'yizhen.draft';

export function keepDraftForReload(text: string): void {
  try {
    if (text.trim()) sessionStorage.setItem(KEY, text);
    else sessionStorage.removeItem(KEY);
  } catch {
    // storage disabled: the draft is lost with the page, as before
  }
}

/** The draft kept before the reload, once; null when there is none. */
export function takeDraftAfterReload(): string | null {
  try {
    const text = sessionStorage.getItem(KEY);
    if (text !== null) sessionStorage.removeItem(KEY); // no write on the usual start, when there is none
    return text;
  } catch {
    return null;
  }
}

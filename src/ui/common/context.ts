import { getContext, setContext } from 'svelte';
import type { Locale } from '$lib/state/locale.svelte.ts';
import type { Router } from '$lib/state/router.svelte.ts';

/** Typed context slots, so components receive their dependencies instead of importing singletons. */
function slot<T>(name: string) {
  const key = Symbol(name);
  return {
    set: (value: T) => setContext(key, value),
    get: (): T => {
      const value = getContext<T | undefined>(key);
      if (value === undefined) throw new Error(`${name} was not provided by an ancestor component`);
      return value;
    },
  };
}

export const localeContext = slot<Locale>('Locale');
export const routerContext = slot<Router>('Router');
export { slot };

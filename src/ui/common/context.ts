import { getContext, setContext } from 'svelte';
import type { Locale } from '$lib/state/locale.svelte.ts';
import type { Router } from '$lib/state/router.svelte.ts';
import type { ConversationStore } from '$lib/storage/types.ts';
import type { Preferences } from '$lib/state/preferences.svelte.ts';
import type { ClinicState } from '$lib/state/clinic.svelte.ts';
import type { EngineState } from '$lib/state/engine.svelte.ts';
import type { ChatSession } from '$lib/state/chat.svelte.ts';
import type { InstallState } from '$lib/state/install.svelte.ts';

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
/** History in IndexedDB (IdbConversationStore). Throws StorageError('locked') while the PIN lock is on. */
export const storeContext = slot<ConversationStore>('ConversationStore');
/** Region (emergency numbers) and the inactivity lock delay. */
export const preferencesContext = slot<Preferences>('Preferences');
/** Clinic mode: watch `clinic.session` to start a fresh conversation on "New patient". */
export const clinicContext = slot<ClinicState>('ClinicState');
/** The model on this device: device check, download, load; `engine` once `ready`. */
export const engineContext = slot<EngineState>('EngineState');
/** The consultation on screen; app-wide so it survives visits to other screens. */
export const chatContext = slot<ChatSession>('ChatSession');
/** Installing to the home screen: the browser's prompt where it offers one, else the steps. */
export const installContext = slot<InstallState>('InstallState');
export { slot };

/**
 * Installing the app to the home screen. Installed, the browser keeps its storage (the downloaded model
 * and the history are not evicted under storage pressure as readily) and it opens like an app, offline.
 *
 * Chromium browsers offer their own install prompt through `beforeinstallprompt`, which is kept and shown
 * when the patient taps Install. Safari on iPhone and iPad has no such prompt: there the steps are shown
 * (Share, then Add to Home Screen). Elsewhere the browser menu's own item is named.
 */

/** The part of Chromium's BeforeInstallPromptEvent used here (not in the DOM typings). */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallWay = 'installed' | 'prompt' | 'ios' | 'menu';

export interface InstallEnvironment {
  addEventListener(type: string, listener: (event: Event) => void): void;
  /** Whether the page runs as an installed app now. */
  standalone(): boolean;
  /** Safari on an iPhone or iPad (iPadOS reports itself as a Mac with touch). */
  ios(): boolean;
}

export class InstallState {
  #prompt = $state.raw<InstallPromptEvent | null>(null);
  #installed = $state(false);
  #ios: boolean;

  constructor(env: InstallEnvironment) {
    this.#installed = env.standalone();
    this.#ios = env.ios();
    env.addEventListener('beforeinstallprompt', (event) => {
      // Kept for the Install button rather than shown by the browser at a moment the patient did not choose.
      event.preventDefault();
      this.#prompt = event as InstallPromptEvent;
    });
    env.addEventListener('appinstalled', () => {
      this.#installed = true;
      this.#prompt = null;
    });
  }

  /** How this browser installs the app, or that it already is. */
  get way(): InstallWay {
    if (this.#installed) return 'installed';
    if (this.#prompt) return 'prompt';
    return this.#ios ? 'ios' : 'menu';
  }

  /** Shows the browser's install prompt; true when the patient accepted. The prompt can be used once. */
  async install(): Promise<boolean> {
    const prompt = this.#prompt;
    if (!prompt) return false;
    this.#prompt = null;
    await prompt.prompt();
    const { outcome } = await prompt.userChoice;
    if (outcome === 'accepted') this.#installed = true;
    return outcome === 'accepted';
  }
}

/** The browser's side of installing. */
export function browserInstallEnvironment(win: Window): InstallEnvironment {
  return {
    addEventListener: (type, listener) => win.addEventListener(type, listener),
    standalone: () =>
      win.matchMedia?.('(display-mode: standalone)').matches === true ||
      (win.navigator as Navigator & { standalone?: boolean }).standalone === true,
    ios: () => {
      const ua = win.navigator.userAgent;
      return /iPad|iPhone|iPod/.test(ua) || (/Macintosh/.test(ua) && win.navigator.maxTouchPoints > 1);
    },
  };
}

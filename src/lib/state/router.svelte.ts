/** The screens of the app. Hash routes, so every screen reloads offline from the one cached index.html. */
export const SCREENS = ['chat', 'history', 'settings', 'eval'] as const;
export type Screen = (typeof SCREENS)[number];

/**
 * The patient's menu. Evaluation is a clinic's tool: it is reached from Settings (its "for clinics"
 * section) and by its own address, #/eval, and the menu shows it as part of Settings.
 */
export const MENU = ['chat', 'history', 'settings'] as const;
export type MenuItem = (typeof MENU)[number];

/** The menu item a screen belongs to. */
export function menuItemOf(screen: Screen): MenuItem {
  return screen === 'eval' ? 'settings' : screen;
}

export function parseScreen(hash: string): { screen: Screen; param: string | null } {
  const [head, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = (SCREENS as readonly string[]).includes(head ?? '') ? (head as Screen) : 'chat';
  return { screen, param: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

/** Current screen, kept in step with location.hash. */
export class Router {
  screen = $state<Screen>('chat');
  /** e.g. the conversation id in #/chat/<id>. */
  param = $state<string | null>(null);

  #win: Window;

  constructor(win: Window) {
    this.#win = win;
    this.#read();
    win.addEventListener('hashchange', () => this.#read());
  }

  #read(): void {
    const { screen, param } = parseScreen(this.#win.location.hash);
    this.screen = screen;
    this.param = param;
  }

  go(screen: Screen, param?: string): void {
    this.#win.location.hash = param ? `#/${screen}/${encodeURIComponent(param)}` : `#/${screen}`;
  }
}

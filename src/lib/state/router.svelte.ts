/** The screens of the app. Hash routes, so every screen reloads offline from the one cached index.html. */
export const SCREENS = ['chat', 'history', 'settings', 'eval'] as const;
export type Screen = (typeof SCREENS)[number];

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

import { mount } from 'svelte';
import App from './App.svelte';
import { initialLang, type HantKit } from '$lib/state/locale.svelte.ts';
import { localSetting } from '$lib/state/setting.ts';
import { loadMarkdown } from '$ui/chat/markdown.svelte.ts';
import { whenIdle } from './app/idle.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');
const app = target;

const start = (hant: HantKit | null) => {
  mount(App, { target: app, props: { hant } });
  // The answer renderer is its own chunk, loaded once the first screen is up (see markdown.svelte.ts).
  whenIdle(() => void loadMarkdown(), 2000);
};

// A visit in Traditional Chinese loads its converter before the first paint, so the page never shows
// Simplified first; everyone else starts in the next task. Evaluating the entry (the emergency rules, the
// interface text) and mounting the first screen in one task made it a long one (> 50 ms) on a slow device,
// during which a tap does nothing; split, each is about half.
if (initialLang(localSetting('lang'), navigator.languages ?? [navigator.language]) === 'zh-Hant') {
  import('$lib/i18n/zh-Hant.ts').then(start, () => start(null));
} else {
  setTimeout(() => start(null), 0);
}

import { mount } from 'svelte';
import App from './App.svelte';
import { initialLang, type HantKit } from '$lib/state/locale.svelte.ts';
import { localSetting } from '$lib/state/setting.ts';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');
const app = target;

const start = (hant: HantKit | null) => mount(App, { target: app, props: { hant } });

// A visit in Traditional Chinese loads its converter before the first paint, so the page never shows
// Simplified first; everyone else starts at once. If it cannot load, Simplified is shown instead.
if (initialLang(localSetting('lang'), navigator.languages ?? [navigator.language]) === 'zh-Hant') {
  import('$lib/i18n/zh-Hant.ts').then(start, () => start(null));
} else {
  start(null);
}

import type { Messages } from '../zh/index.ts';

export default {
  appName: 'Health Helper',
  tagline: 'A health information helper that runs on your own device',
  skipToContent: 'Skip to main content',
  nav: {
    label: 'Main navigation',
    chat: 'Consult',
    history: 'History',
    settings: 'Settings',
  },
  language: 'Language',
  offline: 'You are offline: everything already downloaded still works',
  update: {
    available: 'A new version is available',
    reload: 'Update now',
    later: 'Later',
    offlineReady:
      'The app works offline. The AI model is not downloaded yet: offline, the built-in health guide answers.',
    offlineReadyWithModel: 'The app and the AI model both work offline.',
  },
  punctuation: {
    list: ', ',
    sentences: (first: string, second: string) => `${first} ${second}`,
    colon: ': ',
    aside: (text: string) => ` (${text})`,
  },
  close: 'Close',
  cancel: 'Cancel',
  confirm: 'OK',
  retry: 'Try again',
  loading: 'Loading…',
  unexpectedError:
    'Something unexpected went wrong; your data is safe. Please reload the page and try again.',
} satisfies Messages['common'];

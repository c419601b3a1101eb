import type { Messages } from '../zh/index.ts';

export default {
  title: 'Welcome to Health Helper',
  chooseLanguage: 'Choose your language',
  chooseRegion: 'Where are you?',
  chooseRegionHelp: 'The emergency numbers the app shows depend on it. You can change it later in Settings.',
  whatItIs: 'What it is',
  whatItIsBody:
    'Health Helper answers common health questions in plain words, to help you understand symptoms, how to take medicines safely, and when to see a doctor.',
  whatItIsNot: 'What it is not',
  whatItIsNotBody: (number: string) =>
    `It is not a doctor. It cannot diagnose illness or prescribe medicine, and its answers can be wrong: your doctor’s advice comes first. In an emergency, call ${number} now.`,
  privacy: 'Your information stays on this device',
  privacyBody:
    'Questions are answered on your own device. Nothing you type is sent to a server, and phone numbers, ID numbers and similar details are removed before anything is saved.',
  download: 'The first visit needs a download',
  downloadBody:
    'The model that answers questions is downloaded once. You will see its size and be asked before it starts. After that, it works without a network.',
  start: 'I understand, start',
} satisfies Messages['onboarding'];

import type { Messages } from '../zh/index.ts';

export default {
  title: 'Health questions',
  intro:
    'Describe what is going on: symptoms, how long, whether it is getting worse. Answers are general information, not a substitute for seeing a doctor.',
  newConversation: 'New conversation',
  messagesLabel: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  composer: {
    label: 'Your question',
    placeholder: 'Describe your symptoms or question…',
    /** Shown only where there is a keyboard (a fine pointer that can hover): a touch keyboard has no Shift. */
    keyHint: 'Enter to send, Shift+Enter for a new line',
    /** Why Send did nothing, said when it is tapped. */
    busyHint: 'Still answering your last question: wait for it to finish, or tap “Stop”.',
    emptyHint: 'Type your question in the box first.',
    send: 'Send',
    sending: 'Answering…',
    count: (n: number, limit: number) => `${n} / ${limit} characters`,
  },
  answer: {
    preparing: 'Preparing an answer…',
    done: 'The answer is complete.',
    stop: 'Stop',
    retry: 'Answer again',
    copy: 'Copy',
    copied: 'Copied',
    interrupted: 'This answer is incomplete (stopped or interrupted).',
    error: 'Something went wrong while answering; what was written is kept above.',
    sources: 'Sources',
    fromGuide: 'Built-in health guide',
    askModel: 'Ask the AI model this question',
  },
  setupLater: 'Download the AI model (optional): answers that fit your situation better',
  guideMode:
    'The AI model is not ready yet. Questions you ask now are answered from the built-in health guide.',
  redactionNote: (items: string) => `Removed for your privacy: ${items}`,
  redactionItem: (label: string, count: number) => `${label} ×${count}`,
  urgentNote: 'What you describe should be seen by a doctor soon (today or tomorrow).',
  emergency: {
    label: 'Emergency',
    regionLine: (name: string) => `Numbers for ${name}`,
    changeRegion: 'Change',
    call: (label: string, number: string) => `Call ${number} (${label})`,
  },
  contextMarker: (n: number) =>
    `The ${n} earlier exchanges above are more than the assistant can read at once; this answer did not use them.`,
  notices: {
    tooLong: (length: number, limit: number) =>
      `This message is ${length} characters, over the ${limit}-character limit, so it was not sent. Your text is still in the box: shorten it or send it in parts.`,
    overflow:
      'This message, with the patient details and the instructions the assistant needs, is more than it can read at once, so it was not sent to the assistant. Shorten the message or the details and send it again.',
    guideUnavailable:
      'The built-in health guide cannot be opened right now: connect to a network and reload the page once. Your question is saved.',
    saveFailed:
      'The answer is shown but could not be saved to history (the device may be out of space). Nothing saved before was lost.',
    saveLocked: 'History is locked, so this conversation was not saved.',
    loadFailed: 'This conversation could not be opened. It may have been deleted.',
    engineFailed:
      'The assistant ran into a problem and could not finish. Choose "Answer again" or try later.',
    engineStopped:
      'The assistant could not finish this answer. Your question and what it had written are kept.',
    dismiss: 'OK',
  },
  feedback: {
    label: 'Was this answer helpful?',
    up: 'Helpful',
    down: 'Not helpful',
    comment: 'Comment (optional)',
    save: 'Save',
    thanks: 'Noted, thank you. Feedback stays on this device.',
  },
  profile: {
    title: 'Patient details',
    hint: 'Fill in or change any time; used for answers. Phone numbers and other personal details are removed automatically.',
    save: 'Save details',
    saved: 'Saved',
    tooLong: (fields: string, limit: number) =>
      `${fields}: over ${limit} characters. Shorten and save again (not saved yet).`,
    fields: {
      chiefComplaint: 'Main concern',
      medicalHistory: 'Medical history',
      age: 'Age',
      sex: 'Sex',
      pregnancy: 'Pregnant',
      allergies: 'Allergies',
      medications: 'Current medicines',
      testResults: 'Test results',
    },
    sex: { '': 'Not given', female: 'Female', male: 'Male', other: 'Other' },
    pregnancy: { '': 'Not given', no: 'No', yes: 'Yes', unsure: 'Not sure' },
  },
} satisfies Messages['chat'];

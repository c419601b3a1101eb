import type { Messages } from '../zh/index.ts';

export default {
  heading: 'Getting the model ready on this device',
  checking: 'Checking whether your device can run the model itself…',
  device: {
    heading: 'What we found on your device',
    details: 'Technical details',
    gpu: (name: string) => `Graphics: ${name}`,
    f16Yes: 'Supports half-precision maths (shader-f16)',
    f16No: 'Does not support half-precision maths (shader-f16)',
    memory: (gb: number) => `Memory: about ${gb} GB`,
    memoryUnknown: 'Memory: not reported by the browser',
    storage: (size: string) => `Free storage: about ${size}`,
    storageUnknown: 'Free storage: not reported by the browser',
    chosen: (name: string) => `Model to use: ${name}`,
    reasons: {
      shaderF16: 'Your graphics chip can run the model the faster way, using less memory.',
      noShaderF16:
        'Your graphics chip runs the model the more compatible way, so answers come a little more slowly.',
      cpu: {
        noWebGPU:
          'This browser cannot run the model on the graphics chip, so the processor runs it. Answers come more slowly, and still stay on your device.',
        noAdapter:
          'No usable graphics chip was found, so the processor runs the model. Answers come more slowly, and still stay on your device.',
        software:
          'This device has no graphics chip the app can use (only a software one), so the processor runs the model. Answers come more slowly, and still stay on your device.',
        gpuLimits:
          'The graphics chip is too small for the model, so the processor runs it. Answers come more slowly, and still stay on your device.',
      },
      lowMemory: (gb: number) =>
        `Your device has about ${gb} GB of memory, so we use a smaller model to avoid slowdowns or crashes.`,
      phone:
        'Phones and tablets have little memory, so we use a smaller model to avoid slowdowns or crashes.',
      storageSmall: 'There is not enough free storage for the largest model, so we use a smaller one.',
      smallBuffers:
        'Your graphics chip can hold only a little data at a time, so only a smaller model can run.',
      preferred: 'This is the model you chose in Settings.',
    },
  },
  blocked: {
    noWebGPU: {
      title: 'This browser cannot run the model on your device',
      body: 'The app needs WebGPU to run the model on your device. Browsers with WebGPU: Chrome or Edge 113 or later on a computer; Chrome 121 or later on Android 12 or newer; Safari 26 or later (iOS 26, macOS 26); Firefox 141 or later on Windows.',
      next: 'Please open this page in one of those browsers. If you already are, turn on hardware acceleration in the browser settings and reload.',
    },
    noAdapter: {
      title: 'The browser found no usable graphics chip',
      body: 'The browser supports WebGPU but found no graphics chip to use. Hardware acceleration may be off, or the browser may have disabled the graphics driver.',
      next: 'Turn on "Use hardware acceleration" in the browser settings, update the graphics driver, restart the browser and try again.',
    },
    gpuLimits: {
      title: 'The graphics chip is not capable enough',
      body: (have: string, need: string) =>
        `Your graphics chip can hold blocks of at most ${have}; even the smallest model needs ${need}.`,
      next: 'Please use another computer or a newer phone.',
    },
    storage: {
      title: 'Not enough storage',
      body: (need: string, have: string) =>
        `The model needs about ${need} of free space; there is only about ${have}.`,
      next: "Free some space on the device (or other websites' data in the browser), then reload this page.",
    },
  },
  choice: {
    legend: 'Or choose another model',
    recommended: 'Recommended',
    size: (size: string) => `about ${size} to download`,
    expect: {
      /** web-llm on the graphics chip. */
      gpu: {
        full: 'the most complete answers; needs a capable graphics chip',
        compact: 'faster, slightly simpler answers',
        light: 'the fastest and smallest, simpler answers',
      },
      /** llama.cpp on the processor. */
      cpu: {
        full: 'the most complete answers, but very slow on the processor (minutes per answer)',
        compact: 'faster, slightly simpler answers',
        light: 'the fastest and smallest, simpler answers; suits phones and older computers',
      },
    },
    changing: 'Switching to this model…',
  },
  consent: {
    heading: 'Before the model downloads, please confirm',
    body: 'The model is saved in this browser and then runs on your device; your questions are not sent to any server. It downloads once and then works offline.',
    model: (name: string) => `Model: ${name}`,
    size: (size: string) => `Download size: about ${size}`,
    storage: (size: string) => `Storage used: about ${size} (you can delete it in Settings)`,
    gpuMemory: (size: string) => `Graphics memory needed while running: about ${size}`,
    cpuMemory: (size: string) => `Memory needed while running: about ${size}`,
    network: 'Wi-Fi is recommended; mobile data may cost money.',
    resumeNote: (size: string) => `${size} already downloaded; it will continue from there.`,
    agree: 'Agree and download',
    chooseOther: 'Choose another model in Settings',
  },
  download: {
    heading: 'Downloading the model',
    bytes: (done: string, total: string) => `${done} of ${total}`,
    percent: (p: number) => `${p}%`,
    speed: (speed: string) => `Speed: ${speed}/s`,
    timeLeft: (time: string) => `Time left: about ${time}`,
    timeUnknown: 'Time left: working it out…',
    progressLabel: 'Download progress',
    cancel: 'Pause download',
    paused: 'Download paused. What has been downloaded is kept.',
    resume: 'Continue download',
    keepOpen:
      'Keep this page open while it downloads; if it is interrupted, reloading continues from where it stopped.',
    checkingSources: 'Checking which download source can be reached (a few seconds at most each)…',
    from: (host: string) => `Downloading from ${host}`,
  },
  loading: {
    heading: 'Loading the model',
    progressLabel: 'Loading progress',
  },
  otherTab: {
    title: 'The model is already running in another tab',
    body: 'To save graphics memory, the model runs in only one tab at a time.',
    next: 'Switch to the tab that is already open, or close it and press "Try again" here.',
  },
  errors: {
    noWebGPU: { title: 'WebGPU is not available', next: 'Please use a browser with WebGPU (see above).' },
    noShaderF16: {
      title: 'The graphics chip cannot run this model version',
      next: 'Choose the q4f32_1 version in Settings; it does not need half precision.',
    },
    deviceLost: {
      title: 'The graphics chip stopped the model',
      next: 'This usually means it ran out of memory. Your conversation is saved. Restart the model, or switch to a smaller one.',
    },
    outOfMemory: {
      title: 'Not enough graphics memory',
      next: 'Your conversation is saved. Switch to a smaller model, or close other pages and programs that use graphics, then restart the model.',
    },
    quota: {
      title: 'Storage is full',
      next: 'Files already downloaded are kept; unfinished ones are never treated as complete. Free some space, then press "Try again".',
    },
    offline: {
      title: 'This device is not connected to a network',
      next: 'Downloading the model needs a connection. Connect to Wi-Fi or mobile data, then press "Try again". Until then, the built-in health guide answers your questions.',
    },
    hostUnreachable: {
      title: 'The model source {host} cannot be reached',
      next: 'Your network works, but this source is blocked or too slow from where you are. Try another download source; a clinic can also enter its own mirror in Settings → Model source.',
    },
    notModelFile: {
      title: '{host} did not send a model file',
      next: 'The address answered, but with a web page or "not found": the mirror address is most likely wrong. Check or change it in Settings → Model source.',
    },
    network: {
      title: 'The connection failed',
      next: 'Nothing has been downloaded yet. Check the connection and press "Try again".',
    },
    interrupted: {
      title: 'The download was interrupted',
      next: 'What has been downloaded is kept. Check the connection and press "Try again" to continue from there.',
    },
    corrupt: {
      title: 'A downloaded file was damaged',
      next: 'The damaged file was discarded. Press "Try again" to download it again.',
    },
    libraryIncompatible: {
      title: 'The model program does not match this version of the app',
      next: 'The model program file cannot run in this version. Delete the model in Settings and download it again; if your clinic provides the files, ask them to update them.',
    },
    loadFailed: {
      title: 'The model file could not be opened',
      next: 'It was downloaded but does not open as a model. Delete the model in Settings and download it again; if your clinic provides the files, ask them to check them.',
    },
    timeout: {
      title: 'The model stopped responding',
      next: 'Your conversation is saved. Restart the model; if it happens again, choose a smaller model or close other tabs and programs first.',
    },
    otherTab: {
      title: 'The model is already running in another tab',
      next: 'Switch to that tab, or close it and try again.',
    },
    unknown: {
      title: 'The model hit an unexpected error',
      next: 'Your conversation is saved. Restart the model; if it still fails, reload the page.',
    },
  },
  actions: {
    retry: 'Try again',
    restart: 'Restart the model',
    smallerModel: (name: string) => `Switch to a smaller model (${name})`,
    shorterContext: (n: number) =>
      `Restart with a shorter memory of the conversation (${n} tokens, less graphics memory)`,
    details: 'Technical details',
    useSource: (name: string) => `Download from ${name} instead`,
    sourceSettings: 'Change the model source in Settings',
  },
  settings: {
    heading: 'Model',
    choose: 'Model to use',
    auto: 'Choose automatically (recommended)',
    recommended: 'recommended',
    notAllowed: 'not suitable for this device',
    downloaded: 'Downloaded',
    notDownloaded: 'Not downloaded',
    measured: (n: number) => `measured here: about ${n} characters a second`,
    checking: 'Checking…',
    size: (size: string) => `about ${size}`,
    delete: (name: string) => `Delete ${name}`,
    deleteConfirm: (name: string, size: string) =>
      `Delete ${name}? This frees about ${size}. You will need to download it again to use it.`,
    deleted: (size: string) => `Deleted; about ${size} freed.`,
    source: 'Model source',
    sourceHelp:
      'Where models are downloaded from. Automatic checks each source quickly and uses the first that answers; in mainland China it tries the sources that work there first.',
    sourceAuto: 'Automatic (recommended)',
    sourceClinic: "The clinic's own mirror",
    sourceSave: 'Use this source',
    sourceSaved: (name: string) => `Now using ${name}; downloads start from there.`,
    sourceSavedAuto: 'Set to automatic: before a download, the app checks which source answers.',
    mirror: 'Clinic mirror address',
    mirrorHelp:
      "A clinic can serve every model file from its own HTTPS server, with the same paths as Hugging Face's.",
    mirrorPlaceholder: 'e.g. /models/ or https://models.example-clinic.org/',
    mirrorSaved: 'Saved; the next download uses this address.',
    mirrorInvalid: 'Invalid address: enter a path starting with / or a URL starting with https://.',
    applyChoice: 'Apply',
    changed: (name: string) =>
      `Switched to ${name}. If it is not downloaded yet, confirm the download on the Consult page.`,
    changedAuto: 'Back to automatic: the device check picks the model that suits this device.',
    changedLink: 'Go to Consult',
  },
} satisfies Messages['engine'];

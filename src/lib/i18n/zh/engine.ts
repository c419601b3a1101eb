/**
 * The model on the patient's device: device check, consent to download, progress, errors and the model
 * settings. Plain words; every problem says what to do next.
 */
export default {
  heading: '准备本地模型',
  checking: '正在检查您的设备能否在本机运行模型…',
  device: {
    heading: '设备检查结果',
    /** The technical facts behind the plain reasons, folded away: a clinic's IT person may ask for them. */
    details: '技术细节',
    gpu: (name: string) => `显卡：${name}`,
    f16Yes: '支持半精度计算（shader-f16）',
    f16No: '不支持半精度计算（shader-f16）',
    memory: (gb: number) => `内存：约 ${gb} GB`,
    memoryUnknown: '内存：浏览器未提供',
    storage: (size: string) => `可用存储空间：约 ${size}`,
    storageUnknown: '可用存储空间：浏览器未提供',
    chosen: (name: string) => `将使用：${name}`,
    reasons: {
      shaderF16: '您的显卡可以用更快、更省内存的方式运行模型。',
      noShaderF16: '您的显卡用兼容性更好的方式运行模型，回答会稍慢一些。',
      cpu: {
        noWebGPU:
          '此浏览器不能使用显卡运行模型，所以由处理器来运行。回答会慢一些，但同样只在您的设备上进行。',
        noAdapter: '没有找到可用的显卡，所以由处理器来运行模型。回答会慢一些，但同样只在您的设备上进行。',
        software:
          '这台设备没有本应用能用的显卡（只有软件模拟的显卡），所以由处理器来运行模型。回答会慢一些，但同样只在您的设备上进行。',
        gpuLimits: '您的显卡太小，放不下模型，所以由处理器来运行。回答会慢一些，但同样只在您的设备上进行。',
      },
      lowMemory: (gb: number) => `您的设备内存约 ${gb} GB，选用较小的模型，避免卡顿或崩溃。`,
      phone: '手机和平板的内存较少，选用较小的模型，避免卡顿或闪退。',
      storageSmall: '可用存储空间不足以放下最大的模型，选用较小的模型。',
      smallBuffers: '您的显卡一次能放下的数据较少，只能运行较小的模型。',
      preferred: '这是您在设置中选择的模型。',
    },
  },
  blocked: {
    noWebGPU: {
      title: '此浏览器无法在本机运行模型',
      body: '本应用需要 WebGPU 才能在您的设备上运行模型。支持 WebGPU 的浏览器有：电脑版 Chrome 或 Edge 113 及以上；安卓 Chrome 121 及以上（安卓 12 或更新）；Safari 26（iOS 26、macOS 26）及以上；Windows 上的 Firefox 141 及以上。',
      next: '请用上述浏览器之一打开本页面。如果已在使用，请在浏览器设置中开启硬件加速，然后刷新页面。',
    },
    noAdapter: {
      title: '浏览器没有提供可用的显卡',
      body: '浏览器支持 WebGPU，但没有找到可用的显卡。可能是硬件加速被关闭，或显卡驱动被浏览器停用。',
      next: '请在浏览器设置中开启“使用硬件加速”，更新显卡驱动后重启浏览器再试。',
    },
    gpuLimits: {
      title: '显卡能力不足',
      body: (have: string, need: string) => `您的显卡单块显存上限为 ${have}，最小的模型也需要 ${need}。`,
      next: '请换一台电脑或较新的手机使用。',
    },
    storage: {
      title: '存储空间不足',
      body: (need: string, have: string) => `下载模型需要约 ${need} 的可用空间，目前只有约 ${have}。`,
      next: '请清理设备存储（或浏览器中其他网站的数据）后刷新页面。',
    },
  },
  /** The setup screen's choice of model: size, and what to expect of speed and answers. */
  choice: {
    legend: '也可以选择其他模型',
    recommended: '推荐',
    size: (size: string) => `下载约 ${size}`,
    expect: {
      /** web-llm on the graphics chip. */
      gpu: {
        full: '回答最完整；需要较好的显卡',
        compact: '更快，回答稍简单',
        light: '最快、最省空间，回答比较简单',
      },
      /** llama.cpp on the processor. */
      cpu: {
        full: '回答最完整，但在处理器上很慢（一个回答可能要几分钟）',
        compact: '较快，回答稍简单',
        light: '最快、最省空间，回答比较简单；适合手机和旧电脑',
      },
    },
    changing: '正在改用这个模型…',
  },
  consent: {
    heading: '下载模型前，请您确认',
    body: '模型会下载到本浏览器的存储中，之后在您的设备上运行，您的问题不会发送到任何服务器。只需下载一次，以后可离线使用。',
    model: (name: string) => `模型：${name}`,
    size: (size: string) => `下载大小：约 ${size}`,
    storage: (size: string) => `占用存储空间：约 ${size}（可在“设置”中删除）`,
    gpuMemory: (size: string) => `运行时需要显存：约 ${size}`,
    cpuMemory: (size: string) => `运行时需要内存：约 ${size}`,
    network: '建议连接 Wi-Fi；使用移动数据可能产生流量费用。',
    resumeNote: (size: string) => `已下载 ${size}，将从中断处继续。`,
    agree: '同意并开始下载',
    chooseOther: '在设置中选择其他模型',
  },
  download: {
    heading: '正在下载模型',
    bytes: (done: string, total: string) => `${done} / ${total}`,
    percent: (p: number) => `${p}%`,
    speed: (speed: string) => `速度：${speed}/秒`,
    timeLeft: (time: string) => `剩余时间：约 ${time}`,
    timeUnknown: '剩余时间：计算中…',
    progressLabel: '下载进度',
    cancel: '暂停下载',
    paused: '下载已暂停，已下载的部分会保留。',
    resume: '继续下载',
    keepOpen: '下载期间请保持此页面打开；中断后刷新页面会从中断处继续。',
    checkingSources: '正在检查哪个下载来源能连上（每个最多几秒）…',
    from: (host: string) => `下载来源：${host}`,
  },
  loading: {
    heading: '正在加载模型',
    progressLabel: '加载进度',
  },
  otherTab: {
    title: '模型已在另一个标签页中运行',
    body: '为了节省显存，同一时间只在一个标签页中运行模型。',
    next: '请切换到已打开的标签页，或关闭它后在这里点击“重试”。',
  },
  errors: {
    noWebGPU: { title: '无法使用 WebGPU', next: '请使用支持 WebGPU 的浏览器（见上方说明）。' },
    noShaderF16: { title: '显卡不支持此模型版本', next: '请在设置中改用 q4f32_1 版本，它不需要半精度计算。' },
    deviceLost: {
      title: '显卡中断了运行',
      next: '这通常是显存不足。您的对话已保存。可以重新启动模型，或改用更小的模型。',
    },
    outOfMemory: {
      title: '显存不足',
      next: '您的对话已保存。请改用更小的模型，或关闭其他占用显卡的网页和程序后重新启动模型。',
    },
    quota: {
      title: '存储空间已满',
      next: '已下载完成的文件会保留，未完成的不会被当作完成。请清理设备存储后点击“重试”。',
    },
    offline: {
      title: '这台设备没有连上网络',
      next: '下载模型需要网络。请连上 Wi-Fi 或移动数据后点击“重试”。在此之前，提问会由内置健康指南回答。',
    },
    hostUnreachable: {
      title: '连接不上模型来源 {host}',
      next: '您的网络是通的，但这个来源在您所在的地方打不开或太慢。请换一个下载来源再试；诊所也可以在“设置 → 模型来源”中填写自己的镜像地址。',
    },
    notModelFile: {
      title: '{host} 返回的不是模型文件',
      next: '这个地址回应了，但给出的是网页或“找不到文件”，通常是镜像地址填错了。请在“设置 → 模型来源”中检查或更换地址。',
    },
    network: { title: '网络连接失败', next: '还没有下载到任何内容。请检查网络后点击“重试”。' },
    interrupted: {
      title: '下载中断',
      next: '已下载的部分已保留。请检查网络后点击“重试”，会从中断处继续。',
    },
    corrupt: { title: '下载的文件已损坏', next: '损坏的文件已丢弃。请点击“重试”重新下载它。' },
    libraryIncompatible: {
      title: '模型程序与本应用版本不匹配',
      next: '模型程序文件无法在此版本中运行。请在设置中删除该模型后重新下载；如果由诊所提供镜像，请联系诊所更新文件。',
    },
    loadFailed: {
      title: '模型文件无法载入',
      next: '文件已下载，但无法作为模型打开。请在设置中删除该模型后重新下载；如果由诊所提供镜像，请联系诊所检查文件。',
    },
    timeout: {
      title: '模型长时间没有响应',
      next: '您的对话已保存。请重新启动模型；如果仍然如此，请改用更小的模型，或关闭其他网页和程序后再试。',
    },
    otherTab: { title: '模型已在另一个标签页中运行', next: '请切换到那个标签页，或关闭它后重试。' },
    unknown: { title: '模型出现了意外错误', next: '您的对话已保存。请重新启动模型；若仍失败，请刷新页面。' },
  },
  actions: {
    retry: '重试',
    restart: '重新启动模型',
    smallerModel: (name: string) => `改用更小的模型（${name}）`,
    shorterContext: (n: number) => `缩短对话记忆后重新启动（${n} 个词元，更省显存）`,
    details: '技术细节',
    useSource: (name: string) => `改用 ${name} 下载`,
    sourceSettings: '在设置中更改模型来源',
  },
  settings: {
    heading: '模型',
    choose: '使用的模型',
    auto: '自动选择（推荐）',
    recommended: '推荐',
    notAllowed: '此设备不适合',
    downloaded: '已下载',
    notDownloaded: '未下载',
    measured: (n: number) => `本机实测：约每秒 ${n} 字`,
    checking: '正在检查…',
    size: (size: string) => `约 ${size}`,
    delete: (name: string) => `删除 ${name}`,
    deleteConfirm: (name: string, size: string) => `删除 ${name}？将释放约 ${size}。以后使用需要重新下载。`,
    deleted: (size: string) => `已删除，释放了约 ${size}。`,
    source: '模型来源',
    sourceHelp:
      '模型从哪里下载。自动选择会先快速检查每个来源能否连上，再用第一个连得上的；在中国大陆会先试国内能用的来源。',
    sourceAuto: '自动选择（推荐）',
    sourceClinic: '诊所自己的镜像',
    sourceSave: '使用此来源',
    sourceSaved: (name: string) => `已改用 ${name}，之后的下载从这里开始。`,
    sourceSavedAuto: '已改为自动选择，下载前会先检查哪个来源能连上。',
    mirror: '诊所镜像地址',
    mirrorHelp: '诊所可以在自己的 HTTPS 服务器上提供全部模型文件，路径与 Hugging Face 相同。',
    mirrorPlaceholder: '例如 /models/ 或 https://models.example-clinic.cn/',
    mirrorSaved: '已保存，下次下载将使用此地址。',
    mirrorInvalid: '地址无效：请填写以 / 开头的路径或 https:// 开头的网址。',
    applyChoice: '应用',
    changed: (name: string) => `已改用 ${name}。如果还没有下载，请在“咨询”页确认下载。`,
    changedAuto: '已改为自动选择，设备检查会选出最适合的模型。',
    changedLink: '前往咨询页',
  },
};

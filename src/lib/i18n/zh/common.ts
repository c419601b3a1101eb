/** Shell-wide wording: navigation, the app's name, generic failures. Chinese is the source of truth. */
export default {
  appName: '医诊助手',
  tagline: '在您自己设备上运行的健康咨询助手',
  skipToContent: '跳到主要内容',
  nav: {
    label: '主导航',
    chat: '咨询',
    history: '历史',
    settings: '设置',
  },
  language: '语言',
  offline: '当前离线：已下载的内容仍可使用',
  update: {
    available: '有新版本可用',
    reload: '立即更新',
    later: '稍后',
    offlineReady: '应用已可离线使用；AI 模型还没有下载，离线时由内置健康指南回答。',
    offlineReadyWithModel: '应用和 AI 模型都已可离线使用。',
  },
  /** Punctuation that code puts between pieces of wording, so a built string stays in one language. */
  punctuation: {
    list: '、',
    /** Two sentences in a row: nothing after a full-width 。, a space after a full stop. */
    sentences: (first: string, second: string) => `${first}${second}`,
    colon: '：',
    aside: (text: string) => `（${text}）`,
  },
  close: '关闭',
  cancel: '取消',
  confirm: '确定',
  retry: '重试',
  loading: '加载中…',
  unexpectedError: '出现了意外错误，您的数据没有丢失。请刷新页面后重试。',
};

/** The first-visit notice: what the app is and is not, in plain words. */
export default {
  title: '欢迎使用医诊助手',
  chooseLanguage: '请选择语言',
  chooseRegion: '您在哪里？',
  chooseRegionHelp: '应用显示的急救电话取决于地区，以后可以在设置中更改。',
  whatItIs: '这是什么',
  whatItIsBody:
    '医诊助手可以用通俗的话回答常见的健康问题，帮助您了解症状、用药注意事项和什么时候该去看医生。',
  whatItIsNot: '这不是什么',
  /** `number`: the ambulance number of the region chosen just above (120, 999, 119…). */
  whatItIsNotBody: (number: string) =>
    `它不是医生，不能诊断疾病，也不能开药。它的回答可能出错，请以医生的意见为准。遇到紧急情况，请立即拨打 ${number}。`,
  privacy: '您的资料留在本机',
  privacyBody:
    '问答在您自己的设备上运行。您输入的内容不会发送到任何服务器；手机号、身份证号等个人信息会在保存前自动去除。',
  download: '首次使用需要下载模型',
  downloadBody: '回答问题的模型只下载一次，下载前会告诉您大小并征得您的同意。之后没有网络也能使用。',
  start: '我知道了，开始使用',
};

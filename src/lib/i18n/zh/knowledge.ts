/** The knowledge base in settings: built-in entries, importing a clinic's own entries, and import errors. */
export default {
  title: '知识库',
  intro:
    '回答会参考本机上的健康知识条目，并在回答下方列出引用的条目。内置条目根据公开的权威指南编写；诊所可以导入自己的条目，它们只保存在这台设备上，离线也能检索。',
  builtinCount: (n: number) => `内置条目：${n} 条（中文和英文）`,
  builtinLoading: '正在读取内置条目…',
  builtinFailed: '内置条目暂时无法读取，请刷新页面后重试。',
  importTitle: '导入诊所条目',
  pickFiles: '选择文件（JSON 或 Markdown，可多选）',
  formatHelp:
    'JSON 文件：一个条目数组，每个条目包含 id、lang（zh 或 en）、title、body、tags、source。Markdown 文件：开头用 --- 包住的信息块写 id、lang、title、tags、source，后面是正文。',
  formatExampleLabel: 'Markdown 示例',
  formatExample:
    '---\nid：clinic-flu-shot\nlang：zh\ntitle：本诊所流感疫苗接种时间\ntags：[流感疫苗，接种]\nsource：本诊所；中国疾控中心流感疫苗接种指南\n---\n每周二、四上午可接种，请携带预防接种证。',
  policy:
    '与已导入条目 id 相同的条目会替换旧条目；不能使用内置条目的 id。有问题的条目不会导入，其余条目照常导入。',
  importing: '正在导入…',
  imported: (n: number) => `已导入 ${n} 条。`,
  nothingImported: '没有导入任何条目。',
  errorsTitle: (n: number) => `${n} 个问题需要修改：`,
  where: (file: string, entry: number | null, id: string | undefined) =>
    entry === null ? `${file}` : `${file} 第 ${entry} 条${id ? `（${id}）` : ''}`,
  /** Between where a problem is and what it is. */
  whereSep: '：',
  errors: {
    parse: (line: string) =>
      line ? `文件格式有误，无法读取（第 ${line} 行附近）。` : '文件格式有误，无法读取。',
    noFrontMatter: 'Markdown 文件开头缺少用 --- 包住的信息块（id、lang、title、tags、source）。',
    notEntries: 'JSON 内容应是一个条目或条目数组。',
    notObject: '这一条不是对象（应为包含 id、title 等字段的一组键值）。',
    missing: (field: string) => `缺少必填字段「${field}」。`,
    wrongType: (field: string, expected: string) =>
      `字段「${field}」类型不对，应为${expected === 'string[]' ? '文字列表' : '文字'}。`,
    empty: (field: string) => `字段「${field}」是空的。`,
    tooLong: (field: string, limit: string) => `字段「${field}」太长（上限 ${limit}）。`,
    badId: 'id 只能包含字母、数字、点、短横线和下划线，并以字母或数字开头，最长 80 个字符。',
    badLang: 'lang 只能是 zh 或 en。',
    unknownField: (field: string) => `不认识的字段「${field}」（可能是拼写错误）。`,
    duplicateId: (file: string) => `这个 id 在本次导入中重复出现（先出现在 ${file}）。`,
    builtinId: '这个 id 已被内置条目使用，请换一个 id。',
  },
  clinicTitle: '已导入的诊所条目',
  clinicNone: '还没有导入诊所条目。',
  clinicCount: (n: number) => `共 ${n} 条`,
  entryMeta: (lang: string, date: string) => `${lang === 'zh' ? '中文' : '英文'} · 导入于 ${date}`,
  source: (source: string) => `依据：${source}`,
  remove: '删除',
  removeLabel: (title: string) => `删除条目「${title}」`,
  removeAll: '删除全部诊所条目',
  removeAllConfirm: '确定删除全部诊所条目吗？内置条目不受影响。',
  removed: '已删除。',
  storageFull: '设备存储空间不足，条目没有保存。请清理空间后重试。',
  failed: '操作没有完成，请重试。',
  readFailed: (file: string) => `无法读取文件 ${file}。`,
};

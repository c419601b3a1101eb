/** Sizes, speeds and durations for the model screens, in the patient's language. */
import type { Lang } from '$lib/i18n/index.ts';

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units (1 GB = 10^9 bytes), as download sizes and disk makers state them. */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value >= 100 || unit === 0 ? 0 : 1;
  const number = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${units[unit]}`;
}

/** Rounded for a person: "45 s", "3 min", "1 h 20 min". */
export function formatDuration(seconds: number, lang: Lang): string {
  const s = Math.max(1, Math.round(seconds));
  const zh = lang === 'zh';
  if (s < 60) return zh ? `${s} 秒` : `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return zh ? `${minutes} 分钟` : `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return zh ? `${h} 小时 ${m} 分钟` : `${h} h ${m} min`;
}

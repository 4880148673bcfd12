/** Dates and sizes written the way each language writes them. */
import type { Locale } from '../../content/index.ts';

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
};

/** A civil date (YYYY-MM-DD): 2026年10月10日, 10 October 2026. */
export function formatDate(date: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(`${date}T00:00:00Z`));
}

/** A file size: 1.2 KB, 340 KB, 2.1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

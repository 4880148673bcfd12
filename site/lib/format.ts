/** Dates, periods and figures written the way each language writes them. */
import type { Locale } from '../../content/index.ts';
import { parsePeriod } from '../../core/disclosure-cadence.ts';

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
};

const monthFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
};

const QUARTERS_ZH = ['一', '二', '三', '四'];

/** A civil date (YYYY-MM-DD): 2026年10月10日, 10 October 2026. */
export function formatDate(date: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(`${date}T00:00:00Z`));
}

/** A disclosure period: 2026年10月 / October 2026, 2026年第三季度 / Q3 2026, or the event's day. */
export function formatPeriodLabel(text: string, locale: Locale): string {
  const period = parsePeriod(text);
  if (!period) return text;
  switch (period.cadence) {
    case 'monthly':
      return monthFormats[locale].format(new Date(Date.UTC(period.year, period.month - 1, 1)));
    case 'quarterly':
      return locale === 'zh-CN' ? `${period.year}年第${QUARTERS_ZH[period.quarter - 1]}季度` : `Q${period.quarter} ${period.year}`;
    case 'event':
      return formatDate(period.date, locale);
  }
}

const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** An amount in yuan with two decimals and thousands separators: 52,000.00 (the same in both languages). */
export function formatMoney(amount: number): string {
  return moneyFormat.format(amount);
}

/** A count or measure with thousands separators. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A file size: 1.2 KB, 340 KB, 2.1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The calendar date (YYYY-MM-DD) in `timeZone` at `instant`: the town's today. */
export function dateIn(timeZone: string, instant = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

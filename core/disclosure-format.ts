/**
 * Disclosure periods and figures written the way each language writes them: what the village
 * pages, the disclosure pages and the console's preview show alike (the worker renders them; the
 * Astro pages import the same functions through site/lib/format.ts).
 */
import { formatTownDate } from './clock.ts';
import { parsePeriod } from './disclosure-cadence.ts';

type Locale = 'zh-CN' | 'en';

const monthFormats: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
};

const QUARTERS_ZH = ['一', '二', '三', '四'];

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
      return formatTownDate(period.date, locale);
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

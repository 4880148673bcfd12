/**
 * A village disclosure as a published document (kind 'disclosure'): its address, its title and
 * the text search finds it by. The version's `meta` is the disclosure itself, in the shape of
 * `disclosureSchema` (content/schemas.ts); the slug is `<village>-<period lower-cased>-<kind>`
 * and the public page stays at /disclosures/<village>/<period lower-cased>-<kind>/. Pure.
 */
import { findVillage, type Locale } from '../../content/index.ts';
import type { Disclosure, DisclosureKind } from '../../content/schemas.ts';
import { translate } from '../../content/translate.ts';
import { formatPeriodLabel } from '../../core/disclosure-format.ts';

export type { Disclosure };

/** The shortest and longest answer published under a disclosure, in characters. */
export const ANSWER_MIN = 10;
export const ANSWER_MAX = 2000;

/** The document's slug: beishan-2026-q3-finances. */
export function disclosureSlug(d: Pick<Disclosure, 'village' | 'period' | 'kind'>): string {
  return `${d.village}-${d.period.toLowerCase()}-${d.kind}`;
}

/** The public page's path (without the language prefix): /disclosures/beishan/2026-q3-finances/. */
export function disclosurePath(d: Pick<Disclosure, 'village' | 'period' | 'kind'>): string {
  return `/disclosures/${d.village}/${d.period.toLowerCase()}-${d.kind}/`;
}

/** The slug of the document at /disclosures/<village>/<name>/. */
export const slugAt = (village: string, name: string): string => `${village}-${name}`;

/** Whether a version's metadata is a disclosure's (it has tables) rather than a regulation's. */
export function isDisclosure(meta: unknown): meta is Disclosure {
  return typeof meta === 'object' && meta !== null && Array.isArray((meta as { tables?: unknown }).tables);
}

/** Its title: village, period and kind, e.g. 清廉村 2026年10月 财务收支. */
export function disclosureTitle(d: Pick<Disclosure, 'village' | 'period' | 'kind'>, locale: Locale): string {
  return translate(locale, 'disclosures.title', {
    village: findVillage(d.village)?.name[locale] ?? d.village,
    period: formatPeriodLabel(d.period, locale),
    kind: translate(locale, `disclosures.kind.${d.kind as DisclosureKind}`),
  });
}

/** Everything search finds a disclosure by, in both languages: title, related words, summary, who published it, tables, notes. */
export function disclosureSearchText(d: Disclosure): string {
  return (['zh-CN', 'en'] as const)
    .map((locale) => `${disclosureTitle(d, locale)} ${translate(locale, `disclosures.keywords.${d.kind}`)} ${disclosureText(d, locale)} ${textIn(d.publishedBy, locale)} ${textIn(d.reviewedBy, locale)}`)
    .join('\n');
}

const textIn = (v: unknown, locale: Locale): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : typeof v === 'object' && v !== null ? ((locale === 'en' && (v as { en?: string }).en) || (v as Record<string, string>)['zh-CN'] || '') : '';

/** Its words in one language, as a reader sees them (for search snippets): summary, tables, notes; never the related words, which only find it. */
export function disclosureText(d: Disclosure, locale: Locale): string {
  const parts = [textIn(d.summary, locale)];
  for (const t of d.tables) parts.push(textIn(t.caption, locale), ...t.columns.map((c) => textIn(c.label, locale)), ...t.rows.map((row) => row.map((cell) => textIn(cell, locale)).join(' ')));
  for (const n of d.notes) parts.push(textIn(n, locale));
  return parts.join(' ');
}

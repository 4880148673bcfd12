/**
 * The town's reference data, read by both the Astro site and the worker. It is validated at build
 * time (content/generate.ts, with the schemas of content/settings-schemas.ts): a wrong field fails
 * `npm start`, `npm test`, `npm run build` and `npm run deploy` with the file and the field named,
 * and nothing is parsed when the worker starts.
 */
import type { Category, PortalSettings, Town, Village } from './settings-schemas.ts';
import * as settings from './generated/settings.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type { Category, Localized, Town, Village } from './settings-schemas.ts';

/** The town, validated at build time (content/generate.ts). */
export const town: Town = settings.town;

/** The portal's own settings (content/portal.json): its address and the disclosure deadlines. */
export const portal: PortalSettings = settings.portal;

/** The numbers the town publishes for its offices and stations: not personal data (content/generate.ts). */
export const publishedPhones: readonly string[] = settings.publishedPhones;

/** The village with this id, if the town has one. */
export function findVillage(id: string): Village | undefined {
  return town.villages.find((v) => v.id === id);
}

/** The submission category with this id, if it exists. */
export function findCategory(id: string): Category | undefined {
  return town.categories.find((c) => c.id === id);
}

/** The category of reports about cadres breaking law or discipline (the committee's, not 打击报复). */
export const cadreCategory: Category = town.categories.find((c) => c.route === 'discipline' && !c.retaliation)!;
/** The 打击报复 category, if the town has one. */
export const retaliationCategory: Category | undefined = town.categories.find((c) => c.retaliation);

/** True for the supported locale codes. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale of a path: English under /en/, Chinese everywhere else. */
export function localeOfPath(path: string): Locale {
  return path === '/en' || path.startsWith('/en/') ? 'en' : DEFAULT_LOCALE;
}

/** A path without its language prefix: /en/mailbox → /mailbox, /en → /. */
export function pathWithoutLocale(path: string): string {
  return path.startsWith('/en/') ? path.slice(3) : path === '/en' ? '/' : path;
}

/** The same page in `locale`: /mailbox → /en/mailbox. */
export function localePath(locale: Locale, path: string): string {
  return locale === 'en' ? `/en${path}` : path;
}

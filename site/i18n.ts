/** Language helpers for the Astro pages; the strings live in content/ui.ts, the path rules in content/index.ts. */
import { localeOfPath, pathWithoutLocale, type Locale } from '../content/index.ts';
import { translate, type UiKey } from '../content/ui.ts';

export { localePath } from '../content/index.ts';

/** The locale of an Astro page from its URL. */
export const localeOf = (url: URL): Locale => localeOfPath(url.pathname);

/** The page's path without its language prefix. */
export const pathOf = (url: URL): string => pathWithoutLocale(url.pathname);

/** `translate` bound to one locale. */
export function useT(locale: Locale) {
  return (key: UiKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

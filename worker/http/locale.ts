/** Which language a request is answered in. */
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../content/index.ts';

export { localeOfPath } from '../../content/index.ts';

/** The JSON API: `?lang=` when given, else the first supported language the client accepts. */
export function localeOfApiRequest(url: string, acceptLanguage: string | undefined): Locale {
  const lang = new URL(url).searchParams.get('lang');
  if (isLocale(lang)) return lang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

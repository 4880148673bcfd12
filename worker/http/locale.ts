/**
 * Which language a request is answered in, decided once per request by `locale` below: pages by
 * their path alone (/en… is English, everything else Chinese), the JSON API and Open311 by
 * `?lang=` or else Accept-Language. The middleware sets `c.var.locale` and `c.var.t`, and renders
 * `c.render(page, status?, headers?)` inside `LocaleContext`, which views read with `useLocale()`
 * and `useT()` instead of a `locale` prop.
 *
 * Not Hono's `languageDetector` (hono/language): its path detector also takes /EN/… and
 * /en-US/… as English (case-insensitive, longest-prefix match) where a page takes /en and /en/…
 * only; its header detector sorts Accept-Language by q and wants an exact tag or one prefixed
 * by "zh-CN-"/"en-", where the API takes the first tag that starts with zh or en (so zh-TW and
 * bare zh are Chinese); its `convertDetectedLanguage` cannot tell the query from the header;
 * and it sets a string `language` (and a cookie unless told not to), so a second middleware
 * would still be needed for the typed locale and its translator.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createContext, jsx, useContext } from 'hono/jsx';
import { DEFAULT_LOCALE, isLocale, localeOfPath, type Locale } from '../../content/index.ts';
import { STRINGS_UNAVAILABLE, translate, type UiKey } from '../../content/translate.ts';
import type { AppEnv, Translate } from '../env.ts';
import { loadUiStrings } from '../services/ui-strings.ts';

/** The JSON API: `?lang=` when given, else the first supported language the client accepts. */
export function localeOfApiRequest(url: string, acceptLanguage: string | undefined, query?: string | null): Locale {
  // The query as the router already read it, when given: no second parse of the address.
  const lang = query !== undefined ? query : new URL(url).searchParams.get('lang');
  if (isLocale(lang)) return lang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

/** The paths the JSON API and Open311 answer; every other path is a page. */
const API = /^\/(?:api|open311\/v2)(?:\/|$)/;

/** Binds `translate` to one locale. */
export function translator(locale: Locale): Translate {
  return (key: UiKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

/** The request's locale while a page renders; provided by `c.render`. */
export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** The request's locale, in a view. */
export const useLocale = (): Locale => useContext(LocaleContext);

/** `translate` bound to the request's locale, in a view. */
export const useT = (): Translate => translator(useLocale());

/** A short answer in both languages that needs no strings: they could not be read (yet). */
export const stringsUnavailable = (c: Context<AppEnv>) => c.text(STRINGS_UNAVAILABLE, 503, { 'Retry-After': '30', 'Cache-Control': 'no-store' });

/**
 * Reads the UI strings from the static assets on the isolate's first request (worker/services/
 * ui-strings.ts; 503 in both languages while they cannot be read), then sets `c.var.locale` and
 * `c.var.t`, and makes `c.render` render a page in that locale.
 */
export const locale: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!(await loadUiStrings(c.env.ASSETS))) return stringsUnavailable(c);
  const path = c.req.path;
  const current = API.test(path) ? localeOfApiRequest(c.req.url, c.req.header('accept-language'), c.req.query('lang') ?? null) : localeOfPath(path);
  c.set('locale', current);
  c.set('t', translator(current));
  c.setRenderer((page, status, headers) => c.html(jsx(LocaleContext.Provider, { value: current }, page) as unknown as string, status, headers));
  await next();
};

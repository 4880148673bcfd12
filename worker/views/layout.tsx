/** The page frame of every page the worker renders, matching the Astro portal's layout. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { localePath, town, type Locale } from '../../content/index.ts';
import { currentness, FOOTER_LINKS, NAV_LINKS } from '../../content/nav.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { useLocale } from '../http/locale.ts';

export { localePath };

export interface LayoutProps {
  /** The page's path without the language prefix, e.g. /mailbox. */
  path: string;
  title: string;
  scripts?: string[];
  /** The navigation in the header; the resident's by default. */
  nav?: Child;
  /** Keep the page out of search engines (the staff console). */
  noindex?: boolean;
  /** Stylesheets after the portal's own. */
  styles?: string[];
  /** One sentence about the page for search engines and link previews; the portal's own by default. */
  description?: string;
  children: Child;
}

/** Binds `translate` to one locale. */
export function translator(locale: Locale) {
  return (key: UiKey, params?: Record<string, string | number>) => translate(locale, key, params);
}

/** The link to the same page in the other language. */
export function LanguageSwitch({ locale, path }: { locale: Locale; path: string }) {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <a href={localePath(other, path)} hreflang={other} lang={other}>
      {translate(locale, 'nav.switch')}
    </a>
  );
}

/** The portal's search box and main navigation, as on the Astro pages (content/nav.ts). */
function ResidentNav({ locale, path }: { locale: Locale; path: string }) {
  const t = translator(locale);
  return (
    <>
      <form class="site-search" role="search" aria-label={t('search.label')} action={localePath(locale, '/search/')} method="get">
        <label for="site-search-q" class="visually-hidden">
          {t('search.label')}
        </label>
        <input id="site-search-q" type="search" name="q" required />
        <button type="submit">{t('search.submit')}</button>
      </form>
      <nav aria-label={t('nav.label')}>
        {NAV_LINKS.map((link) => (
          <a href={localePath(locale, link.path)} aria-current={currentness(link, path)}>
            {t(link.key)}
          </a>
        ))}
        <LanguageSwitch locale={locale} path={path} />
      </nav>
    </>
  );
}

/** The page frame; `path` is the page's path without the language prefix. */
export function Layout({ path, title, scripts = [], nav, noindex, styles = [], description, children }: LayoutProps) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          {noindex && <meta name="robots" content="noindex, nofollow" />}
          <title>{`${title} · ${t('site.name')} · ${town.name[locale]}`}</title>
          <meta name="description" content={description ?? t('home.lead')} />
          {/* No icon file: an empty one keeps browsers from asking for /favicon.ico. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/styles/site.css" />
          {styles.map((href) => (
            <link rel="stylesheet" href={href} />
          ))}
          {scripts.map((src) => (
            <script src={src} defer />
          ))}
        </head>
        <body>
          <a class="skip" href="#main">
            {t('site.skip')}
          </a>
          <header class="site-header">
            <a class="brand" href={localePath(locale, '/')}>
              <span class="brand-name">{t('site.name')}</span>
              <span class="brand-town">{town.name[locale]}</span>
            </a>
            {nav ?? <ResidentNav locale={locale} path={path} />}
          </header>
          <aside class="sample-notice" aria-label={t('portal.sample')}>
            {town.sampleNotice[locale]}
          </aside>
          <main id="main">{children}</main>
          <footer class="site-footer">
            <nav aria-label={t('nav.footer')}>
              {FOOTER_LINKS.map((link) => (
                <a href={localePath(locale, link.path)}>{t(link.key)}</a>
              ))}
            </nav>
            <p>{t('footer.privacy')}</p>
          </footer>
        </body>
      </html>
    </>
  );
}

/** @jsxImportSource hono/jsx */
/**
 * The page frame of every page, written once: the worker renders it around its pages
 * (worker/views/layout.tsx) and Astro renders it at build time around the portal's pages
 * (site/layouts/Base.astro, through `frameAround`). The head is written with `hono/html`, so
 * its empty elements come out as HTML writes them (`<link …>`), the body with `hono/jsx`; both
 * escape what they are given.
 */
import { html, raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { localePath, portal, town, type Locale } from '../content/index.ts';
import { currentness, FOOTER_LINKS, NAV_LINKS } from '../content/nav.ts';
import { translate, type UiKey } from '../content/translate.ts';

export interface FrameProps {
  locale: Locale;
  /** The page's path without the language prefix, e.g. /mailbox. */
  path: string;
  title: string;
  /** One sentence about the page for search engines and link previews; the portal's own by default. */
  description?: string;
  /** Keep the page out of search engines (the staff console): robots told so, and no canonical address or language alternates. */
  noindex?: boolean;
  /** Whether site search indexes this page's main content (the portal's content pages). */
  searchable?: boolean;
  /** Where the language switcher leads, when not to this page in the other language (the 404 page); such a page names no canonical address. */
  switchTo?: string;
  /** Stylesheets after the portal's own. */
  styles?: string[];
  /** Scripts, deferred, in the head. */
  scripts?: string[];
  /** What else the page needs in its head, after all of the above (HTML). */
  head?: Child;
  /** The navigation in the header; the resident's (search box, main links, language) by default. */
  nav?: Child;
  /** Where the plain 关怀版 switch comes back to, when not to `path` itself (the search page with its words): a path without the language prefix. */
  back?: string;
  /** The form whose fields the 关怀版 switch carries over, on a page where a reader types (ElderSwitch). */
  elderKeeps?: ElderKeeps;
  children?: Child;
}

/** A form the 关怀版 switch keeps: its id, and the worker's address that answers it again in the other mode. */
export interface ElderKeeps {
  form: string;
  /** The address without the language prefix, e.g. /mailbox/elder-mode. */
  action: string;
}

const otherLocale = (locale: Locale): Locale => (locale === 'en' ? 'zh-CN' : 'en');

const SITE = new URL(portal.siteUrl).origin;
/**
 * Alternates name absolute addresses (search engines want them so), on the site's own address
 * whatever the path: `//elsewhere/x` (a worker page answers any address) stays a path there, and
 * nothing a path holds makes the address invalid.
 */
const absolute = (path: string) => new URL(`${SITE}${path.startsWith('/') ? '' : '/'}${path}`).href;

/** The link to the same page (or to `path`) in the other language. */
export function LanguageSwitch({ locale, path }: { locale: Locale; path: string }) {
  const other = otherLocale(locale);
  return (
    <a href={localePath(other, path)} hreflang={other} lang={other}>
      {translate(locale, 'nav.switch')}
    </a>
  );
}

/** The portal's search box and main navigation (content/nav.ts); the language switch is beside the 关怀版 switch. */
function ResidentNav({ locale, path }: { locale: Locale; path: string }) {
  const t = (key: UiKey) => translate(locale, key);
  return (
    <>
      <form class="site-search" role="search" aria-label={t('search.label')} action={localePath(locale, '/search/')} method="post">
        <label for="site-search-q" class="visually-hidden">
          {t('search.label')}
        </label>
        <input id="site-search-q" type="search" name="q" required placeholder={t('search.placeholder')} />
        <button type="submit">{t('search.submit')}</button>
      </form>
      <nav aria-label={t('nav.label')}>
        {NAV_LINKS.map((link) => (
          <a href={localePath(locale, link.path)} aria-current={currentness(link, path)}>
            {t(link.key)}
          </a>
        ))}
      </nav>
    </>
  );
}

/**
 * The 关怀版 switch (elder mode: larger text, stronger contrast, bigger targets; site/public/styles/site.css
 * keys it on `<html class="elder">`). Without JavaScript it is a plain form: the worker's
 * `POST /elder-mode` sets or clears the cookie and sends the reader back to this page, or to
 * `back` (worker/http/elder-mode.ts). On a page where a reader types (`keeps`: the mailbox, a
 * case's follow-up) the button belongs to that form instead (`form`, `formaction`): it posts what
 * was typed to the worker, which flips the cookie and answers with the same form filled in, in the
 * other mode (worker/routes/pages.tsx); a hidden submit button of that form comes first, so Enter
 * in a field still sends the form, not the switch. With JavaScript (site/scripts/frame.ts) it
 * switches in place. Both labels are written; the stylesheet shows the one that fits the mode the
 * page is in, so the page itself is the same in both modes. The button names the mode it asks for
 * (`elder=on`; the worker makes it `off` on a page in elder mode, and the script keeps it so), and
 * the worker sets that mode rather than the other one: a reload of the page the switch answered
 * sends the form again and keeps the mode.
 */
function ElderSwitch({ locale, path, back, keeps }: { locale: Locale; path: string; back?: string; keeps?: ElderKeeps }) {
  const t = (key: UiKey) => translate(locale, key);
  const kept = keeps && { form: keeps.form, formAction: localePath(locale, keeps.action), formmethod: 'post' as const, formnovalidate: true };
  return (
    <form class={keeps ? 'elder-switch keeps' : 'elder-switch'} method="post" action="/elder-mode">
      <input type="hidden" name="back" value={localePath(locale, back ?? path)} />
      {keeps && <button type="submit" form={keeps.form} hidden tabindex={-1} />}
      <button type="submit" class="elder-button" name="elder" value="on" {...kept}>
        <span class="when-standard">
          {t('elder.on')}
          <small>{t('elder.on.note')}</small>
        </span>
        <span class="when-elder">
          {t('elder.off')}
          <small>{t('elder.off.note')}</small>
        </span>
      </button>
    </form>
  );
}

/** Where 我为政府网站找错 leads (content/portal.json): a page of the site in the page's language, or the town's chosen address. */
function siteErrorsHref(locale: Locale): string {
  const to = portal.footer.siteErrors;
  return to.startsWith('/') ? localePath(locale, to) : to;
}

/** The site information of the footer (主办单位, 承办单位, 联系我们, 网站标识码, ICP, 公安备案), each only when the town gave it. */
function SiteInfo({ locale }: { locale: Locale }) {
  const { sponsor, organizer, contact, siteCode, icp, police } = portal.footer;
  const items: [UiKey, string][] = [
    ['footer.sponsor', sponsor[locale]],
    ['footer.organizer', organizer[locale]],
    // 联系我们: the town's own words if it gave them, else the town office's published telephone (content/town.json).
    ['footer.contact', contact[locale] || `${town.contacts.townOffice.name[locale]} ${town.contacts.townOffice.phone}`],
    ['footer.siteCode', siteCode],
    ['footer.icp', icp],
    ['footer.police', police],
  ];
  const shown = items.filter(([, value]) => value !== '');
  if (shown.length === 0) return null;
  return (
    <dl class="site-info">
      {shown.map(([key, value]) => (
        <div>
          <dt>{translate(locale, key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The head: what every page says about itself, then its own styles, scripts and extras. No icon
 * file: an empty one keeps browsers from asking for /favicon.ico.
 */
function head({ locale, path, title, description, noindex, searchable, switchTo, styles = [], scripts = [], head: extras }: FrameProps) {
  const t = (key: UiKey) => translate(locale, key);
  const other = otherLocale(locale);
  const self = localePath(locale, path);
  const counterpart = localePath(other, switchTo ?? path);
  return [
    html`<meta charset="utf-8">`,
    html`<meta name="viewport" content="width=device-width, initial-scale=1">`,
    html`<meta name="referrer" content="no-referrer">`,
    noindex && html`<meta name="robots" content="noindex, nofollow">`,
    html`<title>${`${title} · ${t('site.name')} · ${town.name[locale]}`}</title>`,
    html`<meta name="description" content="${description ?? t('home.lead')}">`,
    searchable && html`<meta property="og:title" content="${title}" data-pagefind-meta="title[content]">`,
    html`<link rel="icon" href="data:,">`,
    html`<link rel="stylesheet" href="/styles/site.css">`,
    ...styles.map((href) => html`<link rel="stylesheet" href="${href}">`),
    !noindex && !switchTo && html`<link rel="canonical" href="${absolute(self)}">`,
    !noindex && html`<link rel="alternate" hreflang="${locale}" href="${absolute(self)}">`,
    !noindex && html`<link rel="alternate" hreflang="${other}" href="${absolute(counterpart)}">`,
    !noindex && html`<link rel="alternate" hreflang="x-default" href="${absolute(localePath('zh-CN', switchTo ?? path))}">`,
    html`<link rel="alternate" type="application/rss+xml" title="${t('feed.regulations')}" href="${localePath(locale, '/regulations/rss.xml')}">`,
    html`<link rel="alternate" type="application/rss+xml" title="${t('feed.disclosures')}" href="${localePath(locale, '/disclosures/rss.xml')}">`,
    ...scripts.map((src) => html`<script src="${src}" defer></script>`),
    extras,
  ];
}

/** The page frame: head, skip link, header with the navigation, the sample-data notice, `<main>`, footer. */
export function Frame(props: FrameProps) {
  const { locale, path, searchable, switchTo, nav, back, elderKeeps, children } = props;
  const t = (key: UiKey) => translate(locale, key);
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={locale}>
        <head>{head(props)}</head>
        <body>
          <a class="skip" href="#main">
            {t('site.skip')}
          </a>
          <header class="site-header">
            <div class="masthead">
              <a class="brand" href={localePath(locale, '/')}>
                <span class="brand-name">{t('site.name')}</span>
                <span class="brand-town">{town.name[locale]}</span>
              </a>
              {!nav && (
                <nav class="language" aria-label={t('nav.language')}>
                  <LanguageSwitch locale={locale} path={switchTo ?? path} />
                </nav>
              )}
              <ElderSwitch locale={locale} path={path} back={back} keeps={elderKeeps} />
            </div>
            <div class="header-nav">{nav ?? <ResidentNav locale={locale} path={path} />}</div>
          </header>
          <aside class="sample-notice" aria-label={t('portal.sample')}>
            <details>
              <summary>{t('sample.short')}</summary>
              {town.sampleNotice[locale]}
            </details>
          </aside>
          <main id="main" data-pagefind-body={searchable ? '' : undefined}>
            {children}
          </main>
          <footer class="site-footer">
            <nav aria-label={t('nav.footer')}>
              {FOOTER_LINKS.map((link) => (
                <a href={localePath(locale, link.path)}>{t(link.key)}</a>
              ))}
              <a class="site-errors" href={siteErrorsHref(locale)}>
                {t('footer.siteErrors')}
              </a>
            </nav>
            <SiteInfo locale={locale} />
            <p>{t('footer.privacy')}</p>
          </footer>
        </body>
      </html>
    </>
  );
}

/** Where a page's own head elements and its content go, in the frame rendered for Astro. */
export const FRAME_SLOTS = { head: '<!--frame:head-->', main: '<!--frame:main-->' } as const;

/**
 * The frame as three pieces of HTML for a page that fills it elsewhere (Astro): up to the page's
 * head extras, from there to its content, and after its content. The slots are HTML comments no
 * escaped text can contain, each found exactly once.
 */
export async function frameAround(props: Omit<FrameProps, 'head' | 'children' | 'nav' | 'elderKeeps'>): Promise<[string, string, string]> {
  // A JSX node renders to a string, or to a promise of one when a component in it is async.
  const rendering: string | Promise<string> = (
    <Frame {...props} head={raw(FRAME_SLOTS.head)}>
      {raw(FRAME_SLOTS.main)}
    </Frame>
  ).toString();
  const page = await rendering;
  const [start, rest, ...extraHead] = page.split(FRAME_SLOTS.head);
  const [middle, end, ...extraMain] = (rest ?? '').split(FRAME_SLOTS.main);
  if (start === undefined || middle === undefined || end === undefined || extraHead.length > 0 || extraMain.length > 0) {
    throw new Error('core/frame.tsx: the frame must hold each slot exactly once');
  }
  return [start, middle, end];
}

/**
 * 字号 大 中 小 and 打印本页 above an article's text: put it first inside the element that holds the
 * text (its `.prose` must follow as a sibling). The sizes are radio buttons the stylesheet reads
 * (`#text-size-large:checked ~ .prose`), so they work without JavaScript; the print button is
 * shown by the frame's script (site/scripts/frame.ts) and stays hidden without it (the print
 * stylesheet still prints the article alone).
 */
export function ArticleTools({ locale }: { locale: Locale }) {
  const t = (key: UiKey) => translate(locale, key);
  const sizes = [
    ['large', 'article.size.large'],
    ['medium', 'article.size.medium'],
    ['small', 'article.size.small'],
  ] as const;
  return (
    <>
      {sizes.map(([size, key]) => (
        <input type="radio" class="text-size visually-hidden" name="text-size" id={`text-size-${size}`} checked={size === 'medium'} aria-label={`${t('article.size')} ${t(key)}`} />
      ))}
      <div class="article-tools" data-pagefind-ignore="">
        <span aria-hidden="true">{t('article.size')}</span>
        {sizes.map(([size, key]) => (
          <label for={`text-size-${size}`} class={`size-${size}`} aria-hidden="true">
            {t(key)}
          </label>
        ))}
        <button type="button" class="print-page" hidden>
          {t('article.print')}
        </button>
      </div>
    </>
  );
}

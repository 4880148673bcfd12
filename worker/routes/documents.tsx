/**
 * The public side of documents published from the console, rendered per request from D1 so an
 * approval or a withdrawal shows at once with no build: the regulations (their pages, earlier
 * versions, the index and its filters, the RSS feed), search, attachments, the home page's
 * latest list (the static page with its list replaced, its disclosures' slot filled) and the sitemap of documents.
 *
 * Caching: every page carries a validator computed from one small query (what is published and
 * when, `publicStamp`) before anything is rendered, so a cache or a browser that holds the page
 * gets a 304 cheaply; pages are `no-cache` (asked again before each use) so a withdrawal is never
 * served from a cache, and only the feed and the sitemap, which nothing urgent reads, may be
 * served stale for a few minutes while a cache revalidates (`stale-while-revalidate`).
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { etag } from 'hono/etag';
import { jsx, type Child } from 'hono/jsx';
import { localePath, portal, town, type Locale } from '../../content/index.ts';
import { translate } from '../../content/translate.ts';
import { rssTownDate, townDate } from '../../core/clock.ts';
import { villageAffairs } from '../services/disclosures.ts';
import { LatestDisclosures } from '../views/disclosures.tsx';
import type { AppEnv } from '../env.ts';
import { FRESH } from '../http/fresh.ts';
import { fillSlots } from '../http/slots.ts';
import { isOneOf } from '../cases/validation.ts';
import { holdsQueryCode } from '../cases/query-code.ts';
import { readInput } from '../http/input.ts';
import { LocaleContext } from '../http/locale.ts';
import { ATTACHMENT_PATH, attachmentKey } from '../publishing/attachment.ts';
import { plainTextOf } from '../publishing/markdown.ts';
import { CATEGORIES, STATUSES } from '../publishing/model.ts';
import { snippetOf } from '../publishing/search.ts';
import { disclosurePath, disclosureText, disclosureTitle, isDisclosure } from '../publishing/disclosure.ts';
import { findStaticPages, ordered, relevance } from '../publishing/static-pages.ts';
import { searchPages } from '../services/search-pages.ts';
import { attachmentIsPublic, publicDocument, publicList, publicStamp, searchPublished, SEARCH_LIMIT, type PublishedHead } from '../services/publishing.ts';
import { MessagePage } from '../views/errors.tsx';
import { RegulationIndexPage, RegulationList, RegulationPage, SearchPage, textOf, WithdrawnPage, type CategoryFilter, type StatusFilter } from '../views/documents.tsx';
import { methodNotAllowed } from './errors.tsx';

/**
 * Bumped when the markup of these pages changes, so a deploy does not leave browsers with 304s of
 * the old markup (the validator otherwise changes only with what is published).
 */
const MARKUP_VERSION = 2;

/** Feeds and the sitemap: asked again before each use, but a cache may serve its copy for five minutes while it does. */
export const FEED_CACHE = 'public, no-cache, stale-while-revalidate=300';

type C = Context<AppEnv>;

/**
 * Answers 304 when the client holds the page as it is now, else renders it with its validators.
 * `key` names the page (its path); the stamp changes with every publication, correction,
 * withdrawal or change of status.
 */
export async function conditional(
  c: C,
  key: string,
  cacheControl: string,
  render: (stamp: { changed: string | null }) => Promise<Response> | Response,
  keep = false,
): Promise<Response> {
  const stamp = await publicStamp(c.env.DB);
  const tag = `W/"d${MARKUP_VERSION}-${stamp.value}-${shortHash(key)}"`;
  const lastModified = stamp.changed ? new Date(stamp.changed).toUTCString() : null;
  const headers: Record<string, string> = { ETag: tag, 'Cache-Control': cacheControl, ...(lastModified && { 'Last-Modified': lastModified }), Vary: 'Accept-Encoding' };
  // If-Modified-Since is not honoured: stored times are days, and two changes on one day must both show.
  const held = c.req.header('if-none-match');
  if (held && held.split(',').some((t) => t.trim() === tag || t.trim() === '*')) return new Response(null, { status: 304, headers });
  // A copy: a static file's response (the 404 page a missing address gets) has headers that cannot be changed.
  const rendered = keep ? await keptRendering(`${stamp.value}|${key}`, () => render(stamp)) : await render(stamp);
  const res = new Response(rendered.body, rendered);
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

/**
 * Pages that show nothing but what the stamp covers (a regulation, its earlier versions, the
 * index), as this isolate rendered them, by stamp and path: a page read again while nothing was
 * published, corrected or withdrawn is sent without its queries and its rendering. The stamp is
 * still read on every request, so a withdrawal shows at once, as with the 304s. Only full pages
 * (200) and withdrawal notices (410) are kept, at most KEPT_PAGES, the oldest dropped first.
 */
const keptPages = new Map<string, { body: Uint8Array; status: number; headers: [string, string][] }>();
const KEPT_PAGES = 64;

async function keptRendering(id: string, render: () => Promise<Response> | Response): Promise<Response> {
  const hit = keptPages.get(id);
  if (hit) return new Response(hit.body, { status: hit.status, headers: hit.headers });
  const res = await render();
  if (res.status !== 200 && res.status !== 410) return res;
  const page = { body: new Uint8Array(await res.arrayBuffer()), status: res.status, headers: [...res.headers] };
  if (keptPages.size >= KEPT_PAGES) keptPages.delete(keptPages.keys().next().value!);
  keptPages.set(id, page);
  return new Response(page.body, { status: page.status, headers: page.headers });
}

/** FNV-1a of the page's path: which page the validator is of (the stamp says what it shows). */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

const notFoundPage = (c: C) => c.render(<MessagePage path="/regulations/" title="notFound.title" message="notFound.lead" />, 404);

/** The pages, mounted for each language (worker/index.ts `localized`): paths without the language prefix. */
export const documentPages = new Hono<AppEnv>({ strict: false });
/** What has one address for both languages: attachments and the sitemaps. */
export const documentFiles = new Hono<AppEnv>({ strict: false });

const SLUG = /^[a-z][a-z0-9-]{1,59}$/;

documentPages.get('/regulations', (c) => index(c, 'all', 'all'));
documentPages.get('/regulations/filter/:status/:category', (c) => {
  const status = c.req.param('status');
  const category = c.req.param('category');
  if (!isOneOf(['all', ...STATUSES] as const, status) || !isOneOf(['all', ...CATEGORIES] as const, category)) return notFoundPage(c);
  return index(c, status, category);
});
documentPages.get('/regulations/rss.xml', (c) => feed(c));
documentPages.get('/regulations/:slug', (c) => page(c, c.req.param('slug')));
documentPages.get('/regulations/:slug/versions/:seq', (c) => {
  const seq = Number(c.req.param('seq'));
  return Number.isSafeInteger(seq) && seq > 0 ? page(c, c.req.param('slug'), seq) : notFoundPage(c);
});
// The search form is POSTed and answered with the GET of its words, so that a query code pasted into
// the box reaches no address: it is dropped here, with a word on where a code goes. A GET that holds
// one (typed into the address bar, an old link) is sent on without it alike.
documentPages.post('/search', async (c) => {
  const input = await readInput(c.req.raw);
  const field = (name: string) => (input.ok && input.fields[name] !== undefined && input.fields[name] !== null ? String(input.fields[name]) : '');
  return c.redirect(searchAddress(c.var.locale, field('q'), field('order')), 303);
});
documentPages.get('/search', etag(), (c) => {
  const q = c.req.query('q') ?? '';
  return holdsQueryCode(q) ? c.redirect(searchAddress(c.var.locale, q, c.req.query('order') ?? ''), 303) : search(c);
});
documentPages.get('/', (c) => home(c));
documentFiles.get('/attachments/:file', (c) => attachment(c));
documentFiles.get('/sitemap-index.xml', (c) => sitemapIndex(c));
documentFiles.get('/sitemap-documents.xml', (c) => sitemap(c));
// Only GET and HEAD: nothing here takes input.
for (const path of ['/', '/regulations', '/regulations/*', '/search']) documentPages.all(path, (c) => methodNotAllowed(c));
for (const path of ['/attachments/*', '/sitemap-index.xml', '/sitemap-documents.xml']) documentFiles.all(path, (c) => methodNotAllowed(c));

function index(c: C, status: StatusFilter, category: CategoryFilter) {
  return conditional(c, c.req.path, FRESH, async () => c.render(<RegulationIndexPage documents={await publicList(c.env.DB)} status={status} category={category} />), true);
}

function page(c: C, slug: string, seq?: number) {
  if (!SLUG.test(slug)) return notFoundPage(c);
  return conditional(c, c.req.path, FRESH, async () => {
    const doc = await publicDocument(c.env.DB, 'regulation', slug, seq);
    if (!doc) return notFoundPage(c);
    // A withdrawn document leaves a dated notice with its reason at the same address (its earlier texts go with it).
    if (doc.document.withdrawn_at !== null) return c.render(<WithdrawnPage doc={doc} />, 410);
    const current = doc.versions.at(-1)?.seq ?? doc.document.seq;
    return c.render(<RegulationPage doc={doc} current={current} />);
  }, true);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const absolute = (path: string) => new URL(path, portal.siteUrl).href;

/** An RSS feed of one language, as the Astro feeds had it: absolute links, its own address, the day of its newest item. */
export function rss(c: C, titleKey: 'feed.regulations' | 'feed.disclosures', items: { title: string; path: string; description: string; date: string }[]): Response {
  const locale = c.var.locale;
  const newest = items.map((i) => i.date).sort().at(-1);
  const body = items
    .map((i) => {
      const link = xml(absolute(localePath(locale, i.path)));
      return `<item><title>${xml(i.title)}</title><link>${link}</link><guid isPermaLink="true">${link}</guid><description>${xml(i.description)}</description><pubDate>${new Date(`${i.date}T00:00:00+08:00`).toUTCString()}</pubDate></item>`;
    })
    .join('');
  return c.body(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>${xml(`${translate(locale, titleKey)} · ${town.name[locale]}`)}</title><description>${xml(translate(locale, 'feed.description', { town: town.name[locale] }))}</description><link>${xml(absolute(localePath(locale, '/')))}</link><language>${locale.toLowerCase()}</language><atom:link href="${xml(absolute(c.req.path))}" rel="self" type="application/rss+xml"/>${newest ? `<lastBuildDate>${rssTownDate(`${newest}T00:00:00+08:00`)}</lastBuildDate>` : ''}${body}</channel></rss>`,
    200,
    { 'Content-Type': 'application/xml; charset=utf-8' },
  );
}

/** The regulations' RSS feed: newest issue first. */
function feed(c: C) {
  const locale = c.var.locale;
  return conditional(c, c.req.path, FEED_CACHE, async () =>
    rss(
      c,
      'feed.regulations',
      (await publicList(c.env.DB))
        .filter((d) => d.withdrawn_at === null)
        .map((d) => ({
          title: textOf(d.meta.title, locale) + translate(locale, 'regulations.docRef', { number: d.meta.docNumber }),
          path: `/regulations/${d.slug}/`,
          description: `${translate(locale, `regulations.status.${d.status}`)} · ${textOf(d.meta.summary, locale)}`,
          date: d.meta.issued,
        })),
    ),
  );
}

/** The search page's address for what was typed: the words and the order, or, for a query code, none and the notice. */
function searchAddress(locale: Locale, typed: string, order: string): string {
  const q = typed.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (holdsQueryCode(q)) return `${localePath(locale, '/search/')}?codeTyped=1`;
  const params = new URLSearchParams({ ...(q !== '' && { q: q.slice(0, 60) }), ...(order === 'date' && { order: 'date' }) }).toString();
  return `${localePath(locale, '/search/')}${params ? `?${params}` : ''}`;
}

async function search(c: C) {
  const locale = c.var.locale;
  const query = (c.req.query('q') ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  const order = c.req.query('order') === 'date' ? 'date' : 'relevance';
  // The published documents from D1 and the static pages from the build (none when their file cannot be read).
  const [found, pages] = query ? await Promise.all([searchPublished(c.env.DB, query, order), searchPages(c.env.ASSETS)]) : [null, []];
  // A village disclosure is shown as a page: its title, its publication day, its own words around the terms.
  const disclosures = (found ?? []).flatMap((document) => {
    if (!isDisclosure(document.meta)) return [];
    const d = document.meta;
    const page = { path: localePath(locale, disclosurePath(d)), title: disclosureTitle(d, locale), date: d.published };
    const text = `${disclosureText(d, locale)} ${plainTextOf(document.body_zh)}`;
    return [{ kind: 'page' as const, page, snippet: snippetOf(text, query), date: d.published, score: relevance(page.title, text, query) }];
  });
  const documents = (found ?? []).filter((document) => !isDisclosure(document.meta)).map((document) => {
    const body = plainTextOf(locale === 'en' && document.body_en ? document.body_en : document.body_zh);
    const summary = textOf(document.meta.summary, locale);
    const inBody = snippetOf(body, query);
    const snippet = inBody.parts.some((p) => p.mark) ? inBody : snippetOf(`${summary} ${body}`, query);
    return { kind: 'document' as const, document, snippet, date: document.meta.issued, score: relevance(textOf(document.meta.title, locale), `${summary} ${body}`, query) };
  });
  const statics = findStaticPages(pages, query, locale === 'en').map((page) => ({ kind: 'page' as const, page, snippet: snippetOf(page.text, query), date: page.date, score: relevance(page.title, page.text, query) }));
  const results = found ? ordered([...documents, ...disclosures, ...statics], order, SEARCH_LIMIT) : null;
  // Search results change the moment a document is published or withdrawn: never kept by a cache without asking.
  return c.render(<SearchPage query={query} order={order} results={results ?? null} limit={SEARCH_LIMIT} codeTyped={!query && c.req.query('codeTyped') === '1'} />, 200, { 'Cache-Control': FRESH });
}

/**
 * An attachment of a published version (a PDF, or a disclosure's board photo), by the hash of its
 * bytes. Its bytes never change, but it may be withdrawn (a disclosure that named someone): a cache
 * asks again before each use (a 304 while it is public), so that a withdrawal takes it off at once.
 */
async function attachment(c: C) {
  const m = ATTACHMENT_PATH.exec(c.req.path);
  if (!m || !(await attachmentIsPublic(c.env.DB, m[1]!, m[2]!))) return notFoundPage(c);
  const [, sha, extension] = m as unknown as [string, string, string];
  const tag = `"${sha}"`;
  const headers = {
    'Content-Type': extension === 'pdf' ? 'application/pdf' : `image/${extension === 'jpg' ? 'jpeg' : extension}`,
    'Content-Disposition': `inline; filename="${sha.slice(0, 16)}.${extension}"`,
    'Cache-Control': FRESH,
    ETag: tag,
  };
  if (c.req.header('if-none-match') === tag) return new Response(null, { status: 304, headers });
  const object = await c.env.FILES.get(attachmentKey(sha, extension));
  if (!object) return notFoundPage(c);
  return new Response(object.body, { headers: { ...headers, 'Content-Length': String(object.size) } });
}

/**
 * The static home page with its list of the latest regulations in force replaced by the published
 * ones, and its empty slot of disclosures filled from D1 (worker/http/slots.ts).
 */
function home(c: C) {
  const locale = c.var.locale;
  // What is overdue changes with the town day.
  const today = townDate(new Date());
  return conditional(c, `${c.req.path}#${today}`, FRESH, async () => {
    const url = new URL(c.req.url);
    url.pathname = locale === 'en' ? '/en/' : '/';
    const [asset, all, affairs] = await Promise.all([
      c.env.ASSETS.fetch(new Request(url.href)),
      publicList(c.env.DB).then((list) => list.filter((d) => d.withdrawn_at === null)),
      villageAffairs(c.env.ASSETS, c.env.DB, today),
    ]);
    if (!asset.ok) return asset;
    const latest = all.filter((d) => d.status === 'in-force').slice(0, 3);
    // Rendered in the request's language, as c.render would.
    const inLocale = async (node: Child) => String(await jsx(LocaleContext.Provider, { value: locale }, node).toString());
    const list = await inLocale(<RegulationList documents={latest} />);
    const allLink = translate(locale, 'home.regulations.all', { n: all.length });
    // The latest disclosures and the overdue count from D1 (worker/routes/disclosures.tsx fills their pages the same way).
    const disclosures = await inLocale(affairs ? <LatestDisclosures affairs={affairs} /> : <p class="notice notice-warning">{translate(locale, 'schedule.unavailable')}</p>);
    const rewriter = new HTMLRewriter()
      .on('section[aria-labelledby="latest-regulations"] ul.doc-list', { element: (e) => void e.replace(list, { html: true }) })
      .on('section[aria-labelledby="latest-regulations"] > p > a', { element: (e) => void e.setInnerContent(allLink) });
    const filled = fillSlots(rewriter, (slot) => (slot === 'latest-disclosures' ? disclosures : undefined)).transform(asset);
    return new Response(filled.body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
}

/** The built sitemap index with the sitemap of documents added. */
async function sitemapIndex(c: C) {
  const asset = await c.env.ASSETS.fetch(new Request(new URL('/sitemap-index.xml', c.req.url).href));
  if (!asset.ok) return asset;
  const text = await asset.text();
  const entry = `<sitemap><loc>${xml(absolute('/sitemap-documents.xml'))}</loc></sitemap>`;
  return c.body(text.replace('</sitemapindex>', `${entry}</sitemapindex>`), 200, { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': FEED_CACHE });
}

/** Every published regulation, the index and search, in both languages. */
function sitemap(c: C) {
  return conditional(c, c.req.path, FEED_CACHE, async () => {
    const list = (await publicList(c.env.DB)).filter((d) => d.withdrawn_at === null);
    const alternates = (path: string) =>
      `<xhtml:link rel="alternate" hreflang="zh-CN" href="${xml(absolute(path))}"/><xhtml:link rel="alternate" hreflang="en" href="${xml(absolute(localePath('en', path)))}"/>`;
    const url = (path: string, locale: Locale) => `<url><loc>${xml(absolute(localePath(locale, path)))}</loc>${alternates(path)}</url>`;
    const paths = ['/regulations/', '/search/', ...list.map((d: PublishedHead) => `/regulations/${d.slug}/`)];
    const body = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${paths.flatMap((p) => [url(p, 'zh-CN'), url(p, 'en')]).join('')}</urlset>`;
    return c.body(body, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });
}

/**
 * The public pages of village disclosures, rendered per request from D1 like the regulations'
 * (worker/routes/documents.tsx, with the same validators): a disclosure at
 * /disclosures/<village>/<period>-<kind>/ (earlier versions at versions/<n>/, a withdrawn one's
 * notice at the same address) with the answers published under it, and the disclosures' feed.
 */
import { Hono, type Context } from 'hono';
import { jsx, type Child } from 'hono/jsx';
import { findVillage, localePath, type Locale } from '../../content/index.ts';
import { translate } from '../../content/translate.ts';
import { townDate } from '../../core/clock.ts';
import { LocaleContext } from '../http/locale.ts';
import type { AppEnv } from '../env.ts';
import { FRESH } from '../http/fresh.ts';
import { disclosurePath, disclosureTitle, slugAt } from '../publishing/disclosure.ts';
import { addendaStamp, publicDisclosure, publishedList, villageAffairs, type VillageAffairs } from '../services/disclosures.ts';
import { DisclosureList, DisclosurePage, DisclosureWithdrawnPage, OverdueBox, VillageAffairsSection } from '../views/disclosures.tsx';
import { textOf } from '../views/documents.tsx';
import { MessagePage } from '../views/errors.tsx';
import { conditional, FEED_CACHE, rss } from './documents.tsx';
import { methodNotAllowed } from './errors.tsx';

type C = Context<AppEnv>;

const VILLAGE = /^[a-z][a-z0-9-]{0,39}$/;
const NAME = /^\d{4}-(?:\d{2}|q[1-4]|\d{2}-\d{2})-[a-z]+$/;

const notFoundPage = (c: C) => c.render(<MessagePage path="/disclosures/" title="notFound.title" message="notFound.lead" />, 404);

/** Mounted for each language (worker/index.ts `localized`). */
export const disclosurePages = new Hono<AppEnv>({ strict: false });

disclosurePages.get('/disclosures/rss.xml', (c) => feed(c));
disclosurePages.get('/disclosures', (c) => index(c));
disclosurePages.get('/villages/:village', (c) => villagePage(c, c.req.param('village')));
disclosurePages.get('/disclosures/:village/:name', (c) => page(c, c.req.param('village'), c.req.param('name')));
disclosurePages.get('/disclosures/:village/:name/versions/:seq', (c) => {
  const seq = Number(c.req.param('seq'));
  return Number.isSafeInteger(seq) && seq > 0 ? page(c, c.req.param('village'), c.req.param('name'), seq) : notFoundPage(c);
});
// Only GET and HEAD: nothing here takes input.
for (const path of ['/disclosures', '/disclosures/*', '/villages/:village']) disclosurePages.all(path, methodNotAllowed);

/**
 * The built page at the request's address (in its language) with parts replaced by what D1 holds
 * now, rendered in the request's language as c.render would. Its validator changes with every
 * publication and with the town day (what is overdue changes at midnight).
 */
function rewritten(c: C, parts: (affairs: VillageAffairs[], today: string) => Promise<{ selector: string; html: string; whole?: boolean }[]>) {
  const today = townDate(new Date());
  return conditional(c, `${c.req.path}#${today}`, FRESH, async () => {
    const url = new URL(c.req.url);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    const asset = await c.env.ASSETS.fetch(new Request(url.href));
    if (!asset.ok) return asset;
    const affairs = await villageAffairs(c.env.ASSETS, c.env.DB, today);
    // Without the cadences the built page is served as it is rather than a half-made one.
    if (!affairs) return new Response(asset.body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    let rewriter = new HTMLRewriter();
    for (const part of await parts(affairs, today)) {
      rewriter = rewriter.on(part.selector, { element: (e) => void (part.whole ? e.replace(part.html, { html: true }) : e.setInnerContent(part.html, { html: true })) });
    }
    return new Response(rewriter.transform(asset).body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
}

const inLocale = async (locale: Locale, node: Child) => String(await jsx(LocaleContext.Provider, { value: locale }, node).toString());

/** A village's page: its disclosure section (schedule, overdue flags, the published list) from D1. */
function villagePage(c: C, village: string) {
  if (!VILLAGE.test(village)) return notFoundPage(c);
  const locale = c.var.locale;
  return rewritten(c, async (affairs, today) => {
    const own = affairs.find((a) => a.village === village);
    return own ? [{ selector: 'section[aria-labelledby="affairs"]', html: await inLocale(locale, <VillageAffairsSection affairs={own} asOf={today} />) }] : [];
  });
}

/** The disclosures page: what is overdue today and each village's list, from D1 (the rules stay as built). */
function index(c: C) {
  const locale = c.var.locale;
  return rewritten(c, async (affairs, today) => [
    { selector: 'section[aria-labelledby="overdue"]', html: await inLocale(locale, <OverdueBox affairs={affairs} asOf={today} />), whole: true },
    // Each village's list (or its "nothing yet") as built goes; the heading is followed by the list from D1.
    ...affairs.flatMap((a) => ['ul', 'p'].map((tag) => ({ selector: `section[aria-labelledby="v-${a.village}"] > ${tag}`, html: '', whole: true }))),
    ...(await Promise.all(
      affairs.map(async (a) => ({
        selector: `section[aria-labelledby="v-${a.village}"] > h2`,
        html: (await inLocale(locale, <h2 id={`v-${a.village}`}><a href={localePath(locale, `/villages/${a.village}/#affairs`)}>{findVillage(a.village)?.name[locale] ?? a.village}</a></h2>)) + (await inLocale(locale, a.disclosures.length > 0 ? <DisclosureList disclosures={a.disclosures} /> : <p>{translate(locale, 'schedule.none')}</p>)),
        whole: true,
      })),
    )),
  ]);
}

async function page(c: C, village: string, name: string, seq?: number) {
  if (!VILLAGE.test(village) || !NAME.test(name)) return notFoundPage(c);
  const slug = slugAt(village, name);
  // The validator changes with every publication, correction or withdrawal, and with every answer published under a disclosure.
  const key = `${c.req.path}#${await addendaStamp(c.env.DB)}`;
  return conditional(c, key, FRESH, async () => {
    const found = await publicDisclosure(c.env.DB, slug, seq);
    if (!found) return notFoundPage(c);
    if (found.withdrawn) return c.render(<DisclosureWithdrawnPage disclosure={found.disclosure} withdrawnAt={found.withdrawn.at} reason={{ zh: found.withdrawn.zh, en: found.withdrawn.en }} />, 410);
    return c.render(<DisclosurePage disclosure={found.disclosure} slug={slug} seq={found.seq} versions={found.versions} addenda={found.addenda} files={found.files} />);
  });
}

/** The disclosures' RSS feed: newest first. */
function feed(c: C) {
  const locale = c.var.locale;
  return conditional(c, c.req.path, FEED_CACHE, async () =>
    rss(
      c,
      'feed.disclosures',
      (await publishedList(c.env.DB)).map((d) => ({ title: disclosureTitle(d, locale), path: disclosurePath(d), description: textOf(d.summary, locale), date: d.published })),
    ),
  );
}

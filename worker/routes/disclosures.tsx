/**
 * The public pages of village disclosures, rendered per request from D1 like the regulations'
 * (worker/routes/documents.tsx, with the same validators): a disclosure at
 * /disclosures/<village>/<period>-<kind>/ (earlier versions at versions/<n>/, a withdrawn one's
 * notice at the same address) with the answers published under it, and the disclosures' feed;
 * and the pages Astro builds with empty slots for what D1 holds (the village pages, the villages'
 * list, the disclosures list), filled here (worker/http/slots.ts). The home page's slot is filled
 * by worker/routes/documents.tsx.
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { jsx, type Child } from 'hono/jsx';
import type { Locale } from '../../content/index.ts';
import { translate } from '../../content/translate.ts';
import { townDate } from '../../core/clock.ts';
import { LocaleContext } from '../http/locale.ts';
import type { AppEnv } from '../env.ts';
import { FRESH } from '../http/fresh.ts';
import { fillSlots, type SlotFill } from '../http/slots.ts';
import { disclosurePath, disclosureTitle, slugAt } from '../publishing/disclosure.ts';
import { addendaStamp, publicDisclosure, publishedList, villageAffairs, type VillageAffairs } from '../services/disclosures.ts';
import { DisclosureList, DisclosurePage, DisclosureWithdrawnPage, OverdueBox, VillageAffairsSlot, VillageFlag } from '../views/disclosures.tsx';
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
disclosurePages.get('/villages', (c) => villagesIndex(c));
disclosurePages.get('/villages/:village', (c) => villagePage(c, c.req.param('village')));
disclosurePages.get('/disclosures/:village/:name', (c) => page(c, c.req.param('village'), c.req.param('name')));
disclosurePages.get('/disclosures/:village/:name/versions/:seq', (c) => {
  const seq = Number(c.req.param('seq'));
  return Number.isSafeInteger(seq) && seq > 0 ? page(c, c.req.param('village'), c.req.param('name'), seq) : notFoundPage(c);
});
// Only GET and HEAD: nothing here takes input.
for (const path of ['/disclosures', '/disclosures/*', '/villages', '/villages/:village']) disclosurePages.all(path, methodNotAllowed);

/**
 * The built page at the request's address (in its language) with its empty slots filled from what
 * D1 holds now, rendered in the request's language as c.render would (worker/http/slots.ts). Its
 * validator changes with every publication (the stamp) and with the town day (what is overdue
 * changes at midnight). Without the cadences every slot says the disclosures cannot be read.
 */
function withSlots(c: C, slots: (affairs: VillageAffairs[], today: string) => Promise<SlotFill>) {
  const today = townDate(new Date());
  return conditional(c, `${c.req.path}#${today}`, FRESH, async () => {
    const url = new URL(c.req.url);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    const [asset, affairs] = await Promise.all([c.env.ASSETS.fetch(new Request(url.href)), villageAffairs(c.env.ASSETS, c.env.DB, today)]);
    if (!asset.ok) return asset;
    const unavailable = affairs ? '' : await inLocale(c.var.locale, <p class="notice notice-warning">{translate(c.var.locale, 'schedule.unavailable')}</p>);
    const fill: SlotFill = affairs ? await slots(affairs, today) : () => unavailable;
    return new Response(fillSlots(new HTMLRewriter(), fill).transform(asset).body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
}

const inLocale = async (locale: Locale, node: Child) => String(await jsx(LocaleContext.Provider, { value: locale }, node).toString());

/** Each village's markup for a slot, rendered once per village. */
async function perVillage(locale: Locale, affairs: VillageAffairs[], view: (a: VillageAffairs) => Child) {
  return new Map(await Promise.all(affairs.map(async (a) => [a.village, await inLocale(locale, view(a))] as const)));
}

/** A village's page: its schedule (how often, overdue flags) and its published list. */
function villagePage(c: C, village: string) {
  if (!VILLAGE.test(village)) return notFoundPage(c);
  return withSlots(c, async (affairs, today) => {
    const own = affairs.find((a) => a.village === village);
    const html = own && (await inLocale(c.var.locale, <VillageAffairsSlot affairs={own} asOf={today} />));
    return (slot) => (slot === 'village-affairs' ? html : undefined);
  });
}

/** The villages' list: each card's flag, overdue or on time today. */
function villagesIndex(c: C) {
  return withSlots(c, async (affairs, today) => {
    const flags = await perVillage(c.var.locale, affairs, (a) => <VillageFlag affairs={a} asOf={today} />);
    return (slot, village) => (slot === 'village-flag' && village ? flags.get(village) : undefined);
  });
}

/** The disclosures page: what is overdue today and each village's list (the rules are as built). */
function index(c: C) {
  const locale = c.var.locale;
  return withSlots(c, async (affairs, today) => {
    const overdue = await inLocale(locale, <OverdueBox affairs={affairs} asOf={today} />);
    const lists = await perVillage(locale, affairs, (a) => (a.disclosures.length > 0 ? <DisclosureList disclosures={a.disclosures} /> : <p>{translate(locale, 'schedule.none')}</p>));
    return (slot, village) => (slot === 'overdue' ? overdue : slot === 'village-disclosures' && village ? lists.get(village) : undefined);
  });
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

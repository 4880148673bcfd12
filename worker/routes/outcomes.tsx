/**
 * Published outcomes on the portal, rendered from D1 so a new one shows at once, without a
 * redeploy (caches revalidate every time, see http/fresh.ts): the list (filterable by village,
 * category and result), one page each, and RSS.
 */
import { rssTownDate } from '../../core/clock.ts';
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { findCategory, findVillage, localePath, town, type Locale } from '../../content/index.ts';
import { translate } from '../../content/translate.ts';
import type { AppEnv } from '../env.ts';
import { FRESH as CACHE, revalidate } from '../http/fresh.ts';
import { findPublished, listPublished, type OutcomeFilter } from '../services/outcomes.ts';
import { CASE_NUMBER_PATTERN } from '../services/handling.ts';
import { MessagePage } from '../views/errors.tsx';
import { OutcomePage, OutcomesPage, RESULTS } from '../views/outcomes.tsx';
import { isOneOf } from '../cases/validation.ts';
import { reopenedNotes } from '../cases/outcome.ts';


/** Only known values filter; anything else is ignored. */
function filterOf(c: Context<AppEnv>): OutcomeFilter {
  const q = c.req.query();
  return {
    villageId: q.village && findVillage(q.village) ? q.village : undefined,
    categoryId: q.category && findCategory(q.category) ? q.category : undefined,
    result: isOneOf(RESULTS, q.result) ? q.result : undefined,
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The RSS 2.0 feed of published outcomes, newest first. */
export function outcomesFeed(locale: Locale, origin: string, outcomes: Awaited<ReturnType<typeof listPublished>>): string {
  const link = (path: string) => `${origin}${localePath(locale, path)}`;
  const items = outcomes
    .map(
      (o) => `    <item>
      <title>${xml(o.problem)}</title>
      <link>${xml(link(`/outcomes/${o.case_number}`))}</link>
      <guid isPermaLink="false">${xml(o.case_number)}</guid>
      <pubDate>${rssTownDate(o.published_at)}</pubDate>
      <category>${xml(translate(locale, o.reopened_on ? 'outcomes.result.reopened' : `outcomes.result.${o.result}`))}</category>
      <description>${xml(`${o.reopened_on ? `${translate(locale, reopenedNotes(o.kind))}\n` : ''}${o.action}\n${o.outcome_text}`)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${xml(`${translate(locale, 'outcomes.title')} · ${town.name[locale]}`)}</title>
    <link>${xml(link('/outcomes'))}</link>
    <description>${xml(translate(locale, 'outcomes.lead'))}</description>
    <language>${locale === 'en' ? 'en' : 'zh-cn'}</language>
${items}
  </channel>
</rss>
`;
}

export const outcomes = new Hono<AppEnv>();
outcomes.use('*', revalidate);

outcomes.get('/', async (c) => {
  const filter = filterOf(c);
  const page = <OutcomesPage outcomes={await listPublished(c.env.DB, filter)} filter={filter} />;
  return c.render(page, 200, { 'Cache-Control': CACHE });
});

outcomes.get('/rss.xml', async (c) => {
  const body = outcomesFeed(c.var.locale, new URL(c.req.url).origin, await listPublished(c.env.DB, {}, 50));
  return c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': CACHE });
});

outcomes.get('/:number', async (c) => {
  const number = c.req.param('number');
  const o = CASE_NUMBER_PATTERN.test(number) ? await findPublished(c.env.DB, number) : null;
  if (!o) return c.render(<MessagePage path="/outcomes" title="notFound.title" message="notFound.lead" />, 404);
  return c.render(<OutcomePage o={o} />, 200, { 'Cache-Control': CACHE });
});

/** RSS feeds of what the town publishes, one per language. */
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { town, type Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { localeOf, localePath } from '../i18n.ts';
import { rssTownDate } from '../../core/clock.ts';

export interface FeedItem {
  title: string;
  /** A civil date, YYYY-MM-DD, in the town's time zone. */
  date: string;
  description: string;
  /** Path without the language prefix. */
  path: string;
}

/** The RSS response for `context`'s language: title and description from the UI strings, newest item first. */
export function feed(context: APIContext, key: UiKey, items: (locale: Locale) => FeedItem[]): Promise<Response> {
  const locale = localeOf(context.url);
  const site = context.site;
  if (!site) throw new Error('astro.config.mjs needs `site` (content/portal.json siteUrl) for absolute feed links');
  const list = items(locale);
  // The feed's own address, and its last change as the newest item's day (no time of day: the town's midnight).
  const self = new URL(context.url.pathname, site).href;
  const newest = list.map((i) => i.date).sort().at(-1);
  const lastBuild = newest ? `<lastBuildDate>${rssTownDate(`${newest}T00:00:00+08:00`)}</lastBuildDate>` : '';
  return rss({
    title: `${translate(locale, key)} · ${town.name[locale]}`,
    description: translate(locale, 'feed.description', { town: town.name[locale] }),
    site,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    items: list.map((item) => ({
      title: item.title,
      description: item.description,
      link: localePath(locale, item.path),
      pubDate: new Date(`${item.date}T00:00:00+08:00`),
    })),
    customData: `<language>${locale.toLowerCase()}</language><atom:link href="${self}" rel="self" type="application/rss+xml"/>${lastBuild}`,
    trailingSlash: true,
  });
}

/** RSS feeds of what the town publishes, one per language. */
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { town, type Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { localeOf, localePath } from '../i18n.ts';

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
  return rss({
    title: `${translate(locale, key)} · ${town.name[locale]}`,
    description: translate(locale, 'feed.description', { town: town.name[locale] }),
    site,
    items: items(locale).map((item) => ({
      title: item.title,
      description: item.description,
      link: localePath(locale, item.path),
      pubDate: new Date(`${item.date}T00:00:00+08:00`),
    })),
    customData: `<language>${locale.toLowerCase()}</language>`,
    trailingSlash: true,
  });
}

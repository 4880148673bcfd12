import type { APIRoute } from 'astro';
import { feed } from '../../../lib/feeds.ts';
import { textOf } from '../../../lib/localize.ts';
import { disclosurePath, disclosureTitle, getPortal, localeStaticPaths } from '../../../lib/portal.ts';

export const getStaticPaths = localeStaticPaths;

export const GET: APIRoute = async (context) => {
  const { disclosures } = await getPortal();
  return feed(context, 'feed.disclosures', (locale) =>
    disclosures.map((entry) => ({
      title: disclosureTitle(entry, locale),
      date: entry.data.published,
      description: textOf(entry.data.summary, locale),
      path: disclosurePath(entry),
    })),
  );
};

import type { APIRoute } from 'astro';
import { translate } from '../../../../content/ui.ts';
import { feed } from '../../../lib/feeds.ts';
import { textOf } from '../../../lib/localize.ts';
import { getPortal, localeStaticPaths } from '../../../lib/portal.ts';

export const getStaticPaths = localeStaticPaths;

export const GET: APIRoute = async (context) => {
  const { regulations } = await getPortal();
  return feed(context, 'feed.regulations', (locale) =>
    regulations.map(({ id, data }) => ({
      title: textOf(data.title, locale) + translate(locale, 'regulations.docRef', { number: data.docNumber }),
      date: data.issued,
      description: `${translate(locale, `regulations.status.${data.status}`)} · ${textOf(data.summary, locale)}`,
      path: `/regulations/${id}/`,
    })),
  );
};

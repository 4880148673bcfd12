/**
 * The portal's main navigation and footer links, in order, for the one page frame
 * (core/frame.tsx) that the Astro pages and the worker's pages both wear.
 */
import type { UiKey } from './ui.ts';

export interface NavLink {
  key: UiKey;
  /** The page's path without the language prefix. */
  path: string;
}

export const NAV_LINKS: NavLink[] = [
  { key: 'nav.regulations', path: '/regulations/' },
  { key: 'nav.villages', path: '/villages/' },
  { key: 'nav.disclosures', path: '/disclosures/' },
  { key: 'nav.mailbox', path: '/mailbox' },
  { key: 'nav.track', path: '/track' },
];

export const FOOTER_LINKS: NavLink[] = [
  { key: 'nav.process', path: '/process/' },
  { key: 'outcomes.title', path: '/outcomes' },
  { key: 'stats.title', path: '/stats/' },
  { key: 'rhythm.notices.public.title', path: '/notices' },
  { key: 'rhythm.assessments.public.title', path: '/assessments' },
  { key: 'nav.privacy', path: '/privacy/' },
  { key: 'nav.search', path: '/search/' },
  { key: 'feed.regulations', path: '/regulations/rss.xml' },
  { key: 'feed.disclosures', path: '/disclosures/rss.xml' },
];

/**
 * The aria-current of `link` on the page at `current` (both without language prefix): "page"
 * on the page itself, "true" on a page inside its section (a regulation under /regulations/).
 */
export function currentness(link: NavLink, current: string): 'page' | 'true' | undefined {
  const trimmed = (p: string) => p.replace(/\/$/, '') || '/';
  if (trimmed(current) === trimmed(link.path)) return 'page';
  return link.path.endsWith('/') && current.startsWith(link.path) ? 'true' : undefined;
}

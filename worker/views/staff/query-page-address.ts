/**
 * The query page as paper gives it: its full address and a QR code of that address (never of a
 * code). The address is fixed by the portal's `siteUrl`, so the QR codes are drawn at build time
 * (worker/tools/worker-assets.ts writes them into dist/) and the worker carries no QR encoder.
 */
import { localePath, portal, type Locale } from '../../../content/index.ts';

/** Where the QR code of the query page's address in each language is served (a static file). */
export const QUERY_PAGE_QR: Record<Locale, string> = { 'zh-CN': '/qr/track.svg', en: '/qr/track-en.svg' };

/** The query page's full address in `locale`, from the portal's `siteUrl`. */
export function queryPageAddress(locale: Locale): string {
  return new URL(localePath(locale, '/track'), portal.siteUrl).toString();
}

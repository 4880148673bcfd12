/**
 * The query page as paper gives it: its full address and a QR code of that address (never of a
 * code). Both are fixed by the portal's `siteUrl`, so the QR code is drawn at build time
 * (content/generate.ts) and the worker carries no QR encoder.
 */
import { queryPageQr, type Locale } from '../../../content/index.ts';

/** The query page's full address in `locale`, from the portal's `siteUrl`. */
export function queryPageAddress(locale: Locale): string {
  return queryPageQr[locale].address;
}

/** The QR code of the query page in `locale`: decorative for screen readers, which read the address beside it. */
export function QueryPageQrCode({ locale, class: className }: { locale: Locale; class: string }) {
  return <div class={className} aria-hidden="true" dangerouslySetInnerHTML={{ __html: queryPageQr[locale].svg }}></div>;
}

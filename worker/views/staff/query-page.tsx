/** The query page as paper gives it: its full address and a QR code of that address (never of a code). */
import { renderSVG } from 'uqr';
import { portal, type Locale } from '../../../content/index.ts';
import { localePath } from '../layout.tsx';

/** The query page's full address in `locale`, from the portal's `siteUrl`. */
export function queryPageAddress(locale: Locale): string {
  return new URL(localePath(locale, '/track'), portal.siteUrl).toString();
}

/** A QR code that opens `address`: decorative for screen readers, which read the address beside it. */
export function AddressQr({ address, class: className }: { address: string; class: string }) {
  return <div class={className} aria-hidden="true" dangerouslySetInnerHTML={{ __html: renderSVG(address, { border: 1 }) }}></div>;
}

/** The query page's QR code as the slip and the code cards print it (query-page-address.ts says why it is a file). */
import type { Locale } from '../../../content/index.ts';
import { QUERY_PAGE_QR } from './query-page-address.ts';

export { queryPageAddress } from './query-page-address.ts';

/** The QR code of the query page in `locale`: decorative for screen readers, which read the address beside it. */
export function QueryPageQrCode({ locale, class: className }: { locale: Locale; class: string }) {
  return (
    <div class={className}>
      <img src={QUERY_PAGE_QR[locale]} alt="" width={310} height={310} />
    </div>
  );
}

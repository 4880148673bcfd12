/** The query page's QR code as the slip and the code cards print it (query-page-address.ts says why it is a file). */
import type { Locale } from '../../../content/index.ts';
import { QUERY_PAGE_QR } from './query-page-address.ts';

export { queryPageAddress } from './query-page-address.ts';

/** The QR code of the query page in `lang`: decorative for screen readers, which read the address beside it. */
export function QueryPageQrCode({ lang, class: className }: { lang: Locale; class: string }) {
  return (
    <div class={className}>
      <img src={QUERY_PAGE_QR[lang]} alt="" width={310} height={310} />
    </div>
  );
}

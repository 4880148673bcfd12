/** Sealed texts in the console: rendered as their envelope, opened by the member's browser (committee.js). */
import { useLocale, useT } from '../../http/locale.ts';
import { isSealedText } from '../../../core/sealed.ts';
import { translator } from '../layout.tsx';

/**
 * A stored text: plain as it is, sealed as a placeholder the committee's script replaces. Either
 * way in a `<bdi>`, so bidi controls in what someone typed cannot reorder the page around it.
 */
export function Sealed({ text, fallback = '—' }: { text: string | null; fallback?: string }) {
  const locale = useLocale();
  if (text === null) return <>{fallback}</>;
  if (!isSealedText(text)) return <bdi>{text}</bdi>;
  return (
    <bdi class="sealed" data-sealed={text}>
      {translator(locale)('sealed.locked')}
    </bdi>
  );
}

/** Says plainly, where JavaScript is off, that sealed content opens only with it; the script shows its progress here. */
export function SealedNotice() {
  const t = useT();
  return (
    <>
      <noscript>
        <p class="notice notice-warning" id="sealed-noscript">
          {t('sealed.noscript')}
        </p>
      </noscript>
      <p class="notice" id="sealed-status" role="status" hidden data-opening={t('sealed.status.opening')} data-open={t('sealed.status.open')}
        data-sign-in-again={t('sealed.status.signInAgain')} data-no-key={t('sealed.status.noKey')} data-wrong-key={t('sealed.status.wrongKey')}
        data-failed={t('sealed.status.failed')} data-tampered={t('sealed.status.tampered')}></p>
    </>
  );
}

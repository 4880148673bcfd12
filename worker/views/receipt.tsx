/** The receipt: the only response that ever carries the query code. */
import { useLocale, useT } from '../http/locale.ts';
import { workflowSettings } from '../../content/workflow.ts';
import { findCategory } from '../../content/index.ts';
import { formatTownTime } from '../../core/clock.ts';
import { formatQueryCode } from '../cases/query-code.ts';
import type { Receipt } from '../services/mailbox.ts';
import { RECEIPT_REPLAY_MS } from '../cases/query-code.ts';
import { describe } from '../cases/submission.ts';
import { Layout, localePath, translator } from './layout.tsx';
import { AnswerDue } from './deadline.tsx';
import { proofAttrs } from './proof.tsx';
import { newClientId } from '../cases/crypto.ts';

/** A query code shown once, with the receipt's advice: the receipt, the slip, a claim's new code. */
export function QueryCodeBlock({ code }: { code: string }) {
  const t = useT();
  return (
    <>
      <dl class="receipt-code">
        <dt>{t('receipt.code')}</dt>
        <dd>
          <output id="query-code" class="query-code" lang="en">
            {formatQueryCode(code)}
          </output>
        </dd>
      </dl>
      <p class="notice notice-warning">{t('receipt.code.warning')}</p>
    </>
  );
}

/** The code, its warning and the case's facts: shared by the resident's receipt and the staff's printed slip. */
export function ReceiptDetails({ receipt }: { receipt: Receipt }) {
  const locale = useLocale();
  const t = translator(locale);
  const names = describe(receipt.villageId, receipt.categoryId, locale);
  return (
    <>
      {receipt.withoutCode ? (
        // A letter to the committee, or kept from its village, recorded without a card that may open it: no code at all.
        <p class="notice notice-warning" id="no-code">
          {receipt.withoutCode === 'refusedCard' ? t('cards.refused.slip', { card: receipt.cardNumber ?? '' }) : t('slip.noCode.letter')}
        </p>
      ) : receipt.cardNumber ? (
        <p class="notice" id="card-slip">
          {t('cards.slip', { card: receipt.cardNumber })}
        </p>
      ) : receipt.queryCode === null ? (
        // A retry after the replay window: the case was received; its code is not shown again.
        <p class="notice notice-ok" id="received-again">
          {t('receipt.again.lead', { minutes: RECEIPT_REPLAY_MS / 60_000 })}
        </p>
      ) : (
        <div id="code-block">
          <QueryCodeBlock code={receipt.queryCode} />
          <p class="receipt-actions">
            <button type="button" class="button" id="copy-code" data-copied={t('receipt.copied')} hidden>
              {t('receipt.copy')}
            </button>
            <button type="button" class="button" id="print-receipt" hidden>
              {t('receipt.print')}
            </button>
          </p>
        </div>
      )}
      <dl class="facts">
        <dt>{t('receipt.caseNumber')}</dt>
        <dd>
          <span class="case-number" id="case-number">
            {receipt.caseNumber}
          </span>
          <small>{t('receipt.caseNumber.hint')}</small>
        </dd>
        <dt>{t('receipt.village')}</dt>
        <dd>{names.village}</dd>
        <dt>{t('receipt.category')}</dt>
        <dd>{names.category}</dd>
        <dt>{t('receipt.subject')}</dt>
        <dd>
          <bdi>{receipt.subject}</bdi>
        </dd>
        <dt>{t('receipt.submittedAt')}</dt>
        <dd>
          <time datetime={receipt.submittedAt}>{formatTownTime(receipt.submittedAt, locale)}</time>
        </dd>
      </dl>
      <p id="receipt-next">
        {receipt.toDiscipline
          ? t('receipt.next.discipline')
          : receipt.keptFromVillage
            ? t('kept.receipt', { days: workflowSettings.acceptWithinWorkingDays })
            : t('receipt.next.village')}
      </p>
      {receipt.dueAt && (
        <p id="receipt-due">
          <AnswerDue dueAt={receipt.dueAt} categoryId={receipt.categoryId} toTown={!receipt.keptFromVillage && findCategory(receipt.categoryId)?.overdueToTown === true} />
        </p>
      )}
      {receipt.toDiscipline && <p id="sealed-who">{t(findCategory(receipt.categoryId)?.retaliation ? 'sealed.who.retaliation' : 'sealed.who')}</p>}
      {receipt.linkedTo && <p id="receipt-linked">{t('link.receipt', { number: receipt.linkedTo })}</p>}
      {receipt.photos > 0 && <p id="receipt-photos">{t('photos.receipt', { n: receipt.photos })}</p>}
    </>
  );
}

export function ReceiptPage({ receipt }: { receipt: Receipt }) {
  const locale = useLocale();
  const t = translator(locale);
  const title = receipt.queryCode === null ? t('receipt.again.title') : t('receipt.title');
  return (
    <Layout path="/mailbox" title={title} scripts={['/scripts/mailbox.js', '/scripts/frame.js']}>
      <section class="receipt" aria-labelledby="receipt-title">
        <h1 id="receipt-title">{title}</h1>
        {receipt.queryCode !== null && <p class="lead">{t('receipt.lead')}</p>}
        <ReceiptDetails receipt={receipt} />
        {receipt.queryCode !== null && (
          // Without JavaScript it leaves for a fresh form (a GET: reloading it re-sends nothing);
          // the script also clears the code from the page and the draft from this tab first.
          <form method="get" action={localePath(locale, '/mailbox')} class="code-saved screen-only" id="code-saved-form">
            <p class="hint">{t('receipt.saved.hint')}</p>
            <button type="submit" class="button primary" id="code-saved">
              {t('receipt.saved')}
            </button>
          </form>
        )}
        {receipt.queryCode ? <TrackCaseForm code={receipt.queryCode} /> : <TrackButton />}
      </section>
    </Layout>
  );
}

/**
 * The way on to the case under a code shown once: a POST of the code the page already holds to the
 * query page, so the code never enters an address (the query page does not write it back). With
 * JavaScript the mailbox script sends it in the background and keeps the receipt to come Back to.
 */
export function TrackCaseForm({ code }: { code: string }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <form method="post" action={localePath(locale, '/track')} class="screen-only" id="track-case-form" autocomplete="off" {...proofAttrs(locale, 'track', 'clientId')}>
      <input type="hidden" name="clientId" value={newClientId()} />
      <input type="hidden" name="code" value={formatQueryCode(code)} />
      <p class="hint" id="hint-track-case">
        {t('receipt.track.hint')}
      </p>
      <button type="submit" class="button" aria-describedby="hint-track-case">
        {t('receipt.track')}
      </button>
    </form>
  );
}

/** The way on to the query page, under a code shown once. */
export function TrackButton() {
  const locale = useLocale();
  return (
    <p>
      <a class="button" href={localePath(locale, '/track')}>
        {translator(locale)('receipt.track')}
      </a>
    </p>
  );
}

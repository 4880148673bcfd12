/** Recording a letter, call or visit as a case, and the receipt slip to hand to the resident. */
import { useLocale } from '../../http/locale.ts';
import { town } from '../../../content/index.ts';
import { canRecordCategory, canRecordFor } from '../../cases/access.ts';
import type { SubmissionDraft } from '../../cases/submission.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { Receipt } from '../../services/mailbox.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { ErrorSummary, Field } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { SubmissionFields, type IntakeChoices } from '../mailbox.tsx';
import { ReceiptDetails } from '../receipt.tsx';
import { Csrf, StaffFrame } from './frame.tsx';
import { QueryPageQrCode, queryPageAddress } from './query-page.tsx';

export const INTAKE_CHANNELS = ['mailbox', 'phone', 'visit'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export interface IntakePageProps {
  session: StaffSession;
  draft: SubmissionDraft & { channel?: string; card?: string };
  errors: FieldError[];
  notice?: string;
}

/** The villages and categories this staff member may record a case for: never one the worker would refuse. */
function intakeChoices(session: StaffSession): IntakeChoices {
  return {
    villageIds: town.villages.filter((v) => canRecordFor(session, v.id)).map((v) => v.id),
    categoryIds: town.categories.filter((c) => canRecordCategory(session, c.route)).map((c) => c.id),
  };
}

export function IntakePage({ session, draft, errors, notice }: IntakePageProps) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path="/staff/cases/new" title={t('staff.new.title')} session={session}>
      <h1>{t('staff.new.title')}</h1>
      <p class="lead">{t('staff.new.lead')}</p>
      {notice && (
        <p class="notice notice-error" role="alert">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors.filter((e) => e.field !== 'submissionId')} />
      <form method="post" action={localePath(locale, '/staff/cases/new')} class="mailbox-form">
        <Csrf session={session} />
        <input type="hidden" name="submissionId" value={draft.submissionId} />
        <Field control="select" name="channel" label={t('staff.new.channel')} errors={errors} required>
          {INTAKE_CHANNELS.map((channel) => (
            <option value={channel} selected={draft.channel === channel}>
              {t(`staff.channel.${channel}`)}
            </option>
          ))}
        </Field>
        <Field
          name="card"
          label={t('cards.field')}
          hint={t('cards.field.hint')}
          errors={errors}
          type="text"
          value={draft.card ?? ''}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxlength={20}
        />
        <SubmissionFields draft={draft} errors={errors} intake={intakeChoices(session)} />
        <button type="submit" class="button primary">
          {t('staff.new.submit')}
        </button>
      </form>
    </StaffFrame>
  );
}

/**
 * The slip: the only page a staff member ever sees a query code on, shown once, made to print.
 * On paper it gives the query page's full address and a QR code of that address; for a call, the
 * screen tells the officer to read the code and the address out instead.
 */
export function SlipPage({ session, receipt, channel }: { session: StaffSession; receipt: Receipt; channel: IntakeChannel }) {
  const locale = useLocale();
  const t = translator(locale);
  const address = queryPageAddress(locale);
  return (
    <StaffFrame path="/staff/cases/new" title={t('staff.slip.title')} session={session}>
      <section class="receipt slip" aria-labelledby="slip-title">
        <h1 id="slip-title">{t('staff.slip.title')}</h1>
        <p class="notice notice-warning screen-only" id="slip-lead">
          {t(receipt.withoutCode ? 'slip.noCode.lead' : channel === 'phone' ? 'staff.slip.lead.phone' : 'staff.slip.lead')}
        </p>
        <ReceiptDetails receipt={receipt} />
        <div class="slip-where">
          <QueryPageQrCode lang={locale} class="slip-qr" />
          <p>
            {t('staff.slip.howTo')}
            <br />
            <strong class="slip-address" id="slip-address" lang="en">
              {address}
            </strong>
          </p>
        </div>
        {receipt.claimCode && <p id="claim-slip">{t(receipt.cardNumber ? 'cards.slip.claim' : 'claim.slip')}</p>}
        <p class="screen-only">
          <a class="button" href={localePath(locale, `/staff/cases/${receipt.caseNumber}`)}>
            {t('staff.slip.open')}
          </a>
        </p>
      </section>
    </StaffFrame>
  );
}

/**
 * "This is for the county" on a committee case's page: the form that records the case was sent up
 * (and destroys the town's copy), or, once it was, only the fact, the day and the channel.
 */
import { useLocale } from '../../http/locale.ts';
import { formatTownDate } from '../../../core/clock.ts';
import { SEND_UP_CHANNELS, SEND_UP_REASONS, maySendUp } from '../../cases/sendup.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { OpenedCase } from '../../services/handling.ts';
import type { SendUpRow } from '../../services/sendup.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { ChoiceField, FieldErrorLine, invalidAttrs } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { Csrf } from './frame.tsx';

export function SendUpSection({ session, opened, sentUp, errors = [] }: { session: StaffSession; opened: OpenedCase; sentUp?: SendUpRow | null; errors?: FieldError[] }) {
  const locale = useLocale();
  const t = translator(locale);
  const { row } = opened;
  if (sentUp) {
    return (
      <p class="notice notice-warning" id="case-sent-up">
        {t('sendup.done', {
          day: formatTownDate(sentUp.sent_on, locale),
          channel: t(`sendup.channel.${sentUp.channel as 'in_person'}`),
          reason: t(`sendup.reason.${sentUp.reason as 'county'}`),
        })}
      </p>
    );
  }
  if (!maySendUp(session, { discipline: row.discipline === 1, status: row.status })) return null;
  return (
    <section aria-labelledby="sendup-title" class="sendup">
      <details open={errors.length > 0}>
        <summary>
          <h2 id="sendup-title">{t('sendup.title')}</h2>
        </summary>
        <p class="hint">{t('sendup.lead')}</p>
        <form method="post" action={localePath(locale, `/staff/cases/${row.case_number}/send-up`)} id="sendup-form" novalidate>
          <Csrf session={session} />
          <ChoiceField
            name="reason"
            legend={t('sendup.reason')}
            choices={SEND_UP_REASONS.map((reason) => ({ value: reason, label: t(`sendup.reason.${reason}`) }))}
            required
            errors={errors}
            box={{ id: 'field-sendup-reason' }}
          />
          <ChoiceField
            name="channel"
            legend={t('sendup.channel')}
            choices={SEND_UP_CHANNELS.map((channel) => ({ value: channel, label: t(`sendup.channel.${channel}`) }))}
            required
            errors={errors}
            box={{ id: 'field-sendup-channel' }}
          />
          <div class="field" id="field-sendup-confirm" {...invalidAttrs(errors, 'confirmSent')}>
            <label class="choice">
              <input type="checkbox" name="confirmSent" value="yes" required />
              <span>{t('sendup.confirm')}</span>
            </label>
            <FieldErrorLine errors={errors} field="confirmSent" />
          </div>
          <button type="submit" class="button danger">
            {t('sendup.submit')}
          </button>
        </form>
      </details>
    </section>
  );
}

/** The outcome section of a closed case: publish it (checked for personal data), see it, withdraw it. */
import { useLocale } from '../../http/locale.ts';
import { OUTCOME_FIELDS, OUTCOME_TEXT_MAX, resultOf, type FieldFinding, type OutcomeText } from '../../cases/outcome.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { OpenedCase } from '../../services/handling.ts';
import { mayPublish } from '../../cases/access.ts';
import { isRetaliation } from '../../cases/submission.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { Field, invalidAttrs } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { ConfirmPersonalData, PersonalDataFindings } from '../personal-data.tsx';
import { Csrf } from './frame.tsx';

export interface OutcomeFormState {
  draft: Partial<OutcomeText>;
  errors: FieldError[];
  findings: FieldFinding[];
  confirmation: string;
}

export function OutcomeSection({ session, opened, form }: { session: StaffSession; opened: OpenedCase; form?: OutcomeFormState }) {
  const locale = useLocale();
  const t = translator(locale);
  const { row, outcome } = opened;
  const result = resultOf(row.status);
  if (!result || !mayPublish(session, row.discipline === 1)) return null;
  // An outcome published before a reopen tells of the earlier closing: staff publish the new one over it.
  const published = outcome && !outcome.withdrawn_at && !outcome.reopened_on;
  if (isRetaliation(row.category_id) && !(outcome && !outcome.withdrawn_at)) {
    return (
      <section aria-labelledby="outcome-title" class="outcome-publish" id="outcome">
        <h2 id="outcome-title">{t('outcomes.staff.title')}</h2>
        <p class="notice" id="outcome-retaliation">
          {t('outcomes.staff.retaliation')}
        </p>
      </section>
    );
  }
  if (row.kept_from_village !== null && !(outcome && !outcome.withdrawn_at)) {
    return (
      <section aria-labelledby="outcome-title" class="outcome-publish" id="outcome">
        <h2 id="outcome-title">{t('outcomes.staff.title')}</h2>
        <p class="notice" id="outcome-kept">
          {t('kept.outcome')}
        </p>
      </section>
    );
  }
  const withdraw = (
    <form method="post" action={localePath(locale, `/staff/cases/${row.case_number}/outcome/withdraw`)}>
      <Csrf session={session} />
      <button type="submit" class="button">
        {t('outcomes.staff.withdraw')}
      </button>
    </form>
  );
  const draft = form?.draft ?? (outcome ? { problem: outcome.problem, action: outcome.action, outcome: outcome.outcome_text } : {});
  const errors = form?.errors ?? [];
  return (
    <section aria-labelledby="outcome-title" class="outcome-publish" id="outcome">
      <h2 id="outcome-title">{t('outcomes.staff.title')}</h2>
      {published ? (
        <>
          <p class="notice notice-ok">
            {t('outcomes.staff.published')} <a href={localePath(locale, `/outcomes/${row.case_number}`)}>{t('outcomes.staff.view')}</a>
          </p>
          {withdraw}
        </>
      ) : (
        <>
          {outcome && !outcome.withdrawn_at && (
            <>
              <p class="notice notice-warning" id="outcome-superseded">
                {t('outcomes.staff.superseded')} <a href={localePath(locale, `/outcomes/${row.case_number}`)}>{t('outcomes.staff.view')}</a>
              </p>
              {withdraw}
            </>
          )}
          <p class="hint">{t('outcomes.staff.lead')}</p>
          {/* A committee notice gives the committee's own result and no rating: the member is told so, not to wait for one. */}
          {row.discipline === 1 ? (
            (result === 'concluded' || result === 'transferred') && (
              <p class="hint" id="outcome-result-hint">
                {t('outcomes.staff.committee', { result: t(`outcomes.result.${result}`) })}
              </p>
            )
          ) : (
            <p class="hint" id="outcome-rating-hint">{t('outcomes.staff.rating')}</p>
          )}
          <PersonalDataFindings check={form} texts={draft} label={(f) => t(`outcomes.${f}`)} fieldId={(f) => `outcome-${f}`} />
          <form
            method="post"
            action={localePath(locale, `/staff/cases/${row.case_number}/outcome`)}
            data-contact-check={opened.sealedKey ? t('sealed.outcome.contact') : undefined}
          >
            <Csrf session={session} />
            {OUTCOME_FIELDS.map((field) => (
              <Field
                control="textarea"
                name={field}
                id={`outcome-${field}`}
                label={t(`outcomes.${field}`)}
                hint={field === 'problem' ? t('outcomes.staff.problem.hint') : undefined}
                errors={errors}
                value={draft[field] ?? ''}
                rows={3}
                required
                maxlength={OUTCOME_TEXT_MAX}
                // A personal-data finding listed above the form marks its field too.
                {...invalidAttrs([...errors, ...(form?.findings ?? []).map((f) => ({ field: f.field, key: 'outcomes.staff.found' as const }))], field)}
              />
            ))}
            <ConfirmPersonalData check={form} />
            <button type="submit" class="button primary">
              {t('outcomes.staff.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

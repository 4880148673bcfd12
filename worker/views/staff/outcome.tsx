/** The outcome section of a closed case: publish it (checked for personal data), see it, withdraw it. */
import type { Locale } from '../../../content/index.ts';
import { OUTCOME_FIELDS, OUTCOME_TEXT_MAX, resultOf, type FieldFinding, type OutcomeText } from '../../cases/outcome.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { OpenedCase } from '../../services/handling.ts';
import { mayPublish } from '../../services/outcomes.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { FieldErrorLine, invalidAttrs } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { Csrf } from './frame.tsx';

export interface OutcomeFormState {
  draft: Partial<OutcomeText>;
  errors: FieldError[];
  findings: FieldFinding[];
}

/** Where a finding starts, counted in characters (as a person counts), from 1. */
const position = (text: string, start: number) => [...text.slice(0, start)].length + 1;

export function OutcomeSection({ locale, session, opened, form }: { locale: Locale; session: StaffSession; opened: OpenedCase; form?: OutcomeFormState }) {
  const t = translator(locale);
  const { row, outcome } = opened;
  if (!resultOf(row.status) || !mayPublish(session, row.discipline === 1)) return null;
  const published = outcome && !outcome.withdrawn_at;
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
          <form method="post" action={localePath(locale, `/staff/cases/${row.case_number}/outcome/withdraw`)}>
            <Csrf session={session} />
            <button type="submit" class="button">
              {t('outcomes.staff.withdraw')}
            </button>
          </form>
        </>
      ) : (
        <>
          <p class="hint">{t('outcomes.staff.lead')}</p>
          {form && form.findings.length > 0 && (
            <div class="error-summary" role="alert" id="pii-findings">
              <p>{t('outcomes.staff.found')}</p>
              <ul>
                {form.findings.map((f) => (
                  <li>
                    <a href={`#outcome-${f.field}`}>
                      {t('outcomes.staff.finding', {
                        field: t(`outcomes.${f.field}`),
                        position: position(draft[f.field] ?? '', f.start),
                        kind: t(`outcomes.pii.${f.kind}`),
                        text: f.text,
                      })}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <form
            method="post"
            action={localePath(locale, `/staff/cases/${row.case_number}/outcome`)}
            data-contact-check={opened.sealedKey ? t('sealed.outcome.contact') : undefined}
          >
            <Csrf session={session} />
            {OUTCOME_FIELDS.map((field) => (
              <div class="field" id={`field-${field}`}>
                <label for={`outcome-${field}`}>{t(`outcomes.${field}`)}</label>
                {field === 'problem' && <p class="hint">{t('outcomes.staff.problem.hint')}</p>}
                <textarea
                  id={`outcome-${field}`}
                  name={field}
                  rows={3}
                  required
                  maxlength={OUTCOME_TEXT_MAX}
                  {...invalidAttrs([...errors, ...(form?.findings ?? []).map((f) => ({ field: f.field, key: 'outcomes.staff.found' as const }))], field)}
                >
                  {draft[field] ?? ''}
                </textarea>
                <FieldErrorLine locale={locale} errors={errors} field={field} />
              </div>
            ))}
            <button type="submit" class="button primary">
              {t('outcomes.staff.submit')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

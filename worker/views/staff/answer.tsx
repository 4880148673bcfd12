/**
 * On the case page of a question about a disclosure: which disclosure it asks about (a link to its
 * public page), the answers already published under it, and the form that publishes the answer
 * as a dated addendum (答复/补充说明) — public text written for the public, not the resident's
 * words. A correction of the disclosure itself is made through the console's review.
 */
import { useLocale } from '../../http/locale.ts';
import { formatTownDate } from '../../../core/clock.ts';
import type { FieldError } from '../../cases/validation.ts';
import { ANSWER_MAX, disclosurePath, disclosureTitle } from '../../publishing/disclosure.ts';
import type { CaseQuestion } from '../../services/disclosure-answers.ts';
import { ErrorSummary, Field, FieldErrorLine } from '../fields.tsx';
import type { StaffSession } from '../../services/staff-auth.ts';
import { localePath, translator } from '../layout.tsx';
import { Csrf } from './frame.tsx';

/** What the form held when it was refused, to show it again. */
export interface AnswerValues {
  answer: string;
  answerEn: string;
  resolve: boolean;
}

export function AnswerSection({ session, caseNumber, question, errors = [], values }: { session: StaffSession; caseNumber: string; question: CaseQuestion; errors?: FieldError[]; values?: AnswerValues }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <section aria-labelledby="answer-title" id="answer">
      <h2 id="answer-title">{t('disclosure.answer.title')}</h2>
      <p>
        {t('disclosure.answer.about')}
        <a href={localePath(locale, disclosurePath(question.disclosure))}>{disclosureTitle(question.disclosure, locale)}</a>
      </p>
      {question.addenda.length > 0 && (
        <ul class="addenda-published">
          {question.addenda.map((a) => (
            <li>
              <time datetime={a.published_on}>{formatTownDate(a.published_on, locale)}</time> {a.text_zh}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">{t('disclosure.answer.lead')}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={localePath(locale, `/staff/cases/${caseNumber}/answer`)}>
        <Csrf session={session} />
        <Field control="textarea" name="answer" id="answer-zh" label={t('disclosure.answer.text')} hint={t('disclosure.answer.hint', { max: ANSWER_MAX })} errors={errors} rows={4} maxlength={ANSWER_MAX} required value={values?.answer} />
        <Field control="textarea" name="answerEn" id="answer-en" label={t('disclosure.answer.textEn')} errors={errors} rows={3} maxlength={ANSWER_MAX} value={values?.answerEn} />
        <div class="field" id="field-resolve">
          <label class="checkbox">
            <input type="checkbox" name="resolve" value="1" id="answer-resolve" checked={values?.resolve ?? true} aria-describedby="hint-answer-resolve" /> {t('disclosure.answer.resolve')}
          </label>
          <p class="hint" id="hint-answer-resolve">
            {t('disclosure.answer.resolveHint')}
          </p>
          <FieldErrorLine errors={errors} field="resolve" />
        </div>
        <button type="submit" class="button">
          {t('disclosure.answer.submit')}
        </button>
      </form>
    </section>
  );
}

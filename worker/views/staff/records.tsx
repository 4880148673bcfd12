/** The liaison station performance record form: the list, one entry with its review, the new-entry form, the printed form. */
import { useLocale } from '../../http/locale.ts';
import { findVillage, town, type Locale } from '../../../content/index.ts';
import { formatTownTime } from '../../../core/clock.ts';
import { CASE_ACTIONS, ENTRY_LIMITS, FOCUSES, canReview, canWriteEntries, type EntryDraft } from '../../cases/record-form.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { EntryView } from '../../services/records.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { ChoiceField, ErrorSummary, Field, VillageOptions, WithUserText } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { Csrf, StaffFrame } from './frame.tsx';
import { Sealed } from './sealed.tsx';

const villageName = (id: string, locale: Locale) => findVillage(id)?.name[locale] ?? id;

export interface RecordsFilter {
  month?: string;
  village?: string;
}

const query = (f: RecordsFilter) => {
  const q = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return q ? `?${q}` : '';
};

/** What the entry says about its discipline case, as far as the viewer may know. */
function LinkedCase({ entry }: { entry: EntryView }) {
  const locale = useLocale();
  const t = translator(locale);
  const linked = entry.linkedCase;
  if (!linked) return null;
  if (linked.number === null) return <span class="restricted">{t('records.case.hidden')}</span>;
  if (linked.readable) return <a href={localePath(locale, `/staff/cases/${linked.number}`)}>{t('records.case.open', { number: linked.number })}</a>;
  return <span class="restricted">{t('records.case.restricted', { number: linked.number })}</span>;
}

function ReviewState({ entry }: { entry: EntryView }) {
  const locale = useLocale();
  const t = translator(locale);
  const { review } = entry;
  if (!review) return <span class="flag flag-awaiting_acceptance">{t('records.unreviewed')}</span>;
  return (
    <>
      <span class="flag">
        <WithUserText sentence={(name) => t('records.reviewed', { name, date: formatTownTime(review.at, locale) })} text={review.by} />
      </span>
      {review.comment && (
        <span class="review-comment">
          {' '}
          <WithUserText sentence={(comment) => t('records.reviewComment', { comment })} text={review.comment} />
        </span>
      )}
    </>
  );
}

function Filter({ session, filter }: { session: StaffSession; filter: RecordsFilter }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <form method="get" action={localePath(locale, '/staff/records')} class="filter-form screen-only">
      <label for="month">{t('records.filter.month')}</label>
      <input id="month" name="month" type="month" value={filter.month ?? ''} placeholder="2026-11" aria-describedby="month-hint" />
      <span class="hint muted" id="month-hint">
        {t('records.filter.month.hint')}
      </span>
      {session.role !== 'liaison' && (
        <>
          <label for="village">{t('records.filter.village')}</label>
          <select id="village" name="village">
            <VillageOptions selected={filter.village} empty={t('records.filter.allVillages')} />
          </select>
        </>
      )}
      <button type="submit" class="button">
        {t('records.filter.apply')}
      </button>
    </form>
  );
}

export interface RecordsPageProps {
  session: StaffSession;
  entries: EntryView[];
  filter: RecordsFilter;
}

/** Every entry the viewer may read, oldest first per village, with the filter and the way to print. */
export function RecordsPage({ session, entries, filter }: RecordsPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path="/staff/records" title={t('records.title')} session={session}>
      <h1>{t('records.title')}</h1>
      <p class="lead">{t(session.role === 'discipline' ? 'records.lead.discipline' : 'records.lead')}</p>
      <p class="actions">
        {canWriteEntries(session) && (
          <a class="button primary" href={localePath(locale, '/staff/records/new')} id="new-entry">
            {t('records.new')}
          </a>
        )}{' '}
        <a class="button" href={localePath(locale, `/staff/records/print${query(filter)}`)} id="print-link">
          {t('records.print')}
        </a>
      </p>
      <Filter session={session} filter={filter} />
      {entries.length === 0 ? (
        <p id="records-empty">{t('records.empty')}</p>
      ) : (
        <ul class="queue" id="records">
          {entries.map((e) => (
            <li class="queue-item" data-entry={String(e.id)} data-case-key={e.sealedKey ?? undefined}>
              <p class="queue-head">
                <a href={localePath(locale, `/staff/records/${e.id}`)}>
                  <time datetime={e.date}>{e.date}</time> · <Sealed text={e.matter} fallback={t('staff.restricted')} />
                </a>{' '}
                <ReviewState entry={e} />
              </p>
              <p class="queue-meta muted">
                {villageName(e.villageId, locale)} · {t(`village.focus.${e.focus}`)} · {t('records.col.reported')}：{t(e.reported ? 'records.yes' : 'records.no')}
              </p>
              {e.linkedCase && (
                <p class="queue-meta">
                  <LinkedCase entry={e} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </StaffFrame>
  );
}

export interface EntryPageProps {
  session: StaffSession;
  entry: EntryView;
  notice?: string;
  reviewErrors?: FieldError[];
  reviewDraft?: string;
}

/** One entry in full; the admin's review form under it. */
export function EntryPage({ session, entry, notice, reviewErrors = [], reviewDraft }: EntryPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const title = t('records.entry.title', { date: entry.date });
  return (
    <StaffFrame path={`/staff/records/${entry.id}`} title={title} session={session}>
      <p>
        <a href={localePath(locale, '/staff/records')}>{t('records.entry.back')}</a>
      </p>
      <h1>{title}</h1>
      {notice && (
        <p class="notice notice-ok" role="status" id="staff-notice">
          {notice}
        </p>
      )}
      <dl class="facts" id="entry" data-case-key={entry.sealedKey ?? undefined}>
        <dt>{t('records.col.village')}</dt>
        <dd>{villageName(entry.villageId, locale)}</dd>
        <dt>{t('records.col.focus')}</dt>
        <dd>{t(`village.focus.${entry.focus}`)}</dd>
        <dt>{t('records.col.matter')}</dt>
        <dd id="entry-matter">
          <Sealed text={entry.matter} fallback={t('staff.restricted')} />
        </dd>
        <dt>{t('records.col.findings')}</dt>
        <dd class="prewrap">
          <Sealed text={entry.findings} />
        </dd>
        <dt>{t('records.col.actions')}</dt>
        <dd class="prewrap">
          <Sealed text={entry.actions} />
        </dd>
        <dt>{t('records.col.reported')}</dt>
        <dd>{t(entry.reported ? 'records.yes' : 'records.no')}</dd>
        {entry.linkedCase && (
          <>
            <dt>{t('records.col.case')}</dt>
            <dd id="entry-case">
              <LinkedCase entry={entry} />
            </dd>
          </>
        )}
        <dt>{t('records.col.followUp')}</dt>
        <dd class="prewrap">
          <Sealed text={entry.followUp} />
        </dd>
        <dt>{t('records.col.officer')}</dt>
        <dd>{entry.officerName}</dd>
        <dt>{t('records.col.review')}</dt>
        <dd id="entry-review">
          <ReviewState entry={entry} />
        </dd>
      </dl>
      {canReview(session) && (
        <section aria-labelledby="review-title" class="screen-only">
          <h2 id="review-title">{t('records.review.title')}</h2>
          <ErrorSummary errors={reviewErrors} />
          <form method="post" action={localePath(locale, `/staff/records/${entry.id}/review`)} class="narrow-form">
            <Csrf session={session} />
            <Field
              control="textarea"
              name="comment"
              label={t('records.review.comment')}
              errors={reviewErrors}
              value={reviewDraft ?? entry.review?.comment ?? ''}
              rows={3}
              maxlength={ENTRY_LIMITS.commentMax}
            />
            <button type="submit" class="button primary">
              {t('records.review.submit')}
            </button>
          </form>
        </section>
      )}
    </StaffFrame>
  );
}

export interface EntryFormPageProps {
  session: StaffSession;
  draft: EntryDraft;
  errors: FieldError[];
  notice?: string;
}

/** The form a liaison officer fills in for one act of supervision; works without JavaScript. */
export function EntryFormPage({ session, draft, errors, notice }: EntryFormPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const caseAction = draft.caseAction || 'none';
  return (
    <StaffFrame path="/staff/records/new" title={t('records.form.title')} session={session}>
      <p>
        <a href={localePath(locale, '/staff/records')}>{t('records.entry.back')}</a>
      </p>
      <h1>{t('records.form.title')}</h1>
      <p class="lead">{t('records.form.lead')}</p>
      {notice && (
        <p class="notice notice-error" role="alert" id="staff-error">
          {notice}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <form method="post" action={localePath(locale, '/staff/records')} class="mailbox-form" id="entry-form">
        <Csrf session={session} />
        <input type="hidden" name="entryId" value={draft.entryId} />
        <Field name="date" label={t('records.form.date')} hint={t('records.form.date.hint')} errors={errors} type="date" value={draft.date ?? ''} required />
        <ChoiceField
          name="focus"
          legend={t('records.form.focus')}
          errors={errors}
          required
          checked={(f) => draft.focus === f}
          choices={FOCUSES.map((f) => ({
            value: f,
            label: (
              <>
                <strong>{t(`village.focus.${f}`)}</strong>
                <small>{t(`village.focus.${f}.text`)}</small>
              </>
            ),
          }))}
        />
        <Field
          name="matter"
          label={t('records.form.matter')}
          hint={t('records.form.matter.hint', { max: ENTRY_LIMITS.matterMax })}
          errors={errors}
          type="text"
          value={draft.matter ?? ''}
          required
          maxlength={ENTRY_LIMITS.matterMax}
        />
        <Field control="textarea" name="findings" label={t('records.form.findings')} errors={errors} value={draft.findings ?? ''} rows={4} maxlength={ENTRY_LIMITS.textMax} required />
        <Field control="textarea" name="actions" label={t('records.form.actions')} errors={errors} value={draft.actions ?? ''} rows={4} maxlength={ENTRY_LIMITS.textMax} required />
        <div class="field" id="field-reported">
          <label class="choice">
            <input type="checkbox" id="reported" name="reported" value="yes" checked={Boolean(draft.reported)} aria-describedby="hint-reported" />
            <span>{t('records.form.reported')}</span>
          </label>
          <p class="hint" id="hint-reported">
            {t('records.form.reported.hint')}
          </p>
        </div>
        <ChoiceField
          name="caseAction"
          legend={t('records.form.case')}
          errors={errors}
          checked={(a) => caseAction === a}
          choices={CASE_ACTIONS.map((a) => ({ value: a, label: t(`records.form.case.${a}`) }))}
        />
        <Field
          name="caseNumber"
          label={t('records.form.caseNumber')}
          hint={t('records.form.caseNumber.hint')}
          errors={errors}
          type="text"
          value={draft.caseNumber ?? ''}
          autocomplete="off"
        />
        <Field control="textarea" name="followUp" label={t('records.form.followUp')} errors={errors} value={draft.followUp ?? ''} rows={3} maxlength={ENTRY_LIMITS.textMax} />
        <button type="submit" class="button primary">
          {t('records.form.submit')}
        </button>
      </form>
    </StaffFrame>
  );
}

export interface PrintPageProps {
  session: StaffSession;
  entries: EntryView[];
  filter: RecordsFilter;
  printedAt: string;
}

/** The paper form: one sheet per village, its entries as rows, signature lines at the foot. */
export function PrintPage({ session, entries, filter, printedAt }: PrintPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const villages = town.villages.filter((v) => entries.some((e) => e.villageId === v.id));
  return (
    <StaffFrame path="/staff/records/print" title={t('records.print')} session={session}>
      <p class="screen-only">
        <a href={localePath(locale, `/staff/records${query(filter)}`)}>{t('records.entry.back')}</a>
      </p>
      <p class="notice screen-only">{t('records.print.howTo')}</p>
      {villages.length === 0 && <p id="records-empty">{t('records.empty')}</p>}
      {villages.map((v) => (
        <section class="record-sheet" aria-labelledby={`sheet-${v.id}`} data-village={v.id}>
          <h1 id={`sheet-${v.id}`}>{t('records.print.title', { village: v.name[locale] })}</h1>
          <p>{t('records.print.period', { period: filter.month ?? t('records.print.allDates') })}</p>
          <div class="table-scroll">
            <table class="data-table record-table">
              <thead>
                <tr>
                  <th scope="col">{t('records.print.number')}</th>
                  <th scope="col">{t('records.col.date')}</th>
                  <th scope="col">{t('records.col.focus')}</th>
                  <th scope="col">{t('records.col.matter')}</th>
                  <th scope="col">{t('records.col.findings')}</th>
                  <th scope="col">{t('records.col.actions')}</th>
                  <th scope="col">{t('records.col.reported')}</th>
                  <th scope="col">{t('records.col.followUp')}</th>
                  <th scope="col">{t('records.col.officer')}</th>
                  <th scope="col">{t('records.col.review')}</th>
                </tr>
              </thead>
              <tbody>
                {entries
                  .filter((e) => e.villageId === v.id)
                  .map((e, i) => (
                    <tr data-entry={String(e.id)} data-case-key={e.sealedKey ?? undefined}>
                      <td>{i + 1}</td>
                      <td class="record-date">{e.date}</td>
                      <td class="record-focus">{t(`records.focus.short.${e.focus}`)}</td>
                      <td>
                        <Sealed text={e.matter} fallback={t('staff.restricted')} />
                      </td>
                      <td class="prewrap">
                        <Sealed text={e.findings} />
                      </td>
                      <td class="prewrap">
                        <Sealed text={e.actions} />
                      </td>
                      <td>
                        {t(e.reported ? 'records.yes' : 'records.no')}
                        {e.linkedCase && (
                          <>
                            <br />
                            <LinkedCase entry={e} />
                          </>
                        )}
                      </td>
                      <td class="prewrap">
                        <Sealed text={e.followUp} />
                      </td>
                      <td>{e.officerName}</td>
                      <td>
                        <ReviewState entry={e} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <p class="signatures">
            <span>{t('records.print.officerSign')}</span>
            <span>{t('records.print.reviewerSign')}</span>
          </p>
          <p class="muted">{t('records.print.printedAt', { date: formatTownTime(printedAt, locale) })}</p>
        </section>
      ))}
    </StaffFrame>
  );
}

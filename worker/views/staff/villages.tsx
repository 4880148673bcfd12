/**
 * 本村公开 in the console: each village's desk (what is due and overdue by kind, its disclosures),
 * the drafting form (paste rows from Excel or WPS, upload a CSV, or type them; errors beside the
 * table and line they are about), and a disclosure's page (the public page as it will look, review,
 * correction, withdrawal, history). Everything works without JavaScript.
 */
import { findVillage, type Locale } from '../../../content/index.ts';
import { formatTownDate } from '../../../core/clock.ts';
import type { KindSchedule } from '../../../core/disclosure-cadence.ts';
import { formatPeriodLabel as periodLabel } from '../../../core/disclosure-format.ts';
import type { Disclosure } from '../../../content/schemas.ts';
import { DisclosureArticle } from '../disclosures.tsx';
import { TABLES, asFieldError, type DisclosureMeta, type DraftedKind, type RowError, type TableShape } from '../../publishing/disclosure-rows.ts';
import { photoExtension } from '../../publishing/attachment.ts';
import type { VersionRow } from '../../services/publishing.ts';
import { PHOTO_SCRIPT, PhotoField, img } from '../photos.tsx';
import { photoLimits } from '../../photos/accept.ts';
import { formatBytes } from '../documents.tsx';
import type { UiKey } from '../../../content/translate.ts';
import type { Desk, DeskDocument } from '../../services/village-desk.ts';
import type { Findings } from '../../services/publishing.ts';
import { ConfirmPersonalData, PersonalDataFindings } from '../personal-data.tsx';
import { plainTextOf } from '../../publishing/markdown.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { useLocale } from '../../http/locale.ts';
import { localePath, translator } from '../layout.tsx';
import { Csrf, Notices, StaffFrame } from './frame.tsx';
import { History, ReviewComments } from './publishing.tsx';

export const DESK_BASE = '/staff/villages';

const villageName = (id: string, locale: Locale) => findVillage(id)?.name[locale] ?? id;
/** One village's schedule: each kind, its cadence, the latest published, what is overdue, what is next. */
function Schedule({ desk }: { desk: Desk }) {
  const locale = useLocale();
  const t = translator(locale);
  const start = (kind: string, period?: string) =>
    desk.mayDraft ? (
      <a class="button" href={localePath(locale, `${DESK_BASE}/${desk.village}/new?kind=${kind}${period ? `&period=${period}` : ''}`)} data-start={`${kind}${period ? ` ${period}` : ''}`}>
        {t('desk.start', { period: period ? periodLabel(period, locale) : '' })}
      </a>
    ) : null;
  return (
    <table class="data-table desk-schedule" id={`schedule-${desk.village}`}>
      <thead>
        <tr>
          <th scope="col">{t('disclosure.kind')}</th>
          <th scope="col">{t('desk.schedule.cadence')}</th>
          <th scope="col">{t('desk.schedule.latest')}</th>
          <th scope="col">{t('desk.schedule.overdue')}</th>
          <th scope="col">{t('desk.schedule.next')}</th>
        </tr>
      </thead>
      <tbody>
        {desk.schedule.map((k: KindSchedule) => (
          <tr data-kind={k.kind} data-overdue={k.overdue.map((o) => o.period).join(' ') || undefined}>
            <th scope="row">{t(`disclosures.kind.${k.kind}`)}</th>
            <td>{t(`desk.cadence.${k.cadence}`)}</td>
            <td>{k.latest ? t('desk.schedule.latestItem', { period: periodLabel(k.latest.period, locale), date: k.latest.published }) : '—'}</td>
            <td>
              {k.overdue.length === 0
                ? '—'
                : k.overdue.map((o) => (
                    <p class="flag flag-late">
                      {t('desk.schedule.overdueItem', { period: periodLabel(o.period, locale), due: o.due })} {start(k.kind, o.period)}
                    </p>
                  ))}
            </td>
            <td>
              {k.next ? (
                <>
                  {t('desk.schedule.nextItem', { period: periodLabel(k.next.period, locale), due: k.next.due })} {start(k.kind, k.next.period)}
                </>
              ) : k.cadence === 'event' ? (
                start(k.kind)
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const stateKey = (state: string, withdrawn: boolean) => `console.state.${withdrawn ? 'withdrawn' : state}` as 'console.state.draft';

/** The desks: one village's (its clerk and liaison officers), or every village's (the town). */
export function DesksPage({ session, desks, notice, path }: { session: StaffSession; desks: Desk[]; notice?: string; path: string }) {
  const locale = useLocale();
  const t = translator(locale);
  const one = desks.length === 1 ? desks[0]! : null;
  return (
    <StaffFrame path={path} title={one ? t('desk.title.village', { village: villageName(one.village, locale) }) : t('desk.title')} session={session}>
      <h1>{one ? t('desk.title.village', { village: villageName(one.village, locale) }) : t('desk.title')}</h1>
      <p class="lead">{t(one ? 'desk.lead.village' : 'desk.lead.town')}</p>
      <Notices notice={notice} />
      {desks.map((desk) => (
        <section class="desk" id={`desk-${desk.village}`} aria-labelledby={`desk-${desk.village}-title`}>
          <h2 id={`desk-${desk.village}-title`}>
            {one ? t('desk.schedule.title') : <a href={localePath(locale, `${DESK_BASE}/${desk.village}`)}>{villageName(desk.village, locale)}</a>}
          </h2>
          <Schedule desk={desk} />
          <h3>{t('desk.documents.title')}</h3>
          {desk.rows.length === 0 ? (
            <p class="muted">{t('desk.documents.empty')}</p>
          ) : (
            <table class="data-table" id={`documents-${desk.village}`}>
              <thead>
                <tr>
                  <th scope="col">{t('disclosure.kind')}</th>
                  <th scope="col">{t('disclosure.period')}</th>
                  <th scope="col">{t('console.list.state')}</th>
                  <th scope="col">{t('console.list.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {desk.rows.map((r) => (
                  <tr data-document={r.slug}>
                    <td>
                      <a href={localePath(locale, `${DESK_BASE}/${desk.village}/${r.id}`)}>{t(`disclosures.kind.${r.kind as DraftedKind}`)}</a>
                    </td>
                    <td>{periodLabel(r.period, locale)}</td>
                    <td>{t(stateKey(r.state, r.withdrawn))}</td>
                    <td>{formatTownDate(r.updated_at, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </StaffFrame>
  );
}

/** The form's values as sent (or as stored), to show it again. */
export interface DeskValues {
  kind: DraftedKind;
  period: string;
  summary: string;
  notes: string;
  /** A decision's text (Markdown). */
  body: string;
  /** Per table: the text of its rows, tab-separated. */
  tables: Record<string, string>;
}

/** The console's address of a file of a village's disclosure (its board photos, its PDF): not public while it is a draft's. */
export const deskFilePath = (village: string, id: number, sha: string, extension = 'pdf') => `${DESK_BASE}/${village}/${id}/files/${sha}.${extension}`;

/** The errors of one field or table, each beside it with its line. */
function RowErrors({ field, errors }: { field: string; errors: RowError[] }) {
  const locale = useLocale();
  const t = translator(locale);
  const mine = errors.filter((e) => e.field === field);
  if (mine.length === 0) return null;
  return (
    <ul class="field-errors row-errors" id={`errors-${field}`} role="list">
      {mine.map((e) => (
        <li class="error" data-line={e.line || undefined}>
          {t(e.key, { ...e.params, line: e.line })}
        </li>
      ))}
    </ul>
  );
}

/** A field of the form: its label, hint (`hint-<name>`), errors beside it, and its control. */
function DeskField({ name, label, hint = `${label}.hint` as UiKey, errors, children }: { name: string; label: UiKey; hint?: UiKey; errors: RowError[]; children: unknown }) {
  const t = translator(useLocale());
  return (
    <div class="field" id={`field-${name}`}>
      <label for={name}>{t(label)}</label>
      <p class="hint" id={`hint-${name}`}>
        {t(hint)}
      </p>
      <RowErrors field={name} errors={errors} />
      {children}
    </div>
  );
}

function TableField({ shape, value, errors }: { shape: TableShape; value: string; errors: RowError[] }) {
  const locale = useLocale();
  const t = translator(locale);
  const columns = shape.columns.map((c) => (locale === 'en' ? c.label.en ?? c.label['zh-CN'] : c.label['zh-CN'])).join(locale === 'en' ? ', ' : '、');
  const invalid = errors.some((e) => e.field === shape.name);
  return (
    <fieldset class="field desk-table" id={`field-${shape.name}`}>
      <legend>{locale === 'en' ? shape.caption.en : shape.caption['zh-CN']}</legend>
      <label for={shape.name}>{t('desk.form.rows', { columns })}</label>
      <p class="hint" id={`hint-${shape.name}`}>
        {t('desk.form.rows.hint')}
      </p>
      <RowErrors field={shape.name} errors={errors} />
      <textarea id={shape.name} name={shape.name} rows={8} aria-describedby={`hint-${shape.name}${invalid ? ` errors-${shape.name}` : ''}`} aria-invalid={invalid ? 'true' : undefined}>
        {value}
      </textarea>
      <label for={`${shape.name}_csv`}>{t('desk.form.csv')}</label>
      <input type="file" id={`${shape.name}_csv`} name={`${shape.name}_csv`} accept=".csv,text/csv" />
    </fieldset>
  );
}

/** The drafting form: kind, period, summary, each table's rows (paste, CSV or typed), notes. */
export function DraftPage({
  session,
  village,
  financeCadence,
  id,
  values,
  stored,
  errors = [],
  error,
  notice,
}: {
  session: StaffSession;
  village: string;
  financeCadence: 'monthly' | 'quarterly';
  id?: number;
  values: DeskValues;
  /** The version being changed: its board photos and PDF, each with a box to remove it. */
  stored?: VersionRow;
  errors?: RowError[];
  error?: string;
  notice?: string;
}) {
  const locale = useLocale();
  const t = translator(locale);
  const cadence = values.kind === 'finances' ? financeCadence : values.kind === 'projects' || values.kind === 'decisions' ? 'event' : 'quarterly';
  const photos = (stored?.meta as unknown as DisclosureMeta | undefined)?.photos ?? [];
  const action = id === undefined ? `${DESK_BASE}/${village}/new` : `${DESK_BASE}/${village}/${id}`;
  const title = t('desk.new.title', { village: villageName(village, locale), kind: t(`disclosures.kind.${values.kind}`) });
  return (
    <StaffFrame path={action} title={title} session={session} scripts={[PHOTO_SCRIPT]}>
      <p>
        <a href={localePath(locale, `${DESK_BASE}/${village}`)}>{t('desk.back')}</a>
      </p>
      <h1>{title}</h1>
      <Notices notice={notice} error={error} />
      <form method="post" action={localePath(locale, action)} enctype="multipart/form-data" id="desk-form" novalidate>
        <Csrf session={session} />
        <input type="hidden" name="kind" value={values.kind} />
        <DeskField name="period" label={cadence === 'event' ? 'disclosure.eventDate' : 'disclosure.period'} hint={`desk.form.period.${cadence}`} errors={errors}>
          <input id="period" name="period" value={values.period} required aria-describedby="hint-period" />
        </DeskField>
        <DeskField name="summary" label="desk.form.summary" errors={errors}>
          <textarea id="summary" name="summary" rows={2} required aria-describedby="hint-summary">
            {values.summary}
          </textarea>
        </DeskField>
        {values.kind === 'decisions' && (
          <DeskField name="body" label="desk.form.body" errors={errors}>
            <textarea id="body" name="body" rows={12} aria-describedby="hint-body">
              {values.body}
            </textarea>
          </DeskField>
        )}
        {TABLES[values.kind].map((shape) => (
          <TableField shape={shape} value={values.tables[shape.name] ?? ''} errors={errors} />
        ))}
        {id !== undefined && photos.length > 0 && (
          <fieldset class="field" id="stored-photos">
            <legend>{t('desk.form.photos.stored')}</legend>
            {photos.map((p, i) => (
              <label class="checkbox">
                {img(p, localePath(locale, deskFilePath(village, id, p.sha, photoExtension(p.type))), t('disclosure.photos.alt', { n: i + 1, count: photos.length }))}
                <input type="checkbox" name={`remove-${p.sha}`} value="yes" /> {t('desk.form.photos.remove')}
              </label>
            ))}
          </fieldset>
        )}
        <PhotoField errors={errors.map(asFieldError)} room={Math.max(0, photoLimits.maxCount - photos.length)} label="desk.form.photos" />
        <DeskField name="attachment" label="desk.form.pdf" errors={errors}>
          {id !== undefined && stored?.attachment_sha && (
            <p>
              <a href={localePath(locale, deskFilePath(village, id, stored.attachment_sha))} type="application/pdf">
                {t('desk.form.pdf.stored', { size: formatBytes(stored.attachment_size ?? 0) })}
              </a>{' '}
              <label class="checkbox">
                <input type="checkbox" name="removePdf" value="yes" /> {t('desk.form.pdf.remove')}
              </label>
            </p>
          )}
          <input type="file" id="attachment" name="attachment" accept="application/pdf,.pdf" aria-describedby="hint-attachment" />
        </DeskField>
        <DeskField name="notes" label="desk.form.notes" errors={errors}>
          <textarea id="notes" name="notes" rows={3} aria-describedby="hint-notes">
            {values.notes}
          </textarea>
        </DeskField>
        <button type="submit" class="button" id="desk-save">
          {t('desk.form.save')}
        </button>
      </form>
    </StaffFrame>
  );
}

/** A disclosure's page: where it stands, the public page as it will look, and the steps the viewer may take. */
export function DeskDocumentPage({ session, view, notice, error, check }: { session: StaffSession; view: DeskDocument; notice?: string; error?: string; check?: Findings }) {
  const locale = useLocale();
  const t = translator(locale);
  const { document: doc, latest, disclosure: d } = view;
  const village = doc.village_id!;
  const path = `${DESK_BASE}/${village}/${doc.id}`;
  const title = `${villageName(village, locale)} · ${t(`disclosures.kind.${d.kind}`)} · ${periodLabel(d.period, locale)}`;
  const withdrawn = doc.withdrawn_at !== null;
  const comments = view.comments.filter((c) => c.seq === latest.seq);
  const { list: questions, count: questionCount } = view.questions;
  const step = (name: string, label: string, field?: { name: string; label: string }) => (
    <form method="post" action={localePath(locale, `${path}/${name}`)} class="desk-step" id={`desk-${name}`}>
      <Csrf session={session} />
      {name === 'submit' && <ConfirmPersonalData check={check} />}
      {name === 'approve' && view.correctionInReview && questions && questions.length > 0 && (
        <fieldset class="field" id="desk-answers">
          <legend>{t('desk.answers.legend')}</legend>
          <p class="hint">{t('desk.answers.hint')}</p>
          {questions.map((q) => (
            <label class="checkbox">
              <input type="checkbox" name={`answers-${q.caseNumber}`} value="yes" /> {q.caseNumber}：<bdi>{q.subject}</bdi>
            </label>
          ))}
        </fieldset>
      )}
      {field && (
        <div class="field">
          <label for={`${name}-${field.name}`}>{field.label}</label>
          <textarea id={`${name}-${field.name}`} name={field.name} rows={2} required></textarea>
        </div>
      )}
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
  return (
    <StaffFrame path={path} title={title} session={session}>
      <p>
        <a href={localePath(locale, `${DESK_BASE}/${village}`)}>{t('desk.back')}</a>
      </p>
      <h1>{title}</h1>
      <p class="document-meta" id="document-meta">
        <span>{t('console.meta.state', { value: t(stateKey(latest.state, withdrawn)) })}</span> · <span>{t('console.meta.version', { n: latest.seq })}</span>
        {latest.note_zh && (
          <>
            {' '}
            · <span>{t('desk.correction', { note: latest.note_zh })}</span>
          </>
        )}
      </p>
      <Notices notice={notice} error={error} />
      {/* What the check found when it was sent: what to remove, or to confirm with the box beside the button. */}
      <PersonalDataFindings
        check={check}
        texts={{ summary_zh: d.summary['zh-CN'], notes_zh: d.notes.map((n) => n['zh-CN']).join('\n'), body_zh: plainTextOf(latest.body_zh), note_zh: latest.note_zh ?? '' }}
        label={(f) => t(({ summary_zh: 'desk.form.summary', notes_zh: 'desk.form.notes', body_zh: 'desk.form.body' } as Record<string, UiKey>)[f] ?? 'desk.correct.note')}
        fieldId={() => 'disclosure-preview'}
      />
      <ReviewComments comments={comments} />
      <section aria-labelledby="preview-title" class="document-preview">
        <h2 id="preview-title">{t(latest.state === 'published' ? 'desk.preview.public' : 'desk.preview.title')}</h2>
        <DisclosureArticle disclosure={d as unknown as Disclosure} draft={latest.state !== 'published'} preview version={latest} files={(sha, extension) => localePath(locale, deskFilePath(village, doc.id, sha, extension))} />
      </section>
      <section aria-labelledby="steps-title" id="desk-steps">
        <h2 id="steps-title">{t('desk.steps')}</h2>
        {questionCount > 0 && !(questions && view.correctionInReview && view.mayReview) && (
          <p class="notice" id="desk-questions">
            {t('desk.answers.count', { n: questionCount })}
          </p>
        )}
        {view.mayEdit && (
          <p>
            <a class="button" href={localePath(locale, `${path}/edit`)} id="desk-edit">
              {t('desk.edit')}
            </a>
          </p>
        )}
        {view.mayEdit && step('submit', t('desk.submit'))}
        {view.mayReview && step('approve', t('desk.approve'))}
        {view.mayReview && step('return', t('desk.return'), { name: 'comment', label: t('desk.return.comment') })}
        {view.ownDraft && <p id="own-draft">{t('desk.ownDraft')}</p>}
        {view.mayCorrect && step('correct', t('desk.correct'), { name: 'note', label: t('desk.correct.note') })}
        {view.mayWithdraw && step('withdraw', t('desk.withdraw'), { name: 'reason', label: t('desk.withdraw.reason') })}
        {!view.mayEdit && !view.mayReview && !view.ownDraft && !view.mayCorrect && !view.mayWithdraw && <p class="muted">{t('desk.noSteps')}</p>}
      </section>
      <History rows={view.history} />
    </StaffFrame>
  );
}

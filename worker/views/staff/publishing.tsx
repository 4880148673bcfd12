/**
 * The publishing console's pages: 发布 → 规章制度 (the lists), the drafting form, a document's page
 * (review beside the preview, correction, withdrawal, history). Everything works without
 * JavaScript; /scripts/publishing.js adds the 文号 check as one types, Word/WPS paste into
 * Markdown and the .docx conversion.
 */
import { portal, type Locale } from '../../../content/index.ts';
import { formatTownDate } from '../../../core/clock.ts';
import type { FieldError } from '../../cases/validation.ts';
import type { PublicationCheck } from '../../cases/publication-check.ts';
import { CATEGORIES, DOC_NUMBER } from '../../publishing/model.ts';
import type { AuditRow } from '../../services/publishing.ts';
import type { ConsoleListRow, ConsoleView, PublishedHead, VersionRow } from '../../services/publishing-console.ts';
import { CONSOLE_LISTS, type ConsoleList } from '../../publishing/console.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { ErrorSummary, Field } from '../fields.tsx';
import { localePath, translator } from '../layout.tsx';
import { useLocale, useT } from '../../http/locale.ts';
import { ConfirmPersonalData, PersonalDataFindings } from '../personal-data.tsx';
import { Csrf, Notices, StaffFrame } from './frame.tsx';

const BASE = '/staff/publishing/regulations';
const SCRIPT = '/scripts/publishing.js';

function ListNav({ current }: { current: ConsoleList | 'new' }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <nav aria-label={t('console.list.label')} class="tabs" id="console-lists">
      {CONSOLE_LISTS.map((list) => (
        <a href={localePath(locale, `${BASE}?list=${list}`)} aria-current={current === list ? 'page' : undefined}>
          {t(`console.list.${list}`)}
        </a>
      ))}
      <a href={localePath(locale, `${BASE}/new`)} class="button" aria-current={current === 'new' ? 'page' : undefined} id="console-new">
        {t('console.new')}
      </a>
    </nav>
  );
}

const stateKey = (state: VersionRow['state'], withdrawn: boolean) => `console.state.${withdrawn ? 'withdrawn' : state}` as const;

export function ConsoleListPage({ session, list, rows, notice }: { session: StaffSession; list: ConsoleList; rows: ConsoleListRow[]; notice?: string }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path={BASE} title={t('console.title')} session={session}>
      <h1>{t('console.title')}</h1>
      <p class="lead">{t('console.lead')}</p>
      <Notices notice={notice} />
      <ListNav current={list} />
      <h2>{t(`console.list.${list}`)}</h2>
      {rows.length === 0 ? (
        <p id="console-empty">{t('console.list.empty')}</p>
      ) : (
        <table class="data-table" id="console-documents">
          <thead>
            <tr>
              <th scope="col">{t('console.list.title')}</th>
              <th scope="col">{t('console.list.docNumber')}</th>
              <th scope="col">{t('console.list.state')}</th>
              <th scope="col">{t('console.list.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-document={r.slug}>
                <td>
                  <a href={localePath(locale, `${BASE}/${r.id}`)}>
                    <bdi>{r.meta.title['zh-CN']}</bdi>
                  </a>
                </td>
                <td data-label={t('console.list.docNumber')}>{r.meta.docNumber}</td>
                <td data-label={t('console.list.state')}>{t(stateKey(r.state, r.withdrawn_at !== null))}</td>
                <td data-label={t('console.list.updated')}>{formatTownDate(r.updated_at, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffFrame>
  );
}

/** The drafting form's values, by field name. */
export type DraftValues = Record<string, string>;

/** A version's values as the form's fields. */
export function valuesOf(v: VersionRow, slug: string): DraftValues {
  const m = v.meta;
  return {
    slug,
    title_zh: m.title['zh-CN'],
    title_en: m.title.en ?? '',
    docNumber: m.docNumber,
    issuer_zh: m.issuer['zh-CN'],
    issuer_en: m.issuer.en ?? '',
    issued: m.issued,
    effective: m.effective,
    category: m.category,
    amends: m.amends ?? '',
    replaces: m.replaces ?? '',
    summary_zh: m.summary['zh-CN'],
    summary_en: m.summary.en ?? '',
    body_zh: v.body_zh,
    body_en: v.body_en ?? '',
    attachmentLabel_zh: m.attachmentLabel?.['zh-CN'] ?? '',
  };
}

/** The fields the personal-data check reads, as the form names them. */
const CHECKED_FIELDS: Record<string, string> = { note_zh: 'body_zh', note_en: 'body_en' };

interface FieldProps {
  name: string;
  values: DraftValues;
  errors: FieldError[];
  hint?: string;
}

/** A field's label: its own string (console.field.<name>). */
const labelKey = (name: string) => `console.field.${name}` as 'console.field.title_zh';

function TextField({ name, values, errors, hint, type = 'text', required, extra = {} }: FieldProps & { type?: string; required?: boolean; extra?: Record<string, string | boolean | undefined> }) {
  const t = useT();
  return <Field name={name} label={t(labelKey(name))} hint={hint} errors={errors} type={type} value={values[name] ?? ''} required={required} {...extra} />;
}

function TextArea({ name, values, errors, hint, rows = 4, required, label }: FieldProps & { rows?: number; required?: boolean; label?: string }) {
  const t = useT();
  return <Field control="textarea" name={name} label={label ?? t(labelKey(name))} hint={hint} errors={errors} value={values[name] ?? ''} rows={rows} required={required} />;
}

function RelatedSelect({ name, values, errors, related }: FieldProps & { related: PublishedHead[] }) {
  const t = useT();
  return (
    <Field control="select" name={name} label={t(labelKey(name))} errors={errors} aria-describedby="hint-related">
      <option value="">{t('console.field.related.none')}</option>
      {related
        .filter((d) => d.slug !== values.slug)
        .map((d) => (
          <option value={d.slug} selected={values[name] === d.slug}>
            {`${d.meta.title['zh-CN']}（${d.meta.docNumber}）`}
          </option>
        ))}
    </Field>
  );
}

export interface DraftFormProps {
  session: StaffSession;
  /** The document, once saved. */
  id?: number;
  values: DraftValues;
  errors?: FieldError[];
  related: PublishedHead[];
  /** The attachment of the open version, if any. */
  attachment?: { size: number } | null;
  check?: PublicationCheck<string>;
  /** The slug can no longer change (published once). */
  slugFixed?: boolean;
}

/** The drafting form: every field, saved on each submit (save, save and preview, save and send for review). */
export function DraftForm({ session, id, values, errors = [], related, attachment, check, slugFixed }: DraftFormProps) {
  const locale = useLocale();
  const t = translator(locale);
  const action = localePath(locale, id === undefined ? `${BASE}/new` : `${BASE}/${id}`);
  const maxMb = Math.floor(portal.publishing.attachmentMaxBytes / (1024 * 1024));
  const texts: Record<string, string> = Object.fromEntries(Object.entries(values));
  const label = (field: string) => t(`console.field.${CHECKED_FIELDS[field] ?? field}` as 'console.field.title_zh');
  return (
    <>
      <ErrorSummary errors={errors} />
      <PersonalDataFindings check={check} texts={texts} label={label} fieldId={(f) => `field-${CHECKED_FIELDS[f] ?? f}`} />
      <p class="hint">{t('console.autosave')}</p>
      <form method="post" action={action} enctype="multipart/form-data" class="document-form" id="document-form" data-doc-number={DOC_NUMBER.source}>
        <Csrf session={session} />
        <TextField name="title_zh" values={values} errors={errors} required extra={{ maxlength: '120' }} />
        <TextField name="title_en" values={values} errors={errors} />
        <Field
          name="docNumber"
          label={t('console.field.docNumber')}
          hint={t('console.field.docNumber.hint')}
          errors={errors}
          value={values.docNumber ?? ''}
          required
          data-error-format={t('publishing.errors.docNumber')}
          data-error-year={t('publishing.errors.docNumberYear')}
          data-ok={t('console.field.docNumber.ok')}
          after={<p class="hint" id="docNumber-live" aria-live="polite"></p>}
        />
        {slugFixed ? (
          <input type="hidden" name="slug" value={values.slug ?? ''} />
        ) : (
          <TextField name="slug" values={values} errors={errors} hint={t('console.field.slug.hint')} required extra={{ autocapitalize: 'none', spellcheck: 'false' }} />
        )}
        <TextField name="issuer_zh" values={values} errors={errors} required />
        <TextField name="issuer_en" values={values} errors={errors} />
        <TextField name="issued" values={values} errors={errors} type="date" hint={t('console.field.date.hint')} required />
        <TextField name="effective" values={values} errors={errors} type="date" hint={t('console.field.date.hint')} required />
        <Field control="select" name="category" label={t('console.field.category')} errors={errors} required>
          <option value="">{t('console.field.category.choose')}</option>
          {CATEGORIES.map((c) => (
            <option value={c} selected={values.category === c}>
              {t(`regulations.category.${c}`)}
            </option>
          ))}
        </Field>
        <TextArea name="summary_zh" values={values} errors={errors} required rows={3} />
        <TextArea name="summary_en" values={values} errors={errors} rows={3} />
        <p class="hint" id="hint-related">
          {t('console.field.related.hint')}
        </p>
        <RelatedSelect name="amends" values={values} errors={errors} related={related} />
        <RelatedSelect name="replaces" values={values} errors={errors} related={related} />
        <TextArea name="body_zh" values={values} errors={errors} hint={t('console.field.body.hint')} rows={20} required />
        <Field
          id="docx"
          type="file"
          label={t('console.field.docx')}
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          disabled
          data-docx
          data-done={t('console.field.docx.done')}
          data-failed={t('console.field.docx.failed')}
          after={
            <>
              <p class="hint" id="docx-noscript">
                {t('console.field.docx.noscript')}
              </p>
              <p class="hint" id="body-live" aria-live="polite" data-pasted={t('console.field.pasted')}></p>
            </>
          }
        />
        <TextArea name="body_en" values={values} errors={errors} rows={10} />
        <Field
          name="attachment"
          type="file"
          label={t('console.field.attachment')}
          accept="application/pdf,.pdf"
          errors={errors}
          hint={
            <>
              {t('console.field.attachment.hint', { max: maxMb })}
              {attachment && (
                <>
                  {' '}
                  <a href={localePath(locale, `${BASE}/${id}/attachment`)} id="draft-attachment">
                    {t('console.field.attachment.current', { size: Math.ceil(attachment.size / 1024) })}
                  </a>
                </>
              )}
            </>
          }
        />
        <TextField name="attachmentLabel_zh" values={values} errors={errors} />
        <ConfirmPersonalData check={check} />
        <div class="form-actions">
          <button type="submit" name="action" value="save" class="button">
            {t('console.save')}
          </button>
          <button type="submit" name="action" value="preview" class="button">
            {t('console.savePreview')}
          </button>
          <button type="submit" name="action" value="submit" class="button primary">
            {t('console.submit')}
          </button>
        </div>
      </form>
    </>
  );
}

export function NewDocumentPage(props: Omit<DraftFormProps, 'id'> & { notice?: string; error?: string }) {
  const t = useT();
  return (
    <StaffFrame path={`${BASE}/new`} title={t('console.new.title')} session={props.session} scripts={[SCRIPT]}>
      <h1>{t('console.new.title')}</h1>
      <ListNav current="new" />
      <Notices notice={props.notice} error={props.error} />
      <DraftForm {...props} />
    </StaffFrame>
  );
}

/** The review comments on a version: who returned it, when, and why. */
export function ReviewComments({ comments }: { comments: { at: string; author: string | null; comment: string }[] }) {
  const locale = useLocale();
  const t = translator(locale);
  if (comments.length === 0) return null;
  return (
    <section id="comments">
      <h2>{t('console.comments')}</h2>
      <ul>
        {comments.map((c) => (
          <li>
            {t('console.comment.item', { date: formatTownDate(c.at, locale), who: c.author ?? '—' })}
            <bdi>{c.comment}</bdi>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who did what to the document, by town day. */
export function History({ rows }: { rows: AuditRow[] }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <>
      <h2 id="history-title">{t('console.history')}</h2>
      <table class="data-table" id="document-history">
        <thead>
          <tr>
            <th scope="col">{t('console.history.day')}</th>
            <th scope="col">{t('console.history.action')}</th>
            <th scope="col">{t('console.history.who')}</th>
            <th scope="col">{t('console.history.version')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{formatTownDate(r.at, locale)}</td>
              <td>{t(`console.action.${r.action}`)}</td>
              <td>{r.display_name ? <><bdi>{r.display_name}</bdi> ({r.username})</> : '—'}</td>
              <td>{t('console.meta.version', { n: r.seq })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The draft as text: what the reviewer reads beside the preview. */
function Source({ version }: { version: VersionRow }) {
  const locale = useLocale();
  const t = translator(locale);
  const m = version.meta;
  return (
    <section class="document-source" aria-labelledby="source-title">
      <h3 id="source-title">{t('console.source')}</h3>
      <dl class="facts">
        <dt>{t('console.field.title_zh')}</dt>
        <dd>
          <bdi>{m.title['zh-CN']}</bdi>
        </dd>
        <dt>{t('console.field.docNumber')}</dt>
        <dd>{m.docNumber}</dd>
        <dt>{t('console.field.issuer_zh')}</dt>
        <dd>{m.issuer['zh-CN']}</dd>
        <dt>{t('console.field.issued')}</dt>
        <dd>{m.issued}</dd>
        <dt>{t('console.field.effective')}</dt>
        <dd>{m.effective}</dd>
        <dt>{t('console.field.category')}</dt>
        <dd>{t(`regulations.category.${m.category}`)}</dd>
        <dt>{t('console.field.summary_zh')}</dt>
        <dd>{m.summary['zh-CN']}</dd>
        {m.amends && (
          <>
            <dt>{t('console.field.amends')}</dt>
            <dd>{m.amends}</dd>
          </>
        )}
        {m.replaces && (
          <>
            <dt>{t('console.field.replaces')}</dt>
            <dd>{m.replaces}</dd>
          </>
        )}
      </dl>
      {version.attachment_sha && (
        <p>
          <a href={localePath(locale, `${BASE}/${version.document_id}/attachment`)} id="draft-attachment">
            {t('console.attachment.open', { size: Math.ceil((version.attachment_size ?? 0) / 1024) })}
          </a>
        </p>
      )}
      <pre class="markdown-source" id="draft-source">
        {version.body_zh}
      </pre>
    </section>
  );
}

function Preview({ id }: { id: number }) {
  const locale = useLocale();
  const t = translator(locale);
  const src = localePath(locale, `${BASE}/${id}/preview`);
  return (
    <section class="document-preview" aria-labelledby="preview-title" id="preview">
      <h3 id="preview-title">{t('console.preview')}</h3>
      <p>
        <a href={src} target="_blank" id="preview-link">
          {t('console.preview.open')}
        </a>
      </p>
      <iframe src={src} title={t('console.preview.frame')} class="preview-frame" loading="lazy"></iframe>
    </section>
  );
}

export interface DocumentPageProps {
  session: StaffSession;
  view: ConsoleView;
  history: AuditRow[];
  related: PublishedHead[];
  notice?: string;
  error?: string;
  /** The drafting form again after a refusal, with what was sent. */
  form?: { values: DraftValues; errors: FieldError[]; check?: PublicationCheck<string> };
  /** Errors of the review, correction or withdrawal forms. */
  errors?: FieldError[];
  sent?: Record<string, string>;
}

/** One document: its draft to edit, or its review beside the preview, or its correction and withdrawal; and its history. */
export function DocumentPage({ session, view, history, related, notice, error, form, errors = [], sent = {} }: DocumentPageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const { document: doc, latest } = view;
  const title = latest.meta.title['zh-CN'];
  const withdrawn = doc.withdrawn_at !== null;
  const path = `${BASE}/${doc.id}`;
  const publicPath = localePath(locale, `/regulations/${doc.slug}/`);
  const comments = view.comments.filter((c) => c.seq === latest.seq);
  return (
    <StaffFrame path={path} title={view.mayEdit ? t('console.edit.title', { title }) : title} session={session} scripts={view.mayEdit ? [SCRIPT] : []}>
      <p>
        <a href={localePath(locale, BASE)}>{t('console.back')}</a>
      </p>
      <h1>{view.mayEdit ? t('console.edit.title', { title }) : <bdi>{title}</bdi>}</h1>
      <p class="document-meta" id="document-meta">
        <span>{t('console.meta.state', { value: t(stateKey(latest.state, withdrawn)) })}</span> · <span>{t('console.meta.docNumber', { value: latest.meta.docNumber })}</span> ·{' '}
        <span>{t('console.meta.version', { n: latest.seq })}</span>
        {doc.published_seq !== null && (
          <>
            {' '}
            · <a href={publicPath}>{t('console.public')}</a>
          </>
        )}
      </p>
      <Notices notice={notice} error={error} />
      <ReviewComments comments={comments} />
      {view.mayEdit && (
        <DraftForm
         
          session={session}
          id={doc.id}
          values={form?.values ?? valuesOf(latest, doc.slug)}
          errors={form?.errors}
          check={form?.check}
          related={related}
          attachment={latest.attachment_size ? { size: latest.attachment_size } : null}
          slugFixed={doc.published_seq !== null}
        />
      )}
      {latest.state === 'review' && (
        <section id="review" aria-labelledby="review-title">
          <h2 id="review-title">{t('console.review.title')}</h2>
          <p class="lead">{t('console.review.lead')}</p>
          <ErrorSummary errors={errors} />
          <div class="review-layout">
            <Source version={latest} />
            <Preview id={doc.id} />
          </div>
          {view.mayReview ? (
            <div class="review-actions">
              <form method="post" action={localePath(locale, `${path}/approve`)} id="approve-form">
                <Csrf session={session} />
                <button type="submit" class="button primary">
                  {t('console.review.approve')}
                </button>
              </form>
              <form method="post" action={localePath(locale, `${path}/return`)} id="return-form">
                <Csrf session={session} />
                <Field control="textarea" name="comment" label={t('console.review.comment')} errors={errors} value={sent.comment ?? ''} rows={3} required />
                <button type="submit" class="button">
                  {t('console.review.return')}
                </button>
              </form>
            </div>
          ) : (
            <p id="review-refused">{view.ownDraft ? t('publishing.errors.fourEyes') : session.rights.has('approve') ? t('console.review.waiting') : t('console.review.noRight')}</p>
          )}
        </section>
      )}
      {!view.mayEdit && latest.state !== 'review' && <Preview id={doc.id} />}
      {view.mayCorrect && (
        <section id="correct" aria-labelledby="correct-title">
          <h2 id="correct-title">{t('console.correct.title')}</h2>
          <p class="hint">{t('console.correct.lead')}</p>
          <form method="post" action={localePath(locale, `${path}/correct`)} id="correct-form">
            <Csrf session={session} />
            <TextArea name="note_zh" values={sent} errors={errors} rows={3} required label={t('console.correct.note_zh')} />
            <TextArea name="note_en" values={sent} errors={errors} rows={3} label={t('console.correct.note_en')} />
            <button type="submit" class="button">
              {t('console.correct.submit')}
            </button>
          </form>
        </section>
      )}
      {view.mayWithdraw && (
        <section id="withdraw" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('console.withdraw.title')}</h2>
          <details>
            <summary>{t('console.withdraw.submit')}…</summary>
            <p class="hint">{t('console.withdraw.lead')}</p>
            <form method="post" action={localePath(locale, `${path}/withdraw`)} id="withdraw-form">
              <Csrf session={session} />
              <TextArea name="reason_zh" values={sent} errors={errors} rows={3} required label={t('console.withdraw.reason_zh')} />
              <TextArea name="reason_en" values={sent} errors={errors} rows={3} label={t('console.withdraw.reason_en')} />
              <button type="submit" class="button">
                {t('console.withdraw.submit')}
              </button>
            </form>
          </details>
        </section>
      )}
      <History rows={history} />
    </StaffFrame>
  );
}

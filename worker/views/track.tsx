/** The query page: the code form, and the case it opens with its history and the follow-up form. */
import { useLocale, useT } from '../http/locale.ts';
import { findCategory, town } from '../../content/index.ts';
import { formatTownDate, formatTownTime } from '../../core/clock.ts';
import { CHECKIN_ANSWERS } from '../cases/checkins.ts';
import { OPEN_STATUSES, residentStatusLabelKey } from '../cases/status.ts';
import { workflowSettings } from '../../content/workflow.ts';
import { residentEventLabel } from '../cases/history.ts';
import type { FieldError } from '../cases/validation.ts';
import type { CaseView, CheckInOpened, Receipt } from '../services/mailbox.ts';
import { CHECKIN_TEXT_MAX } from '../cases/checkins.ts';
import { RATINGS } from '../cases/feedback.ts';
import { describe } from '../cases/submission.ts';
import { ChoiceField, ErrorSummary, Field, FieldErrorLine, errorText, invalidAttrs } from './fields.tsx';
import { Layout, localePath, translator } from './layout.tsx';
import { AnswerDue, ProvisionalNote } from './deadline.tsx';
import { OverdueNotice } from './overdue.tsx';
import { QueryCodeBlock, TrackButton, TrackCaseForm } from './receipt.tsx';
import { RECEIPT_REPLAY_MS } from '../cases/query-code.ts';
import type { Child } from 'hono/jsx';
import { PhotoField, PhotoList } from './photos.tsx';
import { PHOTO_FIELD, photoLimits } from '../photos/accept.ts';
import { PROOF_SCRIPTS, proofAttrs } from './proof.tsx';
import { newClientId } from '../cases/crypto.ts';

function Time({ iso }: { iso: string; }) {
  const locale = useLocale();
  return <time datetime={iso}>{formatTownTime(iso, locale)}</time>;
}

/**
 * When the case last changed, and how: its timeline's latest entry (in the order they happened,
 * whatever precision each is stored to: a resident's own entries keep the day alone), else the
 * case's own time.
 */
function LastUpdate({ view }: { view: CaseView }) {
  const t = useT();
  const last = view.events.at(-1);
  if (!last) return <Time iso={view.updatedAt} />;
  return (
    <>
      <Time iso={last.at} />
      {t('track.updatedAt.what', { what: t(residentEventLabel(last.kind, last.author)) })}
    </>
  );
}

/** The code form; it never echoes a code back, right or wrong. */
export function TrackFormPage({ notice }: { notice?: string }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path="/track" title={t('track.title')} scripts={[...PROOF_SCRIPTS, '/scripts/frame.js']}>
      <h1>{t('track.title')}</h1>
      <p class="lead">{t('track.lead')}</p>
      <p class="hint" id="claim-hint">
        {t('claim.hint')}
      </p>
      {notice && (
        <p class="notice notice-error" role="alert" id="track-notice">
          {notice}
        </p>
      )}
      <form method="post" action={localePath(locale, '/track')} class="track-form" autocomplete="off" {...proofAttrs(locale, 'track', 'clientId')}>
        <input type="hidden" name="clientId" value={newClientId()} />
        <Field
          name="code"
          label={t('track.code')}
          hint={t('track.code.hint')}
          type="text"
          required
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxlength={40}
          class="code-input"
        />
        <button type="submit" class="button primary">
          {t('track.submit')}
        </button>
      </form>
    </Layout>
  );
}

export interface TrackCasePageProps {
  view: CaseView;
  token: string;
  followupId: string;
  errors?: FieldError[];
  draftText?: string;
  notice?: string;
  /** A refusal that names no field of the page (the case cannot take what was sent now). */
  problem?: string;
  /** The feedback form as the resident left it (carried over by the 关怀版 switch), its id kept. */
  feedbackDraft?: FeedbackDraft;
}

/** What the feedback form holds before it is sent. */
export interface FeedbackDraft {
  feedbackId: string;
  rating?: string;
  comment?: string;
  reopen?: boolean;
}

/**
 * The follow-up form, which the 关怀版 switch carries over to `/track/elder-mode` with the lookup's
 * token, never the code (worker/routes/pages.tsx). While a closed case awaits the resident's
 * rating, the switch carries the feedback form instead (its rating, comment and reopen box): a
 * button sends one form only, and rating is what that page asks for.
 */
export const FOLLOWUP_KEEPS = { form: 'followup-form', action: '/track/elder-mode' } as const;
const FEEDBACK_FORM = 'feedback-form';
const FEEDBACK_KEEPS = { form: FEEDBACK_FORM, action: '/track/elder-mode' } as const;

export function TrackCasePage({ view, token, followupId, errors = [], draftText = '', notice, problem, feedbackDraft }: TrackCasePageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const names = describe(view.villageId, view.categoryId, locale);
  const keeps = view.sentUpOn ? undefined : view.feedbackOpen ? FEEDBACK_KEEPS : FOLLOWUP_KEEPS;
  return (
    <Layout path="/track" title={t('track.title')} scripts={[...PROOF_SCRIPTS, '/scripts/frame.js']} elderKeeps={keeps}>
      <h1>{t('track.title')}</h1>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      {problem && (
        <p class="notice notice-error" role="alert" id="track-problem">
          {problem}
        </p>
      )}
      {view.sentUpOn && (
        <p class="notice notice-warning" id="case-sent-up" role="status">
          {t('sendup.resident', { day: formatTownDate(view.sentUpOn, locale) })}
        </p>
      )}
      {view.sentUpOn &&
        errors.map((e) => (
          <p class="notice notice-error" role="alert">
            {t(e.key, e.params)}
          </p>
        ))}
      <section class="case" aria-labelledby="case-title">
        <h2 id="case-title">
          <bdi>{view.sentUpOn ? view.caseNumber : view.subject}</bdi>
        </h2>
        <dl class="facts">
          <dt>{t('track.case')}</dt>
          <dd class="case-number">{view.caseNumber}</dd>
          <dt>{t('track.status')}</dt>
          <dd>
            <strong class={`status status-${view.status}`} id="case-status">
              {t(residentStatusLabelKey(view.status))}
            </strong>
            {view.overdue && (
              <>
                {' '}
                <span class="flag flag-overdue">{t('track.overdue.flag')}</span>
              </>
            )}
          </dd>
          <dt>{t('receipt.village')}</dt>
          <dd>{names.village}</dd>
          <dt>{t('receipt.category')}</dt>
          <dd>{names.category}</dd>
          <dt>{t('handledBy.label')}</dt>
          <dd id="handled-by">{t(`handledBy.${view.handledBy}`)}</dd>
          <dt>{t('track.submittedAt')}</dt>
          <dd>
            <Time iso={view.submittedAt} />
          </dd>
          <dt>{t('track.updatedAt')}</dt>
          <dd id="case-updated">
            <LastUpdate view={view} />
          </dd>
          {view.status === 'received' && view.acceptDueAt && (
            <>
              <dt>{t('track.acceptDue')}</dt>
              <dd>
                <Time iso={view.acceptDueAt} />
                <ProvisionalNote deadline={view.acceptDueAt} resident />
              </dd>
            </>
          )}
          {view.answerDueAt ? (
            <>
              <dt>{t('answerDue.label')}</dt>
              <dd id="answer-due">
                <AnswerDue dueAt={view.answerDueAt} categoryId={view.categoryId} toTown={view.handledBy === 'village' && OPEN_STATUSES.includes(view.status) && findCategory(view.categoryId)?.overdueToTown === true} fact />
              </dd>
            </>
          ) : view.dueAt && (
            <>
              <dt>{t('track.due')}</dt>
              <dd>
                <Time iso={view.dueAt} />
                <ProvisionalNote deadline={view.dueAt} resident />
              </dd>
            </>
          )}
        </dl>
        {view.overdue && <OverdueNotice overdue={view.overdue} caseNumber={view.caseNumber} toCommittee={view.handledBy === 'committee'} toTown={view.handledBy === 'overdueToTown'} />}
        <h3>{t('track.timeline')}</h3>
        <ol class="timeline">
          {view.events.map((e) => (
            <li class={e.byResident ? 'by-resident' : 'by-staff'}>
              <p class="timeline-head">
                <Time iso={e.at} />{' '}
                <span>{t(residentEventLabel(e.kind, e.author))}</span>
              </p>
              {e.kind === 'submitted' ? (
                !view.sentUpOn && <p class="message">
                  <bdi>{view.description}</bdi>
                </p>
              ) : (
                e.message && (
                  <p class="message">
                    <bdi>{e.message}</bdi>
                  </p>
                )
              )}
            </li>
          ))}
        </ol>
      </section>
      {!view.sentUpOn && <PhotoList photos={view.photos} src={(id) => `${localePath(locale, `/track/photos/${id}`)}?token=${encodeURIComponent(token)}`} />}
      <CheckInSection view={view} token={token} errors={errors.filter((e) => e.field === 'answer' || e.field === 'detail' || e.field === 'checkinId')} />
      {view.feedback && <p id="feedback-given">{t('feedback.given', { rating: t(`feedback.${view.feedback as 'satisfied'}`) })}</p>}
      {view.feedbackOpen && <FeedbackForm view={view} token={token} draft={feedbackDraft} errors={errors.filter((e) => e.field === 'rating' || e.field === 'comment' || e.field === 'reopen')} />}
      {view.recourseOpen && <RecourseForm token={token} errors={errors.filter((e) => e.field === 'kind' || e.field === 'recourse')} />}
      {!view.sentUpOn && (
      <section class="followup" aria-labelledby="followup-title">
        <h2 id="followup-title">{t('track.followup.title')}</h2>
        <p class="hint" id="hint-text">
          {t('track.followup.hint')}
        </p>
        <ErrorSummary errors={errors.filter((e) => e.field === 'text')} />
        <form method="post" action={localePath(locale, '/track/followup')} id={FOLLOWUP_KEEPS.form} enctype="multipart/form-data" autocomplete="off" {...proofAttrs(locale, 'followup', 'followupId')}>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="followupId" value={followupId} />
          {/* Its hint is the section's, above the error summary. */}
          <Field
            control="textarea"
            name="text"
            label={t('track.followup.title')}
            errors={errors}
            value={draftText}
            rows={5}
            required
            autocomplete="off"
            minlength={town.limits.followupMin}
            maxlength={town.limits.followupMax}
            {...invalidAttrs(errors, 'text', 'hint-text')}
          />
          {(view.photos.length < photoLimits.maxCount || errors.some((e) => e.field === PHOTO_FIELD)) && <PhotoField errors={errors} followup room={Math.max(0, photoLimits.maxCount - view.photos.length)} />}
          <button type="submit" class="button primary">
            {t('track.followup.submit')}
          </button>
        </form>
      </section>
      )}
      <p>
        <a href={localePath(locale, '/')}>{t('track.leave')}</a>
      </p>
    </Layout>
  );
}

/** What the resident's timeline calls each entry it shows. */
/**
 * The check-in of a closed committee case: the one question when a check-in is due, and when the
 * next one is. Nothing reminds the resident: it is here when they look the case up.
 */
function CheckInSection({ view, token, errors }: { view: CaseView; token: string; errors: FieldError[] }) {
  const locale = useLocale();
  const t = translator(locale);
  const { due, next } = view.checkIn ?? { due: null, next: null };
  if (!due && !next && errors.length === 0) return null;
  return (
    <section class="checkin" aria-labelledby="checkin-title" id="checkin">
      <h2 id="checkin-title">{t('checkin.title')}</h2>
      {/* Without a check-in to answer (answered meanwhile, or none due) a refusal is said here. */}
      {!due &&
        errors.map((e) => (
          <p class="notice notice-error" role="alert" id="checkin-error">
            {errorText(locale, e)}
          </p>
        ))}
      {due && (
        <>
          <p class="lead">{t('checkin.lead', { days: due.days })}</p>
          <ErrorSummary errors={errors} />
          <form method="post" action={localePath(locale, '/track/checkin')} {...proofAttrs(locale, 'feedback', 'checkinId')}>
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="checkinId" value={newClientId()} />
            <ChoiceField
              name="answer"
              legend={t('checkin.question')}
              errors={errors}
              required
              choices={CHECKIN_ANSWERS.map((answer) => ({ value: answer, label: t(`checkin.answer.${answer}`) }))}
              after={<p class="hint">{t('checkin.yes.hint')}</p>}
            />
            <Field control="textarea" name="detail" label={t('checkin.text')} hint={t('checkin.text.hint', { max: CHECKIN_TEXT_MAX })} errors={errors} rows={4} maxlength={CHECKIN_TEXT_MAX} />
            <button type="submit" class="button primary">
              {t('checkin.submit')}
            </button>
          </form>
        </>
      )}
      {next && (
        <p id="checkin-next">
          {t('checkin.next', { date: formatTownDate(next.date, locale), days: next.days })}
        </p>
      )}
    </section>
  );
}

/**
 * A case's new code shown once, with the receipt's advice: after a claim, or for the 打击报复 case a
 * check-in opened. `queryCode` null: a retry after the replay window, which shows the code no more.
 */
function NewCodePage({
  id,
  title,
  lead,
  caseNumber,
  queryCode,
  again,
  children,
}: {
  id: string;
  title: string;
  lead: string;
  /** Null: not registered yet (a check-in's 打击报复 case before the cron). */
  caseNumber: string | null;
  queryCode: string | null;
  /** What a retry reads in place of the code. */
  again?: string;
  children?: Child;
}) {
  const t = useT();
  return (
    <Layout path="/track" title={title}>
      <section class="receipt" aria-labelledby={id}>
        <h1 id={id}>{title}</h1>
        <p class="lead">{lead}</p>
        {queryCode ? (
          <QueryCodeBlock code={queryCode} />
        ) : (
          <p class="notice notice-ok" id="received-again">
            {again ?? t('receipt.again.lead', { minutes: RECEIPT_REPLAY_MS / 60_000 })}
          </p>
        )}
        {caseNumber ? (
          <p class="case-number" id="case-number">
            {caseNumber}
          </p>
        ) : (
          <p id="case-registering">{t('checkin.opened.registering')}</p>
        )}
        {children}
        {queryCode ? <TrackCaseForm code={queryCode} /> : <TrackButton />}
      </section>
    </Layout>
  );
}

/** A query code of a 打击报复 case a check-in opened, looked up before it is registered. */
export function TrackRegisteringPage() {
  const t = useT();
  return (
    <Layout path="/track" title={t('track.registering.title')}>
      <section class="receipt" aria-labelledby="registering-title">
        <h1 id="registering-title">{t('track.registering.title')}</h1>
        <p class="lead" id="registering">
          {t('track.registering.lead')}
        </p>
        <TrackButton />
      </section>
    </Layout>
  );
}

/**
 * After a check-in answered "yes": the 打击报复 case it opens, and that case's own code, shown once.
 * Its number comes when the cron registers it, apart from the answer.
 */
export function CheckInOpenedPage({ earlier, opened }: { earlier: string; opened: CheckInOpened }) {
  const t = useT();
  const lead = t('checkin.opened.lead', { number: earlier });
  return (
    <NewCodePage id="opened-title" title={t('checkin.opened.title')} lead={lead} caseNumber={opened.caseNumber} queryCode={opened.queryCode} again={t('checkin.opened.again')}>
      <p id="sealed-who">{t('sealed.who.retaliation')}</p>
    </NewCodePage>
  );
}

/** The resident's verdict on a closed case; the 关怀版 switch carries it over as it stands (FEEDBACK_KEEPS). */
function FeedbackForm({ view, token, errors, draft }: { view: CaseView; token: string; errors: FieldError[]; draft?: FeedbackDraft }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <section class="feedback" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('feedback.title')}</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={localePath(locale, '/track/feedback')} id={FEEDBACK_FORM} autocomplete="off" {...proofAttrs(locale, 'feedback', 'feedbackId')}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="feedbackId" value={draft?.feedbackId ?? newClientId()} />
        <ChoiceField
          name="rating"
          legend={t('feedback.rating')}
          errors={errors}
          required
          checked={(rating) => rating === draft?.rating}
          choices={RATINGS.map((rating) => ({ value: rating, label: t(`feedback.${rating}`) }))}
        />
        <Field control="textarea" name="comment" label={t('feedback.comment')} errors={errors} rows={3} maxlength={500} autocomplete="off" value={draft?.comment ?? ''} />
        {view.canReopen && (
          <div class="field" id="field-reopen">
            <label class="choice">
              <input type="checkbox" name="reopen" value="yes" checked={draft?.reopen === true} {...invalidAttrs(errors, 'reopen')} />
              <span>{t('feedback.reopen')}</span>
            </label>
            <FieldErrorLine errors={errors} field="reopen" />
          </div>
        )}
        <button type="submit" class="button primary">
          {t('feedback.submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * A committee case's reporter objects to its result or adds new evidence: the committee takes it
 * up again. The text is sealed for the committee by the worker during this lookup.
 */
function RecourseForm({ token, errors }: { token: string; errors: FieldError[] }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <section class="recourse" aria-labelledby="recourse-title" id="recourse">
      <h2 id="recourse-title">{t('committee.resident.title')}</h2>
      <p class="hint" id="hint-recourse">
        {t('committee.resident.lead')}
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={localePath(locale, '/track/committee')} autocomplete="off" {...proofAttrs(locale, 'feedback', 'recourseId')}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="recourseId" value={newClientId()} />
        <ChoiceField
          name="kind"
          legend={t('committee.resident.kind')}
          errors={errors}
          required
          choices={(['object', 'add_evidence'] as const).map((kind) => ({ value: kind, label: t(`committee.resident.kind.${kind}`) }))}
        />
        <Field control="textarea" name="recourse" id="recourse-text" label={t('committee.resident.text')} errors={errors} rows={5} required minlength={2} maxlength={workflowSettings.messageMax} autocomplete="off" />
        <button type="submit" class="button primary">
          {t('committee.resident.submit')}
        </button>
      </form>
    </section>
  );
}

/** The first lookup with a slip's code: nothing of the case yet, only the offer of a new code. */
export function TrackClaimPage({ caseNumber, token, error }: { caseNumber: string; token: string; error?: string }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <Layout path="/track" title={t('claim.title')}>
      <h1>{t('claim.title')}</h1>
      {error && (
        <p class="notice notice-error" role="alert" id="track-notice">
          {error}
        </p>
      )}
      <p class="case-number">{caseNumber}</p>
      <p class="lead" id="claim-lead">
        {t('claim.lead')}
      </p>
      <form method="post" action={localePath(locale, '/track/claim')} autocomplete="off">
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="button primary">
          {t('claim.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** The new code after a claim: shown once, with the receipt's advice. */
export function ClaimedPage({ caseNumber, queryCode }: { caseNumber: string; queryCode: string }) {
  const t = useT();
  return <NewCodePage id="claimed-title" title={t('claim.title')} lead={t('claim.done')} caseNumber={caseNumber} queryCode={queryCode} />;
}

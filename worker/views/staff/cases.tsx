/** The staff queue and one case: its content, history, feedback, and the moves that can be made. */
import { useLocale } from '../../http/locale.ts';
import { findCategory, findVillage, town, type Locale } from '../../../content/index.ts';
import { workflowSettings } from '../../../content/workflow.ts';
import { formatTownDate, formatTownTime } from '../../../core/clock.ts';
import { AWAITING_CLOSE, OPEN_STATUSES, statusLabelKey, type CaseStatus } from '../../cases/status.ts';
import { DISPOSAL_MOVES, NOT_ACCEPTED_REASONS, messageOptional, type StaffMove } from '../../cases/workflow.ts';
import { clockLabelKey, type CommitteeClock } from '../../cases/committee-clock.ts';
import { wayName } from '../../../content/committee.ts';
import { mayReadAccessLog, stepAside } from '../../cases/access.ts';
import { TO_TOWN, staffEventLabel, staffTextLabel } from '../../cases/history.ts';
import { CONFLICT_NOTE_MAX, CONFLICT_REASONS } from '../../cases/conflict.ts';
import { isOneOf, type FieldError } from '../../cases/validation.ts';
import { ChoiceField, ErrorSummary, Field } from '../fields.tsx';
import type { OpenedCase, QueueItem, QueuePage as QueuePageData } from '../../services/handling.ts';
import { QUEUE_CLOCKS, QUEUE_SEARCH_MAX, queueQuery, type QueueSearch } from '../../cases/queue-search.ts';
import type { StaffSession } from '../../services/staff-auth.ts';
import { localePath, translator } from '../layout.tsx';
import { ProvisionalNote } from '../deadline.tsx';
import { Csrf, Notices, StaffFrame } from './frame.tsx';
import { OutcomeSection, type OutcomeFormState } from './outcome.tsx';
import { Sealed } from './sealed.tsx';
import { SendUpSection } from './sendup.tsx';
import type { SendUpRow } from '../../services/sendup.ts';
import { isolated } from '../fields.tsx';
import { AnswerSection, type AnswerValues } from './answer.tsx';
import type { CaseQuestion } from '../../services/disclosure-answers.ts';
import { PhotoList } from '../photos.tsx';

const villageName = (id: string | null, locale: Locale) => (id ? (findVillage(id)?.name[locale] ?? id) : '');
const categoryName = (id: string | null, locale: Locale) => (id ? (findCategory(id)?.name[locale] ?? id) : '');

function When({ iso }: { iso: string | null; }) {
  const locale = useLocale();
  return iso ? <time datetime={iso}>{formatTownTime(iso, locale)}</time> : null;
}

/** The flag of a case by its clock; a resolved case not yet closed is "to be closed", not finished. */
function UrgencyFlag({ urgency, status }: { urgency: string; status: CaseStatus | null }) {
  const t = translator(useLocale());
  const toClose = status !== null && AWAITING_CLOSE.includes(status);
  return <span class={`flag flag-${toClose ? 'to_close' : urgency}`}>{t(toClose ? 'staff.urgency.to_close' : (`staff.urgency.${urgency}` as 'staff.urgency.done'))}</span>;
}

/** An open case passed to town staff when its time limit ran out unanswered. */
function ToTownFlag() {
  return <span class="flag flag-to_town">{translator(useLocale())('toTown.flag')}</span>;
}

/** The committee's clocks on a case, each with its deadline: overdue in red (flag-overdue), due today, running. */
function Clocks({ clocks }: { clocks: CommitteeClock[] }) {
  const locale = useLocale();
  const t = translator(locale);
  const flag = { overdue: 'overdue', today: 'due_today', running: 'in_time' } as const;
  return (
    <>
      {clocks.map((clock) => (
        <span class={`flag flag-${flag[clock.state]} clock clock-${clock.kind}`} data-clock={clock.kind} title={formatTownTime(clock.deadline, locale)}>
          {t(clockLabelKey(clock), { n: clock.days })}
        </span>
      ))}
    </>
  );
}

/** One item of the queue; new cases the viewer may refuse carry a box to mark them as spam. */
function QueueEntry({ item, markable }: { item: QueueItem; markable: boolean }) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <li class={`queue-item urgency-${item.urgency}`} data-case={item.caseNumber} data-case-key={item.sealedKey ?? undefined}>
      <p class="queue-head">
        {markable && (
          <input type="checkbox" name={`case:${item.caseNumber}`} value="1" id={`spam-${item.caseNumber}`} aria-label={t('spam.select', { number: item.caseNumber })} />
        )}{' '}
        <a href={localePath(locale, `/staff/cases/${item.caseNumber}`)} class="case-number">
          {item.caseNumber}
        </a>{' '}
        {item.readable &&
          (item.discipline && item.clocks.length > 0 ? (
            <Clocks clocks={item.clocks} />
          ) : (
            <UrgencyFlag urgency={item.urgency} status={item.status} />
          ))}
        {item.toTown && <ToTownFlag />}
      </p>
      {item.readable ? (
        <>
          <p class="queue-subject">
            <Sealed text={item.subject} />
          </p>
          <p class="queue-meta muted">
            {villageName(item.villageId, locale)} · {categoryName(item.categoryId, locale)} · {t(statusLabelKey(item.status ?? ''))}
            {item.deadline && (
              <>
                {' · '}
                {t('staff.col.deadline')} <When iso={item.deadline} />
                <ProvisionalNote deadline={item.deadline} />
              </>
            )}
          </p>
        </>
      ) : (
        <p class="queue-meta muted restricted">{t(item.restrictedTo === 'town' ? 'kept.restricted' : 'staff.restricted')}</p>
      )}
    </li>
  );
}

/** Links to the other pages of one section; `param` is the query parameter that holds its page. */
function Pager({ part, param, extra }: { part: QueuePageData; param: string; extra: string }) {
  const locale = useLocale();
  const t = translator(locale);
  if (part.pageCount <= 1) return <p class="muted queue-count">{t('queue.count', { total: part.total, page: part.page, pages: part.pageCount })}</p>;
  const href = (page: number) => localePath(locale, `/staff/cases?${extra}${param}=${page}`);
  return (
    <nav class="pager" aria-label={t('queue.pages', { section: t(`queue.section.${part.section}`) })}>
      <span class="muted queue-count">{t('queue.count', { total: part.total, page: part.page, pages: part.pageCount })}</span>{' '}
      {part.page > 1 && (
        <a href={href(part.page - 1)} rel="prev">
          {t('queue.prev')}
        </a>
      )}{' '}
      {part.page < part.pageCount && (
        <a href={href(part.page + 1)} rel="next">
          {t('queue.next')}
        </a>
      )}
    </nav>
  );
}

/** One section of the queue: its heading, its page of cases and its pager. */
function QueueSectionList({ session, part, param, extra }: { session: StaffSession; part: QueuePageData; param: string; extra: string }) {
  const locale = useLocale();
  const t = translator(locale);
  const canMark = session.role !== 'discipline';
  const markable = (item: QueueItem) => canMark && item.readable && item.status === 'received' && !item.discipline;
  const list = (
    <ul class="queue" id={`queue-${part.section}`}>
      {part.items.map((item) => (
        <QueueEntry item={item} markable={markable(item)} />
      ))}
    </ul>
  );
  return (
    <section class="queue-section" aria-labelledby={`heading-${part.section}`}>
      <h2 id={`heading-${part.section}`}>{t(`queue.section.${part.section}`)}</h2>
      {part.items.length === 0 ? (
        <p class="queue-empty">{t('staff.cases.empty')}</p>
      ) : part.items.some(markable) ? (
        <form method="post" action={localePath(locale, '/staff/cases/spam')} class="spam-form">
          <Csrf session={session} />
          {list}
          <p class="hint">{t('spam.mark.hint')}</p>
          <button type="submit" class="button">
            {t('spam.mark')}
          </button>
        </form>
      ) : (
        list
      )}
      <Pager part={part} param={param} extra={extra} />
    </section>
  );
}

export interface QueuePageProps {
  session: StaffSession;
  /** The open view: new cases, then cases in hand; or the one section of every case. */
  parts: { new: QueuePageData; in_hand: QueuePageData } | { all: QueuePageData };
  /** The filter the page was asked for (its GET parameters), kept in the form and the pagers' links. */
  search: QueueSearch;
  notice?: string;
  error?: string;
}

export function QueuePage({ session, parts, search, notice, error }: QueuePageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const all = 'all' in parts;
  const filtered = queueQuery(search);
  const committee = session.role === 'discipline';
  const categories = town.categories.filter((c) => (c.route === 'discipline') === committee);
  return (
    <StaffFrame path="/staff/cases" title={t('staff.cases.title')} session={session}>
      <h1>{t('staff.cases.title')}</h1>
      <p class="lead">{t('staff.cases.lead')}</p>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {/* POSTed, never a GET: a query code typed in the search box must not reach the address bar, the history or a proxy's log. */}
      <form method="post" action={localePath(locale, '/staff/cases')} class="filter-form">
        <Csrf session={session} />
        <label for="show">{t('staff.cases.filter')}</label>
        <select id="show" name="show">
          <option value="open" selected={!all}>
            {t('staff.cases.filter.open')}
          </option>
          <option value="all" selected={all}>
            {t('staff.cases.filter.all')}
          </option>
        </select>
        {session.role !== 'liaison' && (
          <>
            <label for="filter-village">{t('queue.filter.village')}</label>
            <select id="filter-village" name="village">
              <option value="">{t('queue.filter.anyVillage')}</option>
              {town.villages.map((v) => (
                <option value={v.id} selected={v.id === search.village}>
                  {v.name[locale]}
                </option>
              ))}
            </select>
          </>
        )}
        <label for="filter-category">{t('queue.filter.category')}</label>
        <select id="filter-category" name="category">
          <option value="">{t('queue.filter.anyCategory')}</option>
          {categories.map((c) => (
            <option value={c.id} selected={c.id === search.category}>
              {c.name[locale]}
            </option>
          ))}
        </select>
        <label for="filter-clock">{t('queue.filter.clock')}</label>
        <select id="filter-clock" name="clock">
          <option value="">{t('queue.filter.anyClock')}</option>
          {QUEUE_CLOCKS.map((clock) => (
            <option value={clock} selected={clock === search.clock}>
              {t(`queue.filter.clock.${clock}`)}
            </option>
          ))}
        </select>
        <label for="filter-q">{t('queue.filter.q')}</label>
        <input id="filter-q" name="q" type="search" value={search.q} maxlength={QUEUE_SEARCH_MAX} autocomplete="off" aria-describedby="filter-q-hint" />
        <span class="hint" id="filter-q-hint">
          {t(committee ? 'queue.filter.q.hint.committee' : 'queue.filter.q.hint')}
        </span>
        <button type="submit" class="button">
          {t('staff.cases.filter.apply')}
        </button>
      </form>
      {'all' in parts ? (
        <QueueSectionList session={session} part={parts.all} param="page" extra={`show=all&${filtered}`} />
      ) : (
        <>
          <QueueSectionList session={session} part={parts.new} param="new" extra={`${filtered}hand=${parts.in_hand.page}&`} />
          <QueueSectionList session={session} part={parts.in_hand} param="hand" extra={`${filtered}new=${parts.new.page}&`} />
        </>
      )}
      <form method="post" action={localePath(locale, '/staff/sign-out-everywhere')} class="sign-out-everywhere">
        <Csrf session={session} />
        <button type="submit" class="link-button">
          {t('staff.nav.signOutEverywhere')}
        </button>
      </form>
    </StaffFrame>
  );
}

interface MoveFormProps {
  session: StaffSession;
  opened: OpenedCase;
  move: StaffMove;
}

function MoveForm({ session, opened, move }: MoveFormProps) {
  const locale = useLocale();
  const caseNumber = opened.row.case_number;
  const t = translator(locale);
  const id = (name: string) => `${move}-${name}`;
  const { maxWorkingDays, defaultWorkingDays } = workflowSettings.timeLimit;
  const disposal = isOneOf(DISPOSAL_MOVES, move);
  return (
    <details class="move" id={`move-${move}`}>
      <summary>{t(`staff.move.${move}`)}</summary>
      <form method="post" action={localePath(locale, `/staff/cases/${caseNumber}/moves`)} data-seal={opened.sealedKey ? 'message note' : undefined}>
        <Csrf session={session} />
        <input type="hidden" name="move" value={move} />
        {move === 'escalate' && <p class="notice notice-warning">{t('staff.move.escalate.warning')}</p>}
        {(move === 'resolve' || move === 'resolve_at_once' || move === 'explain') && <p class="hint">{t('staff.move.resolve.hint')}</p>}
        {move === 'close' && <p class="hint">{t('staff.move.close.hint')}</p>}
        {move === 'set_time_limit' && (
          <Field name="workingDays" id={id('days')} label={t('staff.move.workingDays', { max: maxWorkingDays })} type="number" inputmode="numeric" min={1} max={maxWorkingDays} value={String(defaultWorkingDays)} required />
        )}
        {move === 'accept' && !opened.row.discipline && (
          <Field control="select" name="category" id={id('category')} label={t('staff.move.category')}>
            {town.categories
              .filter((c) => c.route === 'village')
              .map((c) => (
                <option value={c.id} selected={c.id === opened.row.category_id}>
                  {c.name[locale]}
                </option>
              ))}
          </Field>
        )}
        {move === 'accept' && (
          <Field control="select" name="assignee" id={id('assignee')} label={t('staff.move.assignee')}>
            <option value="">{t('staff.move.assignee.none')}</option>
            {opened.assignees.map((a) => (
              <option value={String(a.id)} selected={a.id === session.id}>
                {isolated(a.display_name)}（{t(`staff.role.${a.role}`)}）
              </option>
            ))}
          </Field>
        )}
        {move === 'not_accept' && (
          <ChoiceField name="reason" legend={t('staff.move.reason')} required choices={NOT_ACCEPTED_REASONS.map((reason) => ({ value: reason, label: t(`staff.reason.${reason}`) }))} />
        )}
        <Field
          control="textarea"
          name="message"
          id={id('message')}
          label={t(move === 'notify' ? 'committee.move.notice' : messageOptional(move) ? 'committee.move.messageOptional' : 'staff.move.message')}
          rows={4}
          required={!messageOptional(move)}
          minlength={2}
          maxlength={workflowSettings.messageMax}
          value={move === 'close' ? t(opened.row.status === 'explained' ? 'staff.move.close.message.explained' : 'staff.move.close.message') : undefined}
        />
        <Field control="textarea" name="note" id={id('note')} label={t(disposal ? 'committee.move.reason' : 'staff.move.note')} rows={2} required={disposal} minlength={disposal ? 2 : undefined} maxlength={workflowSettings.messageMax} />
        <button type="submit" class="button primary">
          {t(`staff.move.${move}`)}
        </button>
      </form>
    </details>
  );
}

export interface CasePageProps {
  session: StaffSession;
  opened: OpenedCase;
  notice?: string;
  error?: string;
  outcomeForm?: OutcomeFormState;
  /** The conflict declaration form again, with what was wrong. */
  conflictForm?: { errors: FieldError[]; reason?: string };
  /** That the case was sent up to the county commission (its status `sent_up`), or the send-up form's errors. */
  sentUp?: SendUpRow | null;
  sendUpErrors?: FieldError[];
  /** A question about a disclosure: the disclosure, its answers, and the answer form's errors. */
  question?: CaseQuestion | null;
  answerErrors?: FieldError[];
  answerValues?: AnswerValues;
}

/**
 * Declaring a conflict of interest: a reason from a short list and an optional note (sealed by the
 * member's browser on a committee case). The case then leaves the viewer's view for good.
 */
function ConflictSection({ session, opened, form }: { session: StaffSession; opened: OpenedCase; form?: CasePageProps['conflictForm'] }) {
  const locale = useLocale();
  const t = translator(locale);
  const errors = form?.errors ?? [];
  const { takenBy, keepsFromVillage } = stepAside(session, { discipline: opened.row.discipline === 1 });
  return (
    <section aria-labelledby="conflict-title" class="conflict" id="conflict">
      <details open={errors.length > 0}>
        <summary>
          <h2 id="conflict-title" class="inline-heading">
            {t('conflict.title')}
          </h2>
        </summary>
        <p>{t('conflict.lead')}</p>
        <p class="notice notice-warning">{t(keepsFromVillage ? 'conflict.to.village' : takenBy === 'committee' ? 'conflict.to.committee' : 'conflict.to.town')}</p>
        <ErrorSummary errors={errors} />
        <form method="post" action={localePath(locale, `/staff/cases/${opened.row.case_number}/conflict`)} data-seal={opened.sealedKey ? 'note' : undefined}>
          <Csrf session={session} />
          <ChoiceField
            name="reason"
            legend={t('conflict.reason')}
            errors={errors}
            required
            checked={(reason) => form?.reason === reason}
            choices={CONFLICT_REASONS.map((reason) => ({ value: reason, label: t(`conflict.reason.${reason}`) }))}
          />
          <Field control="textarea" name="note" id="conflict-note" label={t('conflict.note')} hint={t('conflict.note.hint', { max: CONFLICT_NOTE_MAX })} errors={errors} rows={2} maxlength={CONFLICT_NOTE_MAX} />
          <button type="submit" class="button">
            {t('conflict.submit')}
          </button>
        </form>
      </details>
    </section>
  );
}

export function CasePage({ session, opened, notice, error, outcomeForm, conflictForm, sentUp, sendUpErrors, question, answerErrors, answerValues }: CasePageProps) {
  const locale = useLocale();
  const t = translator(locale);
  const { row, events, feedback, moves } = opened;
  const actor = (e: OpenedCase['events'][number]) =>
    e.actor === 'resident' ? t('staff.case.by.resident') : e.actor === 'system' ? t('staff.case.by.system') : (e.actor_name ?? e.actor);
  return (
    <StaffFrame path={`/staff/cases/${row.case_number}`} title={t('staff.case.title', { number: row.case_number })} session={session}>
      <p>
        <a href={localePath(locale, '/staff/cases')}>{t('staff.case.back')}</a>
      </p>
      <h1>{t('staff.case.title', { number: row.case_number })}</h1>
      <Notices notice={notice} error={error} />
      <div data-case-key={opened.sealedKey ?? undefined} id="case-content">
      {opened.sealedKey ? <p class="muted">{t('sealed.case.sealed')}</p> : row.discipline === 1 && <p class="muted">{t('sealed.plain')}</p>}
      {row.kept_from_village && (
        <p class="notice notice-warning" id="case-kept">
          {t(row.kept_from_village === 'conflict' ? 'kept.case.conflict' : 'kept.case.resident')}
        </p>
      )}
      {opened.claim && (
        // Who reads the case (the committee, or town staff for a kept one) sees whether its slip's or card's code was exchanged, and on which day.
        <p class={opened.claim.state === 'claimed' ? 'notice' : 'muted'} id="case-claim">
          {opened.claim.day
            ? t('claim.staff.claimedOn', { day: formatTownDate(opened.claim.day, locale) })
            : t('claim.staff.pendingOwn')}
        </p>
      )}
      <h2 id="case-subject">
        <Sealed text={row.subject} />
      </h2>
      <dl class="facts">
        <dt>{t('staff.col.status')}</dt>
        <dd>
          <strong class={`status status-${row.status}`} id="case-status">
            {t(statusLabelKey(row.status))}
          </strong>{' '}
          {row.discipline === 1 && opened.clocks.length > 0 ? (
            <span id="case-clocks">
              <Clocks clocks={opened.clocks} />
            </span>
          ) : (
            <UrgencyFlag urgency={opened.urgency} status={row.status} />
          )}
          {OPEN_STATUSES.includes(row.status) && events.some((e) => e.kind === TO_TOWN) && <> <ToTownFlag /></>}
        </dd>
        {row.disposal && (
          <>
            <dt>{t('committee.case.disposal')}</dt>
            <dd id="case-disposal">{wayName(row.disposal, locale)}</dd>
          </>
        )}
        <dt>{t('staff.col.village')}</dt>
        <dd>{villageName(row.village_id, locale)}</dd>
        <dt>{t('staff.col.category')}</dt>
        <dd>{categoryName(row.category_id, locale)}</dd>
        <dt>{t('staff.case.channel')}</dt>
        <dd>{t(`staff.channel.${row.channel as 'web'}`)}</dd>
        {row.assignee_id !== null && (
          <>
            <dt>{t('staff.case.assignee')}</dt>
            <dd id="case-assignee">
              <bdi>{opened.assignees.find((a) => a.id === row.assignee_id)?.display_name ?? '—'}</bdi>
            </dd>
          </>
        )}
        <dt>{t('staff.case.identity')}</dt>
        <dd>
          {row.anonymous ? (
            t('staff.case.anonymous')
          ) : (
            <>
              <span data-contact>
                <Sealed text={row.contact_name} />
              </span>{' '}
              ·{' '}
              <span data-contact>
                <Sealed text={row.contact_phone} />
              </span>
            </>
          )}
        </dd>
        <dt>{t('staff.case.submittedAt')}</dt>
        <dd>
          <When iso={row.created_at} />
        </dd>
        {(row.status === 'received' || row.status === 'reopened') && (
          <>
            <dt>{t('staff.case.acceptDue')}</dt>
            <dd>
              <When iso={row.accept_due_at} />
              <ProvisionalNote deadline={row.accept_due_at} />
            </dd>
          </>
        )}
        {row.due_at && (
          <>
            <dt>{t('staff.case.due')}</dt>
            <dd>
              {t('staff.case.timeLimit', { days: row.time_limit_days ?? '', date: formatTownTime(row.due_at, locale) })}
              <ProvisionalNote deadline={row.due_at} />
            </dd>
          </>
        )}
        {row.reopen_count > 0 && (
          <>
            <dt>{t('status.reopened')}</dt>
            <dd>{t('staff.case.reopened', { n: row.reopen_count })}</dd>
          </>
        )}
      </dl>
      <h3>{t('staff.case.description')}</h3>
      <p class="message" id="case-description">
        <Sealed text={row.description} />
      </p>
      <PhotoList photos={opened.photos} src={(id) => localePath(locale, `/staff/cases/${row.case_number}/photos/${id}`)} sealedInBrowser link />

      <section aria-labelledby="moves-title" class="moves">
        <h2 id="moves-title">{t('staff.move.title')}</h2>
        {moves.some((move) => isOneOf(DISPOSAL_MOVES, move)) && <p class="hint">{t('committee.move.ways')}</p>}
        {moves.length === 0 ? <p>{t('staff.move.none')}</p> : moves.map((move) => <MoveForm session={session} opened={opened} move={move} />)}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('staff.case.history')}</h2>
        <ol class="timeline" id="history">
          {events.map((e) => (
            <li class={e.actor === 'resident' ? 'by-resident' : 'by-staff'}>
              <p class="timeline-head">
                <When iso={e.created_at} /> <span>{actor(e)}</span> · {t(staffEventLabel(e.kind, e.actor), { channel: t(`staff.channel.${row.channel as 'web'}`) })}
              </p>
              {e.kind === 'submitted' && (
                <p class="message">
                  <Sealed text={row.description} />
                </p>
              )}
              {e.public_message && (
                <p class="message">
                  <strong>{t(staffTextLabel(e.kind, e.actor))}：</strong>
                  <Sealed text={e.public_message} />
                </p>
              )}
              {e.internal_note && (
                <p class="message internal">
                  <strong>{t('staff.case.internal')}：</strong>
                  <Sealed text={e.internal_note} />
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      {question && <AnswerSection session={session} caseNumber={row.case_number} question={question} errors={answerErrors} values={answerValues} />}

      <OutcomeSection session={session} opened={opened} form={outcomeForm} />

      <ConflictSection session={session} opened={opened} form={conflictForm} />

      <SendUpSection session={session} opened={opened} sentUp={sentUp} errors={sendUpErrors} />

      {feedback.length > 0 && (
        <section aria-labelledby="feedback-title">
          <h2 id="feedback-title">{t('staff.case.feedback')}</h2>
          <ul>
            {feedback.map((f) => (
              <li>
                {t(`feedback.${f.rating as 'satisfied'}`)}
                {f.comment && (
                  <>
                    ：<Sealed text={f.comment} />
                  </>
                )}{' '}
                (<When iso={f.created_at} />)
              </li>
            ))}
          </ul>
        </section>
      )}
      </div>
      {mayReadAccessLog(session, row.discipline === 1) && (
        <p>
          <a href={localePath(locale, `/staff/cases/${row.case_number}/access`)}>{t('staff.case.accessLog')}</a>
        </p>
      )}
    </StaffFrame>
  );
}

/** A case the viewer entered or escalated: it exists, its content is the committee's (or, kept from the village, town staff's) alone. */
export function RestrictedCasePage({
  session,
  caseNumber,
  claim = null,
  to = 'committee',
}: {
  session: StaffSession;
  caseNumber: string;
  claim?: 'pending' | 'claimed' | null;
  to?: 'committee' | 'town';
}) {
  const locale = useLocale();
  const t = translator(locale);
  return (
    <StaffFrame path={`/staff/cases/${caseNumber}`} title={t('staff.case.title', { number: caseNumber })} session={session}>
      <h1>{t('staff.case.title', { number: caseNumber })}</h1>
      <p class="notice notice-warning" id="restricted">
        {t(to === 'town' ? 'kept.restricted' : 'staff.restricted')}
      </p>
      {claim && (
        <p id="claim-state">
          <strong>{t(claim === 'claimed' ? 'claim.staff.claimed' : 'claim.staff.pending')}</strong>
        </p>
      )}
      <p>
        <a href={localePath(locale, '/staff/cases')}>{t('staff.case.back')}</a>
      </p>
    </StaffFrame>
  );
}

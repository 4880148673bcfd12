/**
 * The staff console under /staff (and /en/staff). Every route but sign-in needs a live session;
 * every POST needs the session's CSRF token; every case is opened through the access rules and
 * leaves a line in its access log.
 */
import { photoResponse } from '../http/photo.ts';
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findCategory, localePath, pathWithoutLocale } from '../../content/index.ts';
import { canRecordCategory, canRecordFor } from '../cases/access.ts';
import { signInSchema } from '../cases/accounts.ts';
import { SUBMISSION_FIELDS, validateSubmission } from '../cases/submission.ts';
import { moveRefusal, moveSchema, STAFF_MOVES } from '../cases/workflow.ts';
import { validated } from '../http/validated.ts';
import { readInput } from '../http/input.ts';
import { readDocumentForm } from '../http/document-form.ts';
import { htmlRefusal, marked, statusOf } from '../http/refusal.ts';
import { refuse, type Refusal, type RefusalCode } from '../cases/result.ts';
import { fixedProofBits, queryCodeKey } from '../http/secret.ts';
import { CASE_NUMBER_PATTERN, accessLog, conflictLog, declareConflict, markSpam, moveCase, openCase, queue, queueSearch, staffPhoto } from '../services/handling.ts';
import { submit } from '../services/mailbox.ts';
import { sendUp, sendUpOf } from '../services/sendup.ts';
import { sendUpRefusalFor, sendUpSchema } from '../cases/sendup.ts';
import { admit } from '../services/gate.ts';
import { publishOutcome, withdraw } from '../services/outcomes.ts';
import { endsCase, publishAnswer, questionOfCase } from '../services/disclosure-answers.ts';
import { loadTraditionalCharacters } from '../services/traditional-characters.ts';
import { SESSION_COOKIE, csrfMatches, loadSession, signIn, signOut, signOutEverywhere } from '../services/staff-auth.ts';
import { AccessLogPage, ConflictLogPage } from '../views/staff/admin.tsx';
import { CasePage, QueuePage, RestrictedCasePage } from '../views/staff/cases.tsx';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import { INTAKE_CHANNELS, IntakePage, SlipPage, type IntakeChannel } from '../views/staff/intake.tsx';
import { SignInPage } from '../views/staff/sign-in.tsx';
import { newClientId } from '../cases/crypto.ts';
import { normalizeCardNumber } from '../cases/cards.ts';
import { accounts, password } from './accounts.tsx';
import { cards } from './cards.tsx';
import { committee } from './committee.tsx';
import { records } from './records.tsx';
import { staffRhythm } from './rhythm.tsx';
import { publishing } from './publishing.tsx';
import { villages } from './villages.tsx';
import type { StaffEnv } from './staff-env.ts';
import { draftOf, isOneOf } from '../cases/validation.ts';
import { queueQuery } from '../cases/queue-search.ts';

type C = Context<StaffEnv>;

const to = (c: C, path: string) => localePath(c.var.locale, path);

/** The staff message page for a refusal of the whole request. */
const refused = (c: C, refusal: Refusal) => message(c, statusOf(refusal.code), c.var.t(refusal.key, refusal.params));
const forbidden = refuse('forbidden', 'staff.errors.forbidden').refusal;

function message(c: C, status: 403 | 404 | 409 | 413 | 415 | 400 | 503 | ContentfulStatusCode, text: string) {
  const session = c.get('session') ?? null;
  return c.render(<StaffMessagePage path={pathWithoutLocale(c.req.path)} session={session} message={text} />, status);
}

function setSessionCookie(c: C, sessionId: string) {
  setCookie(c, SESSION_COOKIE, sessionId, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
}

export const staff = new Hono<StaffEnv>();

/** The publishing console's forms and the villages' disclosures (worker/http/document-form.ts: multipart, a PDF or a CSV). */
const DOCUMENT_FORMS = /^\/staff\/(publishing|villages)\//;

/**
 * What a village clerk reaches: its village's disclosures, its password, signing out. Nothing of
 * any case, queue, record, statistic or account (worker/cases/access.ts refuses it every case too).
 */
const CLERK_MAY = /^\/staff\/(?:villages(?:\/.*)?|password\/?|sign-out|sign-out-everywhere)$/;

/** What an account that must change its password may still reach. */
const MAY_WHILE_CHANGING = /^\/staff\/(?:password\/?|sign-out|sign-out-everywhere|committee\/keys\.json|committee\/own-key\/rewrap)$/;

staff.get('/sign-in', (c) => {
  const q = c.req.query();
  const notice = q.signedOut === '1' ? c.var.t('staff.signIn.signedOut') : q.signedOut === 'all' ? c.var.t('staff.signIn.signedOutEverywhere') : undefined;
  const error = q.expired === '1' ? c.var.t('staff.signIn.expired') : q.required === '1' ? c.var.t('staff.signIn.required') : undefined;
  return c.render(<SignInPage notice={notice} error={error} />);
});

staff.post(
  '/sign-in',
  validated('form', signInSchema, (c: Context<StaffEnv>, refusal) => c.render(<SignInPage error={c.var.t(refusal.key, refusal.params)} />, statusOf(refusal.code))),
  async (c) => {
    const { username, password, clientId, proof } = c.req.valid('form');
    // Priced before any account is looked at: a proof of work, or (no JavaScript) the hourly budget.
    const secret = queryCodeKey(c.env);
    if (!secret) return message(c, 503, c.var.t('errors.unavailable'));
    const admitted = await admit(c.env.DB, secret, { purpose: 'signin', clientId, proof, budget: { kind: 'signin' }, fixedBits: fixedProofBits(c.env) });
    if (!admitted.ok) return c.render(<SignInPage error={c.var.t('busy.signIn')} />, 429);
    const result = await signIn(c.env.DB, secret, username, password);
    if (!result.ok) {
      const { refusal } = result;
      // Too many attempts on this username: when to try again, in the header too.
      const wait = refusal.code === 'busy' ? { 'Retry-After': String(refusal.params?.n) } : undefined;
      return c.render(<SignInPage error={c.var.t(refusal.key, refusal.params)} />, statusOf(refusal.code), wait);
    }
    setSessionCookie(c, result.value.sessionId);
    return c.redirect(to(c, '/staff/cases'), 303);
  },
);

// Everything below needs a live session, and every POST its CSRF token.
staff.use('*', async (c, next) => {
  const loaded = await loadSession(c.env.DB, getCookie(c, SESSION_COOKIE));
  if (!loaded.ok) {
    const expired = loaded.refusal.code === 'gone';
    if (expired) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.redirect(to(c, `/staff/sign-in?${expired ? 'expired' : 'required'}=1`), 303);
  }
  const session = loaded.value;
  c.set('session', session);
  // An account that must choose a new password sees nothing else until it has (its browser may
  // still fetch its own keys, to re-seal a committee member's key under the new password).
  if (session.mustChangePassword && !MAY_WHILE_CHANGING.test(pathWithoutLocale(c.req.path))) {
    return c.redirect(to(c, '/staff/password'), 303);
  }
  const path = pathWithoutLocale(c.req.path);
  if (session.role === 'clerk' && !CLERK_MAY.test(path)) {
    // Signing in lands on the queue: a clerk's console is its village's desk.
    if (c.req.method === 'GET' && (path === '/staff/cases' || path === '/staff' || path === '/staff/')) return c.redirect(to(c, '/staff/villages'), 303);
    return refused(c, forbidden);
  }
  if (c.req.method === 'POST') {
    // The publishing forms carry a document's text and its PDF: read with their own, larger bound (multipart too).
    const documentForm = DOCUMENT_FORMS.exec(pathWithoutLocale(c.req.path));
    const input = documentForm ? await readDocumentForm(c.req.raw, documentForm[1] === 'villages') : await readInput(c.req.raw);
    if (!input.ok) return message(c, input.status, c.var.t(input.key));
    const { csrf, ...fields } = input.fields;
    if (!csrfMatches(session, csrf)) return message(c, 403, c.var.t('staff.errors.csrf'));
    c.set('fields', fields);
    c.set('files', 'files' in input ? input.files : {});
  }
  await next();
});

staff.get('/', (c) => c.redirect(to(c, '/staff/cases'), 303));

staff.post('/sign-out', async (c) => {
  await signOut(c.env.DB, c.get('session'));
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  return c.redirect(to(c, '/staff/sign-in?signedOut=1'), 303);
});

staff.post('/sign-out-everywhere', async (c) => {
  await signOutEverywhere(c.env.DB, c.get('session'));
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  return c.redirect(to(c, '/staff/sign-in?signedOut=all'), 303);
});

const pageParam = (value: string | undefined) => (value && /^\d{1,6}$/.test(value) ? Number(value) : 1);

async function queueParts(c: C, { filter }: ReturnType<typeof queueSearch>) {
  const session = c.get('session');
  const now = new Date();
  if (c.req.query('show') === 'all') return { all: await queue(c.env.DB, session, 'all', pageParam(c.req.query('page')), now, filter) };
  const [fresh, inHand] = await Promise.all([
    queue(c.env.DB, session, 'new', pageParam(c.req.query('new')), now, filter),
    queue(c.env.DB, session, 'in_hand', pageParam(c.req.query('hand')), now, filter),
  ]);
  return { new: fresh, in_hand: inHand };
}

staff.get('/cases', async (c) => {
  const marked = c.req.query('marked');
  const skipped = c.req.query('skipped');
  const declared = c.req.query('declared');
  const notice =
    marked && /^\d+$/.test(marked)
      ? [c.var.t('spam.done', { marked }), skipped && skipped !== '0' && /^\d+$/.test(skipped) ? c.var.t('spam.skipped', { skipped }) : ''].join(' ').trim()
      : declared && CASE_NUMBER_PATTERN.test(declared)
        ? c.var.t('conflict.done', { number: declared })
        : undefined;
  const searched = queueSearch(c.get('session'), (name) => c.req.query(name));
  // A query code in the address (typed there, or an old bookmark): the page drops it and says so, never echoing it.
  if (searched.codeTyped) return c.redirect(to(c, filteredQueue(c.req.query('show'), searched)), 303);
  const error = c.req.query('codeTyped') === '1' ? c.var.t('queue.search.codeTyped') : undefined;
  return c.render(<QueuePage session={c.get('session')} parts={await queueParts(c, searched)} search={searched.search} notice={notice} error={error} />);
});

/** The queue's address for a filter: a query code typed in the search box never in it, only that one was dropped. */
const filteredQueue = (show: unknown, { search, codeTyped }: ReturnType<typeof queueSearch>) =>
  `/staff/cases?${show === 'all' ? 'show=all&' : ''}${queueQuery(search)}${codeTyped ? 'codeTyped=1' : ''}`.replace(/[?&]$/, '');

// The filter form: POSTed (with its CSRF token) so that what is typed reaches no URL before it is checked;
// answered with the GET of the filter, bookmarkable, with anything shaped like a query code dropped.
staff.post('/cases', (c) => {
  const fields = c.get('fields');
  // Every field as text (a stray file or JSON value reads as harmless text the filter ignores).
  const field = (name: string) => (fields[name] === undefined || fields[name] === null ? undefined : String(fields[name]));
  return c.redirect(to(c, filteredQueue(field('show'), queueSearch(c.get('session'), field))), 303);
});

// Several new cases at once: "not accepted: spam or abuse" (each through the workflow's move).
staff.post('/cases/spam', async (c) => {
  const session = c.get('session');
  if (session.role === 'discipline') return message(c, 403, c.var.t('staff.errors.forbidden'));
  const numbers = Object.keys(c.get('fields'))
    .filter((name) => name.startsWith('case:'))
    .map((name) => name.slice(5));
  const result = await markSpam(c.env.DB, session, numbers);
  const searched = queueSearch(session, () => undefined);
  if (!result.ok) return htmlRefusal(c, result.refusal, <QueuePage session={session} parts={await queueParts(c, searched)} search={searched.search} error={marked(c.var.locale, result.refusal).notice} />);
  return c.redirect(to(c, `/staff/cases?marked=${result.value.marked}&skipped=${result.value.skipped}`), 303);
});

staff.get('/cases/new', (c) => {
  const village = c.get('session').villageId ?? undefined;
  return c.render(
    <IntakePage session={c.get('session')} draft={{ submissionId: newClientId(), identity: 'anonymous', channel: 'mailbox', village }} errors={[]} />,
  );
});

staff.post('/cases/new', async (c) => {
  const session = c.get('session');
  const secret = queryCodeKey(c.env);
  if (!secret) return message(c, 503, c.var.t('errors.unavailable'));
  const { channel, card, ...fields } = c.get('fields');
  const draft = Object.fromEntries(SUBMISSION_FIELDS.filter((f) => typeof fields[f] === 'string').map((f) => [f, fields[f] as string]));
  const page = (code: RefusalCode, errors: Parameters<typeof IntakePage>[0]['errors'], notice?: string) =>
    c.render(
      <IntakePage
        session={session}
        draft={{ ...draft, submissionId: draft.submissionId ?? newClientId(), channel: typeof channel === 'string' ? channel : undefined, card: typeof card === 'string' ? card : undefined }}
        errors={errors}
        notice={notice}
      />,
      statusOf(code),
    );
  // Staff never type a resident's query code: an earlier case is linked by the resident alone.
  const valid = validateSubmission(fields, { earlierCode: false });
  const channelOk = isOneOf(INTAKE_CHANNELS, channel);
  // A code card's number: on a letter, or given at a visit or by phone.
  const cardNumber = typeof card === 'string' && card.trim() !== '' ? normalizeCardNumber(card) : undefined;
  const cardOk = cardNumber !== null;
  const fieldErrors = [
    ...(valid.ok ? [] : (valid.refusal.fields ?? [])),
    ...(channelOk ? [] : [{ field: 'channel', key: 'errors.field.type' as const, params: { field: 'channel' } }]),
    ...(cardOk ? [] : [{ field: 'card', key: 'cards.errors.unknown' as const }]),
    ...(!valid.ok || canRecordCategory(session, findCategory(valid.value.categoryId)?.route ?? 'village') ? [] : [{ field: 'category', key: 'staff.new.errors.category' as const }]),
  ];
  if (!valid.ok || !channelOk || !cardOk || fieldErrors.length > 0) return page('invalid', fieldErrors);
  if (!canRecordFor(session, valid.value.villageId)) return page('forbidden', [], c.var.t('staff.errors.village'));
  const result = await submit(c.env.DB, secret, valid.value, c.var.locale, new Date(), { channel: channel as IntakeChannel, recordedBy: session.id, cardNumber });
  // An unknown or used card is marked on the card's field; a conflict or a missing committee key is the page's notice.
  if (!result.ok && result.refusal.key === 'cards.errors.unknown') return page('invalid', [{ field: 'card', key: result.refusal.key }]);
  if (!result.ok) return page(result.refusal.code, [], c.var.t(result.refusal.key));
  return c.render(<SlipPage session={session} receipt={result.value.receipt} channel={channel as IntakeChannel} />, result.value.created ? 201 : 200);
});

staff.get('/cases/:number', async (c) => {
  const session = c.get('session');
  const result = await openCase(c.env.DB, session, c.req.param('number'));
  if (!result.ok) return refused(c, result.refusal);
  const { opened, restricted } = result.value;
  if (restricted) return c.render(<RestrictedCasePage session={session} caseNumber={restricted.caseNumber} claim={restricted.claim} to={restricted.to} />);
  const done = c.req.query('done');
  const notice =
    done === 'outcome'
      ? c.var.t('outcomes.staff.published')
      : done === 'withdrawn'
        ? c.var.t('outcomes.staff.withdrawn')
        : isOneOf(STAFF_MOVES, done)
          ? c.var.t('staff.move.done', { move: c.var.t(`staff.move.${done}`) })
          : undefined;
  const [sentUp, question] = await Promise.all([opened.row.status === 'sent_up' ? sendUpOf(c.env.DB, opened.row.id) : null, questionOfCase(c.env.DB, opened.row.id)]);
  const answered = done === 'answer' ? c.var.t('disclosure.answer.done') : done === 'answer-resolved' ? c.var.t('disclosure.answer.doneResolved') : undefined;
  return c.render(<CasePage session={session} opened={opened} notice={notice ?? answered} sentUp={sentUp} question={question} />);
});

// A question about a disclosure: the answer published under the disclosure (答复/补充说明).
staff.post('/cases/:number/answer', async (c) => {
  const session = c.get('session');
  const caseNumber = c.req.param('number');
  const fields = c.get('fields');
  const result = await publishAnswer(c.env.DB, session, caseNumber, fields);
  if (result.ok) return c.redirect(to(c, `/staff/cases/${caseNumber}?done=${result.value.resolved ? 'answer-resolved' : 'answer'}#answer`), 303);
  if (result.refusal.code === 'not_found' || result.refusal.code === 'forbidden') return refused(c, result.refusal);
  const opened = await openCase(c.env.DB, session, caseNumber);
  if (!opened.ok || !opened.value.opened) return refused(c, forbidden);
  const shown = marked(c.var.locale, result.refusal);
  const question = await questionOfCase(c.env.DB, opened.value.opened.row.id);
  return htmlRefusal(c, result.refusal, <CasePage session={session} opened={opened.value.opened} error={shown.notice} question={question} answerErrors={shown.errors} answerValues={answerValues(fields)} />);
});

/** The answer form as sent, to show it again when refused. */
const answerValues = (fields: Record<string, unknown>) => {
  const { answer = '', answerEn = '' } = draftOf(['answer', 'answerEn'], fields);
  return { answer, answerEn, resolve: endsCase(fields) };
};

// A photo of the case, checked exactly like the case page; a sealed case's is its envelope.
staff.get('/cases/:number/photos/:id', async (c) => {
  const result = await staffPhoto(c.env.DB, c.env.FILES, c.get('session'), c.req.param('number'), c.req.param('id'));
  if (!result.ok) return refused(c, result.refusal);
  return photoResponse(result.value.type, result.value.bytes);
});

// "This is for the county": the member confirms the case was sent up; the town's copy is destroyed.
// A refused form shows the case again with its fields marked (opening it again checks who may).
async function sendUpRefused(c: Context<StaffEnv>, refusal: Refusal) {
  if (refusal.code === 'not_found' || refusal.code === 'forbidden') return refused(c, refusal);
  const session = c.get('session');
  const opened = await openCase(c.env.DB, session, c.req.param('number') ?? '');
  if (!opened.ok || !opened.value.opened) return refused(c, forbidden);
  // Whoever may not send this case up hears that, not what their form lacked.
  const why = sendUpRefusalFor(session, opened.value.opened.row);
  if (why?.code === 'forbidden') return refused(c, why);
  const shown = marked(c.var.locale, why ?? refusal);
  return htmlRefusal(c, why ?? refusal, <CasePage session={session} opened={opened.value.opened} error={shown.notice} sendUpErrors={shown.errors} />);
}

staff.post(
  '/cases/:number/send-up',
  validated('form', sendUpSchema, sendUpRefused),
  async (c) => {
    const caseNumber = c.req.param('number');
    const result = await sendUp(c.env.DB, c.get('session'), caseNumber, c.req.valid('form'), new Date(), c.env.FILES);
    if (result.ok) return c.redirect(to(c, `/staff/cases/${caseNumber}`), 303);
    return sendUpRefused(c, result.refusal);
  },
);

/** The case shown again with a refused move (opening it again is logged like any other opening). */
async function moveRefused(c: Context<StaffEnv>, refusal: Refusal) {
  if (refusal.code === 'not_found' || refusal.code === 'forbidden') return refused(c, refusal);
  const session = c.get('session');
  const reopened = await openCase(c.env.DB, session, c.req.param('number') ?? '');
  if (!reopened.ok || !reopened.value.opened) return refused(c, forbidden);
  const error = c.var.t(refusal.key, refusal.params);
  return htmlRefusal(c, refusal, <CasePage session={session} opened={reopened.value.opened} error={error} />);
}

staff.post(
  '/cases/:number/moves',
  validated('form', moveSchema, (c: Context<StaffEnv>, refusal) => moveRefused(c, moveRefusal(refusal))),
  async (c) => {
    const caseNumber = c.req.param('number');
    const request = c.req.valid('form');
    const outcome = await moveCase(c.env.DB, c.get('session'), caseNumber, request, new Date(), c.env.FILES);
    if (outcome.ok) return c.redirect(to(c, `/staff/cases/${caseNumber}?done=${request.move}`), 303);
    return moveRefused(c, outcome.refusal);
  },
);

staff.post('/cases/:number/outcome', async (c) => {
  // The personal-data check reads traditional characters with a table read from the static assets on first use.
  if (!(await loadTraditionalCharacters(c.env.ASSETS))) return message(c, 503, c.var.t('errors.unavailable'));
  const session = c.get('session');
  const caseNumber = c.req.param('number');
  const result = await publishOutcome(c.env.DB, session, caseNumber, c.get('fields'), c.var.locale);
  if (result.ok) return c.redirect(to(c, `/staff/cases/${caseNumber}?done=outcome#outcome`), 303);
  if (!result.form) return refused(c, result.refusal);
  const opened = await openCase(c.env.DB, session, caseNumber);
  if (!opened.ok || !opened.value.opened) return refused(c, forbidden);
  return c.render(<CasePage session={session} opened={opened.value.opened} outcomeForm={result.form} />, statusOf(result.refusal.code));
});

staff.post('/cases/:number/outcome/withdraw', async (c) => {
  const caseNumber = c.req.param('number');
  const result = await withdraw(c.env.DB, c.get('session'), caseNumber);
  if (!result.ok) return refused(c, result.refusal);
  return c.redirect(to(c, `/staff/cases/${caseNumber}?done=withdrawn#outcome`), 303);
});

staff.get('/cases/:number/access', async (c) => {
  const session = c.get('session');
  const log = await accessLog(c.env.DB, session, c.req.param('number'));
  if (!log.ok) return refused(c, log.refusal);
  return c.render(<AccessLogPage session={session} caseNumber={c.req.param('number')} rows={log.value.rows} declarations={log.value.declarations} />);
});

// Stepping aside from a case: it leaves the viewer's view at once and for good.
staff.post('/cases/:number/conflict', async (c) => {
  const session = c.get('session');
  const caseNumber = c.req.param('number');
  const result = await declareConflict(c.env.DB, session, caseNumber, c.get('fields'));
  if (result.ok) return c.redirect(to(c, `/staff/cases?declared=${caseNumber}`), 303);
  const { refusal } = result;
  if (refusal.code === 'not_found' || refusal.code === 'forbidden') return refused(c, refusal);
  const opened = await openCase(c.env.DB, session, caseNumber);
  if (!opened.ok || !opened.value.opened) return refused(c, forbidden);
  const shown = marked(c.var.locale, refusal);
  if (shown.errors.length) {
    const reason = c.get('fields').reason;
    const conflictForm = { errors: shown.errors, reason: typeof reason === 'string' ? reason : undefined };
    return htmlRefusal(c, refusal, <CasePage session={session} opened={opened.value.opened} conflictForm={conflictForm} />);
  }
  return htmlRefusal(c, refusal, <CasePage session={session} opened={opened.value.opened} error={shown.notice} />);
});

staff.get('/conflicts', async (c) => {
  const session = c.get('session');
  const rows = await conflictLog(c.env.DB, session);
  if (!rows.ok) return refused(c, rows.refusal);
  return c.render(<ConflictLogPage session={session} rows={rows.value} />);
});

staff.route('/accounts', accounts);
staff.route('/password', password);
staff.route('/committee', committee);
staff.route('/cards', cards);
staff.route('/records', records);
staff.route('/rhythm', staffRhythm);
staff.route('/publishing', publishing);
staff.route('/villages', villages);

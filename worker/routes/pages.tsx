/**
 * The resident's pages that work without JavaScript: the mass mailbox and the query page, in
 * Chinese at /… and in English at /en/…. Mounted twice; the path tells the language.
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { findVillage } from '../../content/index.ts';
import { ANONYMOUS_ASKED_FIELD, ANONYMOUS_AS_IS_FIELD, selfIdentifying } from '../cases/anonymous-check.ts';
import { loadTraditionalCharacters } from '../services/traditional-characters.ts';
import { FOLLOWUP_FIELDS, validateFollowup } from '../cases/followup.ts';
import { FEEDBACK_FIELDS } from '../cases/feedback.ts';
import { newClientId } from '../cases/crypto.ts';
import { SUBMISSION_FIELDS, concernsCommittee, validateSubmission, type SubmissionDraft, EARLIER_CODE_FIELD } from '../cases/submission.ts';
import { claimSchema, trackSchema } from '../cases/query-code.ts';
import { CLIENT_ID_PATTERN, draftOf as typed, parseFields } from '../cases/validation.ts';
import type { AppEnv } from '../env.ts';
import { PHOTO_BODY_BYTES, readInput, readInputWithFiles } from '../http/input.ts';
import { PHOTO_FIELD, acceptPhotos, photoLimits, sizeText } from '../photos/accept.ts';
import { statusOf } from '../http/refusal.ts';
import type { FieldError } from '../cases/validation.ts';
import { htmlRefusal, inputRefusal, marked } from '../http/refusal.ts';
import { ok, refuse, refuseField, type Refusal } from '../cases/result.ts';
import { fixedProofBits, queryCodeKey } from '../http/secret.ts';
import { trackedPhoto, addFollowup, answerCheckIn, claim, committeeRecourse, giveFeedback, reopenTracked, spentCode, spentCodeMessage, submit, track } from '../services/mailbox.ts';
import { admit } from '../services/gate.ts';
import { CountyPage, MailboxPage } from '../views/mailbox.tsx';
import { ReceiptPage } from '../views/receipt.tsx';
import { CheckInOpenedPage, ClaimedPage, TrackCasePage, TrackClaimPage, TrackFormPage, TrackRegisteringPage } from '../views/track.tsx';
import { isRegistering } from '../services/checkins.ts';
import { MessagePage } from '../views/errors.tsx';
import { questionTarget } from '../services/disclosures.ts';
import { disclosurePath, disclosureTitle } from '../publishing/disclosure.ts';
import { photoResponse } from '../http/photo.ts';
import { switchedCookie, wantsElder } from '../http/elder-mode.ts';

/** What was typed, as strings, to fill the form again. */
function draftOf(fields: Record<string, unknown>): SubmissionDraft {
  const draft: SubmissionDraft = {};
  for (const name of SUBMISSION_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string') draft[name] = value;
  }
  if (!CLIENT_ID_PATTERN.test(draft.submissionId ?? '')) draft.submissionId = newClientId();
  return draft;
}

const unavailable = (c: Context<AppEnv>) =>
  c.render(<MessagePage path="/" title="errors.unavailable" message="errors.unavailable" />, 503);

export const pages = new Hono<AppEnv>();

// A village's page links here with `?village=<id>` (public, like the page it comes from): that
// village is chosen; an id the town does not have chooses none. From a disclosure's page
// ("对这项公开有疑问", `?disclosure=<slug>`): the question's category and village chosen, the
// disclosure carried along.
pages.get('/mailbox', async (c) => {
  const target = await questionTarget(c.env.DB, c.req.query('disclosure') ?? '');
  if (!target) {
    const village = c.req.query('village');
    const draft: SubmissionDraft = { submissionId: newClientId(), identity: 'anonymous', ...(village && findVillage(village) && { village }) };
    return c.render(<MailboxPage draft={draft} errors={[]} />);
  }
  const { locale } = c.var;
  const draft: SubmissionDraft = { submissionId: newClientId(), identity: 'anonymous', village: target.village, category: target.category, disclosure: target.slug };
  return c.render(<MailboxPage draft={draft} errors={[]} about={{ title: disclosureTitle(target.disclosure, locale), path: disclosurePath(target.disclosure) }} />);
});


/** The photo field's errors for a form refused for another reason: photos are never kept by a page sent back. */
function photosAgain(files: Uint8Array[] | undefined, errors: FieldError[]): FieldError[] {
  const sent = (files ?? []).some((f) => f.byteLength > 0);
  return sent && !errors.some((e) => e.field === PHOTO_FIELD) ? [{ field: PHOTO_FIELD, key: 'photos.errors.again' }] : [];
}

pages.post('/mailbox', async (c) => {
  const { locale, t } = c.var;
  const secret = queryCodeKey(c.env);
  if (!secret) return unavailable(c);
  const input = await readInputWithFiles(c.req.raw, PHOTO_BODY_BYTES, 'photos.errors.totalTooLarge');
  // A report about the town's own committee is not taken at all (Art. 15): nothing is read further or stored.
  if (concernsCommittee(input.ok ? input.fields : input.oversized?.fields)) return c.render(<CountyPage />);
  if (!input.ok && input.oversized) {
    // Too long to take: every field that could be kept comes back, and what to shorten is marked.
    const { proof: _proof, [ANONYMOUS_AS_IS_FIELD]: _asIs, [ANONYMOUS_ASKED_FIELD]: _asked, ...fields } = input.oversized.fields;
    const valid = validateSubmission(fields, { tooLong: input.oversized.tooLong });
    const errors = valid.ok ? [] : (valid.refusal.fields ?? []);
    return c.render(<MailboxPage draft={draftOf(fields)} errors={errors} notice={errors.length ? undefined : t(input.key)} />, input.status);
  }
  if (!input.ok) {
    const notice = input.key === 'photos.errors.totalTooLarge' ? t(input.key, { max: sizeText(photoLimits.maxTotalBytes) }) : t(input.key);
    return c.render(<MailboxPage draft={{ submissionId: newClientId(), identity: 'anonymous' }} errors={[]} notice={notice} />, input.status);
  }
  const { proof, [ANONYMOUS_AS_IS_FIELD]: asIs, [ANONYMOUS_ASKED_FIELD]: _asked, ...fields } = input.fields;
  const draft = draftOf(fields);
  const valid = validateSubmission(fields);
  // The photos are checked (type by their bytes, count, sizes, whole) before anything is stored.
  const photos = acceptPhotos(input.files[PHOTO_FIELD] ?? []);
  if (!valid.ok || !photos.ok) {
    const errors = [...(valid.ok ? [] : (valid.refusal.fields ?? [])), ...(photos.ok ? [] : (photos.refusal.fields ?? []))];
    const status = valid.ok && !photos.ok ? statusOf(photos.refusal.code) : 422;
    return c.render(<MailboxPage draft={draft} errors={[...errors, ...photosAgain(input.files[PHOTO_FIELD], errors)]} />, status);
  }
  // Anonymous, yet the text may tell who wrote it: asked first, every field kept, nothing stored
  // (and no budget spent). Without the table of traditional characters the check cannot run: sent.
  if (valid.value.anonymous && asIs !== 'yes' && (await loadTraditionalCharacters(c.env.ASSETS))) {
    const found = selfIdentifying(valid.value);
    if (found.length > 0) return c.render(<MailboxPage draft={draft} errors={photosAgain(input.files[PHOTO_FIELD], [])} anonymousCheck={found} />, 422);
  }
  const budget = { kind: 'submission', villageId: valid.value.villageId } as const;
  const admitted = await admit(c.env.DB, secret, { purpose: 'submission', clientId: valid.value.submissionId, proof, budget, fixedBits: fixedProofBits(c.env) });
  // Beyond the budget: the same form, every field and the same submission id kept, to send later.
  if (!admitted.ok) return c.render(<MailboxPage draft={draft} errors={photosAgain(input.files[PHOTO_FIELD], [])} busy />, 429);
  let result: Awaited<ReturnType<typeof submit>>;
  try {
    result = await submit(c.env.DB, secret, valid.value, locale, new Date(), undefined, { bucket: c.env.FILES, list: photos.value });
  } catch (error) {
    // R2 refused the photos: nothing was linked; the form again, to send later.
    if (photos.value.length === 0) throw error;
    return c.render(<MailboxPage draft={draft} errors={[{ field: PHOTO_FIELD, key: 'photos.errors.unavailable' }]} />, 503);
  }
  // An earlier case's code that opens nothing: said on its field, and (like every code) not written back.
  // Refused as a whole (a conflict, no committee key yet): the form again under a new submission id.
  if (!result.ok) {
    const { errors, notice } = marked(locale, result.refusal);
    const again = errors.length ? draft : { ...draft, submissionId: newClientId() };
    return htmlRefusal(c, result.refusal, <MailboxPage draft={again} errors={[...errors, ...photosAgain(input.files[PHOTO_FIELD], errors)]} notice={notice} />);
  }
  return c.render(<ReceiptPage receipt={result.value.receipt} />, result.value.created ? 201 : 200);
});

/**
 * The 关怀版 switch on the mailbox without JavaScript (core/frame.tsx, `keeps`): the form's fields
 * come here, the mode is set to the one the button asks for (the cookie, as `POST /elder-mode`
 * does; sent again by a reload, the same mode) and the same form comes back filled in, in that
 * mode. Nothing is stored, no proof of work is asked or spent, nothing is sent; photos are not
 * kept (the resident is told to choose them again), and an earlier case's query code is never
 * written back (told to type it again). The anonymous question, if it was on the page, is asked
 * again with its box as it was; a disclosure's question keeps its disclosure.
 */
pages.post('/mailbox/elder-mode', async (c) => {
  const { t } = c.var;
  const input = await readInputWithFiles(c.req.raw, PHOTO_BODY_BYTES, 'photos.errors.totalTooLarge');
  if (!input.ok && !input.oversized) {
    // Past what any form may send (photos beyond the limits): nothing could be read, as the mailbox itself would say.
    const page = await c.render(<MailboxPage draft={{ submissionId: newClientId(), identity: 'anonymous' }} errors={[]} notice={t(input.key, { max: sizeText(photoLimits.maxTotalBytes) })} />, input.status);
    return switched(c, page, undefined);
  }
  const sent = input.ok ? input.fields : input.oversized!.fields;
  const { [ANONYMOUS_AS_IS_FIELD]: asIs, [ANONYMOUS_ASKED_FIELD]: asked } = sent;
  const draft = draftOf(sent);
  const target = await questionTarget(c.env.DB, draft.disclosure ?? '');
  if (!target) delete draft.disclosure;
  const about = target ? { title: disclosureTitle(target.disclosure, c.var.locale), path: disclosurePath(target.disclosure) } : undefined;
  const kept = [t('elder.kept')];
  // An oversized body is a text too long, its photos not read: they are gone either way.
  if (!input.ok || (input.files[PHOTO_FIELD] ?? []).some((f) => f.byteLength > 0)) kept.push(t('elder.kept.photos'));
  if ((typed([EARLIER_CODE_FIELD], sent).earlierCode ?? '').trim() !== '') kept.push(t('elder.kept.code'));
  let anonymousCheck: ReturnType<typeof selfIdentifying> = [];
  if (asked === 'yes' && draft.identity === 'anonymous' && (await loadTraditionalCharacters(c.env.ASSETS))) {
    anonymousCheck = selfIdentifying({ subject: draft.subject ?? '', description: draft.description ?? '' });
  }
  const page = await c.render(<MailboxPage draft={draft} errors={[]} kept={kept} about={about} anonymousCheck={anonymousCheck} asIs={asIs === 'yes'} committee={concernsCommittee(sent)} />);
  return switched(c, page, sent);
});

/**
 * The 关怀版 switch on a case's page without JavaScript: the follow-up's text comes here with the
 * lookup's token (never the code), the mode is switched, and the case comes back with the text in
 * its box, in the other mode. Or, a comment being typed on a closed case's feedback form, that form
 * comes (the same token): the case comes back with the rating, the comment and the reopen box as
 * they were. Nothing is stored or spent; photos are to be chosen again.
 */
pages.post('/track/elder-mode', async (c) => {
  const { t } = c.var;
  const input = await readInputWithFiles(c.req.raw, PHOTO_BODY_BYTES, 'photos.errors.totalTooLarge');
  const sent = input.ok ? input.fields : (input.oversized?.fields ?? {});
  const { token = '', text = '', followupId = '' } = typed(FOLLOWUP_FIELDS, sent);
  const view = await reopenTracked(c.env.DB, token);
  if (!view) return switched(c, await c.render(<TrackFormPage notice={t('track.expired')} />, 410), sent);
  const photos = !input.ok || (input.files[PHOTO_FIELD] ?? []).some((f) => f.byteLength > 0);
  const notice = photos ? `${t('elder.kept')} ${t('elder.kept.photos')}` : t('elder.kept');
  const id = CLIENT_ID_PATTERN.test(followupId) ? followupId : newClientId();
  // The feedback form, when the switch carried it (a comment typed): its choices and comment as they were.
  const { feedbackId = '', rating, comment, reopen } = typed(['feedbackId', ...FEEDBACK_FIELDS], sent);
  const feedbackDraft = CLIENT_ID_PATTERN.test(feedbackId) ? { feedbackId, rating, comment, reopen: reopen === 'yes' } : undefined;
  return switched(c, await c.render(<TrackCasePage view={view} token={token} followupId={id} draftText={text} notice={notice} feedbackDraft={feedbackDraft} />), sent);
});

/**
 * A page answering the switch: with the cookie of the mode the button asked for (`sent`, the form
 * as it came; sent again by a reload, the same mode again), kept by no cache (http/elder-mode.ts
 * renders it in that mode).
 */
function switched(c: Context<AppEnv>, page: Response, sent: Record<string, unknown> | undefined): Response {
  const out = new Response(page.body, page);
  out.headers.append('Set-Cookie', switchedCookie(c.req.raw, wantsElder(c.req.raw, sent)));
  out.headers.set('Cache-Control', 'no-store');
  return out;
}

pages.get('/track', (c) => c.render(<TrackFormPage />));

/** The query page's POSTs: the key and the body, or why not. */
async function trackInput(c: Context<AppEnv>) {
  const { locale, t } = c.var;
  const secret = queryCodeKey(c.env);
  if (!secret) return refuse('unavailable', 'errors.unavailable');
  const input = await readInput(c.req.raw);
  if (!input.ok) return { ok: false as const, refusal: inputRefusal(input) };
  return ok({ locale, t, secret, fields: input.fields });
}

/**
 * The page for a refused POST of the query page: the unavailable page; past the budget the case
 * page again with the field marked (or, its token expired, the query form); else the query form
 * with the refusal's message.
 */
async function trackRefused(c: Context<AppEnv>, refusal: Refusal, token = '') {
  const { locale, t } = c.var;
  if (refusal.code === 'unavailable') return unavailable(c);
  if (refusal.code === 'busy') {
    const view = await reopenTracked(c.env.DB, token);
    if (!view) return c.render(<TrackFormPage notice={t('track.expired')} />, 410);
    return htmlRefusal(c, refusal, <TrackCasePage view={view} token={token} followupId={newClientId()} errors={marked(locale, refusal).errors} />);
  }
  return htmlRefusal(c, refusal, <TrackFormPage notice={t(refusal.key, refusal.params)} />);
}

pages.post('/track', async (c) => {
  const read = await trackInput(c);
  if (!read.ok) return trackRefused(c, read.refusal);
  const prepared = read.value;
  const { locale, t, secret } = prepared;
  // A code that cannot be one is told so before anything is looked up: its format is no secret.
  const lookup = parseFields(trackSchema, prepared.fields);
  if (!lookup.ok) return c.render(<TrackFormPage notice={t('track.malformed')} />, 422);
  const { code, clientId } = lookup.value;
  const admitted = await admit(c.env.DB, secret, { purpose: 'track', clientId, proof: prepared.fields.proof, budget: { kind: 'track' }, fixedBits: fixedProofBits(c.env) });
  if (!admitted.ok) return c.render(<TrackFormPage notice={t('busy.track')} />, 429);
  const tracked = await track(c.env.DB, secret, code);
  // The 打击报复 case of a check-in answered "yes" before the cron has registered it.
  if (!tracked && (await isRegistering(c.env.DB, secret, code))) return c.render(<TrackRegisteringPage />, 202);
  if (!tracked) {
    // A code a claim replaced, or a card that could not open its letter, says so (the day only);
    // wrong and unknown codes read the same, so nothing can be learnt by probing.
    const spent = await spentCode(c.env.DB, secret, code);
    if (spent) return c.render(<TrackFormPage notice={spentCodeMessage(locale, spent)} />, 410);
    return c.render(<TrackFormPage notice={t('track.notFound')} />, 404);
  }
  if (tracked.claimPending) return c.render(<TrackClaimPage caseNumber={tracked.view.caseNumber} token={tracked.token} />);
  return c.render(<TrackCasePage view={tracked.view} token={tracked.token} followupId={newClientId()} />);
});

pages.post('/track/claim', async (c) => {
  const read = await trackInput(c);
  if (!read.ok) return trackRefused(c, read.refusal);
  const prepared = read.value;
  const { locale, t, secret, fields } = prepared;
  const asked = parseFields(claimSchema, fields);
  const result = await claim(c.env.DB, secret, asked.ok ? asked.value.token : '');
  if (!result.ok) return htmlRefusal(c, result.refusal, <TrackFormPage notice={marked(locale, result.refusal).notice} />);
  return c.render(<ClaimedPage caseNumber={result.value.caseNumber} queryCode={result.value.queryCode} />, 201);
});

pages.post('/track/followup', async (c) => {
  const { locale, t } = c.var;
  const input = await readInputWithFiles(c.req.raw, PHOTO_BODY_BYTES, 'photos.errors.totalTooLarge');
  if (!input.ok && !input.oversized) return c.render(<TrackFormPage notice={t(input.key, { max: sizeText(photoLimits.maxTotalBytes) })} />, input.status);
  // An oversized follow-up comes back like an invalid one: the case, and the text marked too long.
  const read = input.ok ? { fields: input.fields, tooLong: {} } : input.oversized!;
  const { proof, ...fields } = read.fields;
  const { token = '', text = '' } = typed(FOLLOWUP_FIELDS, fields);
  const valid = validateFollowup(fields, read.tooLong);
  const sentPhotos = input.ok ? (input.files[PHOTO_FIELD] ?? []) : [];
  const photos = acceptPhotos(sentPhotos);
  if (!valid.ok || !input.ok || !photos.ok) {
    const view = await reopenTracked(c.env.DB, token);
    if (!view) return c.render(<TrackFormPage notice={t('track.expired')} />, 410);
    const textErrors: FieldError[] = !valid.ok ? (valid.refusal.fields ?? []) : !input.ok ? [{ field: 'text', key: 'errors.body.tooLarge' as const }] : [];
    const errors = [...textErrors, ...(photos.ok ? [] : (photos.refusal.fields ?? []))];
    const status = !input.ok ? input.status : valid.ok && !photos.ok ? statusOf(photos.refusal.code) : 422;
    return c.render(
      <TrackCasePage view={view} token={token} followupId={newClientId()} errors={[...errors, ...photosAgain(sentPhotos, errors)]} draftText={text} />,
      status,
    );
  }
  const secret = queryCodeKey(c.env);
  if (!secret) return unavailable(c);
  const admitted = await admit(c.env.DB, secret, { purpose: 'followup', clientId: valid.value.followupId, proof, budget: { kind: 'followup' }, fixedBits: fixedProofBits(c.env) });
  if (!admitted.ok) {
    const view = await reopenTracked(c.env.DB, token);
    if (!view) return c.render(<TrackFormPage notice={t('track.expired')} />, 410);
    const errors = [{ field: 'text', key: 'busy.followup' as const }];
    return c.render(<TrackCasePage view={view} token={token} followupId={valid.value.followupId} errors={errors} draftText={valid.value.text} />, 429);
  }
  const result = await addFollowup(c.env.DB, valid.value.token, valid.value.followupId, valid.value.text, new Date(), { bucket: c.env.FILES, list: photos.value });
  if (!result.ok && !result.view) return htmlRefusal(c, result.refusal, <TrackFormPage notice={marked(locale, result.refusal).notice} />);
  if (!result.ok) {
    const errors = result.refusal.fields ?? [{ field: 'text', key: result.refusal.key, params: result.refusal.params }];
    return htmlRefusal(
      c,
      result.refusal,
      <TrackCasePage view={result.view!} token={valid.value.token} followupId={valid.value.followupId} errors={errors} draftText={valid.value.text} />,
    );
  }
  return c.render(
    <TrackCasePage view={result.value} token={valid.value.token} followupId={newClientId()} notice={t('track.followup.done')} />,
    201,
  );
});

// A photo of the case, to the resident who looked it up: only with the lookup's track token (never
// the code), only a photo of that case; opened in the worker when the case is sealed.
pages.get('/track/photos/:id', async (c) => {
  const photo = await trackedPhoto(c.env.DB, c.env.FILES, c.req.query('token') ?? '', c.req.param('id'));
  if (!photo) return c.render(<TrackFormPage notice={c.var.t('track.expired')} />, 404);
  return photoResponse(photo.type, photo.bytes);
});

/**
 * Reads a feedback-like form of the case page (feedback, a check-in) and prices it: a proof of
 * work for its client id (`idField`), or without JavaScript the hourly budget; past the budget the
 * case page again, saying so on `field`. Either the fields and the key, or the answer to send.
 */
async function feedbackForm(c: Context<AppEnv>, idField: 'feedbackId' | 'checkinId' | 'recourseId', field: string) {
  const { locale, t } = c.var;
  const input = await readInput(c.req.raw);
  if (!input.ok) return { ok: false as const, refusal: inputRefusal(input), token: '' };
  const { token = '', [idField]: clientId = '' } = typed(['token', idField], input.fields);
  const secret = queryCodeKey(c.env);
  if (!secret) return { ...refuse('unavailable', 'errors.unavailable'), token };
  const admitted = await admit(c.env.DB, secret, { purpose: 'feedback', clientId, proof: input.fields.proof, budget: { kind: 'feedback' }, fixedBits: fixedProofBits(c.env) });
  if (!admitted.ok) return { ...refuseField('busy', field, 'busy.feedback'), token };
  return ok({ locale, t, secret, token, fields: input.fields });
}

pages.post('/track/feedback', async (c) => {
  const read = await feedbackForm(c, 'feedbackId', 'rating');
  if (!read.ok) return trackRefused(c, read.refusal, read.token);
  const form = read.value;
  const { locale, t, token } = form;
  const result = await giveFeedback(c.env.DB, token, form.fields, locale);
  if (result.ok) {
    const notice = t(result.value.reopened ? 'feedback.reopened' : 'feedback.thanks');
    return c.render(<TrackCasePage view={result.value.view} token={token} followupId={newClientId()} notice={notice} />, 201);
  }
  const view = await reopenTracked(c.env.DB, token);
  if (!view || result.refusal.code === 'gone') return c.render(<TrackFormPage notice={t('track.expired')} />, 410);
  const { errors, notice } = marked(locale, result.refusal);
  return htmlRefusal(c, result.refusal, <TrackCasePage view={view} token={token} followupId={newClientId()} errors={errors} problem={notice} />);
});

// A real-name or anonymous reporter's objection to a committee case's result, or new evidence: the
// case is taken up again by the committee, on the rule's clock (content/committee.json).
pages.post('/track/committee', async (c) => {
  const read = await feedbackForm(c, 'recourseId', 'recourse');
  if (!read.ok) return trackRefused(c, read.refusal, read.token);
  const { locale, t, token, fields } = read.value;
  const result = await committeeRecourse(c.env.DB, token, fields);
  if (result.ok) {
    const notice = t('committee.resident.done', { n: result.value.acceptWithin });
    return c.render(<TrackCasePage view={result.value.view} token={token} followupId={newClientId()} notice={notice} />, 201);
  }
  const view = await reopenTracked(c.env.DB, token);
  if (!view || result.refusal.code === 'gone') return c.render(<TrackFormPage notice={t('track.expired')} />, 410);
  const { errors, notice } = marked(locale, result.refusal);
  return htmlRefusal(c, result.refusal, <TrackCasePage view={view} token={token} followupId={newClientId()} errors={errors} problem={notice} />);
});

// The check-in after a committee case closed: "since it closed, has anyone treated you unfairly
// because of it?" A "yes" opens a linked 打击报复 case, whose new code is shown once.
pages.post('/track/checkin', async (c) => {
  const read = await feedbackForm(c, 'checkinId', 'answer');
  if (!read.ok) return trackRefused(c, read.refusal, read.token);
  const form = read.value;
  const { locale, t, secret, token } = form;
  const result = await answerCheckIn(c.env.DB, secret, token, form.fields, locale);
  if (!result.ok && !result.view) return htmlRefusal(c, result.refusal, <TrackFormPage notice={marked(locale, result.refusal).notice} />);
  if (!result.ok) {
    return htmlRefusal(c, result.refusal, <TrackCasePage view={result.view!} token={token} followupId={newClientId()} errors={marked(locale, result.refusal).errors} />);
  }
  const { view, opened } = result.value;
  if (opened) return c.render(<CheckInOpenedPage earlier={view.caseNumber} opened={opened} />, opened.created ? 201 : 200);
  return c.render(<TrackCasePage view={view} token={token} followupId={newClientId()} notice={t('checkin.thanks')} />, 201);
});

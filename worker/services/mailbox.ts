/**
 * The resident's side of a case: send a submission, look it up with the query code, add
 * information. Shared by the HTML routes (no JavaScript) and the JSON API.
 */
import { findCategory, findVillage, retaliationCategory, type Locale } from '../../content/index.ts';
import { caseNumberPrefix, endOfWorkingDaysAfter, formatTownDate, startOfTownDay, storedDay, storedHourAfter, townDate, townYear } from '../../core/clock.ts';
import { abuseSettings } from '../../content/abuse.ts';
import { seal, sha256Hex, unseal } from '../cases/crypto.ts';
import { randomBytes, toBase64Url } from '../../core/bytes.ts';
import { RECEIPT_REPLAY_MS, generateQueryCode, hashQueryCode, normalizeQueryCode } from '../cases/query-code.ts';
import { submissionContentHash, routesToDiscipline, type Submission } from '../cases/submission.ts';
import { CHECKIN_FIELDS, checkInSchema, checkInSchedule, checkInsApply, type CheckInSchedule } from '../cases/checkins.ts';
import { officeContact, translate, type UiKey } from '../../content/translate.ts';
import { workflowSettings } from '../../content/workflow.ts';
import { committeeRule } from '../../content/committee.ts';
import * as db from '../db/cases.ts';
import { findQuestionTarget, fixedTimeLimitStatement, linkQuestionStatement } from '../db/disclosures.ts';
import { applyMove as storeMove, insertFeedback, listFeedback } from '../db/handling.ts';
import { COMMITTEE_CLOSED, residentStatus, type CaseStatus } from '../cases/status.ts';
import { TO_TOWN, eventAuthor, type EventAuthor } from '../cases/history.ts';
import { FEEDBACK_FIELDS, feedbackSchema } from '../cases/feedback.ts';
import { FINAL_STATUSES, RESIDENT_COMMITTEE_MOVES, applyMove, arrivalAtCommittee, arrivalOf, overdueAt, targetOf, type Overdue } from '../cases/workflow.ts';
import { CLIENT_ID_PATTERN, charCount, isOneOf, parseFirst, plainText, unreadable } from '../cases/validation.ts';
import { sealForCode } from '../../core/sealed.ts';
import { stateOf as stateOfRow, updateFor } from './handling.ts';
import { findCardOfCase, findUnusedCard, useCardStatement } from '../db/sealed.ts';
import { codeRule } from '../cases/cards.ts';
import { keysForNewCase, residentKeyFor, reader, residentKeyByCode, residentKeyByToken, sealResidentKeyForToken, sealer, type ResidentKey } from './sealed.ts';
import { arrivalBucket, purgeBudgets } from './gate.ts';
import { arrivalStatement } from '../db/budgets.ts';
import { answerRows, checkInSubmissionId, storedAnswer } from './checkins.ts';
import { ok, refuse, refuseField, type Refusal, type Result, type ResultWith } from '../cases/result.ts';
import type { CleanPhoto } from '../photos/clean.ts';
import { listPhotos, newCasePhotoStatements } from '../db/photos.ts';
import { PHOTO_FIELD, photoLimits } from '../photos/accept.ts';
import { isSealedText } from '../../core/sealed.ts';
import { listCasePhotos, openedPhoto, stagePhotos, type PhotoItem } from './photos.ts';

/** How long a successful lookup lets the resident add information without typing the code again. */
export const TRACK_TOKEN_MS = 30 * 60 * 1000;

export interface Receipt {
  caseNumber: string;
  /**
   * Null on a retry after the replay window: the code is shown once, and again only briefly.
   * Empty when the code is on a code card the resident keeps (`cardNumber`): nobody else sees it.
   */
  queryCode: string | null;
  cardNumber: string | null;
  villageId: string;
  categoryId: string;
  subject: string;
  submittedAt: string;
  acceptDueAt: string | null;
  /** The time limit fixed from arrival, for a category that has one (a question about a disclosure: 10 working days); else null. */
  dueAt: string | null;
  toDiscipline: boolean;
  /** The code only claims the case (a slip an officer printed for a visit or a call, a card staff printed). */
  claimCode: boolean;
  /**
   * No code follows the case: a letter to the committee or kept from its village recorded without
   * a card (`letter`), or with a card the admin printed, which cannot open a report to the committee
   * (`refusedCard`). Null otherwise.
   */
  withoutCode: 'letter' | 'refusedCard' | null;
  /** Town staff handle it, and the village's officers neither see it nor know it exists. */
  keptFromVillage: boolean;
  /** The resident's earlier case this 打击报复 report is linked to (verified by its query code). */
  linkedTo: string | null;
  /** How many photos the case holds from its submission. */
  photos: number;
}

/** Photos that go with a submission or a follow-up: accepted and cleaned already (worker/photos/accept.ts). */
export interface SentPhotos {
  bucket: R2Bucket;
  list: CleanPhoto[];
}

export type SubmitResult = Result<{ receipt: Receipt; created: boolean }>;

function idHash(submissionId: string): Promise<string> {
  return sha256Hex(`submission:${submissionId}`);
}

async function replay(
  database: D1Database,
  secret: string,
  s: Submission,
  row: db.SubmissionRow,
  contentHash: string,
  now: Date,
  linkedTo: string | null,
  intake: Intake,
): Promise<SubmitResult> {
  if (row.content_hash !== contentHash) return refuse('conflict', 'errors.submission.conflict');
  const card = await findCardOfCase(database, row.case_id);
  const rule = codeRule({
    byStaff: intake.recordedBy !== null,
    channel: intake.channel,
    discipline: routesToDiscipline(row.category_id),
    keptFromVillage: row.kept_from_village !== null,
    card: card?.printedFor ?? null,
  });
  const withoutCode = rule === 'none' ? 'letter' : rule === 'refusedCard' ? 'refusedCard' : null;
  const cardNumber = card?.cardNumber ?? null;
  // The replay window's end travels sealed with the code (the stored time is only the day).
  const opened = row.sealed_code && !withoutCode ? await unseal(secret, s.submissionId, row.sealed_code) : null;
  const [until, sealedCode] = opened?.includes('|') ? opened.split('|') : ['', null];
  const code = sealedCode && now.getTime() <= Date.parse(until!) ? sealedCode : null;
  // The same content came again, so the subject on the receipt is the one just sent; after the
  // replay window the code is not shown again (null), only the case number.
  return ok({
    created: false,
    receipt: {
      caseNumber: row.case_number,
      queryCode: cardNumber || withoutCode ? '' : code,
      cardNumber,
      villageId: row.village_id,
      categoryId: row.category_id,
      subject: s.subject,
      submittedAt: row.created_at,
      acceptDueAt: row.accept_due_at,
      dueAt: findCategory(row.category_id)?.timeLimitWorkingDays ? row.due_at : null,
      toDiscipline: routesToDiscipline(row.category_id),
      claimCode: (await db.claimState(database, row.case_id)) === 'pending',
      withoutCode,
      keptFromVillage: row.kept_from_village !== null,
      linkedTo,
      photos: (await listPhotos(database, row.case_id)).length,
    },
  });
}

/**
 * The case a query code opens, to link a 打击报复 report to it: its number, or null for a wrong or
 * unknown code and for a slip's code not yet claimed (which shows nothing of its case either).
 */
async function earlierCaseOf(database: D1Database, secret: string, code: string): Promise<string | null> {
  const row = await db.findCaseByCodeHash(database, await hashQueryCode(secret, code));
  if (!row || (await db.claimState(database, row.id)) === 'pending') return null;
  return row.case_number;
}

/** What links a new 打击报复 case to an earlier one: the resident's code, or their check-in answer on it. */
type Link = { caseNumber: string; via: 'code' };

/** How a case came in: the web mailbox by the resident, or a letter, call or visit recorded by staff. */
export interface Intake {
  channel: 'web' | 'mailbox' | 'phone' | 'visit';
  /** The staff member who recorded it; null for the web mailbox. */
  recordedBy: number | null;
  /** A code card's number (on a letter, or given at a visit or by phone): the case answers that card's code (codeRule). */
  cardNumber?: string;
}

const WEB: Intake = { channel: 'web', recordedBy: null };

/** Creates the case for a valid submission, or returns the receipt of the same submission sent before. */
export async function submit(
  database: D1Database,
  secret: string,
  s: Submission,
  locale: Locale,
  now = new Date(),
  intake: Intake = WEB,
  photos: SentPhotos | null = null,
): Promise<SubmitResult> {
  const [hashOfId, contentHash] = await Promise.all([idHash(s.submissionId), submissionContentHash(s)]);
  // A 打击报复 report's earlier case, proven by its query code: a code that opens nothing (or is
  // not the resident's to use yet) is "not found", as on the query page, and nothing is stored.
  const link: Link | null = s.earlierCode
    ? await earlierCaseOf(database, secret, s.earlierCode).then((n) => (n ? { caseNumber: n, via: 'code' as const } : null))
    : null;
  if (s.earlierCode && !link) return refuseField('invalid', 'earlierCode', 'link.errors.notFound');
  // A question about a disclosure: that disclosure, published and not withdrawn, of the village chosen.
  const about = s.disclosureSlug ? await findQuestionTarget(database, s.disclosureSlug) : null;
  if (s.disclosureSlug && !about) return refuseField('invalid', 'disclosure', 'disclosure.errors.unknown');
  if (about && about.village_id !== s.villageId) {
    return refuseField('invalid', 'village', 'disclosure.errors.village', { village: findVillage(about.village_id)?.name[locale] ?? about.village_id });
  }
  // A category with a time limit fixed from arrival (a question about a disclosure: 10 working days on the town calendar).
  const fixedDays = findCategory(s.categoryId)?.timeLimitWorkingDays;
  const fixedDueAt = fixedDays ? endOfWorkingDaysAfter(now, fixedDays).toISOString() : null;
  // One round trip for a new submission: the insert is tried first, and a submission id that is
  // already taken (a retry) makes the whole batch fail, leaving nothing behind; then its receipt is read.
  // A retried letter with a code card would find its card used: its receipt is looked up first.
  if (intake.cardNumber) {
    const earlier = await db.findSubmission(database, hashOfId);
    if (earlier) return replay(database, secret, s, earlier, contentHash, now, link?.caseNumber ?? null, intake);
  }
  const { submissionId, ...content } = s;
  const card = intake.cardNumber ? await findUnusedCard(database, intake.cardNumber, s.villageId) : null;
  if (intake.cardNumber && !card) return refuse('invalid', 'cards.errors.unknown');
  const createdAt = storedDay(now);
  const acceptDueAt = endOfWorkingDaysAfter(now, workflowSettings.acceptWithinWorkingDays).toISOString();
  const discipline = routesToDiscipline(s.categoryId);
  const keptFromVillage = !discipline && s.concernsOfficers === true;
  const year = townYear(now);
  // Whoever on the staff's side saw a code (the officer who recorded a visit or call, whoever
  // printed a card) holds no code that opens a case for the committee or one kept from its
  // village: the code only claims it, or there is none (codeRule).
  const rule = codeRule({ byStaff: intake.recordedBy !== null, channel: intake.channel, discipline, keptFromVillage, card: card?.printedFor ?? null });
  const claimCode = rule === 'claim';
  const withoutCode = rule === 'none' ? 'letter' : rule === 'refusedCard' ? 'refusedCard' : null;
  // The card's code opens the case unless it was refused; without a code the case gets one nobody is ever shown.
  const opensByCard = card !== null && rule !== 'refusedCard';
  const queryCode = opensByCard ? '' : generateQueryCode();
  // A cadre report is sealed before it is stored: only the committee and this code open it.
  const resident = opensByCard ? { publicKey: card.residentPublic, sealedPrivate: card.residentPrivate } : await residentKeyFor(secret, queryCode);
  const prepared = await keysForNewCase(database, resident, discipline);
  if (!prepared.ok) return prepared;
  const sealContent = sealer(prepared.value.dataKey);
  const systemTexts: { kind: string; publicMessage: string; internalNote?: string }[] = [];
  if (discipline) systemTexts.push({ kind: 'escalate', publicMessage: translate(locale, 'workflow.escalated.message') });
  if (link) {
    const params = { number: link.caseNumber, days: 0 };
    systemTexts.push({ kind: 'link', publicMessage: translate(locale, `link.event.${link.via}`, params), internalNote: translate(locale, `link.note.${link.via}`, params) });
  }
  const [subject, description, contactName, contactPhone, systemEvents] = await Promise.all([
    sealContent(content.subject),
    sealContent(content.description),
    sealContent(content.contactName),
    sealContent(content.contactPhone),
    Promise.all(systemTexts.map(async (e) => ({ kind: e.kind, publicMessage: (await sealContent(e.publicMessage))!, internalNote: await sealContent(e.internalNote ?? null) }))),
  ]);
  // The photos go to R2 only now that everything was checked, and are linked in the case's own
  // batch: if it fails (a retry of the same submission), they are removed again at once.
  const staged = photos?.list.length ? await stagePhotos(photos.bucket, photos.list, prepared.value.dataKey, now) : null;
  let caseNumber: string;
  try {
    caseNumber = await db.insertCase(database, {
      idHash: hashOfId,
      contentHash,
      sealedCode: opensByCard || withoutCode ? null : await seal(secret, submissionId, `${new Date(now.getTime() + RECEIPT_REPLAY_MS).toISOString()}|${queryCode}`),
      codeHash: opensByCard ? card.codeHash : await hashQueryCode(secret, queryCode),
      extra: (hash) => [
        arrivalStatement(database, arrivalBucket(now)),
        ...(card ? [useCardStatement(database, card.cardNumber, hash)] : []),
        ...(fixedDays && fixedDueAt ? [fixedTimeLimitStatement(database, hash, fixedDays, fixedDueAt)] : []),
        ...(about ? [linkQuestionStatement(database, hash, about.id)] : []),
        ...(staged ? newCasePhotoStatements(database, hash, staged.rows) : []),
      ],
      caseNumberPrefix: caseNumberPrefix(year),
      year,
      ...content,
      subject: subject!,
      description: description!,
      contactName,
      contactPhone,
      keys: prepared.value.keys,
      claim: claimCode,
      channel: intake.channel,
      locale,
      // A cadre report goes straight to the discipline committee: that passing is its acceptance.
      status: discipline ? 'escalated' : 'received',
      createdAt,
      acceptDueAt,
      dueAt: fixedDueAt,
      discipline,
      acceptedAt: discipline ? createdAt : null,
      createdBy: intake.recordedBy,
      systemEvents,
      keptFromVillage,
      // The committee's own clocks start on arrival (Art. 16; a real-name reporter's notice).
      ...(discipline && { committee: arrivalOf(arrivalAtCommittee(!s.anonymous, now)) }),
    });
  } catch (error) {
    await staged?.undo();
    // A retry, or two copies of one submission racing: the first one's receipt is the answer.
    const winner = await db.findSubmission(database, hashOfId);
    if (winner) return replay(database, secret, s, winner, contentHash, now, link?.caseNumber ?? null, intake);
    // Two letters with one card raced: the card went to the other one.
    if (card) return refuse('invalid', 'cards.errors.unknown');
    throw error;
  }
  return ok({
    created: true,
    receipt: {
      caseNumber,
      queryCode: withoutCode ? '' : queryCode,
      cardNumber: card?.cardNumber ?? null,
      villageId: s.villageId,
      categoryId: s.categoryId,
      subject: s.subject,
      submittedAt: createdAt,
      acceptDueAt,
      dueAt: fixedDueAt,
      toDiscipline: discipline,
      claimCode,
      withoutCode,
      keptFromVillage,
      linkedTo: link?.caseNumber ?? null,
      photos: staged?.rows.length ?? 0,
    },
  });
}

export interface CaseView {
  caseNumber: string;
  villageId: string;
  categoryId: string;
  /** Null where a sealed text cannot be opened (a case sealed after the fact, without a resident key). */
  subject: string | null;
  description: string | null;
  status: CaseStatus;
  submittedAt: string;
  updatedAt: string;
  acceptDueAt: string | null;
  dueAt: string | null;
  /** The time limit its category fixes from arrival (a question about a disclosure), while it is the case's: null once staff set another. */
  answerDueAt: string | null;
  events: { kind: string; byResident: boolean; author: EventAuthor; message: string | null; at: string }[];
  /** The resident's verdict on the current closing, once given. */
  feedback: string | null;
  /** Whether the case is closed and waits for the resident's verdict. */
  feedbackOpen: boolean;
  /** Whether a dissatisfied resident may still ask for the case to be reopened. */
  canReopen: boolean;
  /** How far the case is past the deadline that applies now, or null. */
  overdue: Overdue | null;
  /**
   * Who handles it: the village, town staff (kept from the village's officers), town staff since its
   * time limit ran out unanswered (`overdueToTown`: the village's officers still read it), or the committee.
   */
  handledBy: 'village' | 'town' | 'overdueToTown' | 'committee';
  /** The check-ins after a committee case closed: the one to answer now, the next one; null when none apply. */
  checkIn: CheckInSchedule | null;
  /** A committee case the resident may object to, or add new evidence to (closed or kept on file), which reopens it. */
  recourseOpen: boolean;
  /** The town day it was passed up to the county commission; the town keeps nothing else of it. */
  sentUpOn: string | null;
  /** Its photos (shown through the track token, never the code). */
  photos: PhotoItem[];
}

export interface Tracked {
  view: CaseView;
  /** Opaque, short-lived; lets the follow-up form work without carrying the query code. */
  token: string;
  /** The code is a slip's that claims the case once: nothing of the case is shown before the claim. */
  claimPending: boolean;
}

/**
 * The check-ins of a case at `now`, or null when none apply: only a closed committee case, and only
 * when its answers can be sealed (the lookup opened its data key).
 */
async function checkInsOf(database: D1Database, row: db.CaseRecord, key: ResidentKey | null, now: Date): Promise<CheckInSchedule | null> {
  if (!key?.dataKey || !checkInsApply({ discipline: row.discipline === 1, status: row.status, closedAt: row.closed_at })) return null;
  return checkInSchedule(row.closed_at!, await db.listCheckIns(database, row.id, row.closed_at!), now);
}

async function viewOf(database: D1Database, row: db.CaseRecord, key: ResidentKey | null, now = new Date()): Promise<CaseView> {
  const [events, feedback, checkIn] = await Promise.all([db.listResidentEvents(database, row.id), listFeedback(database, row.id), checkInsOf(database, row, key, now)]);
  const read = reader(key?.dataKey ?? null);
  const messages = await Promise.all(events.map((e) => read(e.public_message)));
  const given = feedback.find((f) => f.closing === row.reopen_count)?.rating ?? null;
  const closed = FINAL_STATUSES.includes(row.status);
  const fixedDays = findCategory(row.category_id)?.timeLimitWorkingDays;
  return {
    caseNumber: row.case_number,
    villageId: row.village_id,
    categoryId: row.category_id,
    subject: await read(row.subject),
    description: await read(row.description),
    status: residentStatus(row.status),
    submittedAt: row.created_at,
    updatedAt: row.updated_at,
    acceptDueAt: row.accept_due_at,
    dueAt: row.due_at,
    answerDueAt: fixedDays && row.due_at === endOfWorkingDaysAfter(new Date(row.created_at), fixedDays).toISOString() ? row.due_at : null,
    events: events.map((e, i) => ({ kind: e.kind, byResident: e.kind === 'submitted' || e.kind === 'followup' || e.kind === 'checkin' || e.kind === 'object' || e.kind === 'add_evidence', author: eventAuthor(e.actor), message: messages[i] ?? null, at: e.created_at })),
    feedback: given,
    // A committee closing (予以了结, 移送审查调查) asks for no rating: its reporter is told the result and may object instead.
    feedbackOpen: closed && given === null && !COMMITTEE_CLOSED.includes(row.status),
    // A committee case's result is met with an objection or new evidence instead (its own form).
    canReopen: closed && given === null && row.reopen_count < 1 && !COMMITTEE_CLOSED.includes(row.status),
    overdue: overdueAt({ status: row.status, acceptDueAt: row.accept_due_at, dueAt: row.due_at }, now),
    handledBy: row.discipline === 1 ? 'committee' : row.kept_from_village !== null ? 'town' : events.some((e) => e.kind === TO_TOWN) ? 'overdueToTown' : 'village',
    checkIn,
    // Only where the lookup opened the case's data key: the resident's words are sealed for the committee.
    recourseOpen: row.discipline === 1 && key?.dataKey != null && targetOf(stateOfRow(row), 'object') !== null,
    sentUpOn: row.status === 'sent_up' ? row.updated_at : null,
    photos: await listCasePhotos(database, row.id),
  };
}

/**
 * The case a track token opens, sealed under a key derived from the token alone (random, stored
 * only hashed), with the code hash it was issued under: a claim, which changes the code, ends it.
 */
export function sealCaseForToken(token: string, caseId: number, codeHash: string): Promise<string> {
  return seal(token, 'track-case', JSON.stringify({ caseId, codeHash }));
}

async function issueToken(database: D1Database, row: db.CaseRecord, now: Date, key: ResidentKey | null): Promise<string> {
  const token = toBase64Url(randomBytes(32));
  const expires = storedHourAfter(now, TRACK_TOKEN_MS);
  await db.insertTrackToken(database, await sha256Hex(`track:${token}`), await sealCaseForToken(token, row.id, row.code_hash), expires, await sealResidentKeyForToken(token, key));
  return token;
}

/** Opens the case for a query code as typed; null for a malformed, wrong or unknown code alike. */
export async function track(database: D1Database, secret: string, typedCode: string, now = new Date()): Promise<Tracked | null> {
  const code = normalizeQueryCode(typedCode);
  if (!code) return null;
  const row = await db.findCaseByCodeHash(database, await hashQueryCode(secret, code));
  if (!row) return null;
  const [key, claim] = await Promise.all([residentKeyByCode(database, secret, code, row.id), db.claimState(database, row.id)]);
  return { view: await viewOf(database, row, key, now), token: await issueToken(database, row, now, key), claimPending: claim === 'pending' };
}

export type ClaimResult = Result<{ caseNumber: string; queryCode: string }>;

/**
 * Claims a case recorded from a visit or a call: a new code, shown once, replaces the slip's, so
 * the officer who printed the slip can no longer follow it.
 */
export async function claim(database: D1Database, secret: string, token: string, now = new Date()): Promise<ClaimResult> {
  const found = await caseForToken(database, token, now, true);
  if (!found) return refuse('gone', 'track.expired');
  if ((await db.claimState(database, found.row.id)) !== 'pending') return refuse('conflict', 'claim.errors.done');
  const queryCode = generateQueryCode();
  const newCodeHash = await hashQueryCode(secret, queryCode);
  const claimed = await db.claimCase(database, {
    caseId: found.row.id,
    newCodeHash,
    residentPrivate: found.key ? await sealForCode(secret, queryCode, found.key.privateKey) : null,
    keepTokenHash: await sha256Hex(`track:${token}`),
    keepSealedCase: await sealCaseForToken(token, found.row.id, newCodeHash),
    day: storedDay(now),
  });
  return claimed ? ok({ caseNumber: found.row.case_number, queryCode }) : refuse('conflict', 'claim.errors.done');
}

/**
 * What a code that opens no case once did, to say so instead of "not found": the code a claim
 * replaced (the day of the claim, and whom to tell if it was not the resident: the committee, or
 * the town office for a case kept from its village), or a card the admin printed that was given
 * with a report to the committee. Null for a wrong or unknown code, or one still working.
 */
export type SpentCode = { kind: 'claimed'; day: string; tell: 'discipline' | 'townOffice' } | { kind: 'refusedCard' };

export async function spentCode(database: D1Database, secret: string, typedCode: string): Promise<SpentCode | null> {
  const code = normalizeQueryCode(typedCode);
  if (!code) return null;
  const spent = await db.findSpentCode(database, await hashQueryCode(secret, code));
  if (!spent || spent.kind === 'refusedCard') return spent;
  // A case kept from its village stays the town's to whoever held its slip, even once it went on to the committee.
  return { kind: 'claimed', day: spent.day, tell: spent.keptFromVillage ? 'townOffice' : 'discipline' };
}

/** What the resident reads for a spent code (both languages in content/ui.ts), with the day only. */
export function spentCodeMessage(locale: Locale, spent: SpentCode): string {
  if (spent.kind === 'refusedCard') return translate(locale, 'cards.refused.track', { contact: officeContact(locale, 'discipline') });
  return translate(locale, `claim.spent.${spent.tell}`, { day: formatTownDate(spent.day, locale), contact: officeContact(locale, spent.tell) });
}

/**
 * The case behind a live track token. A token from the lookup of a code that only claims the case
 * (pending) serves the claim alone: nothing of the case is shown or done with it until then.
 */
async function caseForToken(database: D1Database, token: string, now: Date, forClaim = false): Promise<{ row: db.CaseRecord; key: ResidentKey | null } | null> {
  if (!CLIENT_ID_PATTERN.test(token)) return null;
  const tokenHash = await sha256Hex(`track:${token}`);
  const sealed = await db.findTrackToken(database, tokenHash, now.toISOString());
  const opened = sealed ? await unseal(token, 'track-case', sealed) : null;
  const { caseId, codeHash } = opened ? (JSON.parse(opened) as { caseId: number; codeHash: string }) : { caseId: 0, codeHash: '' };
  const found = opened ? await db.findCaseById(database, caseId) : null;
  // A token issued before the case was claimed no longer opens it.
  const row = found && found.code_hash === codeHash ? found : null;
  if (!row) return null;
  if (!forClaim && (await db.claimState(database, row.id)) === 'pending') return null;
  return row ? { row, key: await residentKeyByToken(database, token, tokenHash, row.id, now) } : null;
}

/**
 * A photo of the case behind a live track token, opened (a sealed one with the data key the lookup
 * opened); null for an expired token, another case's photo, or one that cannot be opened.
 */
export async function trackedPhoto(database: D1Database, bucket: R2Bucket, token: string, id: string, now = new Date()): Promise<{ type: string; bytes: Uint8Array } | null> {
  const found = await caseForToken(database, token, now);
  if (!found || found.row.status === 'sent_up') return null;
  return openedPhoto(database, bucket, found.row.id, id, found.key?.dataKey ?? null);
}

/** Re-opens the case behind a track token (null once it expired). */
export async function reopenTracked(database: D1Database, token: string, now = new Date()): Promise<CaseView | null> {
  const found = await caseForToken(database, token, now);
  return found ? viewOf(database, found.row, found.key, now) : null;
}

/** A follow-up past the day's limit is refused `busy`, with the case as it stands to show again. */
export type FollowupResult = ResultWith<CaseView, { view?: CaseView }>;

/**
 * Appends a follow-up to the case behind a track token, at most a few per case and town day (a
 * retry of one already stored is not counted again); nothing is stored beyond that.
 */
export async function addFollowup(database: D1Database, token: string, followupId: string, text: string, now = new Date(), photos: SentPhotos | null = null): Promise<FollowupResult> {
  const found = await caseForToken(database, token, now);
  if (!found) return refuse('gone', 'track.expired');
  const { row, key } = found;
  // Sent up to the county: the town keeps nothing of it, and takes nothing more.
  if (row.status === 'sent_up') return { ...refuse('gone', 'sendup.noFollowup'), view: await viewOf(database, row, key, now) };
  const max = abuseSettings.followups.perCasePerDay;
  const dedupe = await sha256Hex(`followup:${row.id}:${followupId}`);
  const stored = (await sealer(key?.dataKey ?? null)(text))!;
  // Photos join the case with the follow-up, sealed like its text when the case is sealed; beyond
  // the case's number of photos they are refused before anything is stored.
  if (photos?.list.length) {
    const already = (await listPhotos(database, row.id)).length;
    if (already + photos.list.length > photoLimits.maxCount && !(await db.followupStored(database, dedupe))) {
      return { ...refuseField('invalid', PHOTO_FIELD, 'photos.errors.tooMany', { max: photoLimits.maxCount }), view: await viewOf(database, row, key, now) };
    }
  }
  // A sealed case without the data key (sealed after the fact, no resident key) takes no photos it could not seal.
  const sealedWithoutKey = isSealedText(row.description) && !key?.dataKey;
  const staged = photos?.list.length && !sealedWithoutKey ? await stagePhotos(photos.bucket, photos.list, key?.dataKey ?? null, now) : null;
  const result = await db.insertFollowup(database, row.id, stored, dedupe, storedDay(now), { since: startOfTownDay(now).toISOString(), max }, staged?.rows ?? [], { discipline: row.discipline === 1 });
  if (result !== 'stored') await staged?.undo();
  // Passed to the committee since it was read: nothing was stored; looked up again, it is sealed as the committee's.
  if (result === 'moved') return refuse('gone', 'track.expired');
  const view = await viewOf(database, row, key, now);
  return result === 'limit' ? { ...refuse('busy', 'followup.limit', { params: { max } }), view } : ok(view);
}

/** Clears secrets that outlived their purpose, and the budgets of hours gone by (run by the cron trigger). */
export async function purge(database: D1Database, now = new Date()): Promise<void> {
  await Promise.all([db.purgeExpiredSecrets(database, storedDay(new Date(now.getTime() - RECEIPT_REPLAY_MS)), now.toISOString()), purgeBudgets(database, now)]);
}


export type FeedbackOutcome = Result<{ view: CaseView; reopened: boolean }>;

/**
 * Records the resident's verdict on a closed case; a dissatisfied resident may ask, once, for it
 * to be reopened (the workflow's reopen move, in the same batch as the feedback).
 */
export async function giveFeedback(
  database: D1Database,
  token: string,
  input: Record<string, unknown>,
  locale: Locale,
  now = new Date(),
): Promise<FeedbackOutcome> {
  const found = await caseForToken(database, token, now);
  if (!found) return refuse('gone', 'track.expired');
  const { row, key } = found;
  // The committee's closings are not rated: the reporter's recourse is an objection or new evidence (its own form).
  if (COMMITTEE_CLOSED.includes(row.status)) return refuse('conflict', 'feedback.errors.committee');
  const sealContent = sealer(key?.dataKey ?? null);
  const read = parseFirst(feedbackSchema, input, FEEDBACK_FIELDS);
  if (!read.ok) return read;
  const { rating, comment } = read.value;
  if (!isOneOf(FINAL_STATUSES, row.status)) return refuseField('conflict', 'rating', 'feedback.errors.notClosed');

  const at = storedDay(now);
  let reopen: Parameters<typeof insertFeedback>[3] = null;
  if (rating === 'dissatisfied' && read.value.reopen) {
    const state = { status: row.status, discipline: row.discipline === 1, reopenCount: row.reopen_count, acceptedAt: row.accepted_at };
    const message = translate(locale, 'feedback.reopened');
    const result = applyMove(state, { move: 'reopen', message }, now);
    if (!result.ok) return refuseField('conflict', 'rating', result.refusal.key);
    const event = { kind: 'reopen', actor: 'resident', publicMessage: (await sealContent(message))!, internalNote: null, at, data: { acceptDueAt: result.value.acceptDueAt ?? null } };
    reopen = { update: updateFor(row, result.value), event };
  }
  const stored = await insertFeedback(database, { id: row.id, version: row.version, closing: row.reopen_count }, { rating, comment: await sealContent(comment || null), at }, reopen);
  if (!stored) return refuseField('conflict', 'rating', 'feedback.errors.already');
  const fresh = await caseForToken(database, token, now);
  return ok({ view: await viewOf(database, fresh!.row, fresh!.key, now), reopened: reopen !== null });
}

/** The case a submission id made, if any, and when (Open311's repeats are found by it). */
export async function caseOfSubmission(database: D1Database, submissionId: string): Promise<{ caseNumber: string; submittedAt: string } | null> {
  const row = await db.findSubmission(database, await idHash(submissionId));
  return row ? { caseNumber: row.case_number, submittedAt: row.submitted_at } : null;
}


/** The longest text a check-in answer may carry (it becomes a 打击报复 case's description on "yes"). */
/** Refused with the case as it stands to show again, but for an expired token (`gone`, no view). */
export type CheckInOutcome = ResultWith<{ view: CaseView; opened: CheckInOpened | null }, { view?: CaseView }>;

/**
 * The 打击报复 case a "yes" opens: its code, shown once (null on a retried form), and its number,
 * which it gets when the cron registers it (null until then).
 */
export interface CheckInOpened {
  queryCode: string | null;
  caseNumber: string | null;
  created: boolean;
}

/**
 * The resident answers the check-in due on a closed committee case ("since this case closed, has
 * anyone treated you unfairly because of it?"): sealed in the case's log for the committee and the
 * resident, dated by its town day. "Yes" gives a new query code at once for a 打击报复 case linked to
 * this one, which the cron registers apart from the answer (services/checkins.ts): every answer
 * stores rows of the same shape and size. One answer per check-in; a retried form stores nothing twice.
 */
export async function answerCheckIn(
  database: D1Database,
  secret: string,
  token: string,
  input: Record<string, unknown>,
  locale: Locale,
  now = new Date(),
): Promise<CheckInOutcome> {
  const found = await caseForToken(database, token, now);
  if (!found) return refuse('gone', 'track.expired');
  const { row, key } = found;
  const refuseOn = async (code: Refusal['code'], k: UiKey, field: 'answer' | 'detail' | 'checkinId' = 'answer', params?: Record<string, number>): Promise<CheckInOutcome> => ({
    ...refuseField(code, field, k, params),
    view: await viewOf(database, row, key, now),
  });
  const read = parseFirst(checkInSchema, input, CHECKIN_FIELDS);
  if (!read.ok) {
    const [first] = read.refusal.fields ?? [];
    return refuseOn('invalid', first?.key ?? read.refusal.key, first?.field as 'answer' | 'detail' | 'checkinId', first?.params as Record<string, number> | undefined);
  }
  const { answer, detail: text, checkinId } = read.value;

  const dedupeHash = await sha256Hex(`checkin:${row.id}:${checkinId}`);
  const [schedule, earlier] = await Promise.all([checkInsOf(database, row, key, now), db.checkInOfEvent(database, dedupeHash)]);
  const opens = answer === 'yes' && retaliationCategory !== undefined;
  // A retried form finds what it stored: the same page, or the same case without its code again.
  const retried = async (): Promise<CheckInOutcome> => {
    const stored = await storedAnswer(database, secret, await checkInSubmissionId(row.id, checkinId));
    if ((stored?.opened ?? false) !== opens) return refuseOn('conflict', 'checkin.errors.answered');
    const opened = stored?.opened ? { queryCode: null, caseNumber: stored.caseNumber, created: false } : null;
    return ok({ view: await viewOf(database, row, key, now), opened });
  };
  if (earlier !== undefined && schedule) return retried();
  const days = schedule?.due?.days;
  if (days === undefined || !schedule) return refuseOn('conflict', 'checkin.errors.notDue');
  const rows = await answerRows(secret, database, { earlier: row, dataKey: key!.dataKey!, answer, days, text, checkinId, locale, now });
  if (!rows) return refuseOn('unavailable', 'sealed.errors.noCommitteeKey');
  const record: db.CheckInRecord = {
    caseId: row.id,
    closedAt: row.closed_at!,
    days,
    publicMessage: rows.publicMessage,
    internalNote: rows.internalNote,
    dedupeHash,
    day: townDate(now),
    at: startOfTownDay(now).toISOString(),
    pending: rows.pending,
  };
  const stored = await db.insertCheckIn(database, record);
  if (stored === 'answered') return refuseOn('conflict', 'checkin.errors.answered');
  if (stored === 'retry') return retried();
  const opened = rows.queryCode ? { queryCode: rows.queryCode, caseNumber: null, created: true } : null;
  return ok({ view: await viewOf(database, row, key, now), opened });
}

export type RecourseOutcome = Result<{ view: CaseView; acceptWithin: number }>;

/**
 * The resident's objection to a committee case's result, or new evidence (on a case closed or kept
 * on file): recorded in the case's history sealed for the committee, and the case waits to be taken
 * up again, with the rule's clock and, for a real-name reporter, the notice owed.
 */
export async function committeeRecourse(database: D1Database, token: string, input: Record<string, unknown>, now = new Date()): Promise<RecourseOutcome> {
  const found = await caseForToken(database, token, now);
  if (!found) return refuse('gone', 'track.expired');
  const { row, key } = found;
  const kind = input.kind;
  if (!isOneOf(RESIDENT_COMMITTEE_MOVES, kind)) return refuseField('invalid', 'kind', 'committee.resident.errors.kind');
  const text = plainText(input.recourse);
  const unfit = unreadable(text);
  if (unfit) return refuseField('invalid', 'recourse', unfit);
  const max = workflowSettings.messageMax;
  if (charCount(text) < 2 || charCount(text) > max) return refuseField('invalid', 'recourse', 'committee.resident.errors.text', { max });
  const closed = refuse('conflict', 'committee.resident.errors.closed');
  if (row.discipline !== 1 || !key?.dataKey) return closed;
  const result = applyMove(stateOfRow(row), { move: kind, message: text }, now);
  if (!result.ok) return closed;
  const sealed = await sealer(key.dataKey)(text);
  const stored = await storeMove(database, row.id, row.version, updateFor(row, result.value), {
    kind,
    actor: 'resident',
    publicMessage: sealed,
    internalNote: null,
    at: storedDay(now),
    data: { committeeDueAt: result.value.committeeDueAt ?? null, notice: result.value.notice?.kind ?? null, noticeDueAt: result.value.notice?.dueAt ?? null },
  });
  if (!stored) return closed;
  const fresh = await caseForToken(database, token, now);
  return ok({ view: await viewOf(database, fresh!.row, fresh!.key, now), acceptWithin: committeeRule.limits.acceptance.workingDays });
}

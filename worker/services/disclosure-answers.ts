/**
 * The answer to a resident's question about a disclosure, published from the case page as a
 * dated addendum (答复/补充说明) under the disclosure: public text written for the public, in
 * Chinese and optionally English. Whoever handles the case may publish it (the village's
 * supervision, or town staff on a case kept from the village's officers); a correction of the
 * disclosure itself is a new version, made through the console's review.
 */
import { storedDay } from '../../core/clock.ts';
import { canRead, type Viewer } from '../cases/access.ts';
import { ok, refuse, refuseField, type Result } from '../cases/result.ts';
import { charCount, plainText } from '../cases/validation.ts';
import { holdsPublishedQueryCode } from '../cases/pii.ts';
import { applyChain, chainAfterSignOff, findReadableCase, findScope, type CaseUpdate, type MoveEvent } from '../db/handling.ts';
import type { CaseRecord } from '../db/cases.ts';
import { applyMove, movesToEnd } from '../cases/workflow.ts';
import { translate } from '../../content/translate.ts';
import { localePath, portal, type Locale } from '../../content/index.ts';
import * as db from '../db/disclosures.ts';
import type { Disclosure } from '../../content/schemas.ts';
import { town } from '../../content/index.ts';
import { ANSWER_MAX, ANSWER_MIN, disclosurePath } from '../publishing/disclosure.ts';
import { CASE_NUMBER_PATTERN, eventData, scopeOf, stateOf, updateFor } from './handling.ts';


export interface CaseQuestion {
  slug: string;
  disclosure: Disclosure;
  addenda: db.AddendumRow[];
}

/** The disclosure a case asks about, with the answers published under it; null when it asks about none. */
export async function questionOfCase(database: D1Database, caseId: number): Promise<CaseQuestion | null> {
  const q = await db.questionOf(database, caseId);
  if (!q) return null;
  return { slug: q.slug, disclosure: q.meta, addenda: await db.addendaOf(database, q.document_id) };
}

/** Whether the answer form asked to end the case too ("同时办结并告知群众", checked by default). */
export const endsCase = (fields: Record<string, unknown>): boolean => fields.resolve === '1';

/**
 * Publishes an answer under the disclosure the case asks about. With `resolve` (the form's
 * checkbox), the same batch ends the case the way the workflow allows from where it stands
 * (movesToEnd: accepted if it waits, resolved at once or resolved, closed), the resident told
 * the answer and where to read it; nothing is written if the case moved meanwhile.
 */
export async function publishAnswer(
  database: D1Database,
  viewer: Viewer,
  caseNumber: string,
  fields: Record<string, unknown>,
  now = new Date(),
): Promise<Result<{ slug: string; resolved: boolean }>> {
  const scope = CASE_NUMBER_PATTERN.test(caseNumber) ? await findScope(database, caseNumber) : null;
  if (!scope) return refuse('not_found', 'staff.errors.notFound');
  const s = scopeOf(scope);
  // Whoever reads the case handles it; the committee's cases are not questions about disclosures.
  if (!canRead(viewer, s) || s.discipline) return refuse('forbidden', 'staff.errors.forbidden');
  const row = await findReadableCase(database, viewer, scope.id);
  if (!row) return refuse('forbidden', 'staff.errors.forbidden');
  const q = await db.questionOf(database, row.id);
  if (!q) return refuse('conflict', 'disclosure.answer.notLinked');
  const zh = plainText(fields.answer);
  const en = plainText(fields.answerEn);
  if (charCount(zh) < ANSWER_MIN) return refuseField('invalid', 'answer', 'disclosure.answer.tooShort', { min: ANSWER_MIN });
  if (charCount(zh) > ANSWER_MAX) return refuseField('invalid', 'answer', 'disclosure.answer.tooLong', { max: ANSWER_MAX });
  if (charCount(en) > ANSWER_MAX) return refuseField('invalid', 'answerEn', 'disclosure.answer.tooLong', { max: ANSWER_MAX });
  // Written for the public: the resident's contact details never go under the disclosure.
  for (const own of [row.contact_name, row.contact_phone]) {
    if (own && (zh.includes(own) || en.includes(own))) return refuseField('invalid', 'answer', 'disclosure.answer.personal');
  }
  // Nor a query code, in any spelling: a resident may have written theirs into the question or a follow-up.
  if (holdsPublishedQueryCode(zh)) return refuseField('invalid', 'answer', 'disclosure.answer.queryCode');
  if (holdsPublishedQueryCode(en)) return refuseField('invalid', 'answerEn', 'disclosure.answer.queryCode');
  const addendum = { documentId: q.document_id, caseId: row.id, textZh: zh, textEn: en || null, day: storedDay(now), by: viewer.id };
  if (!endsCase(fields)) {
    await db.insertAddendum(database, addendum);
    return ok({ slug: q.slug, resolved: false });
  }
  const ending = endingMoves(row, viewer, toldAnswer(row.locale === 'en' ? 'en' : 'zh-CN', zh, en, q.meta), now);
  if (!ending.ok) return ending;
  const applied = await applyChain(database, row.id, row.version, ending.value, [db.addendumAfterMovesStatement(database, addendum)]);
  return applied ? ok({ slug: q.slug, resolved: true }) : refuse('conflict', 'staff.errors.conflict');
}

/** A question a correction may answer, as the officer who signs it off sees it (never shown to a clerk). */
export interface OpenQuestion {
  caseNumber: string;
  subject: string;
}

/**
 * The questions about a disclosure still waiting for an answer: by case number and subject for
 * whoever may read cases (the village's liaison officer, town staff), the count alone for anyone
 * else (a clerk reads no case). Cases kept from the village, or the committee's, are neither listed
 * nor counted.
 */
export async function openQuestions(database: D1Database, viewer: Viewer, documentId: number): Promise<{ list: OpenQuestion[] | null; count: number }> {
  if (viewer.role === 'clerk' || viewer.role === 'discipline') return { list: null, count: await db.openQuestionCount(database, documentId) };
  const rows = await db.openQuestionsOf(database, documentId, viewer.id);
  return { list: rows.map((r) => ({ caseNumber: r.case_number, subject: r.subject })), count: rows.length };
}

/** The case numbers ticked on a sign-off form ("answers-CL-2026-000123" = "yes"). */
export const tickedQuestions = (fields: Record<string, unknown>): string[] => [
  ...new Set(
    Object.keys(fields)
      .filter((k) => k.startsWith('answers-') && fields[k] === 'yes')
      .map((k) => k.slice('answers-'.length))
      .filter((n) => CASE_NUMBER_PATTERN.test(n)),
  ),
];

/** At most this many questions are ended by one correction (the form lists the open ones, far fewer). */
export const CORRECTION_ANSWERS_MAX = 50;

/** The moves that end each ticked question with a correction, checked before the correction is signed off. */
export type CorrectionAnswers = { caseId: number; version: number; locale: Locale; moves: (message: string) => Result<{ update: CaseUpdate; event: MoveEvent }[]> }[];

/**
 * Checks the questions ticked on a correction's sign-off: each one the viewer reads, about this
 * document, and one the workflow can end from where it stands. Refused as a whole otherwise, before
 * anything is signed off.
 */
export async function prepareCorrectionAnswers(database: D1Database, viewer: Viewer, documentId: number, caseNumbers: string[], now = new Date()): Promise<Result<CorrectionAnswers>> {
  if (caseNumbers.length > CORRECTION_ANSWERS_MAX) return refuse('invalid', 'desk.answers.notOfThis');
  const prepared: CorrectionAnswers = [];
  for (const caseNumber of caseNumbers) {
    const scope = await findScope(database, caseNumber);
    if (!scope || !canRead(viewer, scopeOf(scope)) || scope.discipline === 1) return refuse('forbidden', 'staff.errors.forbidden');
    const row = await findReadableCase(database, viewer, scope.id);
    const q = row && (await db.questionOf(database, row.id));
    if (!row || !q || q.document_id !== documentId) return refuse('conflict', 'desk.answers.notOfThis');
    const check = endingMoves(row, viewer, '——', now);
    if (!check.ok) return refuse('conflict', 'desk.answers.cannotEnd', { params: { number: caseNumber } });
    prepared.push({ caseId: row.id, version: row.version, locale: row.locale === 'en' ? 'en' : 'zh-CN', moves: (message) => endingMoves(row, viewer, message, now) });
  }
  return ok(prepared);
}

/**
 * The statements that go with a correction's sign-off, in its batch and only if that very sign-off
 * moves the version (its token, see db/documents.ts signedOffGuard): "已更正：见第 n 版（更正说明…）"
 * under the disclosure, and the questions it answers ended, the resident told that line and where
 * to read it. Hand the whole of it to the sign-off (`publishing.approve`).
 */
export function correctionAnswerStatements(
  database: D1Database,
  /** Who signs it off (the sign-off's approver). */
  viewer: { id: number },
  correction: { documentId: number; seq: number; noteZh: string; noteEn: string | null; disclosure: Disclosure },
  answers: CorrectionAnswers,
  now = new Date(),
): Result<{ token: string; statements: D1PreparedStatement[] }> {
  const line = (locale: Locale) => translate(locale, 'disclosure.answer.corrected', { n: correction.seq, note: locale === 'en' ? (correction.noteEn ?? correction.noteZh) : correction.noteZh });
  const signOff = { documentId: correction.documentId, seq: correction.seq, token: crypto.randomUUID() };
  const statements = [db.addendumAfterSignOffStatement(database, { documentId: correction.documentId, caseId: null, textZh: line('zh-CN'), textEn: line('en'), day: storedDay(now), by: viewer.id }, signOff)];
  for (const a of answers) {
    const moves = a.moves(toldAnswer(a.locale, line('zh-CN'), line('en'), correction.disclosure));
    if (!moves.ok) return moves;
    statements.push(...chainAfterSignOff(database, a.caseId, a.version, moves.value, signOff));
  }
  return ok({ token: signOff.token, statements });
}

/** What the resident reads on the query page: the answer in their language, and where it is published. */
function toldAnswer(locale: Locale, zh: string, en: string, disclosure: Disclosure): string {
  const address = new URL(localePath(locale, disclosurePath(disclosure)), portal.siteUrl).toString();
  return `${locale === 'en' && en ? en : zh}\n\n${translate(locale, 'disclosure.answer.readAt', { address })}`;
}

/**
 * The moves that end the case with the answer, each checked by the workflow: the answer on the
 * move that resolves it (or closes it, when it was resolved already), a standard line on the others.
 */
export function endingMoves(row: CaseRecord, viewer: Viewer, answer: string, now: Date): Result<{ update: CaseUpdate; event: MoveEvent }[]> {
  const moves = movesToEnd(stateOf(row));
  if (!moves) return refuseField('conflict', 'resolve', 'disclosure.answer.cannotEnd');
  const locale = row.locale === 'en' ? 'en' : 'zh-CN';
  const told = moves.findIndex((m) => m === 'resolve_at_once' || m === 'resolve');
  const steps: { update: CaseUpdate; event: MoveEvent }[] = [];
  let at = row;
  for (const [i, move] of moves.entries()) {
    const message = i === (told < 0 ? moves.length - 1 : told) ? answer : translate(locale, move === 'accept' ? 'disclosure.answer.accepted' : 'disclosure.answer.closed');
    const result = applyMove(stateOf(at), { move, message }, now);
    if (!result.ok) return result.refusal.key === 'workflow.errors.messageTooLong' ? refuseField('invalid', 'answer', 'disclosure.answer.tooLongToTell', result.refusal.params) : result;
    const update = updateFor(at, result.value);
    steps.push({ update, event: { kind: move, actor: `staff:${viewer.id}`, publicMessage: message, internalNote: null, at: storedDay(now), data: eventData(move, result.value) } });
    at = rowAfter(at, update);
  }
  return ok(steps);
}

/** The case as a move leaves it, for the next move of the same batch. */
const rowAfter = (row: CaseRecord, u: CaseUpdate): CaseRecord => ({
  ...row,
  status: u.status,
  discipline: u.discipline ? 1 : 0,
  accepted_at: u.acceptedAt,
  accept_due_at: u.acceptDueAt,
  due_at: u.dueAt,
  time_limit_days: u.timeLimitDays,
  closed_at: u.closedAt,
  reopen_count: u.reopenCount,
  escalated_by: u.escalatedBy,
  category_id: u.categoryId,
  assignee_id: u.assigneeId,
  committee_due_at: u.committeeDueAt,
  disposal: u.disposal as CaseRecord['disposal'],
  notice_kind: u.noticeKind as CaseRecord['notice_kind'],
  notice_due_at: u.noticeDueAt,
  version: row.version + 1,
});

/** The categories passed to town staff when their time limit runs out unanswered (a question about a disclosure). */
const TO_TOWN_CATEGORIES = JSON.stringify(town.categories.filter((c) => c.overdueToTown).map((c) => c.id));

/**
 * Run by the hourly cron: a question whose time limit ran out with no answer published and no
 * resolution goes to town staff, once (worker/db/disclosures.ts passOverdueToTown). Its village's
 * officers keep reading it: the supervision that owes the answer still holds the accounts, and may
 * still answer; town staff see it flagged in their queue and press for it, or answer it themselves.
 * Dated by the town day of the run, like every step of a case. How many cases it passed.
 */
export function passOverdueQuestionsToTown(database: D1Database, now = new Date()): Promise<number> {
  return db.passOverdueToTown(database, TO_TOWN_CATEGORIES, now.toISOString(), storedDay(now));
}

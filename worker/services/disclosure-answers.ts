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
import { findReadableCase, findScope } from '../db/handling.ts';
import * as db from '../db/disclosures.ts';
import type { Disclosure } from '../../content/schemas.ts';
import { town } from '../../content/index.ts';
import { ANSWER_MAX, ANSWER_MIN } from '../publishing/disclosure.ts';
import { CASE_NUMBER_PATTERN, scopeOf } from './handling.ts';


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

/** Publishes an answer under the disclosure the case asks about. */
export async function publishAnswer(database: D1Database, viewer: Viewer, caseNumber: string, fields: Record<string, unknown>, now = new Date()): Promise<Result<{ slug: string; id: number }>> {
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
  const id = await db.insertAddendum(database, { documentId: q.document_id, caseId: row.id, textZh: zh, textEn: en || null, day: storedDay(now), by: viewer.id });
  return ok({ slug: q.slug, id });
}

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

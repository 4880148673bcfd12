/** Publishing anonymized outcomes of closed cases, and reading the published ones. */
import type { Locale } from '../../content/index.ts';
import { ok, refuse, type Result, type ResultWith } from '../cases/result.ts';
import { canRead, mayPublish, type Viewer } from '../cases/access.ts';
import { isRetaliation } from '../cases/submission.ts';
import { storedMinute, townDate, workingDaysBetween } from '../../core/clock.ts';
import { personalDataIn, resultOf, validateOutcome, type FieldFinding, type OutcomeText } from '../cases/outcome.ts';
import type { FieldError } from '../cases/validation.ts';
import * as db from '../db/outcomes.ts';
import type { OutcomeRow } from '../db/outcomes.ts';
import type { CaseRecord } from '../db/cases.ts';
import { findReadableCase, findScope } from '../db/handling.ts';
import { CASE_NUMBER_PATTERN, scopeOf } from './handling.ts';

/** Whether a case's category is a 打击报复 (retaliation) report: its outcome is never published. */

/** The outcome form as it was sent, with what is wrong with it (shown again on an `invalid` refusal). */
export interface OutcomeForm {
  errors: FieldError[];
  findings: FieldFinding[];
  confirmation: string;
  draft: Partial<OutcomeText>;
}

export type PublishOutcome = ResultWith<undefined, { form?: OutcomeForm }>;

async function publishableCase(database: D1Database, viewer: Viewer, caseNumber: string): Promise<Result<CaseRecord>> {
  const scope = CASE_NUMBER_PATTERN.test(caseNumber) ? await findScope(database, caseNumber) : null;
  if (!scope) return refuse('not_found', 'staff.errors.notFound');
  const s = scopeOf(scope);
  if (!canRead(viewer, s)) return refuse('forbidden', 'staff.errors.forbidden');
  // Whoever reads a committee case is a member: only a village's officer, on one of its ordinary cases, gets here.
  if (!mayPublish(viewer, s.discipline)) return refuse('forbidden', 'outcomes.staff.townOnly');
  const row = await findReadableCase(database, viewer, scope.id);
  if (!row) return refuse('forbidden', 'staff.errors.forbidden');
  return ok(row);
}

/** Publishes the outcome of a closed case, unless its text contains personal data (or signs of it not confirmed). */
export async function publishOutcome(
  database: D1Database,
  viewer: Viewer,
  caseNumber: string,
  fields: Record<string, unknown>,
  locale: Locale,
  now = new Date(),
): Promise<PublishOutcome> {
  const found = await publishableCase(database, viewer, caseNumber);
  if (!found.ok) return found;
  const row = found.value;
  const result = resultOf(row.status);
  if (!result || !row.closed_at) return refuse('conflict', 'outcomes.staff.notClosed');
  // Its number and village in public would tell the village's officers that a case kept from them exists.
  if (row.kept_from_village !== null) return refuse('conflict', 'kept.outcome');
  // A notice of a 打击报复 report would tell the public (and whoever retaliated) that one was made,
  // and when, next to the earlier case it follows from: none is published.
  if (isRetaliation(row.category_id)) return refuse('conflict', 'outcomes.staff.retaliation');
  const text = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : '');
  const draft: OutcomeText = { problem: text('problem'), action: text('action'), outcome: text('outcome') };
  const valid = validateOutcome(fields);
  if (!valid.ok) return { ...valid, form: { errors: valid.refusal.fields ?? [], findings: [], confirmation: '', draft } };
  const check = personalDataIn(valid.value, { name: row.contact_name, phone: row.contact_phone }, fields);
  if (check) return { ...refuse('invalid', 'errors.summary'), form: { errors: [], ...check, draft } };
  await db.upsertOutcome(database, {
    caseId: row.id,
    caseNumber: row.case_number,
    villageId: row.village_id,
    categoryId: row.category_id,
    kind: row.discipline ? 'case_notice' : 'outcome',
    result,
    problem: valid.value.problem,
    action: valid.value.action,
    outcomeText: valid.value.outcome,
    workingDays: workingDaysBetween(new Date(row.created_at), new Date(row.closed_at)),
    locale,
    publishedBy: viewer.id,
    publishedAt: storedMinute(now),
  });
  return ok();
}

/** Withdraws a published outcome: it leaves the lists, pages and feeds at once. */
export async function withdraw(database: D1Database, viewer: Viewer, caseNumber: string, now = new Date()): Promise<Result> {
  const found = await publishableCase(database, viewer, caseNumber);
  if (!found.ok) return found;
  return (await db.withdrawOutcome(database, found.value.id, viewer.id, storedMinute(now))) ? ok() : refuse('not_found', 'staff.errors.notFound');
}

/**
 * A published outcome as open data: no contact, no description, no code, only what the page
 * shows. A committee case's notice gives no working days: with the day it was published they
 * would tell the day the case arrived.
 */
export function outcomeJson(o: OutcomeRow) {
  return {
    caseNumber: o.case_number,
    village: o.village_id,
    category: o.category_id,
    kind: o.kind,
    result: o.result,
    problem: o.problem,
    action: o.action,
    outcome: o.outcome_text,
    workingDays: o.kind === 'case_notice' ? null : o.working_days,
    language: o.locale,
    // The day in town time only: when in the day it was published tells a watcher too much.
    publishedAt: townDate(new Date(o.published_at)),
    // The day the resident had the case reopened since: the outcome then no longer tells how it ended.
    reopenedOn: o.reopened_on,
  };
}

export { findOutcomeOfCase, findPublished, listPublished, type OutcomeFilter, type OutcomeRow } from '../db/outcomes.ts';

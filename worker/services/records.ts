/**
 * The liaison station performance record form: officers write entries for their own village, an
 * entry that reports a cadre records or links a discipline case, the admin reviews, the public
 * sees counts only.
 */
import { cadreCategory, type Locale } from '../../content/index.ts';
import { ok, refuse, refuseField, type Result } from '../cases/result.ts';
import { canRead, canSeeExistence, type CaseScope, type Viewer } from '../cases/access.ts';
import { storedMinute } from '../../core/clock.ts';
import {
  canReview,
  canWriteEntries,
  type EntryContent,
  type EntryInput,
  type Focus,
} from '../cases/record-form.ts';
import type { FieldError } from '../cases/validation.ts';
import { findScope } from '../db/handling.ts';
import { scopeOf } from './handling.ts';
import * as db from '../db/records.ts';
import { submit } from './mailbox.ts';
import { keyForEntry, sealer } from './sealed.ts';

export interface EntryView extends Omit<EntryContent, 'matter' | 'findings' | 'actions' | 'followUp'> {
  /** Null where the entry became a discipline case this viewer may not read (its words are the committee's). */
  matter: string | null;
  findings: string | null;
  actions: string | null;
  followUp: string | null;
  id: number;
  villageId: string;
  officerName: string;
  createdAt: string;
  /** The linked discipline case: its number only if this viewer may know of it, and whether they may open it. */
  linkedCase: { number: string | null; readable: boolean } | null;
  review: { by: string; at: string; comment: string | null } | null;
  /** The entry's data key sealed to the committee, when its texts are sealed (it reports a cadre). */
  sealedKey: string | null;
}

function viewOf(viewer: Viewer, row: db.EntryRow): EntryView {
  let linkedCase: EntryView['linkedCase'] = null;
  if (row.case_number) {
    const scope: CaseScope = {
      villageId: row.case_village_id!,
      discipline: row.case_discipline === 1,
      createdBy: row.case_created_by,
      escalatedBy: row.case_escalated_by,
      keptFromVillage: row.case_kept === 1,
      declaredBy: row.case_declared ? [viewer.id] : [],
    };
    linkedCase = { number: canSeeExistence(viewer, scope) ? row.case_number : null, readable: canRead(viewer, scope) };
  }
  return {
    id: row.id,
    villageId: row.village_id,
    officerName: row.officer_name,
    date: row.entry_date,
    focus: row.focus as Focus,
    matter: row.matter,
    findings: row.findings,
    actions: row.actions,
    reported: row.reported === 1,
    followUp: row.follow_up,
    createdAt: row.created_at,
    linkedCase,
    review: row.reviewed_at ? { by: row.reviewer_name ?? '', at: row.reviewed_at, comment: row.review_comment } : null,
    sealedKey: row.committee_wrap,
  };
}

/** The entries the viewer may read; a liaison officer's filter is always their own village. */
export async function listEntries(database: D1Database, viewer: Viewer, filter: db.EntryFilter): Promise<EntryView[]> {
  const scoped = viewer.role === 'liaison' ? { ...filter, villageId: viewer.villageId ?? undefined } : filter;
  return (await db.listEntries(database, viewer, scoped)).map((row) => viewOf(viewer, row));
}

/** One entry, or null when there is none the viewer may read (the two are not told apart). */
export async function openEntry(database: D1Database, viewer: Viewer, id: number): Promise<EntryView | null> {
  const row = await db.findEntry(database, viewer, id);
  return row ? viewOf(viewer, row) : null;
}

export type AddEntryResult = Result<{ id: number; caseNumber: string | null; caseCreated: boolean }>;

async function caseFor(
  database: D1Database,
  secret: string,
  officer: Viewer & { villageId: string },
  entry: EntryInput,
  locale: Locale,
  now: Date,
): Promise<Result<{ id: number; number: string; created: boolean }>> {
  if (entry.caseAction === 'link') {
    const scope = await findScope(database, entry.caseNumber!);
    // A case kept from the village is town staff's to its officers, even once it went to the committee.
    const linkable = scope?.discipline === 1 && canSeeExistence(officer, scopeOf(scope)) && !(officer.role === 'liaison' && scope.kept_from_village !== null);
    // Unknown, not with the committee, or not the officer's to know of: one answer, so nothing leaks.
    if (!scope || !linkable) return refuseField('invalid', 'caseNumber', 'records.errors.case.unknown');
    return ok({ id: scope.id, number: scope.case_number, created: false });
  }
  // The entry's client id is the case's submission id: a retried form finds the same case again.
  const result = await submit(
    database,
    secret,
    {
      submissionId: entry.clientId,
      villageId: officer.villageId,
      categoryId: cadreCategory.id,
      subject: entry.matter,
      description: entry.findings,
      anonymous: true,
      contactName: null,
      contactPhone: null,
    },
    locale,
    now,
    { channel: 'visit', recordedBy: officer.id },
  );
  if (!result.ok) return refuse('conflict', result.refusal.key);
  // (The mailbox's unavailable refusal, no committee key yet, is caught before: see addEntry.)
  const { receipt, created } = result.value;
  const scope = await findScope(database, receipt.caseNumber);
  return ok({ id: scope!.id, number: receipt.caseNumber, created });
}

/** Adds an entry for the officer's own village, recording or linking its discipline case first. */
export async function addEntry(
  database: D1Database,
  secret: string | null,
  viewer: Viewer,
  entry: EntryInput,
  locale: Locale,
  now = new Date(),
): Promise<AddEntryResult> {
  if (!canWriteEntries(viewer)) return refuse('forbidden', 'records.errors.liaisonOnly');
  let linked: { id: number; number: string; created: boolean } | null = null;
  // An entry that reports a cadre keeps its words for the committee: sealed under its own data key.
  const entryKey = entry.caseAction === 'none' ? null : await keyForEntry(database);
  if (entry.caseAction !== 'none') {
    if (!entryKey) return refuse('conflict', 'sealed.errors.noCommitteeKey');
    if (entry.caseAction === 'create' && !secret) return refuse('conflict', 'errors.unavailable');
    const found = await caseFor(database, secret ?? '', viewer, entry, locale, now);
    if (!found.ok) return found;
    linked = found.value;
  }
  const { caseAction: _action, caseNumber: _number, ...content } = entry;
  const seal = sealer(entryKey?.dataKey ?? null);
  const [matter, findings, actions, followUp] = await Promise.all([seal(content.matter), seal(content.findings), seal(content.actions), seal(content.followUp)]);
  const id = await db.insertEntry(database, {
    ...content,
    matter: matter!,
    findings: findings!,
    actions: actions!,
    followUp: followUp!,
    villageId: viewer.villageId,
    officerId: viewer.id,
    caseId: linked?.id ?? null,
    committeeKeyId: entryKey?.committeeKeyId ?? null,
    committeeWrap: entryKey?.committeeWrap ?? null,
    createdAt: storedMinute(now),
  });
  if (id === null) return refuseField('invalid', 'entryId', 'records.errors.form');
  return ok({ id, caseNumber: linked?.number ?? null, caseCreated: linked?.created ?? false });
}

export type ReviewResult = Result;

/** The admin marks an entry reviewed, with an optional comment. */
export async function reviewEntry(database: D1Database, viewer: Viewer, id: number, review: { comment: string | null }, now = new Date()): Promise<ReviewResult> {
  if (!canReview(viewer)) return refuse('forbidden', 'records.errors.adminOnly');
  const done = await db.reviewEntry(database, id, viewer.id, review.comment, storedMinute(now));
  return done ? ok() : refuse('not_found', 'records.errors.notFound');
}

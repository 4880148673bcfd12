/**
 * The village-level supervision work liaison station performance record form (履职纪实表): what
 * an entry holds, how one is validated, who may read, write and review entries, and the public
 * counts. Pure: no Hono, no D1.
 */
import type { Result } from './result.ts';
import { town } from '../../content/index.ts';
import { protectTable, type PublishedCell } from '../../core/stats/disclosure.ts';
import type { Viewer } from './access.ts';
import * as z from 'zod/mini';
import { charCount, clientId, isOneOf, mark, parseFields, text, textWith } from './validation.ts';

/**
 * The station's three supervision focuses, with the ids the village pages use
 * (`village.focus.<id>`): higher-level decisions, the integrity of those supervised, village power.
 */
export const FOCUSES = ['decisions', 'integrity', 'power'] as const;
export type Focus = (typeof FOCUSES)[number];

/** What an entry does about a cadre it reports: nothing, a new discipline case, or an existing one. */
export const CASE_ACTIONS = ['none', 'create', 'link'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ENTRY_FIELDS = ['entryId', 'date', 'focus', 'matter', 'findings', 'actions', 'reported', 'followUp', 'caseAction', 'caseNumber'] as const;

/** The raw fields as typed, kept to fill the form again after an error. */
export type EntryDraft = Partial<Record<(typeof ENTRY_FIELDS)[number], string>>;

/** Lengths in characters. The matter becomes the subject of a case it reports, so it fits one. */
export const ENTRY_LIMITS = { matterMax: town.limits.subjectMax, textMax: 2000, commentMax: 1000 } as const;

/** What an entry records about one act of supervision. */
export interface EntryContent {
  /** YYYY-MM-DD, the town's calendar. */
  date: string;
  focus: Focus;
  matter: string;
  findings: string;
  actions: string;
  /** Reported to the town discipline committee and supervisory office; always true with a case. */
  reported: boolean;
  followUp: string;
}

export interface EntryInput extends EntryContent {
  clientId: string;
  caseAction: CaseAction;
  /** Normalized (upper case), for `link` only. */
  caseNumber: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CASE_NUMBER = /^[A-Z]{2,4}-\d{4}-\d{6}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** True for a month written YYYY-MM. */
export function isMonth(text: string): boolean {
  return isCalendarDate(`${text}-01`);
}

/** A text the entry requires, within `max` characters. */
const requiredText = (field: 'matter' | 'findings' | 'actions', max: number) =>
  textWith((value, fail) => {
    const n = charCount(value);
    if (n === 0) fail(`records.errors.${field}.required`);
    else if (n > max) fail(`records.errors.${field}.tooLong`, { max, n });
  });

/** A new entry's schema on `today` (the town's date); every problem is reported, one per field. */
export function entrySchema(today: string) {
  return z.pipe(
    z
      .strictObject({
        entryId: clientId('records.errors.form'),
        date: textWith((date, fail) => {
          if (!date) fail('records.errors.date.required');
          else if (!isCalendarDate(date)) fail('records.errors.date.invalid');
          else if (date > today) fail('records.errors.date.future');
        }),
        focus: textWith((focus, fail) => (!focus ? fail('records.errors.focus.required') : isOneOf(FOCUSES, focus) || fail('records.errors.focus.unknown'))),
        matter: requiredText('matter', ENTRY_LIMITS.matterMax),
        findings: requiredText('findings', ENTRY_LIMITS.textMax),
        actions: requiredText('actions', ENTRY_LIMITS.textMax),
        reported: text,
        followUp: textWith((followUp, fail) => {
          const n = charCount(followUp);
          if (n > ENTRY_LIMITS.textMax) fail('records.errors.followUp.tooLong', { max: ENTRY_LIMITS.textMax, n });
        }),
        caseAction: z.pipe(
          text,
          z.transform((action: string, ctx) => {
            if (!isOneOf(CASE_ACTIONS, action || 'none')) mark(ctx, 'records.errors.caseAction.unknown');
            return (action || 'none') as CaseAction;
          }),
        ),
        caseNumber: z.pipe(
          text,
          z.transform((typed: string) => typed.toUpperCase().replace(/\s+/g, '')),
        ),
      })
      .check(
        z.superRefine((v, ctx) => {
          if (v.caseAction === 'link') {
            if (!v.caseNumber) mark(ctx, 'records.errors.caseNumber.required', undefined, 'caseNumber');
            else if (!CASE_NUMBER.test(v.caseNumber)) mark(ctx, 'records.errors.caseNumber.invalid', undefined, 'caseNumber');
          }
          // A new case is the cadre report itself: its description is what was found, so it must say enough.
          if (v.caseAction === 'create' && charCount(v.findings) > 0 && charCount(v.findings) < town.limits.descriptionMin) {
            mark(ctx, 'records.errors.findings.tooShortForCase', { min: town.limits.descriptionMin }, 'findings');
          }
          if (v.caseAction === 'create' && charCount(v.matter) > 0 && charCount(v.matter) < town.limits.subjectMin) {
            mark(ctx, 'records.errors.matter.tooShortForCase', { min: town.limits.subjectMin }, 'matter');
          }
        }),
      ),
    z.transform(
      (v): EntryInput => ({
        clientId: v.entryId,
        date: v.date,
        focus: v.focus as Focus,
        matter: v.matter,
        findings: v.findings,
        actions: v.actions,
        // Reporting a cadre through a case is reporting to the committee.
        reported: v.reported !== '' || v.caseAction !== 'none',
        followUp: v.followUp,
        caseAction: v.caseAction,
        caseNumber: v.caseAction === 'link' ? v.caseNumber : null,
      }),
    ),
  );
}

/** Validates a new entry on `today` (see entrySchema). */
export function validateEntry(input: Record<string, unknown>, today: string): Result<EntryInput> {
  return parseFields(entrySchema(today), input);
}

/** The admin's review: an optional comment. */
export const reviewSchema = z.pipe(
  z.strictObject({
    comment: textWith((comment, fail) => {
      const n = charCount(comment);
      if (n > ENTRY_LIMITS.commentMax) fail('records.errors.comment.tooLong', { max: ENTRY_LIMITS.commentMax, n });
    }),
  }),
  z.transform((v) => ({ comment: v.comment || null })),
);

/** Validates the admin's review (see reviewSchema). */
export function validateReview(input: Record<string, unknown>): Result<{ comment: string | null }> {
  return parseFields(reviewSchema, input);
}

/** Whether the viewer may read an entry of this village, reported to the committee or not. */
export function canReadEntry(viewer: Viewer, entry: { villageId: string; reported: boolean }): boolean {
  if (viewer.role === 'liaison') return viewer.villageId === entry.villageId;
  if (viewer.role === 'discipline') return entry.reported;
  return true; // admin and handler: every village
}

/** Whether the viewer may write entries: a liaison officer, for their own village only. */
export function canWriteEntries(viewer: Viewer): viewer is Viewer & { villageId: string } {
  return viewer.role === 'liaison' && viewer.villageId !== null;
}

/** Whether the viewer may mark entries reviewed: the town's admin. */
export function canReview(viewer: Viewer): boolean {
  return viewer.role === 'admin';
}

/** A published count: a number, "<3", or "suppressed" (hidden so a small one cannot be worked out). */
export type PublicCount = number | '<3' | 'suppressed';

const published = (p: PublishedCell): PublicCount => ('value' in p ? p.value : 'small' in p ? '<3' : 'suppressed');

/** Entries of one village and focus (a row of the monthly count). */
export interface EntryCount {
  villageId: string;
  focus: string;
  n: number;
}

/** One release of the record-form counts: entries per village and focus dated in a period. */
export interface RecordPeriod {
  unit: 'month' | 'quarter';
  period: string;
  /** The last town date the release covers. */
  cutoff: string;
  villages: { id: string; counts: Record<Focus, PublicCount>; total: PublicCount }[];
  focusTotals: Record<Focus, PublicCount>;
  total: PublicCount;
}

/** The record-form counts as open data: every release so far. */
export interface PublicRecordCounts {
  schema: 2;
  focuses: Focus[];
  periods: RecordPeriod[];
}

const byFocus = (cells: PublishedCell[]) => Object.fromEntries(FOCUSES.map((f, j) => [f, published(cells[j]!)])) as Record<Focus, PublicCount>;

/**
 * A period's entries per village and focus as they may be published: one table of villages ×
 * focuses with its totals, small counts shown as "<3" and complementary suppression. A period is
 * released once and never changes, so no two releases can be subtracted to reveal a small count.
 */
export function recordPeriod(unit: RecordPeriod['unit'], period: string, cutoff: string, counts: EntryCount[]): RecordPeriod {
  const villages = town.villages.map((v) => v.id);
  const table = protectTable({
    rows: villages,
    columns: [...FOCUSES],
    counts: villages.map((v) => FOCUSES.map((f) => counts.filter((c) => c.villageId === v && c.focus === f).reduce((s, c) => s + c.n, 0))),
  });
  return {
    unit,
    period,
    cutoff,
    villages: villages.map((id, i) => ({ id, counts: byFocus(table.cells[i]!), total: published(table.rowTotals[i]!) })),
    focusTotals: byFocus(table.columnTotals),
    total: published(table.total),
  };
}

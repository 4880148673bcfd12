/**
 * The document model of what the town publishes from the console (regulations now, village
 * disclosures next): a document is an address (kind + slug) with numbered versions. Pure: values
 * in, values out; no Hono, no D1.
 *
 * - A version is `draft` → `review` → `published`, or `returned` (to the drafter, with a
 *   comment) from review. Four eyes: whoever drafted a version can never approve it.
 * - A published version is never changed: a correction is a new version with a public 更正 note;
 *   the earlier versions stay readable at their own address.
 * - A withdrawal needs a public reason; the address keeps a dated notice.
 * - Publishing a document that amends or replaces another marks that one 已修订 / 已废止.
 */
import type { RegulationCategory, RegulationStatus } from '../../content/schemas.ts';
import { ok, refuse, type Result } from '../cases/result.ts';
import type { FieldError } from '../cases/validation.ts';
import * as z from 'zod/mini';
import { charCount, isOneOf, mark, parseFields, plainText, textWith } from '../cases/validation.ts';
import { portal } from '../../content/index.ts';
import { bodyProblem } from './markdown.ts';
import type { Right } from '../cases/rights.ts';
import { holdsPublishedQueryCode } from '../cases/pii.ts';

export const DOCUMENT_KINDS = ['regulation', 'disclosure'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const VERSION_STATES = ['draft', 'review', 'published', 'withdrawn', 'returned'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** The same lists as content/schemas.ts (kept here so the worker bundles no zod; a test compares them). */
export const CATEGORIES = ['clean-village', 'cadre-management', 'performance', 'working-rules'] as const satisfies readonly RegulationCategory[];
export const STATUSES = ['in-force', 'amended', 'repealed'] as const satisfies readonly RegulationStatus[];

// The publishing rights are granted on top of roles (worker/cases/rights.ts defines them).
export { RIGHTS, type Right } from '../cases/rights.ts';

/** The signed-in staff member acting on a document. */
export interface Actor {
  id: number;
  username: string;
  role: string;
  rights: ReadonlySet<Right> | readonly Right[];
}

export function hasRight(actor: Actor, right: Right): boolean {
  const r = actor.rights as ReadonlySet<Right> | readonly Right[];
  return 'has' in r ? r.has(right) : r.includes(right);
}

export interface Localized {
  'zh-CN': string;
  en?: string;
}

/** A version's metadata, as stored (document_versions.meta). */
export interface DocumentMeta {
  title: Localized;
  docNumber: string;
  issuer: Localized;
  /** YYYY-MM-DD */
  issued: string;
  effective: string;
  category: RegulationCategory;
  /** The slug of the regulation this one amends / replaces. */
  amends?: string;
  replaces?: string;
  summary: Localized;
  translator?: Localized;
  attachmentLabel?: Localized;
  /** What happened to the document before it came here (imported), oldest first. */
  history?: { date: string; change: Localized }[];
}

/** What the drafting form sends. */
export interface DraftInput {
  slug: string;
  meta: DocumentMeta;
  body: Localized;
}

/**
 * 文号: the issuing body's abbreviation (Chinese characters), the year in 〔〕 and the serial
 * number followed by 号, e.g. 长岭发〔2026〕12号. Stricter than content/schemas.ts's DOC_NUMBER,
 * which accepts every 文号 this one does.
 */
export const DOC_NUMBER = /^(\p{Script=Han}{2,20})〔(\d{4})〕([1-9]\d{0,3})号$/u;

/** An address: lower-case letters, digits and single hyphens, 2–60 characters, starting with a letter. */
export const SLUG = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,59}$/;

/** Words that are paths of the regulations' own pages, never a document's slug. */
const RESERVED_SLUGS: ReadonlySet<string> = new Set(['filter', 'rss', 'rss-xml', 'versions', 'new', 'attachments']);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const TITLE_MAX = 120;
const LINE_MAX = 100;
const SUMMARY_MAX = 600;
const NOTE_MAX = 1000;

/** Validates a 文号 against the issue date; null when it is fine. */
export function docNumberProblem(docNumber: string, issued?: string): FieldError | null {
  const m = DOC_NUMBER.exec(docNumber);
  if (!m) return { field: 'docNumber', key: 'publishing.errors.docNumber' };
  if (issued && isDate(issued) && issued.slice(0, 4) !== m[2]) return { field: 'docNumber', key: 'publishing.errors.docNumberYear', params: { year: m[2]!, issued } };
  return null;
}

export function slugProblem(slug: string): FieldError | null {
  if (!SLUG.test(slug) || RESERVED_SLUGS.has(slug)) return { field: 'slug', key: 'publishing.errors.slug' };
  return null;
}

/** The drafting form's fields, in the order the form shows them (for the order of its marks). */
export const DRAFT_FIELDS = [
  'title_zh', 'title_en', 'docNumber', 'issuer_zh', 'issuer_en', 'issued', 'effective', 'category', 'amends', 'replaces',
  'summary_zh', 'summary_en', 'body_zh', 'body_en', 'translator_zh', 'translator_en', 'attachmentLabel_zh', 'attachmentLabel_en', 'slug',
] as const;

/** A text of at most `max` characters, required when `required`. */
const bounded = (max: number, required = false) =>
  textWith((value, fail) => {
    if (required && charCount(value) === 0) fail('publishing.errors.required');
    else if (charCount(value) > max) fail('publishing.errors.tooLong', { max });
  });

const date = textWith((value, fail) => isDate(value) || fail('publishing.errors.date'));
const related = textWith((value, fail) => value === '' || !slugProblem(value) || fail('publishing.errors.related'));
const body = (required: boolean) =>
  textWith((value, fail) => {
    if (required && charCount(value) === 0) return fail('publishing.errors.required');
    const problem = value ? bodyProblem(value, portal.publishing) : null;
    if (problem) fail(problem.key, problem.params);
  });

/**
 * The drafting form (request schema, zod/mini): each field by its own rule, then what holds
 * across fields (the 文号's year and the issue date, the dates' order, amends or replaces).
 */
export const draftSchema = z
  .object({
    slug: textWith((value, fail) => !slugProblem(value) || fail('publishing.errors.slug')),
    title_zh: bounded(TITLE_MAX, true),
    title_en: bounded(TITLE_MAX * 2),
    docNumber: textWith((value, fail) => {
      if (!value) fail('publishing.errors.required');
      else if (!DOC_NUMBER.test(value)) fail('publishing.errors.docNumber');
    }),
    issuer_zh: bounded(LINE_MAX, true),
    issuer_en: bounded(LINE_MAX * 2),
    issued: date,
    effective: date,
    category: textWith((value, fail) => isOneOf(CATEGORIES, value) || fail('publishing.errors.category')),
    amends: related,
    replaces: related,
    summary_zh: bounded(SUMMARY_MAX, true),
    summary_en: bounded(SUMMARY_MAX * 2),
    body_zh: body(true),
    body_en: body(false),
    translator_zh: bounded(LINE_MAX),
    translator_en: bounded(LINE_MAX * 2),
    attachmentLabel_zh: bounded(LINE_MAX),
    attachmentLabel_en: bounded(LINE_MAX * 2),
  })
  .check(
    z.superRefine((f, ctx) => {
      const year = DOC_NUMBER.exec(f.docNumber)?.[2];
      if (year && isDate(f.issued) && f.issued.slice(0, 4) !== year) mark(ctx, 'publishing.errors.docNumberYear', { year, issued: f.issued }, 'docNumber');
      if (isDate(f.issued) && isDate(f.effective) && f.effective < f.issued) mark(ctx, 'publishing.errors.effectiveBeforeIssued', undefined, 'effective');
      if (f.amends && f.amends === f.replaces) mark(ctx, 'publishing.errors.amendsAndReplaces', undefined, 'replaces');
      for (const field of ['amends', 'replaces'] as const) if (f[field] && f[field] === f.slug) mark(ctx, 'publishing.errors.related', undefined, field);
    }),
  );

const localizedOf = (zh: string, en: string): Localized => (en ? { 'zh-CN': zh, en } : { 'zh-CN': zh });

/** The drafting form read into a draft, or an `invalid` refusal marking each field with its first problem. */
export function readDraft(fields: Record<string, unknown>): Result<DraftInput> {
  const parsed = parseFields(draftSchema, fields, DRAFT_FIELDS);
  if (!parsed.ok) return parsed;
  const f = parsed.value;
  const meta: DocumentMeta = {
    title: localizedOf(f.title_zh, f.title_en),
    docNumber: f.docNumber,
    issuer: localizedOf(f.issuer_zh, f.issuer_en),
    issued: f.issued,
    effective: f.effective,
    category: f.category as RegulationCategory,
    ...(f.amends && { amends: f.amends }),
    ...(f.replaces && { replaces: f.replaces }),
    summary: localizedOf(f.summary_zh, f.summary_en),
    ...(f.translator_zh && { translator: localizedOf(f.translator_zh, f.translator_en) }),
    ...(f.attachmentLabel_zh && { attachmentLabel: localizedOf(f.attachmentLabel_zh, f.attachmentLabel_en) }),
  };
  return ok({ slug: f.slug, meta, body: localizedOf(f.body_zh, f.body_en) });
}

/** What is wrong with a version's metadata (the import and the form alike). */
export function metaProblems(meta: DocumentMeta, slug?: string): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: string, value: string | undefined, max: number) => {
    if (!value || charCount(value) === 0) errors.push({ field, key: 'publishing.errors.required' });
    else if (charCount(value) > max) errors.push({ field, key: 'publishing.errors.tooLong', params: { max } });
  };
  const maybe = (field: string, value: string | undefined, max: number) => {
    if (value && charCount(value) > max) errors.push({ field, key: 'publishing.errors.tooLong', params: { max } });
  };
  need('title_zh', meta.title['zh-CN'], TITLE_MAX);
  maybe('title_en', meta.title.en, TITLE_MAX * 2);
  need('issuer_zh', meta.issuer['zh-CN'], LINE_MAX);
  maybe('issuer_en', meta.issuer.en, LINE_MAX * 2);
  need('summary_zh', meta.summary['zh-CN'], SUMMARY_MAX);
  maybe('summary_en', meta.summary.en, SUMMARY_MAX * 2);
  if (meta.translator) maybe('translator_zh', meta.translator['zh-CN'], LINE_MAX);
  if (meta.attachmentLabel) maybe('attachmentLabel_zh', meta.attachmentLabel['zh-CN'], LINE_MAX);
  if (!meta.docNumber) errors.push({ field: 'docNumber', key: 'publishing.errors.required' });
  else {
    const e = docNumberProblem(meta.docNumber, meta.issued);
    if (e) errors.push(e);
  }
  if (!isDate(meta.issued)) errors.push({ field: 'issued', key: 'publishing.errors.date' });
  if (!isDate(meta.effective)) errors.push({ field: 'effective', key: 'publishing.errors.date' });
  else if (isDate(meta.issued) && meta.effective < meta.issued) errors.push({ field: 'effective', key: 'publishing.errors.effectiveBeforeIssued' });
  if (!isOneOf(CATEGORIES, meta.category)) errors.push({ field: 'category', key: 'publishing.errors.category' });
  for (const f of ['amends', 'replaces'] as const) {
    const v = meta[f];
    if (v !== undefined && (slugProblem(v) || v === slug)) errors.push({ field: f, key: 'publishing.errors.related' });
  }
  if (meta.amends && meta.amends === meta.replaces) errors.push({ field: 'replaces', key: 'publishing.errors.amendsAndReplaces' });
  return errors;
}

/** What is wrong with a body (each language): empty Chinese text, too long, nested too deep, unreadable characters. */
export function bodyProblems(body: Localized): FieldError[] {
  const errors: FieldError[] = [];
  if (charCount(body['zh-CN']) === 0) errors.push({ field: 'body_zh', key: 'publishing.errors.required' });
  for (const [field, value] of [['body_zh', body['zh-CN']], ['body_en', body.en]] as const) {
    if (!value) continue;
    const problem = bodyProblem(value, portal.publishing);
    if (problem) errors.push({ field, ...problem });
  }
  return errors;
}

/**
 * A public note (更正 or a withdrawal's reason) or a reviewer's comment: required in Chinese,
 * English optional, never a resident's query code in either.
 */
export function readNote(value: Localized | string, field: string): Result<Localized> {
  const note: Localized = typeof value === 'string' ? { 'zh-CN': plainText(value) } : { 'zh-CN': plainText(value['zh-CN']), ...(value.en && plainText(value.en) ? { en: plainText(value.en) } : {}) };
  if (charCount(note['zh-CN']) === 0) return refuse('invalid', 'errors.summary', { fields: [{ field, key: 'publishing.errors.required' }] });
  if (charCount(note['zh-CN']) > NOTE_MAX || (note.en && charCount(note.en) > NOTE_MAX * 2)) return refuse('invalid', 'errors.summary', { fields: [{ field, key: 'publishing.errors.tooLong', params: { max: NOTE_MAX } }] });
  // Beside the box that holds it: the English one is `<field>_en` (only the console's notes have one).
  if (holdsPublishedQueryCode(note['zh-CN'])) return refuse('invalid', 'errors.summary', { fields: [{ field, key: 'publishing.errors.queryCode' }] });
  if (note.en !== undefined && holdsPublishedQueryCode(note.en)) return refuse('invalid', 'errors.summary', { fields: [{ field: `${field}_en`, key: 'publishing.errors.queryCode' }] });
  return ok(note);
}

/** The versions a staff member can still edit: a draft, or one returned from review. */
export function isOpen(state: VersionState): boolean {
  return state === 'draft' || state === 'returned';
}

/**
 * Whether `actor` may approve a version drafted by `drafters` (everyone who saved it): only with
 * the right to approve, and never one's own draft.
 */
export function mayApprove(actor: Actor, drafters: readonly number[]): Result {
  if (!hasRight(actor, 'approve')) return refuse('forbidden', 'publishing.errors.noApproveRight');
  if (drafters.includes(actor.id)) return refuse('forbidden', 'publishing.errors.fourEyes');
  return ok();
}

export function mayDraft(actor: Actor): Result {
  return hasRight(actor, 'draft') ? ok() : refuse('forbidden', 'publishing.errors.noDraftRight');
}

/** The status a published document gives the one it points at. */
export function statusGiven(meta: DocumentMeta): { slug: string; status: RegulationStatus } | null {
  if (meta.replaces) return { slug: meta.replaces, status: 'repealed' };
  if (meta.amends) return { slug: meta.amends, status: 'amended' };
  return null;
}

export function textOf(value: Localized, locale: 'zh-CN' | 'en'): string {
  return (locale === 'en' && value.en) || value['zh-CN'];
}

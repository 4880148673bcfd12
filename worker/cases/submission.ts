/** What a resident sends through the mass mailbox, validated against the town's reference data. */
import type { Result } from './result.ts';
import { findCategory, findVillage, town, type Locale } from '../../content/index.ts';
import { sha256Hex } from './crypto.ts';
import { normalizeQueryCode } from './query-code.ts';
import * as z from 'zod/mini';
import { boundedText, charCount, clientId, mark, raw, parseFields, text, textOf, textWith, type Issues, type TooLong } from './validation.ts';

export const SUBMISSION_FIELDS = [
  'submissionId',
  'village',
  'category',
  'subject',
  'description',
  'identity',
  'name',
  'phone',
  'concernsOfficers',
  'disclosure',
] as const;

/** A published disclosure's slug, as the question form on its page sends it (a hidden field). */
const DISCLOSURE_SLUG = /^[a-z][a-z0-9-]{1,79}$/;

/**
 * The query code of the resident's earlier case, to link a 打击报复 report to it: accepted with the
 * rest, but never kept in a draft and never written back into a form (a code appears in no
 * response but its receipt). The web mailbox and the JSON API only: staff never type a code.
 */
export const EARLIER_CODE_FIELD = 'earlierCode';

export interface Submission {
  submissionId: string;
  villageId: string;
  categoryId: string;
  subject: string;
  description: string;
  anonymous: boolean;
  contactName: string | null;
  contactPhone: string | null;
  /**
   * The resident said it concerns someone at the village liaison station or the village committee:
   * town staff handle it, and the village's officers neither see it nor learn that it exists.
   * Only for the categories the village handles (the committee's are kept from it anyway).
   */
  concernsOfficers?: boolean;
  /** A 打击报复 report's earlier case, by its query code (normalized); checked by the mailbox. */
  earlierCode?: string;
  /** The disclosure a question is about (its slug, from the form on its page); checked by the mailbox. */
  disclosureSlug?: string;
}

/**
 * The resident said the report is about the town discipline committee or someone who works there:
 * the town's system does not take it at all (Art. 15: it goes directly to the level above), so the
 * mailbox stores nothing and points to the county commission's channels. The form's checkbox
 * (`concernsCommittee=yes`) or the JSON API's `true`.
 */
export const COUNTY_FIELD = 'concernsCommittee';
export function concernsCommittee(fields: Record<string, unknown> | undefined): boolean {
  const value = fields?.[COUNTY_FIELD];
  return value === 'yes' || value === true;
}

/** The raw fields as typed, kept to fill the form again after an error. */
export type SubmissionDraft = Partial<Record<(typeof SUBMISSION_FIELDS)[number], string>>;

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

/**
 * The mailbox submission's schema. `earlierCode`: whether the form may carry an earlier case's
 * query code (the resident's own forms, not staff's). `tooLong` names the texts an oversized form
 * left out, so they are reported as too long rather than missing.
 */
export function submissionSchema(options: { earlierCode?: boolean; tooLong?: TooLong } = {}) {
  const tooLong = options.tooLong ?? {};
  const { limits } = town;
  const fields = z.strictObject({
    submissionId: clientId('errors.submission.invalid'),
    village: textWith((id, fail) => (!id ? fail('errors.village.required') : findVillage(id) || fail('errors.village.unknown'))),
    category: textWith((id, fail) => (!id ? fail('errors.category.required') : findCategory(id) || fail('errors.category.unknown'))),
    subject: boundedText('subject', limits.subjectMin, limits.subjectMax, tooLong.subject),
    description: boundedText('description', limits.descriptionMin, limits.descriptionMax, tooLong.description),
    identity: textWith((identity, fail) => identity === 'named' || identity === 'anonymous' || fail('errors.identity.required')),
    // Read by the identity's rule below: an anonymous submission keeps no contact details.
    name: raw,
    phone: raw,
    // A checkbox ("yes"), or a boolean from the JSON API.
    concernsOfficers: raw.check(
      z.superRefine((concerns, ctx) => {
        if (concerns !== undefined && concerns !== null && typeof concerns !== 'boolean' && concerns !== 'yes' && concerns !== '') mark(ctx, 'errors.field.type');
      }),
    ),
    // The disclosure a question is about: the slug the form on its page carries (hidden).
    disclosure: text,
    ...(options.earlierCode !== false && { [EARLIER_CODE_FIELD]: text }),
  });
  type Fields = z.infer<typeof fields>;
  /** The contact details a named submission gives, read (and their problems marked) on `ctx`. */
  const contact = (v: Fields, ctx: Issues) => {
    if (v.identity !== 'named' && v.identity !== 'anonymous') return { contactName: null, contactPhone: null };
    const name = textOf(ctx, 'name', v.name);
    const phone = textOf(ctx, 'phone', v.phone).replace(/[\s-]/g, '');
    if (v.identity === 'anonymous') return { contactName: null, contactPhone: null };
    if (tooLong.name !== undefined || charCount(name) > limits.nameMax) mark(ctx, 'errors.name.tooLong', { max: limits.nameMax }, 'name');
    else if (!charCount(name)) mark(ctx, 'errors.name.required', undefined, 'name');
    if (!phone) mark(ctx, 'errors.phone.required', undefined, 'phone');
    else if (!MOBILE.test(phone) && !LANDLINE.test(phone)) mark(ctx, 'errors.phone.invalid', undefined, 'phone');
    return { contactName: name, contactPhone: phone };
  };
  /** The earlier case's code, normalized; only a 打击报复 report links one. */
  const earlier = (v: Fields, ctx: Issues) => {
    // Read by the plain-text rule with the rest, where the form may carry it.
    const typed = v[EARLIER_CODE_FIELD] as string | undefined;
    if (!typed) return undefined;
    const code = normalizeQueryCode(typed);
    const category = findCategory(v.category);
    if (category && !category.retaliation) mark(ctx, 'link.errors.category', undefined, EARLIER_CODE_FIELD);
    else if (!code) mark(ctx, 'link.errors.notFound', undefined, EARLIER_CODE_FIELD);
    else return code;
    return undefined;
  };
  /** The disclosure a question is about; only the category for such questions links one. */
  const about = (v: Fields, ctx: Issues) => {
    const slug = v.disclosure;
    if (!slug) return undefined;
    if (!DISCLOSURE_SLUG.test(slug)) mark(ctx, 'disclosure.errors.unknown', undefined, 'disclosure');
    else if (findCategory(v.category) && !findCategory(v.category)?.aboutDisclosure) mark(ctx, 'disclosure.errors.category', undefined, 'category');
    else return slug;
    return undefined;
  };
  return z.pipe(
    fields.check(
      z.superRefine((v: Fields, ctx) => {
        contact(v, ctx);
        earlier(v, ctx);
        about(v, ctx);
      }),
    ),
    z.transform((v: Fields, ctx): Submission => {
      const concernsOfficers = (v.concernsOfficers === true || v.concernsOfficers === 'yes') && findCategory(v.category)?.route === 'village';
      const earlierCode = earlier(v, ctx);
      const disclosureSlug = about(v, ctx);
      return {
        submissionId: v.submissionId,
        villageId: v.village,
        categoryId: v.category,
        subject: v.subject,
        description: v.description,
        anonymous: v.identity === 'anonymous',
        ...contact(v, ctx),
        ...(concernsOfficers && { concernsOfficers: true }),
        ...(earlierCode && { earlierCode }),
        ...(disclosureSlug && { disclosureSlug }),
      };
    }),
  );
}

/** Validates a mailbox submission (see submissionSchema); every problem is reported, not just the first. */
export function validateSubmission(input: Record<string, unknown>, options: { earlierCode?: boolean; tooLong?: TooLong } = {}): Result<Submission> {
  return parseFields(submissionSchema(options), input, [...SUBMISSION_FIELDS, EARLIER_CODE_FIELD]);
}

/**
 * A fingerprint of the content, to tell a true retry from a reused submission id. The id (stored
 * only hashed) is part of it, so the fingerprint cannot confirm a guess of a sealed report's words.
 */
export function submissionContentHash(s: Submission): Promise<string> {
  const { submissionId, ...content } = s;
  return sha256Hex(JSON.stringify([submissionId, content]));
}

/** Village and category names for display, falling back to the stored id. */
export function describe(villageId: string, categoryId: string, locale: Locale): { village: string; category: string } {
  return {
    village: findVillage(villageId)?.name[locale] ?? villageId,
    category: findCategory(categoryId)?.name[locale] ?? categoryId,
  };
}

/** Who reads cases of this category: cadre reports and 打击报复 go to the discipline committee alone. */
export function routesToDiscipline(categoryId: string): boolean {
  return findCategory(categoryId)?.route === 'discipline';
}

/** Whether this category is 打击报复 (a report of being treated unfairly for having reported something). */
export function isRetaliation(categoryId: string): boolean {
  return findCategory(categoryId)?.retaliation === true;
}

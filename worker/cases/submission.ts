/** What a resident sends through the mass mailbox, validated against the town's reference data. */
import { findCategory, findVillage, town, type Locale } from '../../content/index.ts';
import { sha256Hex } from './crypto.ts';
import { normalizeQueryCode } from './query-code.ts';
import {
  CLIENT_ID_PATTERN,
  charCount,
  checkLength,
  firstPerField,
  rejectUnknownFields,
  stringField,
  type FieldError,
  type TooLong,
  type Validated,
} from './validation.ts';

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
] as const;

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
 * Validates a mailbox submission; every problem is reported, not just the first. `earlierCode`:
 * whether the form may carry an earlier case's query code (the resident's own forms, not staff's).
 * `tooLong` names the texts an oversized form left out, so they are reported as too long rather
 * than missing.
 */
export function validateSubmission(input: Record<string, unknown>, options: { earlierCode?: boolean; tooLong?: TooLong } = {}): Validated<Submission> {
  const tooLong = options.tooLong ?? {};
  const errors: FieldError[] = [];
  const { limits } = town;
  rejectUnknownFields(input, options.earlierCode === false ? SUBMISSION_FIELDS : [...SUBMISSION_FIELDS, EARLIER_CODE_FIELD], errors);
  const get = (field: string) => stringField(input, field, errors);

  const submissionId = get('submissionId');
  if (!CLIENT_ID_PATTERN.test(submissionId)) errors.push({ field: 'submissionId', key: 'errors.submission.invalid' });

  const villageId = get('village');
  if (!villageId) errors.push({ field: 'village', key: 'errors.village.required' });
  else if (!findVillage(villageId)) errors.push({ field: 'village', key: 'errors.village.unknown' });

  const categoryId = get('category');
  if (!categoryId) errors.push({ field: 'category', key: 'errors.category.required' });
  else if (!findCategory(categoryId)) errors.push({ field: 'category', key: 'errors.category.unknown' });

  const subject = get('subject');
  checkLength(subject, 'subject', 'subject', limits.subjectMin, limits.subjectMax, errors, tooLong);
  const description = get('description');
  checkLength(description, 'description', 'description', limits.descriptionMin, limits.descriptionMax, errors, tooLong);

  const identity = get('identity');
  let contactName: string | null = null;
  let contactPhone: string | null = null;
  if (identity === 'named') {
    const name = get('name');
    if (tooLong.name !== undefined || charCount(name) > limits.nameMax) errors.push({ field: 'name', key: 'errors.name.tooLong', params: { max: limits.nameMax } });
    else if (!charCount(name)) errors.push({ field: 'name', key: 'errors.name.required' });
    const phone = get('phone').replace(/[\s-]/g, '');
    if (!phone) errors.push({ field: 'phone', key: 'errors.phone.required' });
    else if (!MOBILE.test(phone) && !LANDLINE.test(phone)) errors.push({ field: 'phone', key: 'errors.phone.invalid' });
    contactName = name;
    contactPhone = phone;
  } else if (identity === 'anonymous') {
    // An anonymous submission keeps no contact details, even if the fields were filled in.
    get('name');
    get('phone');
  } else {
    errors.push({ field: 'identity', key: 'errors.identity.required' });
  }

  // A checkbox ("yes"), or a boolean from the JSON API.
  const concerns = input.concernsOfficers;
  if (concerns !== undefined && concerns !== null && typeof concerns !== 'boolean' && concerns !== 'yes' && concerns !== '') {
    errors.push({ field: 'concernsOfficers', key: 'errors.field.type', params: { field: 'concernsOfficers' } });
  }
  const category = findCategory(categoryId);
  const concernsOfficers = (concerns === true || concerns === 'yes') && category?.route === 'village';

  const typedCode = get(EARLIER_CODE_FIELD);
  let earlierCode: string | undefined;
  if (typedCode) {
    const code = normalizeQueryCode(typedCode);
    if (category && !category.retaliation) errors.push({ field: EARLIER_CODE_FIELD, key: 'link.errors.category' });
    else if (!code) errors.push({ field: EARLIER_CODE_FIELD, key: 'link.errors.notFound' });
    else earlierCode = code;
  }

  if (errors.length > 0) return { ok: false, errors: firstPerField(errors) };
  return {
    ok: true,
    value: {
      submissionId,
      villageId,
      categoryId,
      subject,
      description,
      anonymous: identity === 'anonymous',
      contactName,
      contactPhone,
      ...(concernsOfficers && { concernsOfficers: true }),
      ...(earlierCode && { earlierCode }),
    },
  };
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

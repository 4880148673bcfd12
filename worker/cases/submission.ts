/** What a resident sends through the mass mailbox, validated against the town's reference data. */
import { findCategory, findVillage, town } from '../../content/index.ts';
import { sha256Hex } from './crypto.ts';
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
] as const;

export interface Submission {
  submissionId: string;
  villageId: string;
  categoryId: string;
  subject: string;
  description: string;
  anonymous: boolean;
  contactName: string | null;
  contactPhone: string | null;
}

/** The raw fields as typed, kept to fill the form again after an error. */
export type SubmissionDraft = Partial<Record<(typeof SUBMISSION_FIELDS)[number], string>>;

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

/**
 * Validates a mailbox submission; every problem is reported, not just the first. `tooLong` names
 * the texts an oversized form left out, so they are reported as too long rather than missing.
 */
export function validateSubmission(input: Record<string, unknown>, tooLong: TooLong = {}): Validated<Submission> {
  const errors: FieldError[] = [];
  const { limits } = town;
  rejectUnknownFields(input, SUBMISSION_FIELDS, errors);
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

/** Who reads cases of this category: cadre reports go to the discipline committee alone. */
export function routesToDiscipline(categoryId: string): boolean {
  return findCategory(categoryId)?.route === 'discipline';
}

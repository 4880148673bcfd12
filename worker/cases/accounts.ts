/** Staff accounts as the admin creates them. */
import type { Result } from './result.ts';
import { findVillage, town } from '../../content/index.ts';
import { ROLES, type Role } from './access.ts';
import { MEMBER_PASSWORD_MIN_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';
import { MEMBER_MIN_PASSWORD_SCORE, passwordWeakness } from './password-strength.ts';
import * as z from 'zod/mini';
import { asTyped, charCount, isOneOf, mark, parseFields, raw, text, textWith, type FieldError } from './validation.ts';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  villageId: string | null;
  password: string;
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

/** Words an attacker tries first against this account: its own names and the town's place names. */
export function passwordContext(username: string, displayName: string): string[] {
  return [username, ...username.split(/[._-]/), displayName, town.id, ...town.villages.map((v) => v.id)];
}

/** The shortest password an account of this role may choose. */
export const minPasswordLength = (role: string) => (role === 'discipline' ? MEMBER_PASSWORD_MIN_LENGTH : PASSWORD_MIN_LENGTH);

/**
 * Why a new password is refused (too short, or guessable by zxcvbn), or null. A committee
 * member's needs 16 characters and zxcvbn's top score; everyone else's 12 and a score of 3.
 */
export function passwordProblem(password: string, username: string, displayName: string, role = ''): FieldError | null {
  const min = minPasswordLength(role);
  if (charCount(password) < min) return { field: 'password', key: 'staff.accounts.errors.password', params: { min } };
  const context = passwordContext(username, displayName);
  const weakness = passwordWeakness(password, context);
  if (weakness) return { field: 'password', key: `password.weak.${weakness}` };
  if (role === 'discipline' && passwordWeakness(password, context, MEMBER_MIN_PASSWORD_SCORE)) return { field: 'password', key: 'password.member.weak' };
  return null;
}

/** The admin's new-account form; a password that zxcvbn finds guessable is refused with its reason. */
export const accountSchema = z.pipe(
  z
    .object({
      username: textWith((username, fail) => USERNAME_PATTERN.test(username.toLowerCase()) || fail('staff.accounts.errors.username')),
      displayName: textWith((name, fail) => (name && charCount(name) <= 40) || fail('staff.accounts.errors.displayName')),
      role: textWith((role, fail) => isOneOf(ROLES, role) || fail('staff.accounts.errors.role')),
      village: text,
      // As typed: a password is never trimmed.
      password: asTyped,
    })
    .check(
      z.superRefine((v, ctx) => {
        if (v.role === 'liaison' || v.role === 'clerk' ? !findVillage(v.village) : v.village !== '') mark(ctx, 'staff.accounts.errors.village', undefined, 'village');
        const weak = passwordProblem(v.password, v.username.toLowerCase(), v.displayName, v.role);
        if (weak) mark(ctx, weak.key, weak.params, weak.field);
      }),
    ),
  z.transform(
    (v): NewAccount => ({
      username: v.username.toLowerCase(),
      displayName: v.displayName,
      role: v.role as Role,
      villageId: v.role === 'liaison' || v.role === 'clerk' ? v.village : null,
      password: v.password,
    }),
  ),
);

/**
 * The sign-in form. Nothing in it is refused here: a wrong name or password is told apart from
 * nothing, after the proof of work or the budget has priced the attempt.
 */
export const signInSchema = z.object({
  username: z.pipe(asTyped, z.transform((username: string) => username.trim())),
  password: asTyped,
  clientId: asTyped,
  proof: raw,
});

/** Validates the admin's new-account form (see accountSchema). */
export function validateAccount(input: Record<string, unknown>): Result<NewAccount> {
  return parseFields(accountSchema, input);
}

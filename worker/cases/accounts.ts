/** Staff accounts as the admin creates them. */
import type { Result } from './result.ts';
import { findVillage, town } from '../../content/index.ts';
import { ROLES, type Role } from './access.ts';
import { MEMBER_PASSWORD_MIN_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';
import { MEMBER_MIN_PASSWORD_SCORE, passwordWeakness } from './password-strength.ts';
import { charCount, stringField, type FieldError, invalid } from './validation.ts';

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

/** Validates the admin's new-account form; a password that zxcvbn finds guessable is refused with its reason. */
export function validateAccount(input: Record<string, unknown>): Result<NewAccount> {
  const errors: FieldError[] = [];
  const username = stringField(input, 'username', errors).toLowerCase();
  const displayName = stringField(input, 'displayName', errors);
  const role = stringField(input, 'role', errors);
  const village = stringField(input, 'village', errors);
  const password = typeof input.password === 'string' ? input.password : '';
  if (!USERNAME_PATTERN.test(username)) errors.push({ field: 'username', key: 'staff.accounts.errors.username' });
  if (!displayName || charCount(displayName) > 40) errors.push({ field: 'displayName', key: 'staff.accounts.errors.displayName' });
  if (!(ROLES as readonly string[]).includes(role)) errors.push({ field: 'role', key: 'staff.accounts.errors.role' });
  const needsVillage = role === 'liaison';
  if (needsVillage ? !findVillage(village) : village !== '') errors.push({ field: 'village', key: 'staff.accounts.errors.village' });
  const weak = passwordProblem(password, username, displayName, role);
  if (weak) errors.push(weak);
  if (errors.length > 0) return invalid(errors);
  return { ok: true, value: { username, displayName, role: role as Role, villageId: needsVillage ? village : null, password } };
}

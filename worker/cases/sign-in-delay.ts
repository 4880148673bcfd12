/** How far apart sign-in attempts on one name are checked, from the failures in a row on it. */

export interface SignInDelaySettings {
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

/**
 * The spacing between the slot of the attempt that follows `failures` failures in a row and the
 * slot before it: none for the first few, then doubling up to the ceiling. Attempts on a name
 * queue for their slots (services/staff-auth.ts); one whose slot would be further ahead than the
 * ceiling is refused unchecked, so a name is checked at most once per ceiling whatever the
 * parallelism, and the right password gets in at its slot.
 */
export function signInDelayMs(failures: number, s: SignInDelaySettings): number {
  if (failures < s.freeFailures) return 0;
  const doublings = Math.min(failures - s.freeFailures, 30);
  return Math.min(s.firstDelaySeconds * 2 ** doublings, s.maxDelaySeconds) * 1000;
}

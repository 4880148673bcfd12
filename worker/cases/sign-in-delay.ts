/** How long a sign-in attempt waits, from the failures in a row on the name it was made for. */

export interface SignInDelaySettings {
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

/**
 * The wait before answering an attempt that follows `failures` failures in a row: none for the
 * first few, then doubling up to the ceiling. It never refuses: the right password still signs
 * in once the wait is over, so nobody can keep an account's owner out by failing on purpose.
 */
export function signInDelayMs(failures: number, s: SignInDelaySettings): number {
  if (failures < s.freeFailures) return 0;
  const doublings = Math.min(failures - s.freeFailures, 30);
  return Math.min(s.firstDelaySeconds * 2 ** doublings, s.maxDelaySeconds) * 1000;
}

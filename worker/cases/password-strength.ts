/**
 * Password strength, estimated by zxcvbn-ts with its common-password, name and keyboard-pattern
 * lists (a maintained estimator, not a hand-written list). Pure: the lists are not bundled (they
 * are most of a megabyte and only account creation and password changes need them); whoever
 * checks a password hands them in first with `usePasswordDictionaries` — the worker from its own
 * static assets (services/password-dictionaries.ts), `npm run staff:add` from the package.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { isOneOf } from './validation.ts';

/** zxcvbn-ts's common lists (@zxcvbn-ts/language-common), as the build writes them to dist/. */
export interface PasswordDictionaries {
  dictionary: typeof dictionary;
  adjacencyGraphs: typeof adjacencyGraphs;
}

/** zxcvbn's scale is 0–4; 3 is "safely unguessable" against an online attack and a slow hash offline. */
export const MIN_PASSWORD_SCORE = 3;
/**
 * Committee members need zxcvbn's top score (at least 10^10 guesses by its estimate): their
 * password guards the committee key, so an online guesser must never get near it.
 */
export const MEMBER_MIN_PASSWORD_SCORE = 4;

/** Why zxcvbn found a password guessable (its warning ids); 'guessable' when it gave no reason. */
export const WEAKNESS_REASONS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
  'guessable',
] as const;
export type WeaknessReason = (typeof WEAKNESS_REASONS)[number];

let lists: PasswordDictionaries | null = null;
let factory: ZxcvbnFactory | null = null;

/** Hands in the lists the estimator needs (once per isolate; later calls change nothing). */
export function usePasswordDictionaries(dictionaries: PasswordDictionaries): void {
  lists ??= dictionaries;
}

/** Whether the lists have been handed in. */
export const hasPasswordDictionaries = (): boolean => lists !== null;

// Built on first use: the dictionaries take a moment to index, and most requests never need them.
function estimator(): ZxcvbnFactory {
  if (!lists) throw new Error('password dictionaries not loaded: call usePasswordDictionaries first');
  return (factory ??= new ZxcvbnFactory({ dictionary: lists.dictionary, graphs: lists.adjacencyGraphs }));
}

/**
 * Null when the password is strong enough, else the main reason it is not. `context` holds words
 * an attacker would try first (the username, the display name, the town's names).
 */
export function passwordWeakness(password: string, context: string[] = [], minScore = MIN_PASSWORD_SCORE): WeaknessReason | null {
  // zxcvbn's cost grows with length; past 100 characters a password is long enough to be accepted.
  if ([...password].length > 100) return null;
  const result = estimator().check(password, context.filter(Boolean));
  if (result.score >= minScore) return null;
  const warning = result.feedback.warning as string | null;
  return isOneOf(WEAKNESS_REASONS, warning) ? warning : 'guessable';
}

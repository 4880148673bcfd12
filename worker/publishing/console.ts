/**
 * The publishing console's rules, pure: who reaches it (a right over the town's documents,
 * worker/cases/rights.ts) and which of its four lists a document is in.
 */
import { ok, refuse, type Result } from '../cases/result.ts';
import { hasRight, type Actor, type VersionState } from './model.ts';

/** Whether the actor may reach the publishing console: the right to draft or to approve. */
export function mayUseConsole(actor: Actor): Result {
  return hasRight(actor, 'draft') || hasRight(actor, 'approve') ? ok() : refuse('forbidden', 'console.errors.noRight');
}

/** The console's four lists: drafts (returned ones too), in review, published, withdrawn. */
export const CONSOLE_LISTS = ['drafts', 'review', 'published', 'withdrawn'] as const;
export type ConsoleList = (typeof CONSOLE_LISTS)[number];

export const isConsoleList = (value: unknown): value is ConsoleList => typeof value === 'string' && (CONSOLE_LISTS as readonly string[]).includes(value);

/** The list a document is in, by its newest version. */
export function listOf(row: { state: VersionState; withdrawn_at: string | null }): ConsoleList {
  if (row.withdrawn_at !== null || row.state === 'withdrawn') return 'withdrawn';
  if (row.state === 'review') return 'review';
  if (row.state === 'published') return 'published';
  return 'drafts';
}

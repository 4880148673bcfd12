/**
 * The publishing console's rules, pure: who reaches it (a right over the town's documents,
 * worker/cases/rights.ts) and which of its four lists a document is in.
 */
import { ok, refuse, type Result } from '../cases/result.ts';
import { hasRight, type Actor, type VersionState } from './model.ts';
import { isOneOf } from '../cases/validation.ts';

/** Whether the actor may reach the publishing console: the right to draft or to approve. */
export function mayUseConsole(actor: Actor): Result {
  return hasRight(actor, 'draft') || hasRight(actor, 'approve') ? ok() : refuse('forbidden', 'console.errors.noRight');
}

/** The console's four lists: drafts (returned ones too), in review, published, withdrawn. */
export const CONSOLE_LISTS = ['drafts', 'review', 'published', 'withdrawn'] as const;
export type ConsoleList = (typeof CONSOLE_LISTS)[number];

export const isConsoleList = (value: unknown): value is ConsoleList => isOneOf(CONSOLE_LISTS, value);

/**
 * Whether a document is in a list: drafts and review by its newest version; published while a
 * version of it is public (a correction being drafted leaves it there too); withdrawn once withdrawn.
 */
export function inList(row: { state: VersionState; withdrawn_at: string | null; published_seq: number | null }, list: ConsoleList): boolean {
  const withdrawn = row.withdrawn_at !== null || row.state === 'withdrawn';
  if (list === 'withdrawn') return withdrawn;
  if (withdrawn) return false;
  if (list === 'published') return row.published_seq !== null;
  if (list === 'review') return row.state === 'review';
  return row.state === 'draft' || row.state === 'returned';
}

/** The drafting form's text fields, to show the form again as it was sent. */
const DRAFT_FIELDS = ['slug', 'title_zh', 'title_en', 'docNumber', 'issuer_zh', 'issuer_en', 'issued', 'effective', 'category', 'amends', 'replaces', 'summary_zh', 'summary_en', 'body_zh', 'body_en', 'attachmentLabel_zh'] as const;

/** A text field of a console form as sent, or '' when it is missing or not text. */
export const textField = (fields: Record<string, unknown>, name: string): string => (typeof fields[name] === 'string' ? (fields[name] as string) : '');

/** The drafting form's values as sent, to show it again. */
export const draftValues = (fields: Record<string, unknown>): Record<string, string> => Object.fromEntries(DRAFT_FIELDS.map((f) => [f, textField(fields, f)]));

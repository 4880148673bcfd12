/** The context of every staff route: the bindings, the signed-in session, and the POSTed fields. */
import type { Env, LocaleVariables } from '../env.ts';
import type { StaffSession } from '../services/staff-auth.ts';
import type { SentFile } from '../http/document-form.ts';

/** `files`: the files of a publishing form (worker/http/document-form.ts); none elsewhere. */
export type StaffEnv = { Bindings: Env; Variables: LocaleVariables & { session: StaffSession; fields: Record<string, unknown>; files: Record<string, SentFile> } };

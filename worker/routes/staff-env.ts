/** The context of every staff route: the bindings, the signed-in session, and the POSTed fields. */
import type { Env } from '../env.ts';
import type { StaffSession } from '../services/staff-auth.ts';

export type StaffEnv = { Bindings: Env; Variables: { session: StaffSession; fields: Record<string, unknown> } };

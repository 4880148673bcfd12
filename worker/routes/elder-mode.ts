/** The 关怀版 switch without JavaScript (worker/http/elder-mode.ts says how the mode reaches every page). */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { safeBack, switchedCookie } from '../http/elder-mode.ts';
import { readInput } from '../http/input.ts';

/** `POST /elder-mode`: switches the mode (the cookie for a year, or none) and goes back to the page. */
export async function switchElderMode(c: Context<AppEnv>): Promise<Response> {
  const input = await readInput(c.req.raw);
  const back = safeBack(input.ok ? input.fields.back : undefined);
  return new Response(null, { status: 303, headers: { Location: back, 'Set-Cookie': switchedCookie(c.req.raw), 'Cache-Control': 'no-store' } });
}

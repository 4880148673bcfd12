/** The 关怀版 switch without JavaScript (worker/http/elder-mode.ts says how the mode reaches every page). */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { safeBack, switchedCookie, wantsElder } from '../http/elder-mode.ts';
import { readInput } from '../http/input.ts';

/** `POST /elder-mode`: sets the mode the button asks for (the cookie for a year, or none) and goes back to the page. */
export async function switchElderMode(c: Context<AppEnv>): Promise<Response> {
  const input = await readInput(c.req.raw);
  const fields = input.ok ? input.fields : undefined;
  const cookie = switchedCookie(c.req.raw, wantsElder(c.req.raw, fields));
  return new Response(null, { status: 303, headers: { Location: safeBack(fields?.back), 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
}

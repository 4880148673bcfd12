/** The 关怀版 switch without JavaScript (worker/http/elder-mode.ts says how the mode reaches every page). */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { ELDER_COOKIE, inElderMode, safeBack } from '../http/elder-mode.ts';
import { readInput } from '../http/input.ts';

/** `POST /elder-mode`: switches the mode (the cookie for a year, or none) and goes back to the page. */
export async function switchElderMode(c: Context<AppEnv>): Promise<Response> {
  const input = await readInput(c.req.raw);
  const back = safeBack(input.ok ? input.fields.back : undefined);
  // Secure over HTTPS (always, deployed); the script (site/scripts/frame.ts) sets it alike.
  const secure = new URL(c.req.url).protocol === 'https:' ? '; Secure' : '';
  const cookie = inElderMode(c.req.raw)
    ? `${ELDER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`
    : `${ELDER_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
  return new Response(null, { status: 303, headers: { Location: back, 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
}

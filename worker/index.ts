/**
 * The Qinglian worker: the resident's mailbox and query pages, the JSON API, and the scheduled
 * clean-up. Static pages of the portal are served by Workers Static Assets before this runs.
 *
 * Anonymity: nothing here reads the client's IP address, user agent, referrer or location, and
 * nothing logs a request.
 */
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { translate } from '../content/ui.ts';
import { localeOfApiRequest } from './http/locale.ts';
import type { AppEnv, Env } from './env.ts';
import { securityHeaders } from './http/headers.ts';
import { api } from './routes/api.ts';
import { open311 } from './routes/open311.ts';
import { outcomes } from './routes/outcomes.tsx';
import { assessments, notices } from './routes/rhythm.tsx';
import { publicApi } from './routes/public.ts';
import { notFound, onError } from './routes/errors.tsx';
import { pages } from './routes/pages.tsx';
import { staff } from './routes/staff.tsx';
import { purge } from './services/mailbox.ts';
import { purgeStaffSessions } from './services/staff-auth.ts';
import { scheduledRebuild } from './services/stats.ts';
import { ensureRhythm } from './services/rhythm.ts';
import { sealPlainDisciplineCases } from './services/handling.ts';

// Not strict: /outcomes and /outcomes/ are the same page.
const app = new Hono<AppEnv>({ strict: false });

app.use(securityHeaders);
// Form posts must come from the portal itself (Origin or Sec-Fetch-Site); JSON needs CORS anyway.
// Open311 is an API for other programs, which send no Origin: it is exempt, except that a browser
// sent there by another site (Sec-Fetch-Site: cross-site) may not file a case in its user's name.
const sameOrigin = csrf();
app.use(async (c, next) => {
  if (!c.req.path.startsWith('/open311/')) return sameOrigin(c, next);
  if (c.req.method === 'POST' && c.req.header('sec-fetch-site') === 'cross-site') {
    return c.json([{ code: 403, description: translate(localeOfApiRequest(c.req.url, c.req.header('accept-language')), 'errors.forbidden') }], 403);
  }
  return next();
});
app.route('/api/public', publicApi);
app.route('/api', api);
app.route('/', pages);
app.route('/en', pages);
app.route('/open311/v2', open311);
app.route('/outcomes', outcomes);
app.route('/notices', notices);
app.route('/en/notices', notices);
app.route('/assessments', assessments);
app.route('/en/assessments', assessments);
app.route('/en/outcomes', outcomes);
app.route('/staff', staff);
app.route('/en/staff', staff);
app.notFound(notFound);
app.onError(onError);

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(Promise.all([purge(env.DB), purgeStaffSessions(env.DB), scheduledRebuild(env.DB).then(() => ensureRhythm(env.DB, new Date(), env.ASSETS))]));
    // Anything of the committee's still stored plain (written before sealing) is sealed now.
    ctx.waitUntil(sealPlainDisciplineCases(env.DB));
  },
} satisfies ExportedHandler<Env>;

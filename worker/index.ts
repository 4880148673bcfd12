/**
 * The Qinglian worker: the resident's mailbox and query pages, the JSON API, and the scheduled
 * clean-up. Every request comes here first (worker/http/routing.ts); the static pages of the
 * portal are handed to Workers Static Assets untouched.
 *
 * Anonymity: nothing here reads the client's IP address, user agent, referrer or location, and
 * nothing logs a request.
 */
import { Hono } from 'hono/tiny';
import { csrf } from 'hono/csrf';
import { LOCALES, localePath } from '../content/index.ts';
import type { AppEnv, Env } from './env.ts';
import { securityHeaders } from './http/headers.ts';
import { locale } from './http/locale.ts';
import { queryCodeKey } from './http/secret.ts';
import { api } from './routes/api.ts';
import { open311 } from './routes/open311.ts';
import { outcomes } from './routes/outcomes.tsx';
import { assessments, notices } from './routes/rhythm.tsx';
import { publicApi } from './routes/public.ts';
import { methodNotAllowed, notFound, onError } from './routes/errors.tsx';
import { readsStatic, servedByWorker } from './http/routing.ts';
import { pages } from './routes/pages.tsx';
import { documentFiles, documentPages } from './routes/documents.tsx';
import { disclosurePages } from './routes/disclosures.tsx';
import { staff } from './routes/staff.tsx';
import { purge } from './services/mailbox.ts';
import { sweepOrphanAttachments, sweepOrphanPhotos } from './services/photos.ts';
import { purgeStaffSessions, upgradeLegacyVerifiers } from './services/staff-auth.ts';
import { scheduledStatistics } from './services/stats.ts';
import { ensureRhythm } from './services/rhythm.ts';
import { sealPlainDisciplineCases } from './services/handling.ts';
import { passOverdueQuestionsToTown } from './services/disclosure-answers.ts';
import { openPendingCheckIns } from './services/checkins.ts';
import { sealLegacyMemberWraps } from './services/committee.ts';
import { loadUiStrings } from './services/ui-strings.ts';
import { inElderMode, inMode, unconditional } from './http/elder-mode.ts';
import { switchElderMode } from './routes/elder-mode.ts';

// Not strict: /outcomes and /outcomes/ are the same page.
const app = new Hono<AppEnv>({ strict: false });

// First, so that every answer (a page, JSON, an error) is in the request's language.
app.use(locale);
app.use(securityHeaders);
// Only a method no static file takes reaches the app on a static path (see `fetch` below).
app.use(async (c, next) => (servedByWorker(c.req.path) ? next() : methodNotAllowed(c)));
// Form posts must come from the portal itself (Origin or Sec-Fetch-Site); JSON needs CORS anyway.
// Open311 is an API for other programs, which send no Origin: it is exempt here and refuses a
// browser sent by another site itself, in the format the client asked for.
const sameOrigin = csrf();
app.use(async (c, next) => (c.req.path.startsWith('/open311/') ? next() : sameOrigin(c, next)));
app.post('/elder-mode', switchElderMode);
app.route('/', documentFiles);
app.route('/api/public', publicApi);
app.route('/api', api);
app.route('/open311/v2', open311);

// The pages, the same in every language: Chinese at /, English at /en (worker/http/locale.ts
// reads which from the path).
const localized = new Hono<AppEnv>({ strict: false });
localized.route('/', pages);
localized.route('/', documentPages);
localized.route('/', disclosurePages);
localized.route('/outcomes', outcomes);
localized.route('/notices', notices);
localized.route('/assessments', assessments);
localized.route('/staff', staff);
for (const prefix of LOCALES.map((l) => localePath(l, ''))) app.route(prefix, localized);
app.notFound(notFound);
app.onError(onError);

export default {
  async fetch(request, env, ctx) {
    // The 关怀版 reaches every page here, the static files' and the worker's alike (http/elder-mode.ts).
    const elder = inElderMode(request);
    const asked = elder ? unconditional(request) : request;
    const response = readsStatic(request.method) && !servedByWorker(new URL(request.url).pathname) ? await env.ASSETS.fetch(asked) : await app.fetch(asked, env, ctx);
    return inMode(response, elder, request.method);
  },
  async scheduled(_controller, env, ctx) {
    const now = new Date();
    const secret = queryCodeKey(env);
    // Deleting what has expired, sealing what is still plain and peppering old verifiers write no
    // text: they run even when the UI strings cannot be read. The jobs that write text (statistics,
    // notices, check-ins) read them first and wait for the next run if they cannot
    // (worker/services/ui-strings.ts).
    ctx.waitUntil(Promise.all([purge(env.DB), purgeStaffSessions(env.DB)]));
    // Photos in R2 that no case holds (an upload whose batch failed, a case's destroyed content).
    ctx.waitUntil(sweepOrphanPhotos(env.DB, env.FILES, now));
    // A document's board photo or PDF no version lists any more (removed or replaced on a draft).
    ctx.waitUntil(sweepOrphanAttachments(env.DB, env.FILES, now));
    // Anything of the committee's still stored plain (written before sealing) is sealed now.
    ctx.waitUntil(sealPlainDisciplineCases(env.DB));
    // A question about a disclosure past its 10 working days unanswered goes to town staff, once (it writes no text).
    ctx.waitUntil(passOverdueQuestionsToTown(env.DB, now));
    // Any password verifier from before the pepper is peppered now (no password needed), and so is
    // any member's own key still in its old wrap (sealed under the member's secret).
    if (secret) ctx.waitUntil(Promise.all([upgradeLegacyVerifiers(env.DB, secret), sealLegacyMemberWraps(env.DB, secret)]));
    if (!(await loadUiStrings(env.ASSETS))) {
      console.error('scheduled: the UI strings could not be read; the jobs that write text wait for the next run');
      return;
    }
    // A run folds for at most 10 minutes of wall time; a longer refold goes on in the next run.
    const statistics = scheduledStatistics(env.DB, now, { deadline: now.getTime() + 10 * 60 * 1000 }).then((ready) => ensureRhythm(env.DB, now, env.ASSETS, ready));
    ctx.waitUntil(statistics);
    // The 打击报复 cases of check-ins answered "yes" on the town days gone by, apart from the answers.
    if (secret) ctx.waitUntil(openPendingCheckIns(env.DB, secret, now));
  },
} satisfies ExportedHandler<Env>;

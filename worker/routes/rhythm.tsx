/**
 * The town rhythm: in the console (/staff/rhythm) the weekly sheets, notices to edit and publish,
 * assessments; on the portal (/notices, /assessments) what is published, rendered from D1.
 */
import { rssTownDate } from '../../core/clock.ts';
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { localePath, town } from '../../content/index.ts';
import { translate } from '../../content/translate.ts';
import type { AppEnv } from '../env.ts';
import { FRESH, revalidate } from '../http/fresh.ts';
import { assessedQuarters, assessmentOf, generateWeeklySheet, noticeOf, publishedNotices, rhythmOverview, saveNotice, weeklySheetOf } from '../services/rhythm.ts';
import { COMMENTARY_MAX } from '../cases/notice.ts';
import { weekOf } from '../../core/stats/periods.ts';
import { loadTraditionalCharacters } from '../services/traditional-characters.ts';
import { statusOf } from '../http/refusal.ts';
import { MessagePage } from '../views/errors.tsx';
import { AssessmentPage, AssessmentsPage, NoticeEditPage, NoticePage, NoticesPage, RhythmIndexPage, WeeklySheetPage } from '../views/rhythm.tsx';
import { StaffMessagePage } from '../views/staff/frame.tsx';
import type { StaffEnv } from './staff-env.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const WEEK = /^\d{4}-\d{2}-\d{2}$/;

type S = Context<StaffEnv>;
const refuse = (c: S, status: 403 | 404 | 503, key: Parameters<typeof translate>[1]) =>
  c.render(<StaffMessagePage path="/staff/rhythm" session={c.get('session')} message={c.var.t(key)} />, status);

export const staffRhythm = new Hono<StaffEnv>();

// Scheduling, notices and assessments are the town's: admin and town staff.
staffRhythm.use('*', async (c, next) => {
  const role = c.get('session').role;
  if (role !== 'admin' && role !== 'handler') return refuse(c, 403, 'rhythm.staffOnly');
  await next();
});

staffRhythm.get('/', async (c) => {
  const { weeks, notices, quarters } = await rhythmOverview(c.env.DB);
  const notice = c.req.query('generated') ? c.var.t('rhythm.generated') : undefined;
  return c.render(<RhythmIndexPage session={c.get('session')} weeks={weeks} notices={notices} quarters={quarters} notice={notice} />);
});

staffRhythm.post('/weeks', async (c) => {
  await generateWeeklySheet(c.env.DB, weekOf(new Date()), new Date(), true, c.env.ASSETS);
  return c.redirect(localePath(c.var.locale, `/staff/rhythm/weeks/${weekOf(new Date())}`), 303);
});

staffRhythm.get('/weeks/:week', async (c) => {
  const week = c.req.param('week');
  const sheet = WEEK.test(week) ? await weeklySheetOf(c.env.DB, week) : null;
  if (!sheet) return refuse(c, 404, 'notFound.lead');
  return c.render(<WeeklySheetPage session={c.get('session')} sheet={sheet} />);
});

staffRhythm.get('/notices/:month', async (c) => {
  const month = c.req.param('month');
  const notice = MONTH.test(month) ? await noticeOf(c.env.DB, month, false) : null;
  if (!notice) return refuse(c, 404, 'notFound.lead');
  const message = c.req.query('saved') === 'published' ? c.var.t('rhythm.notice.publishedNow') : c.req.query('saved') ? c.var.t('rhythm.notice.saved') : undefined;
  return c.render(<NoticeEditPage session={c.get('session')} notice={notice} message={message} />);
});

staffRhythm.post('/notices/:month', async (c) => {
  const session = c.get('session');
  if (session.role !== 'admin') return refuse(c, 403, 'rhythm.notice.adminOnly');
  const month = c.req.param('month');
  const notice = MONTH.test(month) ? await noticeOf(c.env.DB, month, false) : null;
  if (!notice) return refuse(c, 404, 'notFound.lead');
  // The personal-data check reads traditional characters with a table read from the static assets on first use.
  if (!(await loadTraditionalCharacters(c.env.ASSETS))) return refuse(c, 503, 'errors.unavailable');
  const result = await saveNotice(c.env.DB, notice, c.get('fields'), session.id);
  if (result.ok) return c.redirect(localePath(c.var.locale, `/staff/rhythm/notices/${month}?saved=${result.value.published ? 'published' : '1'}`), 303);
  const error = result.check ? undefined : c.var.t(result.refusal.key, result.refusal.params);
  return c.render(<NoticeEditPage session={session} notice={result.draft} error={error} check={result.check ?? undefined} />, statusOf(result.refusal.code));
});

/** The portal's pages for published notices and assessments. */
export const notices = new Hono<AppEnv>();
export const assessments = new Hono<AppEnv>();
// Published at any moment by the admin (or the cron): caches revalidate every time.
const CACHE = FRESH;
notices.use('*', revalidate);
assessments.use('*', revalidate);
const notFound = (c: Context<AppEnv>, path: string) => c.render(<MessagePage path={path} title="notFound.title" message="notFound.lead" />, 404);

notices.get('/', async (c) => c.render(<NoticesPage notices={await publishedNotices(c.env.DB)} />, 200, { 'Cache-Control': CACHE }));

notices.get('/rss.xml', async (c) => {
  const locale = c.var.locale;
  const origin = new URL(c.req.url).origin;
  // hono/html escapes every value (quotes too), as XML needs.
  const items = (await publishedNotices(c.env.DB)).map((n) => {
    const link = `${origin}${localePath(locale, `/notices/${n.month}`)}`;
    return html`\n<item><title>${translate(locale, 'rhythm.notice.title', { month: n.month })}</title><link>${link}</link><guid>${link}</guid><pubDate>${rssTownDate(n.published_at!)}</pubDate><description>${(locale === 'en' && n.commentary_en) || n.commentary_zh}</description></item>`;
  });
  const body = await html`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${`${translate(locale, 'rhythm.notices.public.title')} · ${town.name[locale]}`}</title><link>${origin + localePath(locale, '/notices')}</link><description>${translate(locale, 'rhythm.notices.public.lead')}</description>${items}\n</channel></rss>\n`;
  return c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': CACHE });
});

notices.get('/:month', async (c) => {
  const month = c.req.param('month');
  const notice = MONTH.test(month) ? await noticeOf(c.env.DB, month, true) : null;
  if (!notice) return notFound(c, '/notices');
  return c.render(<NoticePage notice={notice} />, 200, { 'Cache-Control': CACHE });
});

assessments.get('/', async (c) =>
  c.render(<AssessmentsPage quarters={await assessedQuarters(c.env.DB)} />, 200, { 'Cache-Control': CACHE }),
);

assessments.get('/:quarter', async (c) => {
  const quarter = c.req.param('quarter');
  const assessment = QUARTER.test(quarter) ? await assessmentOf(c.env.DB, quarter) : null;
  if (!assessment) return notFound(c, '/assessments');
  const page = <AssessmentPage quarter={quarter} plan={assessment.plan} results={assessment.results} />;
  return c.render(page, 200, { 'Cache-Control': CACHE });
});

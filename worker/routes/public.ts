/**
 * Open data: the statistics and the record-form counts as released (content/releases.json), and
 * the published outcomes. Everything here is already safe to publish (disclosure control ran when
 * each release was made). ETag and Last-Modified change only at a release, and Last-Modified is
 * the end of its cut-off day, not the moment a cron ran.
 */
import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import { DEFAULT_LOCALE, findCategory, findVillage, isLocale, type Locale } from '../../content/index.ts';
import type { AppEnv } from '../env.ts';
import { CSV_CONTENT_TYPE, toCsv } from '../http/csv.ts';
import { FRESH, revalidate } from '../http/fresh.ts';
import { renderStatsHtml } from '../../core/stats/render.ts';
import { COMMITTEE_MEASURES, COUNT_MEASURES, type PeriodTables, type PublicStats, type PublishedFigures } from '../../core/stats/figures.ts';
import { publication, recordsPublication } from '../services/stats.ts';
import { listPublished, outcomeJson } from '../services/outcomes.ts';

/** Caches may keep the figures an hour: they change once a day at most; clients revalidate with the ETag. */
const CACHE = 'public, max-age=3600, stale-while-revalidate=86400';
/** Outcomes are published and withdrawn by staff at any time: caches revalidate every time. */
const OUTCOMES_CACHE = FRESH;

function conditional(c: Context<AppEnv>, etag: string, lastModified: string | null, send: () => Response): Response {
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag, 'Cache-Control': CACHE });
  const res = send();
  res.headers.set('ETag', etag);
  res.headers.set('Cache-Control', CACHE);
  if (lastModified) res.headers.set('Last-Modified', new Date(lastModified).toUTCString());
  res.headers.set('Access-Control-Allow-Origin', '*');
  return res;
}

/** One CSV row per figure: the release (period and cut-off), scope, key, names, measure, value. */
export function statsCsv(stats: PublicStats | null): string {
  const rows: (string | number | null)[][] = [];
  const add = (p: { period: string; cutoff: string }, scope: string, key: string, zh: string, en: string, f: PublishedFigures) => {
    for (const measure of COUNT_MEASURES) rows.push([p.period, p.cutoff, scope, key, zh, en, measure, f.counts[measure]]);
    const rates = ['acceptedOnTimeRate', 'resolvedWithinLimitRate', 'satisfactionRate', 'responseRate', 'medianWorkingDaysToClose'] as const;
    for (const rate of rates) rows.push([p.period, p.cutoff, scope, key, zh, en, rate, f[rate] ?? 'not enough cases yet']);
  };
  for (const p of stats?.tables.periods ?? ([] as PeriodTables[])) {
    add(p, 'town', 'town', '全镇', 'Town', p.town);
    for (const v of p.villages) {
      const village = findVillage(v.id);
      add(p, 'village', v.id, village?.name['zh-CN'] ?? v.id, village?.name.en ?? v.id, v);
    }
    for (const k of p.categories) {
      const category = findCategory(k.id);
      add(p, 'category', k.id, category?.name['zh-CN'] ?? k.id, category?.name.en ?? k.id, k);
    }
  }
  for (const q of stats?.committee.periods ?? []) {
    for (const m of COMMITTEE_MEASURES) if (q[m] !== undefined) rows.push([q.period, q.cutoff, 'town', 'committee', '全镇', 'Town', m, q[m]]);
  }
  if (stats?.openNow) {
    const o = stats.openNow;
    rows.push([o.period, o.cutoff, 'town', 'open', '全镇', 'Town', 'openAtCutoff', o.open]);
    rows.push([o.period, o.cutoff, 'town', 'open', '全镇', 'Town', 'overdueAtCutoff', o.overdue]);
  }
  return toCsv(['period', 'cutoff', 'scope', 'key', 'name_zh', 'name_en', 'measure', 'value'], rows);
}

export const publicApi = new Hono<AppEnv>();
publicApi.use('/outcomes.json', revalidate);
publicApi.use('/outcomes.csv', revalidate);

publicApi.get('/stats.json', async (c) => {
  const p = await publication(c.env.DB);
  return conditional(c, p.etag, p.lastModified, () => new Response(p.body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
});

publicApi.get('/stats.csv', async (c) => {
  const p = await publication(c.env.DB);
  return conditional(c, p.etag, p.lastModified, () => new Response(statsCsv(p.stats), { headers: { 'Content-Type': CSV_CONTENT_TYPE, 'Content-Disposition': 'attachment; filename="qinglian-stats.csv"' } }));
});

publicApi.get('/outcomes.json', async (c) => {
  const rows = await listPublished(c.env.DB, {}, 5000);
  return c.json({ schema: 1, outcomes: rows.map(outcomeJson) }, 200, { 'Cache-Control': OUTCOMES_CACHE, 'Access-Control-Allow-Origin': '*' });
});

publicApi.get('/outcomes.csv', async (c) => {
  const rows = (await listPublished(c.env.DB, {}, 5000)).map(outcomeJson);
  const header = ['caseNumber', 'village', 'category', 'kind', 'result', 'problem', 'action', 'outcome', 'workingDays', 'language', 'publishedAt', 'reopenedOn'] as const;
  const csv = toCsv([...header], rows.map((o) => header.map((h) => o[h])));
  return c.body(csv, 200, { 'Content-Type': CSV_CONTENT_TYPE, 'Content-Disposition': 'attachment; filename="qinglian-outcomes.csv"', 'Cache-Control': OUTCOMES_CACHE });
});

/** The statistics as the portal's pages show them, for their script to swap in (same markup). */
publicApi.get('/stats.html', async (c) => {
  const p = await publication(c.env.DB);
  const locale = isLocale(c.req.query('lang')) ? (c.req.query('lang') as Locale) : DEFAULT_LOCALE;
  const asked = c.req.query('village');
  const village = asked && findVillage(asked) ? asked : undefined;
  const html = renderStatsHtml(p.stats, locale, { village });
  return conditional(c, `${p.etag.slice(0, -1)}-${locale}-${village ?? ''}"`, p.lastModified, () => new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
});

/**
 * The liaison stations' performance record form as open data: entries per village and focus, one
 * table per released period, nothing more, with small counts shown as "<3" and complementary suppression.
 */
publicApi.get('/records.json', async (c) => {
  const p = await recordsPublication(c.env.DB);
  return conditional(c, p.etag, p.lastModified, () => new Response(p.body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
});

/**
 * Open data: the statistics snapshot as JSON and CSV. Everything here is already safe to publish
 * (disclosure control ran when the snapshot was built); the figures are at most minutes old.
 */
import { Hono, type Context } from 'hono';
import { DEFAULT_LOCALE, findCategory, findVillage, isLocale, type Locale } from '../../content/index.ts';
import type { AppEnv } from '../env.ts';
import { CSV_CONTENT_TYPE, toCsv } from '../http/csv.ts';
import { renderStatsHtml } from '../stats/render.ts';
import { COUNT_MEASURES, type PublicStats, type PublishedFigures } from '../stats/figures.ts';
import { findSnapshot, scheduledRebuild } from '../services/stats.ts';
import { listPublished, outcomeJson } from '../services/outcomes.ts';
import { publicCounts as publicRecordCounts } from '../services/records.ts';

/** Caches may keep the figures a minute; clients revalidate with the ETag. */
const CACHE = 'public, max-age=60, stale-while-revalidate=300';

async function snapshot(database: D1Database): Promise<{ etag: string; builtAt: string; body: string }> {
  const found = await findSnapshot(database);
  if (found) return { etag: found.etag, builtAt: found.built_at, body: found.body };
  // No snapshot yet (a new database, or fresh demo data): fold every case from scratch first.
  await scheduledRebuild(database);
  const built = (await findSnapshot(database))!;
  return { etag: built.etag, builtAt: built.built_at, body: built.body };
}

function conditional(c: Context<AppEnv>, etag: string, builtAt: string, send: () => Response): Response {
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag, 'Cache-Control': CACHE });
  const res = send();
  res.headers.set('ETag', etag);
  res.headers.set('Cache-Control', CACHE);
  res.headers.set('Last-Modified', new Date(builtAt).toUTCString());
  res.headers.set('Access-Control-Allow-Origin', '*');
  return res;
}

/** One CSV row per figure: scope, key, names, measure, value. */
export function statsCsv(stats: PublicStats): string {
  const rows: (string | number | null)[][] = [];
  const add = (scope: string, key: string, zh: string, en: string, f: PublishedFigures, extra: Record<string, string | number> = {}) => {
    for (const measure of COUNT_MEASURES) rows.push([scope, key, zh, en, measure, f.counts[measure]]);
    const rates = ['acceptedOnTimeRate', 'resolvedWithinLimitRate', 'satisfactionRate', 'responseRate', 'medianWorkingDaysToClose'] as const;
    for (const rate of rates) rows.push([scope, key, zh, en, rate, f[rate] ?? 'not enough cases yet']);
    for (const [measure, value] of Object.entries(extra)) rows.push([scope, key, zh, en, measure, value]);
  };
  add('town', 'town', '全镇', 'Town', stats.town);
  for (const v of stats.villages) {
    const village = findVillage(v.id);
    add('village', v.id, village?.name['zh-CN'] ?? v.id, village?.name.en ?? v.id, v);
  }
  for (const k of stats.categories) {
    const category = findCategory(k.id);
    add('category', k.id, category?.name['zh-CN'] ?? k.id, category?.name.en ?? k.id, k);
  }
  for (const m of stats.months) add('month', m.month, m.month, m.month, m);
  for (const q of stats.quarters) add('quarter', q.quarter, q.quarter, q.quarter, q, { escalated: q.escalated, cadreReports: q.cadreReports });
  return toCsv(['scope', 'key', 'name_zh', 'name_en', 'measure', 'value'], rows);
}

export const publicApi = new Hono<AppEnv>();

publicApi.get('/stats.json', async (c) => {
  const s = await snapshot(c.env.DB);
  return conditional(c, s.etag, s.builtAt, () => new Response(s.body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
});

publicApi.get('/stats.csv', async (c) => {
  const s = await snapshot(c.env.DB);
  return conditional(c, s.etag, s.builtAt, () => new Response(statsCsv(JSON.parse(s.body)), { headers: { 'Content-Type': CSV_CONTENT_TYPE, 'Content-Disposition': 'attachment; filename="qinglian-stats.csv"' } }));
});

publicApi.get('/outcomes.json', async (c) => {
  const rows = await listPublished(c.env.DB, {}, 5000);
  return c.json({ schema: 1, outcomes: rows.map(outcomeJson) }, 200, { 'Cache-Control': CACHE, 'Access-Control-Allow-Origin': '*' });
});

publicApi.get('/outcomes.csv', async (c) => {
  const rows = (await listPublished(c.env.DB, {}, 5000)).map(outcomeJson);
  const header = ['caseNumber', 'village', 'category', 'kind', 'result', 'problem', 'action', 'outcome', 'workingDays', 'language', 'publishedAt'] as const;
  const csv = toCsv([...header], rows.map((o) => header.map((h) => o[h])));
  return c.body(csv, 200, { 'Content-Type': CSV_CONTENT_TYPE, 'Content-Disposition': 'attachment; filename="qinglian-outcomes.csv"', 'Cache-Control': CACHE });
});

/** The statistics as the portal's pages show them, for their script to swap in (same markup). */
publicApi.get('/stats.html', async (c) => {
  const s = await snapshot(c.env.DB);
  const locale = isLocale(c.req.query('lang')) ? (c.req.query('lang') as Locale) : DEFAULT_LOCALE;
  const asked = c.req.query('village');
  const village = asked && findVillage(asked) ? asked : undefined;
  const html = renderStatsHtml(JSON.parse(s.body), locale, { village });
  return conditional(c, `${s.etag.slice(0, -1)}-${locale}-${village ?? ''}"`, s.builtAt, () => new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
});

/**
 * The liaison stations' performance record form as open data: entries per village, month and
 * focus, nothing more, with small counts shown as "<3" and complementary suppression.
 */
publicApi.get('/records.json', async (c) => {
  const counts = await publicRecordCounts(c.env.DB);
  return c.json(counts, 200, { 'Cache-Control': CACHE, 'Access-Control-Allow-Origin': '*' });
});

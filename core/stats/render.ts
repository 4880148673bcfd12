/**
 * The statistics as HTML: tables that read in a screen reader and print, and a bar chart in SVG
 * that repeats a table's figures. Pure (a string), so the Astro build bakes it into /stats and the
 * village pages, and the worker serves the same markup for the page's script. Every date is a
 * town date: nothing public shows a time of day.
 */
import { findCategory, findVillage, type Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/translate.ts';
import { formatTownDate } from '../clock.ts';
import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { COMMITTEE_MEASURES, COUNT_MEASURES, type Cell, type NextRelease, type PeriodTables, type PublicStats, type PublishedFigures } from './figures.ts';

/** Markup made by `html` (escaped by construction), joined as it is. */
type Html = HtmlEscapedString;
const join = (parts: Html[], separator = ''): Html => raw(parts.join(separator));

/** hono/html's `html` (every value escaped, nested markup kept), made here of strings only: never a promise. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = honoHtml(strings, ...values);
  if (out instanceof Promise) throw new Error('The statistics are rendered synchronously');
  return out;
}

type T = (key: UiKey, params?: Record<string, string | number>) => string;

const QUARTERS_ZH = ['一', '二', '三', '四'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period's name: 2026年11月 / November 2026, 2026年第四季度 / Q4 2026, 2026年 / 2026, or a day. */
export function periodLabel(period: string, locale: Locale): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return formatTownDate(period, locale);
  if (/^\d{4}-\d{2}$/.test(period)) {
    const m = Number(period.slice(5));
    return locale === 'zh-CN' ? `${period.slice(0, 4)}年${m}月` : `${MONTHS_EN[m - 1]} ${period.slice(0, 4)}`;
  }
  if (/^\d{4}-Q[1-4]$/.test(period)) {
    const q = Number(period.slice(6));
    return locale === 'zh-CN' ? `${period.slice(0, 4)}年第${QUARTERS_ZH[q - 1]}季度` : `Q${q} ${period.slice(0, 4)}`;
  }
  return locale === 'zh-CN' ? `${period}年` : period;
}

function cell(t: T, c: Cell): Html {
  if (c === '<3') return html`<span class="stat-small">${t('stats.small')}</span>`;
  if (c === 'suppressed') return html`<span class="stat-hidden">${t('stats.suppressed')}</span>`;
  return html`${String(c)}`;
}

function rate(t: T, r: number | null, percent = true): Html {
  if (r === null) return html`<span class="stat-hidden">${t('stats.notEnough')}</span>`;
  return html`${percent ? `${Math.round(r * 1000) / 10}%` : String(Math.round(r * 10) / 10)}`;
}

const RATE_COLUMNS: [UiKey, (f: PublishedFigures) => number | null, boolean][] = [
  ['stats.rate.acceptedOnTime', (f) => f.acceptedOnTimeRate, true],
  ['stats.rate.resolvedWithinLimit', (f) => f.resolvedWithinLimitRate, true],
  ['stats.rate.satisfaction', (f) => f.satisfactionRate, true],
  ['stats.rate.response', (f) => f.responseRate, true],
  ['stats.median', (f) => f.medianWorkingDaysToClose, false],
];

/** A row that is not released yet: its name, then one cell saying when it will be. */
type Pending = { name: string; due: string };

/** One table: a row per group, a column per figure, and perhaps a last row not yet released. */
function table(t: T, caption: string, head: string, rows: [string, PublishedFigures][], id: string, pending?: Pending): Html {
  const th = [head, ...COUNT_MEASURES.map((m) => t(`stats.measure.${m}`)), ...RATE_COLUMNS.map(([k]) => t(k))];
  const body = rows.map(
    ([name, f]) =>
      html`<tr><th scope="row">${name}</th>${COUNT_MEASURES.map((m) => html`<td>${cell(t, f.counts[m])}</td>`)}${RATE_COLUMNS.map(([, get, pct]) => html`<td>${rate(t, get(f), pct)}</td>`)}</tr>`,
  );
  if (pending) body.push(html`<tr class="stat-pending"><th scope="row">${pending.name}</th><td colspan="${th.length - 1}">${t('stats.notReleased', { date: pending.due })}</td></tr>`);
  // On a phone the table is wider than the screen: say so where it starts.
  return html`<p class="scroll-hint" aria-hidden="true">${t('stats.scrollHint')}</p><div class="table-scroll" tabindex="0" role="region" aria-label="${caption}"><table class="data-table stats-table" id="${id}">
<caption>${caption}</caption>
<thead><tr>${th.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${join(body, '\n')}</tbody>
</table></div>`;
}

/** Bars of cases received per period; hidden and small values are drawn as such, not as numbers. */
function chart(t: T, periods: PeriodTables[]): Html {
  const shown = periods.slice(-12);
  const values = shown.map((p) => p.town.counts.received);
  const max = Math.max(3, ...values.map((v) => (typeof v === 'number' ? v : 2)));
  const w = 36;
  const h = 120;
  const bars = shown.map((p, i) => {
      const v = p.town.counts.received;
      const n = typeof v === 'number' ? v : v === '<3' ? 2 : 0;
      const bh = Math.round((n / max) * h);
      const label = typeof v === 'number' ? String(v) : v === '<3' ? '<3' : '–';
      return html`<g><rect x="${i * w + 6}" y="${h - bh + 16}" width="${w - 12}" height="${bh}" class="${typeof v === 'number' ? 'bar' : 'bar bar-uncertain'}"/>
<text x="${i * w + w / 2}" y="${h - bh + 12}" text-anchor="middle">${label}</text>
<text x="${i * w + w / 2}" y="${h + 32}" text-anchor="middle">${p.period.slice(5)}</text></g>`;
    });
  // The chart repeats the table below it, so screen readers skip it.
  return html`<figure class="stats-chart"><figcaption>${t('stats.chart.title')}</figcaption>
<svg viewBox="0 0 ${shown.length * w} ${h + 40}" width="100%" height="${h + 40}" aria-hidden="true" focusable="false">${join(bars, '\n')}</svg></figure>`;
}

/** "Figures up to …; next update …", for a release and the next one. */
function releaseLine(t: T, locale: Locale, cutoff: string, next: NextRelease | null): Html {
  const date = formatTownDate(cutoff, locale);
  const text = next ? t('stats.release', { date, next: formatTownDate(next.due, locale) }) : t('stats.release.noNext', { date });
  return html`<p class="stats-release" data-cutoff="${cutoff}">${text}</p>`;
}

const pendingRow = (locale: Locale, next: NextRelease | null): Pending | undefined =>
  next ? { name: periodLabel(next.period, locale), due: formatTownDate(next.due, locale) } : undefined;

/** A period's tables alone (a monthly notification shows its month's release). */
export function renderPeriodHtml(tables: PeriodTables | null, locale: Locale): string {
  const t: T = (key, params) => translate(locale, key, params);
  if (!tables || !('villages' in tables)) return html`<p>${t('stats.none')}</p>`.toString();
  const name = periodLabel(tables.period, locale);
  return join([
    releaseLine(t, locale, tables.cutoff, null),
    table(t, t('stats.periodTables', { period: name }), t('stats.village'), [[t('stats.town'), tables.town], ...villageRows(tables, locale)], 'stats-villages'),
    table(t, t('stats.categories'), t('stats.category'), categoryRows(tables, locale), 'stats-categories'),
    html`<p class="hint">${t('stats.legend')}</p>`,
  ], '\n').toString();
}

const villageRows = (p: PeriodTables, locale: Locale) => p.villages.map((v) => [findVillage(v.id)?.name[locale] ?? v.id, v] as [string, PublishedFigures]);
const categoryRows = (p: PeriodTables, locale: Locale) => p.categories.map((c) => [findCategory(c.id)?.name[locale] ?? c.id, c] as [string, PublishedFigures]);

/** The whole statistics section for the town, or for one village. */
export function renderStatsHtml(stats: PublicStats | null, locale: Locale, options: { village?: string } = {}): string {
  const t: T = (key, params) => translate(locale, key, params);
  if (!stats) return html`<p>${t('stats.none')}</p>`.toString();
  const periods = stats.tables.periods;
  const latest = periods.at(-1);
  const legend = html`<p class="hint">${t('stats.legend')}</p>`;
  const pending = pendingRow(locale, stats.tables.next);
  const when = latest ? releaseLine(t, locale, latest.cutoff, stats.tables.next) : stats.tables.next ? html`<p class="stats-release">${t('stats.release.first', { next: formatTownDate(stats.tables.next.due, locale) })}</p>` : null;

  if (options.village) {
    if (!findVillage(options.village)) return html`<p>${t('stats.none')}</p>`.toString();
    const name = findVillage(options.village)!.name[locale];
    const rows = periods.map((p) => [periodLabel(p.period, locale), p.villages.find((v) => v.id === options.village)!] as [string, PublishedFigures]).filter(([, f]) => f);
    return html`${when}${table(t, `${name} · ${t('stats.history')}`, t('stats.month'), rows, 'stats-village', pending)}${legend}`.toString();
  }

  const open = stats.openNow
    ? html`<p class="stats-open" data-cutoff="${stats.openNow.cutoff}">${t('stats.openNow', {
          date: formatTownDate(stats.openNow.cutoff, locale),
          open: stats.openNow.open === '<3' ? t('stats.small') : String(stats.openNow.open),
          overdue: stats.openNow.overdue === '<3' ? t('stats.small') : String(stats.openNow.overdue),
          next: stats.openNow.next ? formatTownDate(stats.openNow.next.due, locale) : '—',
        })}</p>`
    : null;
  const committee = stats.committee.periods;
  const committeeTable =
    committee.length === 0
      ? null
      : html`<div class="table-scroll" tabindex="0" role="region" aria-label="${t('stats.quarters')}"><table class="data-table" id="stats-quarters"><caption>${t('stats.committee', { unit: t(`stats.unit.${stats.committee.unit}`) })}</caption>
<thead><tr><th scope="col">${t('stats.quarter')}</th>${COMMITTEE_MEASURES.map((m) => html`<th scope="col">${t(`stats.${m}`)}</th>`)}</tr></thead>
<tbody>${join(
          committee.map((q) => html`<tr><th scope="row">${periodLabel(q.period, locale)}</th>${COMMITTEE_MEASURES.map((m) => html`<td>${q[m] === undefined ? '—' : cell(t, q[m])}</td>`)}</tr>`),
          '\n',
        )}${
          stats.committee.next
            ? html`\n<tr class="stat-pending"><th scope="row">${periodLabel(stats.committee.next.period, locale)}</th><td colspan="${COMMITTEE_MEASURES.length}">${t('stats.notReleased', { date: formatTownDate(stats.committee.next.due, locale) })}</td></tr>`
            : null
        }</tbody></table></div>`;
  const parts = [
    when,
    open,
    periods.length > 1 ? chart(t, periods) : null,
    periods.length > 0 ? table(t, t('stats.months'), t('stats.month'), periods.map((p) => [periodLabel(p.period, locale), p.town] as [string, PublishedFigures]), 'stats-months', pending) : null,
    latest ? table(t, t('stats.periodTables', { period: periodLabel(latest.period, locale) }), t('stats.village'), villageRows(latest, locale), 'stats-villages') : null,
    latest ? table(t, `${periodLabel(latest.period, locale)} · ${t('stats.categories')}`, t('stats.category'), categoryRows(latest, locale), 'stats-categories') : null,
    committeeTable,
    legend,
  ];
  return join(parts.filter((part) => part !== null), '\n').toString();
}

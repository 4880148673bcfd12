/**
 * The statistics as HTML: tables that read in a screen reader and print, and a monthly bar chart
 * in SVG that repeats a table's figures. Pure (a string), so the Astro build bakes it into /stats
 * and the village pages, and the worker serves the same markup fresh for the page's script.
 */
import { findCategory, findVillage, type Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { formatTownTime } from '../cases/clock.ts';
import { COUNT_MEASURES, type Cell, type PublicStats, type PublishedFigures } from './figures.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type T = (key: UiKey, params?: Record<string, string | number>) => string;

function cell(t: T, c: Cell): string {
  if (c === '<3') return `<span class="stat-small">${esc(t('stats.small'))}</span>`;
  if (c === 'suppressed') return `<span class="stat-hidden">${esc(t('stats.suppressed'))}</span>`;
  return String(c);
}

function rate(t: T, r: number | null, percent = true): string {
  if (r === null) return `<span class="stat-hidden">${esc(t('stats.notEnough'))}</span>`;
  return percent ? `${Math.round(r * 1000) / 10}%` : String(Math.round(r * 10) / 10);
}

const RATE_COLUMNS: [UiKey, (f: PublishedFigures) => number | null, boolean][] = [
  ['stats.rate.acceptedOnTime', (f) => f.acceptedOnTimeRate, true],
  ['stats.rate.resolvedWithinLimit', (f) => f.resolvedWithinLimitRate, true],
  ['stats.rate.satisfaction', (f) => f.satisfactionRate, true],
  ['stats.rate.response', (f) => f.responseRate, true],
  ['stats.median', (f) => f.medianWorkingDaysToClose, false],
];

/** One table: a row per group, a column per figure. */
function table(t: T, caption: string, head: string, rows: [string, PublishedFigures][], id: string): string {
  const th = [head, ...COUNT_MEASURES.map((m) => t(`stats.measure.${m}`)), ...RATE_COLUMNS.map(([k]) => t(k))];
  return `<div class="table-scroll" tabindex="0" role="region" aria-label="${esc(caption)}"><table class="data-table stats-table" id="${id}">
<caption>${esc(caption)}</caption>
<thead><tr>${th.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows
    .map(
      ([name, f]) =>
        `<tr><th scope="row">${esc(name)}</th>${COUNT_MEASURES.map((m) => `<td>${cell(t, f.counts[m])}</td>`).join('')}${RATE_COLUMNS.map(([, get, pct]) => `<td>${rate(t, get(f), pct)}</td>`).join('')}</tr>`,
    )
    .join('\n')}</tbody>
</table></div>`;
}

/** Bars of cases received per month; hidden and small values are drawn as such, not as numbers. */
function monthChart(t: T, stats: PublicStats): string {
  const months = stats.months.slice(-12);
  if (months.length === 0) return '';
  const values = months.map((m) => m.counts.received);
  const max = Math.max(3, ...values.map((v) => (typeof v === 'number' ? v : 2)));
  const w = 36;
  const h = 120;
  const bars = months
    .map((m, i) => {
      const v = m.counts.received;
      const n = typeof v === 'number' ? v : v === '<3' ? 2 : 0;
      const bh = Math.round((n / max) * h);
      const label = typeof v === 'number' ? String(v) : v === '<3' ? '<3' : '–';
      return `<g><rect x="${i * w + 6}" y="${h - bh + 16}" width="${w - 12}" height="${bh}" class="${typeof v === 'number' ? 'bar' : 'bar bar-uncertain'}"/>
<text x="${i * w + w / 2}" y="${h - bh + 12}" text-anchor="middle">${esc(label)}</text>
<text x="${i * w + w / 2}" y="${h + 32}" text-anchor="middle">${esc(m.month.slice(5))}</text></g>`;
    })
    .join('\n');
  // The chart repeats the monthly table below it, so screen readers skip it.
  return `<figure class="stats-chart"><figcaption>${esc(t('stats.chart.title'))}</figcaption>
<svg viewBox="0 0 ${months.length * w} ${h + 40}" width="100%" height="${h + 40}" aria-hidden="true" focusable="false">${bars}</svg></figure>`;
}

/** The whole statistics section for the town, or for one village. */
export function renderStatsHtml(stats: PublicStats | null, locale: Locale, options: { village?: string } = {}): string {
  const t: T = (key, params) => translate(locale, key, params);
  if (!stats) return `<p>${esc(t('stats.none'))}</p>`;
  const when = `<p class="muted stats-built" data-built-at="${esc(stats.builtAt)}">${esc(t('stats.builtAt', { time: formatTownTime(stats.builtAt, locale) }))}</p>`;
  const legend = `<p class="hint">${esc(t('stats.legend'))}</p>`;
  if (options.village) {
    const v = stats.villages.find((x) => x.id === options.village);
    if (!v) return `<p>${esc(t('stats.none'))}</p>`;
    const name = findVillage(v.id)?.name[locale] ?? v.id;
    return `${when}${table(t, `${name} · ${t('stats.village.title')}`, t('stats.village'), [[name, v]], 'stats-village')}${legend}`;
  }
  const villages = stats.villages.map((v) => [findVillage(v.id)?.name[locale] ?? v.id, v] as [string, PublishedFigures]);
  const categories = stats.categories.map((c) => [findCategory(c.id)?.name[locale] ?? c.id, c] as [string, PublishedFigures]);
  const quarters = `<div class="table-scroll" tabindex="0" role="region" aria-label="${esc(t('stats.quarters'))}"><table class="data-table" id="stats-quarters"><caption>${esc(t('stats.quarters'))}</caption>
<thead><tr><th scope="col">${esc(t('stats.quarter'))}</th><th scope="col">${esc(t('stats.measure.received'))}</th><th scope="col">${esc(t('stats.escalated'))}</th><th scope="col">${esc(t('stats.cadreReports'))}</th></tr></thead>
<tbody>${stats.quarters.map((q) => `<tr><th scope="row">${esc(q.quarter)}</th><td>${cell(t, q.counts.received)}</td><td>${cell(t, q.escalated)}</td><td>${cell(t, q.cadreReports)}</td></tr>`).join('\n')}</tbody></table></div>`;
  // Sections with nothing in them (a monthly notification has no categories or quarters) are left out.
  return [
    when,
    table(t, t('stats.town'), t('stats.town'), [[t('stats.town'), stats.town]], 'stats-town'),
    table(t, t('stats.villages'), t('stats.village'), villages, 'stats-villages'),
    categories.length > 0 ? table(t, t('stats.categories'), t('stats.category'), categories, 'stats-categories') : '',
    stats.months.length > 1 ? monthChart(t, stats) : '',
    stats.months.length > 1 ? table(t, t('stats.months'), t('stats.month'), stats.months.map((m) => [m.month, m] as [string, PublishedFigures]), 'stats-months') : '',
    stats.quarters.length > 0 ? quarters : '',
    legend,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The statistics as HTML: tables that read in a screen reader and print, and a bar chart in SVG
 * that repeats a table's figures. Pure (a string), so the Astro build bakes it into /stats and the
 * village pages, and the worker serves the same markup for the page's script. Every date is a
 * town date: nothing public shows a time of day.
 */
import { findCategory, findVillage, type Locale } from '../../content/index.ts';
import { translate, type UiKey } from '../../content/ui.ts';
import { formatTownDate } from '../../core/clock.ts';
import { COMMITTEE_MEASURES, COUNT_MEASURES, type Cell, type NextRelease, type PeriodTables, type PublicStats, type PublishedFigures } from '../../core/stats/figures.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

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

/** A row that is not released yet: its name, then one cell saying when it will be. */
type Pending = { name: string; due: string };

/** One table: a row per group, a column per figure, and perhaps a last row not yet released. */
function table(t: T, caption: string, head: string, rows: [string, PublishedFigures][], id: string, pending?: Pending): string {
  const th = [head, ...COUNT_MEASURES.map((m) => t(`stats.measure.${m}`)), ...RATE_COLUMNS.map(([k]) => t(k))];
  const body = rows.map(
    ([name, f]) =>
      `<tr><th scope="row">${esc(name)}</th>${COUNT_MEASURES.map((m) => `<td>${cell(t, f.counts[m])}</td>`).join('')}${RATE_COLUMNS.map(([, get, pct]) => `<td>${rate(t, get(f), pct)}</td>`).join('')}</tr>`,
  );
  if (pending) body.push(`<tr class="stat-pending"><th scope="row">${esc(pending.name)}</th><td colspan="${th.length - 1}">${esc(t('stats.notReleased', { date: pending.due }))}</td></tr>`);
  // On a phone the table is wider than the screen: say so where it starts.
  return `<p class="scroll-hint" aria-hidden="true">${esc(t('stats.scrollHint'))}</p><div class="table-scroll" tabindex="0" role="region" aria-label="${esc(caption)}"><table class="data-table stats-table" id="${id}">
<caption>${esc(caption)}</caption>
<thead><tr>${th.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${body.join('\n')}</tbody>
</table></div>`;
}

/** Bars of cases received per period; hidden and small values are drawn as such, not as numbers. */
function chart(t: T, periods: PeriodTables[]): string {
  const shown = periods.slice(-12);
  const values = shown.map((p) => p.town.counts.received);
  const max = Math.max(3, ...values.map((v) => (typeof v === 'number' ? v : 2)));
  const w = 36;
  const h = 120;
  const bars = shown
    .map((p, i) => {
      const v = p.town.counts.received;
      const n = typeof v === 'number' ? v : v === '<3' ? 2 : 0;
      const bh = Math.round((n / max) * h);
      const label = typeof v === 'number' ? String(v) : v === '<3' ? '<3' : '–';
      return `<g><rect x="${i * w + 6}" y="${h - bh + 16}" width="${w - 12}" height="${bh}" class="${typeof v === 'number' ? 'bar' : 'bar bar-uncertain'}"/>
<text x="${i * w + w / 2}" y="${h - bh + 12}" text-anchor="middle">${esc(label)}</text>
<text x="${i * w + w / 2}" y="${h + 32}" text-anchor="middle">${esc(p.period.slice(5))}</text></g>`;
    })
    .join('\n');
  // The chart repeats the table below it, so screen readers skip it.
  return `<figure class="stats-chart"><figcaption>${esc(t('stats.chart.title'))}</figcaption>
<svg viewBox="0 0 ${shown.length * w} ${h + 40}" width="100%" height="${h + 40}" aria-hidden="true" focusable="false">${bars}</svg></figure>`;
}

/** "Figures up to …; next update …", for a release and the next one. */
function releaseLine(t: T, locale: Locale, cutoff: string, next: NextRelease | null): string {
  const date = formatTownDate(cutoff, locale);
  const text = next ? t('stats.release', { date, next: formatTownDate(next.due, locale) }) : t('stats.release.noNext', { date });
  return `<p class="stats-release" data-cutoff="${esc(cutoff)}">${esc(text)}</p>`;
}

const pendingRow = (locale: Locale, next: NextRelease | null): Pending | undefined =>
  next ? { name: periodLabel(next.period, locale), due: formatTownDate(next.due, locale) } : undefined;

/** A period's tables alone (a monthly notification shows its month's release). */
export function renderPeriodHtml(tables: PeriodTables | null, locale: Locale): string {
  const t: T = (key, params) => translate(locale, key, params);
  if (!tables || !('villages' in tables)) return `<p>${esc(t('stats.none'))}</p>`;
  const name = periodLabel(tables.period, locale);
  return [
    releaseLine(t, locale, tables.cutoff, null),
    table(t, t('stats.periodTables', { period: name }), t('stats.village'), [[t('stats.town'), tables.town], ...villageRows(tables, locale)], 'stats-villages'),
    table(t, t('stats.categories'), t('stats.category'), categoryRows(tables, locale), 'stats-categories'),
    `<p class="hint">${esc(t('stats.legend'))}</p>`,
  ].join('\n');
}

const villageRows = (p: PeriodTables, locale: Locale) => p.villages.map((v) => [findVillage(v.id)?.name[locale] ?? v.id, v] as [string, PublishedFigures]);
const categoryRows = (p: PeriodTables, locale: Locale) => p.categories.map((c) => [findCategory(c.id)?.name[locale] ?? c.id, c] as [string, PublishedFigures]);

/** The whole statistics section for the town, or for one village. */
export function renderStatsHtml(stats: PublicStats | null, locale: Locale, options: { village?: string } = {}): string {
  const t: T = (key, params) => translate(locale, key, params);
  if (!stats) return `<p>${esc(t('stats.none'))}</p>`;
  const periods = stats.tables.periods;
  const latest = periods.at(-1);
  const legend = `<p class="hint">${esc(t('stats.legend'))}</p>`;
  const pending = pendingRow(locale, stats.tables.next);
  const when = latest ? releaseLine(t, locale, latest.cutoff, stats.tables.next) : stats.tables.next ? `<p class="stats-release">${esc(t('stats.release.first', { next: formatTownDate(stats.tables.next.due, locale) }))}</p>` : '';

  if (options.village) {
    if (!findVillage(options.village)) return `<p>${esc(t('stats.none'))}</p>`;
    const name = findVillage(options.village)!.name[locale];
    const rows = periods.map((p) => [periodLabel(p.period, locale), p.villages.find((v) => v.id === options.village)!] as [string, PublishedFigures]).filter(([, f]) => f);
    return `${when}${table(t, `${name} · ${t('stats.history')}`, t('stats.month'), rows, 'stats-village', pending)}${legend}`;
  }

  const open = stats.openNow
    ? `<p class="stats-open" data-cutoff="${esc(stats.openNow.cutoff)}">${esc(
        t('stats.openNow', {
          date: formatTownDate(stats.openNow.cutoff, locale),
          open: stats.openNow.open === '<3' ? t('stats.small') : String(stats.openNow.open),
          overdue: stats.openNow.overdue === '<3' ? t('stats.small') : String(stats.openNow.overdue),
          next: stats.openNow.next ? formatTownDate(stats.openNow.next.due, locale) : '—',
        }),
      )}</p>`
    : '';
  const committee = stats.committee.periods;
  const committeeTable =
    committee.length === 0
      ? ''
      : `<div class="table-scroll" tabindex="0" role="region" aria-label="${esc(t('stats.quarters'))}"><table class="data-table" id="stats-quarters"><caption>${esc(t('stats.committee', { unit: t(`stats.unit.${stats.committee.unit}`) }))}</caption>
<thead><tr><th scope="col">${esc(t('stats.quarter'))}</th>${COMMITTEE_MEASURES.map((m) => `<th scope="col">${esc(t(`stats.${m}`))}</th>`).join('')}</tr></thead>
<tbody>${committee.map((q) => `<tr><th scope="row">${esc(periodLabel(q.period, locale))}</th>${COMMITTEE_MEASURES.map((m) => `<td>${q[m] === undefined ? '—' : cell(t, q[m])}</td>`).join('')}</tr>`).join('\n')}${
          stats.committee.next ? `\n<tr class="stat-pending"><th scope="row">${esc(periodLabel(stats.committee.next.period, locale))}</th><td colspan="${COMMITTEE_MEASURES.length}">${esc(t('stats.notReleased', { date: formatTownDate(stats.committee.next.due, locale) }))}</td></tr>` : ''
        }</tbody></table></div>`;
  return [
    when,
    open,
    periods.length > 1 ? chart(t, periods) : '',
    periods.length > 0 ? table(t, t('stats.months'), t('stats.month'), periods.map((p) => [periodLabel(p.period, locale), p.town] as [string, PublishedFigures]), 'stats-months', pending) : '',
    latest ? table(t, t('stats.periodTables', { period: periodLabel(latest.period, locale) }), t('stats.village'), villageRows(latest, locale), 'stats-villages') : '',
    latest ? table(t, `${periodLabel(latest.period, locale)} · ${t('stats.categories')}`, t('stats.category'), categoryRows(latest, locale), 'stats-categories') : '',
    committeeTable,
    legend,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The public pages of village disclosures, rendered by the worker from D1 (kind 'disclosure',
 * the version's meta the disclosure itself): the disclosure with its tables, who drafted and who
 * reviewed it by office, its 更正 notes and earlier versions, the answers published under it
 * (答复/补充说明), the question form to the mailbox, the notice a withdrawal leaves, the list, and
 * what fills the built pages' slots (a village's schedule, the villages' flags, what is overdue,
 * the home page's latest). No JavaScript.
 *
 * `DisclosureArticle` is the disclosure itself, without the frame: what the console's preview shows.
 */
import type { Child } from 'hono/jsx';
import { findVillage, type Locale } from '../../content/index.ts';
import type { UiKey } from '../../content/translate.ts';
import type { Disclosure, DisclosureTable } from '../../content/schemas.ts';
import { formatTownDate } from '../../core/clock.ts';
import { dueDate, parsePeriod, type DueRules } from '../../core/disclosure-cadence.ts';
import { formatMoney, formatNumber, formatPeriodLabel } from '../../core/disclosure-format.ts';
import { portal } from '../../content/index.ts';
import { disclosurePath, disclosureTitle } from '../publishing/disclosure.ts';
import type { VillageAffairs } from '../services/disclosures.ts';
import type { Localized } from '../publishing/model.ts';
import { useLocale, useT } from '../http/locale.ts';
import { Layout, localePath } from './layout.tsx';
import { Corrections, formatBytes, Text, textOf, Versions } from './documents.tsx';
import { raw } from 'hono/html';
import { renderBody } from '../publishing/markdown.ts';
import { attachmentPath, photoExtension } from '../publishing/attachment.ts';
import type { BoardPhoto } from '../publishing/disclosure-rows.ts';
import { img } from './photos.tsx';

/** What a disclosure's version holds beside its meta: a decision's text (Markdown) and its PDF. */
export interface DisclosureFiles {
  body_zh: string;
  attachment_sha: string | null;
  attachment_size: number | null;
}

const date = (d: string, locale: Locale) => formatTownDate(d, locale);

/** Punctuation only search snippets and screen readers see: a colon after a label, a semicolon after a value. */
function Sep({ end }: { end?: boolean }) {
  const zh = useLocale() === 'zh-CN';
  return <span class="visually-hidden">{end ? (zh ? '；' : '; ') : zh ? '：' : ': '}</span>;
}

type Cell = DisclosureTable['rows'][number][number];

/** One table of a disclosure, its figures formatted and, if asked for, a totals row added up here. */
export function DisclosureTableView({ table, id }: { table: DisclosureTable; id: string }) {
  const locale = useLocale();
  const numeric = (c: number) => ['money', 'number'].includes(table.columns[c]?.type ?? 'text');
  const show = (value: Cell, c: number) => {
    if (typeof value === 'number') return table.columns[c]?.type === 'money' ? formatMoney(value) : formatNumber(value);
    if (typeof value === 'string') return table.columns[c]?.type === 'date' ? date(value, locale) : value;
    return <Text value={value as Localized} />;
  };
  // Sums in cents, so 0.1 + 0.2 shows as 0.30.
  const totals = table.columns.map((_, c) => (numeric(c) ? table.rows.reduce((sum, row) => sum + Math.round(Number(row[c] ?? 0) * 100), 0) / 100 : undefined));
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table>
        <caption id={`${id}-caption`}>
          <Text value={table.caption} />
        </caption>
        <thead>
          <tr>
            {table.columns.map((column, c) => (
              <th scope="col" class={numeric(c) ? 'num' : undefined}>
                <Text value={column.label} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>{row.map((value, c) => (c === 0 ? <th scope="row">{show(value, c)}</th> : <td class={numeric(c) ? 'num' : undefined}>{show(value, c)}</td>))}</tr>
          ))}
        </tbody>
        {table.total && (
          <tfoot>
            <tr>
              <th scope="row">
                <Text value={table.total} />
              </th>
              {totals.slice(1).map((sum, i) => (
                <td class={sum === undefined ? undefined : 'num'}>{sum === undefined ? '' : table.columns[i + 1]?.type === 'money' ? formatMoney(sum) : formatNumber(sum)}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** Whether any text of the disclosure has no English (then an English page says so). */
const lacksEnglish = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && ('zh-CN' in value ? !(value as Localized).en : Object.values(value).some(lacksEnglish));

/** The day it fell due, or null for a period that does not parse. */
export function disclosureDue(d: Pick<Disclosure, 'period'>, rules: DueRules = portal.disclosure): string | null {
  const period = parsePeriod(d.period);
  return period ? dueDate(period, rules) : null;
}

/**
 * The disclosure itself: title, summary, facts (village, kind, period, publication day on time or
 * late, who drafted and who reviewed it by office), its tables and notes. The public page and the
 * console's preview (`preview`: under the console's own heading; `draft`: not published yet) show
 * exactly this.
 */
export function DisclosureArticle({
  disclosure: d,
  draft = false,
  preview = false,
  version,
  files = attachmentPath,
  children,
}: {
  disclosure: Disclosure;
  draft?: boolean;
  preview?: boolean;
  version?: DisclosureFiles;
  /** Where its files are read: the public hash-named address, or the console's while it is a draft. */
  files?: (sha: string, extension?: string) => string;
  children?: unknown;
}) {
  const locale = useLocale();
  const t = useT();
  const photos: BoardPhoto[] = (d as { photos?: BoardPhoto[] }).photos ?? [];
  const village = findVillage(d.village);
  const period = parsePeriod(d.period);
  const due = disclosureDue(d);
  // What each board photo shows, for its alt text: this disclosure as posted, and which photo of how many.
  const named = { village: village?.name[locale] ?? d.village, period: formatPeriodLabel(d.period, locale), kind: t(`disclosures.kind.${d.kind}`) };
  // The hidden colons and semicolons keep labels and values apart in search snippets (the publication day ends with its flag).
  const facts: [UiKey, Child][] = [
    ['disclosure.village', <a href={localePath(locale, `/villages/${d.village}/`)}>{village?.name[locale] ?? d.village}</a>],
    ['disclosure.kind', t(`disclosures.kind.${d.kind}`)],
    [period?.cadence === 'event' ? 'disclosure.eventDate' : 'disclosure.period', formatPeriodLabel(d.period, locale)],
    [
      'disclosure.published',
      draft ? (
        t('desk.preview.notYet')
      ) : (
        <>
        <time datetime={d.published}>{date(d.published, locale)}</time>
        {due !== null &&
          (d.published > due ? (
            <strong class="flag flag-late">{t('disclosures.late', { due: date(due, locale) })}</strong>
          ) : (
            <span class="flag flag-ok">{t('disclosure.onTime', { due: date(due, locale) })}</span>
          ))}
        </>
      ),
    ],
    ['disclosure.publishedBy', <Text value={d.publishedBy} />],
    ...(d.submitted && !draft ? ([['disclosure.submitted', <time datetime={d.submitted}>{date(d.submitted, locale)}</time>]] as [UiKey, Child][]) : []),
    ['disclosure.reviewedBy', <Text value={d.reviewedBy} />],
  ];
  return (
    <article class="disclosure" id={preview ? 'disclosure-preview' : undefined}>
      {preview ? <h2>{disclosureTitle(d, locale)}</h2> : <h1>{disclosureTitle(d, locale)}</h1>}
      <p class="lead">
        <Text value={d.summary} />
      </p>
      {locale === 'en' && lacksEnglish(d) && <p class="notice notice-warning untranslated">{t('translation.partial')}</p>}
      <p class="muted" data-search-keywords>{t('disclosures.keywords', { words: t(`disclosures.keywords.${d.kind}`) })}</p>
      <dl class="facts">
        {facts.map(([label, value], i) => (
          <>
            <dt>
              {t(label)}
              <Sep />
            </dt>
            <dd>
              {value}
              {i !== 3 && <Sep end />}
            </dd>
          </>
        ))}
      </dl>
      {version?.body_zh && (
        <div class="prose" lang="zh-CN">
          {raw(renderBody(version.body_zh))}
        </div>
      )}
      {d.tables.map((table, i) => (
        <DisclosureTableView table={table} id={`table-${i + 1}`} />
      ))}
      {d.notes.length > 0 && (
        <ul class="notes">
          {d.notes.map((n) => (
            <li>
              <Text value={n} />
            </li>
          ))}
        </ul>
      )}
      {version?.attachment_sha && (
        <p class="disclosure-pdf">
          {t('regulations.attachment')}
          <Sep />
          <a href={files(version.attachment_sha)} type="application/pdf">
            {t('disclosure.pdf')}
          </a>
          <span class="muted"> {t('regulations.attachment.size', { size: formatBytes(version.attachment_size ?? 0) })}</span>
        </p>
      )}
      {photos.length > 0 && (
        <section aria-labelledby="board-photos" class="board-photos">
          <h2 id="board-photos">{t('disclosure.photos')}</h2>
          <ul>
            {photos.map((p, i) => {
              const src = files(p.sha, photoExtension(p.type));
              return (
                <li>
                  <a href={src}>{img(p, src, t('disclosure.photos.alt', { ...named, n: i + 1, count: photos.length }))}</a>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {children}
    </article>
  );
}

/** An answer published under a disclosure: its day and its public text. */
export interface Addendum {
  id: number;
  published_on: string;
  text_zh: string;
  text_en: string | null;
}

/** The answers (答复/补充说明) published under a disclosure, oldest first. */
export function Addenda({ addenda }: { addenda: readonly Addendum[] }) {
  const locale = useLocale();
  const t = useT();
  if (addenda.length === 0) return null;
  return (
    <section aria-labelledby="addenda" class="addenda">
      <h2 id="addenda">{t('disclosure.addenda.title')}</h2>
      {addenda.map((a) => (
        <div class="notice notice-ok addendum" id={`addendum-${a.id}`}>
          <p class="addendum-head">
            {t('disclosure.addenda.item')}
            <time datetime={a.published_on}>{date(a.published_on, locale)}</time>
          </p>
          <p lang={locale === 'en' && !a.text_en ? 'zh-CN' : undefined}>{locale === 'en' && a.text_en ? a.text_en : a.text_zh}</p>
        </div>
      ))}
    </section>
  );
}

/** 对这项公开有疑问: to the mailbox with this disclosure named (a hidden field), anonymous if the resident wishes. */
export function QuestionForm({ slug }: { slug: string }) {
  const locale = useLocale();
  const t = useT();
  return (
    <form method="get" action={localePath(locale, '/mailbox')} class="notice disclosure-question" id="disclosure-question">
      <p>{t('disclosure.question.lead')}</p>
      <input type="hidden" name="disclosure" value={slug} />
      <button type="submit" class="button">
        {t('disclosure.question.button')}
      </button>
    </form>
  );
}

export interface PublicVersion {
  seq: number;
  published_at: string;
  note_zh: string | null;
  note_en: string | null;
}

/** A published disclosure (or an earlier version `seq` of it) with its corrections, versions, answers and the question form. */
export function DisclosurePage({
  disclosure,
  slug,
  seq,
  versions,
  addenda,
  files,
}: {
  disclosure: Disclosure;
  /** The shown version's text and PDF. */
  files?: DisclosureFiles;
  slug: string;
  /** The version shown. */
  seq: number;
  /** Every published version, oldest first; the last is the current one. */
  versions: readonly PublicVersion[];
  addenda: readonly Addendum[];
}) {
  const locale = useLocale();
  const t = useT();
  const path = disclosurePath(disclosure);
  const current = versions.at(-1)?.seq ?? seq;
  const earlier = seq !== current;
  const village = findVillage(disclosure.village);
  return (
    <Layout path={earlier ? `${path}versions/${seq}/` : path} title={disclosureTitle(disclosure, locale)} description={textOf(disclosure.summary, locale)}>
      {earlier && (
        <p class="notice notice-warning" id="earlier">
          {t('publishing.version.earlier', { n: seq, date: date(versions.find((v) => v.seq === seq)?.published_at ?? disclosure.published, locale) })}{' '}
          <a href={localePath(locale, path)}>{t('publishing.version.readCurrent')}</a>
        </p>
      )}
      <DisclosureArticle disclosure={disclosure} version={files}>
        <Corrections versions={versions} seq={seq} />
        {!earlier && <Addenda addenda={addenda} />}
        <Versions versions={versions} seq={seq} path={path} />
        {!earlier && <QuestionForm slug={slug} />}
      </DisclosureArticle>
      <p class="back">
        <a href={localePath(locale, `/villages/${disclosure.village}/#affairs`)}>{t('disclosure.back', { village: village?.name[locale] ?? disclosure.village })}</a>
      </p>
    </Layout>
  );
}

/** What stays at the address of a withdrawn disclosure: its title, the day and the public reason. */
export function DisclosureWithdrawnPage({ disclosure, withdrawnAt, reason }: { disclosure: Disclosure; withdrawnAt: string; reason: { zh: string; en: string | null } }) {
  const locale = useLocale();
  const t = useT();
  const village = findVillage(disclosure.village);
  return (
    <Layout path={disclosurePath(disclosure)} title={disclosureTitle(disclosure, locale)} description={t('publishing.withdrawn.title')}>
      <article class="disclosure">
        <div class="status-banner status-repealed" id="status">
          <span class="status-badge status-repealed">{t('publishing.withdrawn.badge')}</span>
          <p>{t('publishing.withdrawn.notice', { date: date(withdrawnAt, locale) })}</p>
        </div>
        <h1>{disclosureTitle(disclosure, locale)}</h1>
        <section aria-labelledby="withdrawal" class="notice notice-warning">
          <h2 id="withdrawal">{t('publishing.withdrawn.title')}</h2>
          <p id="withdrawal-reason">
            {t('publishing.withdrawn.reason')}
            <span lang={locale === 'en' && !reason.en ? 'zh-CN' : undefined}>{locale === 'en' && reason.en ? reason.en : reason.zh}</span>
          </p>
        </section>
      </article>
      <p class="back">
        <a href={localePath(locale, `/villages/${disclosure.village}/#affairs`)}>{t('disclosure.back', { village: village?.name[locale] ?? disclosure.village })}</a>
      </p>
    </Layout>
  );
}

/** Disclosures as a list, newest first: title, publication day, and a flag when it came late. */
export function DisclosureList({ disclosures }: { disclosures: readonly Disclosure[] }) {
  const locale = useLocale();
  const t = useT();
  return (
    <ul class="doc-list">
      {disclosures.map((d) => {
        const due = disclosureDue(d);
        return (
          <li>
            <a href={localePath(locale, disclosurePath(d))}>{disclosureTitle(d, locale)}</a>
            <span class="doc-meta">
              <span>{t('disclosures.publishedOn', { date: date(d.published, locale) })}</span>
              {due !== null && d.published > due && <span class="flag flag-late">{t('disclosures.late', { due: date(due, locale) })}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What the village page's slot of disclosures gets (under its built heading and lead): the
 * schedule on `asOf` for each kind (how often, the latest, the next due, what is overdue or came
 * late), a list of cards rather than a table so that on a phone the flags are not off to the side;
 * then the published list.
 */
export function VillageAffairsSlot({ affairs, asOf }: { affairs: VillageAffairs; asOf: string }) {
  const locale = useLocale();
  const t = useT();
  const period = (p: string) => formatPeriodLabel(p, locale);
  const linkOf = (p: string) => affairs.disclosures.find((d) => d.period === p);
  return (
    <>
      <h3 id="schedule" data-as-of={asOf}>
        {t('schedule.caption', { date: date(asOf, locale) })}
      </h3>
      <ul class="schedule" aria-labelledby="schedule">
        {affairs.schedules.map((s) => {
          const latest = s.latest && linkOf(s.latest.period);
          const clean = s.overdue.length === 0 && s.late.length === 0 && (s.cadence !== 'event' || latest);
          return (
            <li class={s.overdue.length > 0 ? 'is-overdue' : undefined}>
              <h4>{t(`disclosures.kind.${s.kind}`)}</h4>
              <dl class="facts">
                <dt>{t('schedule.cadence')}</dt>
                <dd>{t(`schedule.cadence.${s.cadence}`, { days: portal.disclosure.dueDaysAfterEvent })}</dd>
                <dt>{t('schedule.latest')}</dt>
                <dd>{latest ? <a href={localePath(locale, disclosurePath(latest))}>{period(latest.period)}</a> : t('schedule.none')}</dd>
                <dt>{t('schedule.next')}</dt>
                <dd>{s.next ? t('schedule.nextDue', { period: period(s.next.period), date: date(s.next.due, locale) }) : t('schedule.whenItHappens')}</dd>
              </dl>
              {clean && <p class="flag flag-ok">{t('schedule.onTime')}</p>}
              {s.overdue.map((o) => (
                <p class="flag flag-overdue">{t('schedule.overdue', { period: period(o.period), date: date(o.due, locale) })}</p>
              ))}
              {s.late.map((l) => (
                <p class="flag flag-late">{t('schedule.wasLate', { period: period(l.period), date: date(l.published, locale) })}</p>
              ))}
            </li>
          );
        })}
      </ul>
      <h3>{t('village.affairs.published')}</h3>
      {affairs.disclosures.length > 0 ? <DisclosureList disclosures={affairs.disclosures} /> : <p>{t('schedule.none')}</p>}
    </>
  );
}

/** The villages' list: a village's flag on `asOf`, how many disclosures are overdue or that none is. */
export function VillageFlag({ affairs, asOf }: { affairs: VillageAffairs; asOf: string }) {
  const locale = useLocale();
  const t = useT();
  const overdue = affairs.schedules.reduce((n, s) => n + s.overdue.length, 0);
  return overdue > 0 ? (
    <strong class="flag flag-overdue">{t('villages.overdue', { n: overdue, date: date(asOf, locale) })}</strong>
  ) : (
    <span class="flag flag-ok">{t('villages.onTime', { date: date(asOf, locale) })}</span>
  );
}

/** The disclosures page's box of what is overdue on `asOf`, every village's. */
export function OverdueBox({ affairs, asOf }: { affairs: readonly VillageAffairs[]; asOf: string }) {
  const locale = useLocale();
  const t = useT();
  const overdue = affairs.flatMap((a) => a.schedules.flatMap((s) => s.overdue.map((o) => ({ village: a.village, kind: s.kind, ...o }))));
  return (
    <section aria-labelledby="overdue" class={overdue.length > 0 ? 'overdue-box' : undefined}>
      <h2 id="overdue">{t('disclosures.overdue.title', { date: date(asOf, locale) })}</h2>
      {overdue.length === 0 ? (
        <p>{t('disclosures.overdue.none')}</p>
      ) : (
        <ul>
          {overdue.map((o) => (
            <li>
              <a href={localePath(locale, `/villages/${o.village}/#affairs`)}>{findVillage(o.village)?.name[locale] ?? o.village}</a>{' '}
              {t('disclosures.overdue.item', { kind: t(`disclosures.kind.${o.kind}`), period: formatPeriodLabel(o.period, locale), date: date(o.due, locale) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The home page's slot of the latest disclosures (under its built heading): how many are overdue today, the newest four, the link to all. */
export function LatestDisclosures({ affairs }: { affairs: readonly VillageAffairs[] }) {
  const locale = useLocale();
  const t = useT();
  const overdue = affairs.reduce((n, a) => n + a.schedules.reduce((m, s) => m + s.overdue.length, 0), 0);
  const all = affairs.flatMap((a) => a.disclosures).sort((a, b) => b.published.localeCompare(a.published));
  return (
    <>
      {overdue > 0 && (
        <p class="notice notice-warning">
          {t('home.overdue', { n: overdue })} <a href={localePath(locale, '/disclosures/')}>{t('home.overdue.link')}</a>
        </p>
      )}
      <DisclosureList disclosures={all.slice(0, 4)} />
      <p>
        <a href={localePath(locale, '/disclosures/')}>{t('home.disclosures.all', { n: all.length })}</a>
      </p>
    </>
  );
}

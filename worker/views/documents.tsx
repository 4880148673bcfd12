/**
 * The public pages of published documents, rendered by the worker from D1: a regulation (its
 * current text, an earlier one, or the notice left by a withdrawal), the regulations' index with
 * its filters, and search. The same markup as the Astro pages they replace; no JavaScript.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { formatTownDate } from '../../core/clock.ts';
import type { Locale } from '../../content/index.ts';
import type { UiKey } from '../../content/translate.ts';
import { renderBody } from '../publishing/markdown.ts';
import { CATEGORIES, STATUSES, type Localized } from '../publishing/model.ts';
import { attachmentPath } from '../publishing/attachment.ts';
import type { Snippet } from '../publishing/search.ts';
import type { PublicDocument, PublishedHead, PublishedRow } from '../services/publishing.ts';
import { useLocale, useT } from '../http/locale.ts';
import { ArticleTools, Layout, localePath } from './layout.tsx';

export type StatusFilter = (typeof STATUSES)[number] | 'all';
export type CategoryFilter = (typeof CATEGORIES)[number] | 'all';

/** The page listing regulations with this status and category; all/all is the index itself. */
export function regulationsPath(status: StatusFilter, category: CategoryFilter): string {
  return status === 'all' && category === 'all' ? '/regulations/' : `/regulations/filter/${status}/${category}/`;
}

/** Content text in the page's language, or the Chinese marked lang="zh-CN" where there is no translation. */
export function Text({ value }: { value: Localized }) {
  const locale = useLocale();
  if (locale === 'en' && value.en) return <>{value.en}</>;
  return locale === 'zh-CN' ? <>{value['zh-CN']}</> : <span lang="zh-CN">{value['zh-CN']}</span>;
}

export function textOf(value: Localized, locale: Locale): string {
  return (locale === 'en' && value.en) || value['zh-CN'];
}

const date = (d: string, locale: Locale) => formatTownDate(d, locale);

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function StatusBadge({ status, withdrawn }: { status: PublishedRow['status']; withdrawn?: boolean }) {
  const t = useT();
  if (withdrawn) return <span class="status-badge status-repealed">{t('publishing.withdrawn.badge')}</span>;
  return <span class={`status-badge status-${status}`}>{t(`regulations.status.${status}`)}</span>;
}

const link = (d: PublishedHead, locale: Locale) => localePath(locale, `/regulations/${d.slug}/`);

/** Regulations as a list: title, document number, issue date, status and category. */
export function RegulationList({ documents }: { documents: PublishedHead[] }) {
  const locale = useLocale();
  const t = useT();
  return (
    <ul class="doc-list">
      {documents.map((d) => (
        <li>
          <a href={link(d, locale)}>
            <Text value={d.meta.title} />
          </a>
          <span class="doc-meta">
            <StatusBadge status={d.status} withdrawn={d.withdrawn_at !== null} />
            <span>{d.meta.docNumber}</span>
            <span>{t('regulations.issuedOn', { date: date(d.meta.issued, locale) })}</span>
            <span>{t(`regulations.category.${d.meta.category}`)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

interface TimelineEntry {
  date: string;
  text: Child;
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const locale = useLocale();
  return (
    <ol class="timeline history">
      {entries.map((e) => (
        <li>
          <p class="timeline-head">
            <time datetime={e.date}>{date(e.date, locale)}</time>
          </p>
          <p class="message">{e.text}</p>
        </li>
      ))}
    </ol>
  );
}

/** What happened to a document: its imported history (or its issue and taking effect), its corrections, what amended or replaced it. */
function historyOf({ document: d, versions, related }: PublicDocument, locale: Locale, t: ReturnType<typeof useT>): TimelineEntry[] {
  const townDay = (instant: string) => instant.length === 10 ? instant : new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const entries: TimelineEntry[] = d.meta.history
    ? d.meta.history.map((h) => ({ date: h.date, text: <Text value={h.change} /> }))
    : [
        { date: d.meta.issued, text: t('publishing.history.issued') },
        { date: d.meta.effective, text: t('publishing.history.effective') },
      ];
  for (const v of versions.slice(1)) entries.push({ date: townDay(v.published_at), text: t('publishing.history.corrected') });
  for (const r of related) {
    if (r.key !== 'amendedBy' && r.key !== 'replacedBy') continue;
    if (entries.some((e) => e.date === r.document.meta.issued)) continue;
    entries.push({ date: r.document.meta.issued, text: t(`publishing.history.${r.key}`, { title: textOf(r.document.meta.title, locale) }) });
  }
  if (d.withdrawn_at) entries.push({ date: townDay(d.withdrawn_at), text: t('publishing.history.withdrawn') });
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const RELATED_KEYS: Record<PublicDocument['related'][number]['key'], UiKey> = {
  amends: 'regulations.amends',
  replaces: 'regulations.replaces',
  amendedBy: 'regulations.amendedBy',
  replacedBy: 'regulations.replacedBy',
};

type PublishedVersion = PublicDocument['versions'][number];

/** The 更正 notes of the corrections up to the version shown (regulations and disclosures alike). */
export function Corrections({ versions, seq }: { versions: readonly PublishedVersion[]; seq: number }) {
  const locale = useLocale();
  const t = useT();
  const corrections = versions.filter((v) => v.seq > 1 && v.seq <= seq && v.note_zh);
  if (corrections.length === 0) return null;
  return (
    <section aria-labelledby="corrections" class="notice notice-ok">
      <h2 id="corrections">{t('publishing.correction.title')}</h2>
      {corrections.map((v) => (
        <p class="correction">
          {t('publishing.correction.item', { date: date(v.published_at, locale) })}
          {locale === 'en' && v.note_en ? v.note_en : <span lang={locale === 'en' ? 'zh-CN' : undefined}>{v.note_zh}</span>}
        </p>
      ))}
    </section>
  );
}

/** Every published version, the one shown marked and the others linked (`path`: the document's own address). */
export function Versions({ versions, seq, path }: { versions: readonly PublishedVersion[]; seq: number; path: string }) {
  const locale = useLocale();
  const t = useT();
  const current = versions.at(-1)?.seq ?? seq;
  if (versions.length < 2) return null;
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{t('publishing.versions')}</h2>
      <ol>
        {versions.map((v) => (
          <li>
            {v.seq === seq ? (
              <span aria-current="page">{t('publishing.version.item', { n: v.seq, date: date(v.published_at, locale) })}</span>
            ) : (
              <a href={localePath(locale, v.seq === current ? path : `${path}versions/${v.seq}/`)}>{t('publishing.version.item', { n: v.seq, date: date(v.published_at, locale) })}</a>
            )}
            {v.seq === current && t('publishing.version.current')}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One regulation: its status up front, its metadata, the text, corrections, and its history. `earlier`: an earlier version is shown. */
export function RegulationPage({ doc, current }: { doc: PublicDocument; current: number }) {
  const locale = useLocale();
  const t = useT();
  const d = doc.document;
  const m = d.meta;
  const successor = doc.related.find((r) => r.key === 'amendedBy') ?? doc.related.find((r) => r.key === 'replacedBy');
  const earlier = d.seq !== current;
  const body = locale === 'en' && d.body_en ? d.body_en : d.body_zh;
  const translated = locale === 'en' && d.body_en !== null;
  const path = `/regulations/${d.slug}/`;
  const attachmentHref = d.attachment_sha ? attachmentPath(d.attachment_sha) : d.attachment_file ? `/${d.attachment_file}` : null;
  return (
    <Layout path={earlier ? `${path}versions/${d.seq}/` : path} title={textOf(m.title, locale)} description={textOf(m.summary, locale)} scripts={['/scripts/frame.js']}>
      <article class="regulation">
        {earlier && (
          <p class="notice notice-warning" id="earlier">
            {t('publishing.version.earlier', { n: d.seq, date: date(d.published_at, locale) })} <a href={localePath(locale, path)}>{t('publishing.version.readCurrent')}</a>
          </p>
        )}
        <div class={`status-banner status-${d.status}`} id="status">
          <StatusBadge status={d.status} />
          <p>
            {d.status === 'in-force' ? t('regulations.banner.in-force', { date: date(m.effective, locale) }) : t(`regulations.banner.${d.status}`)}
            {successor && (
              <>
                {' '}
                {t('regulations.banner.current')}{' '}
                <a href={link(successor.document, locale)}>
                  <Text value={successor.document.meta.title} />
                </a>
              </>
            )}
          </p>
        </div>
        <h1>
          <Text value={m.title} />
        </h1>
        <p class="lead">
          <Text value={m.summary} />
        </p>
        <dl class="facts">
          <dt>{t('regulations.docNumber')}</dt>
          <dd>{m.docNumber}</dd>
          <dt>{t('regulations.issuer')}</dt>
          <dd>
            <Text value={m.issuer} />
          </dd>
          <dt>{t('regulations.issued')}</dt>
          <dd>
            <time datetime={m.issued}>{date(m.issued, locale)}</time>
          </dd>
          <dt>{t('regulations.effective')}</dt>
          <dd>
            <time datetime={m.effective}>{date(m.effective, locale)}</time>
          </dd>
          <dt>{t('regulations.category')}</dt>
          <dd>
            <a href={localePath(locale, regulationsPath('all', m.category))}>{t(`regulations.category.${m.category}`)}</a>
          </dd>
          {doc.related.map(({ key, document: r }) => (
            <>
              <dt>{t(RELATED_KEYS[key])}</dt>
              <dd>
                <a href={link(r, locale)}>
                  <Text value={r.meta.title} />
                </a>
                {t('regulations.docRef', { number: r.meta.docNumber })}
              </dd>
            </>
          ))}
          {attachmentHref && (
            <>
              <dt>{t('regulations.attachment')}</dt>
              <dd>
                <a href={attachmentHref} type="application/pdf">
                  <Text value={m.attachmentLabel ?? m.title} />
                </a>
                <span class="muted"> {t('regulations.attachment.size', { size: formatBytes(d.attachment_size ?? 0) })}</span>
              </dd>
            </>
          )}
        </dl>
        <Corrections versions={doc.versions} seq={d.seq} />
        <section aria-labelledby="text" class="regulation-text">
          <h2 id="text">{t('regulations.text')}</h2>
          {locale === 'en' && !translated && <p class="notice notice-warning untranslated">{t('translation.missing')}</p>}
          {translated && (
            <p class="notice notice-ok translation-note">
              {t('translation.reference')}
              {m.translator && (
                <>
                  {' '}
                  {t('translation.by')} <Text value={m.translator} />
                </>
              )}
            </p>
          )}
          <ArticleTools />
          <div class="prose" lang={translated ? 'en' : 'zh-CN'}>
            {raw(renderBody(body))}
          </div>
        </section>
        <Versions versions={doc.versions} seq={d.seq} path={path} />
        <section aria-labelledby="history">
          <h2 id="history">{t('regulations.history')}</h2>
          <Timeline entries={historyOf(doc, locale, t)} />
        </section>
      </article>
      <p class="back">
        <a href={localePath(locale, '/regulations/')}>{t('regulations.back')}</a>
      </p>
    </Layout>
  );
}

/** What stays at the address of a withdrawn document: the day, the public reason, its history. */
export function WithdrawnPage({ doc }: { doc: PublicDocument }) {
  const locale = useLocale();
  const t = useT();
  const d = doc.document;
  const reason = locale === 'en' && d.withdrawn_reason_en ? d.withdrawn_reason_en : d.withdrawn_reason_zh;
  return (
    <Layout path={`/regulations/${d.slug}/`} title={textOf(d.meta.title, locale)} description={t('publishing.withdrawn.title')}>
      <article class="regulation">
        <div class="status-banner status-repealed" id="status">
          <StatusBadge status={d.status} withdrawn />
          <p>{t('publishing.withdrawn.notice', { date: date(d.withdrawn_at!, locale) })}</p>
        </div>
        <h1>
          <Text value={d.meta.title} />
        </h1>
        <dl class="facts">
          <dt>{t('regulations.docNumber')}</dt>
          <dd>{d.meta.docNumber}</dd>
          <dt>{t('regulations.issuer')}</dt>
          <dd>
            <Text value={d.meta.issuer} />
          </dd>
          <dt>{t('regulations.issued')}</dt>
          <dd>
            <time datetime={d.meta.issued}>{date(d.meta.issued, locale)}</time>
          </dd>
        </dl>
        <section aria-labelledby="withdrawal" class="notice notice-warning">
          <h2 id="withdrawal">{t('publishing.withdrawn.title')}</h2>
          <p id="withdrawal-reason">
            {t('publishing.withdrawn.reason')}
            <span lang={locale === 'en' && !d.withdrawn_reason_en ? 'zh-CN' : undefined}>{reason}</span>
          </p>
        </section>
        <section aria-labelledby="history">
          <h2 id="history">{t('regulations.history')}</h2>
          <Timeline entries={historyOf(doc, locale, t)} />
        </section>
      </article>
      <p class="back">
        <a href={localePath(locale, '/regulations/')}>{t('regulations.back')}</a>
      </p>
    </Layout>
  );
}

/** The regulations, filtered by status and category; each combination its own address, so filtering needs no JavaScript. */
export function RegulationIndexPage({ documents, status, category }: { documents: PublishedHead[]; status: StatusFilter; category: CategoryFilter }) {
  const locale = useLocale();
  const t = useT();
  const listed = documents.filter((d) => d.withdrawn_at === null);
  const matches = (s: StatusFilter, c: CategoryFilter) => listed.filter((d) => (s === 'all' || d.status === s) && (c === 'all' || d.meta.category === c));
  const shown = matches(status, category);
  const statuses: { value: StatusFilter; label: string }[] = [{ value: 'all', label: t('regulations.filter.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`regulations.status.${s}`) }))];
  const categories: { value: CategoryFilter; label: string }[] = [{ value: 'all', label: t('regulations.filter.all') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`regulations.category.${c}`) }))];
  return (
    <Layout path={regulationsPath(status, category)} title={t('regulations.title')} description={t('regulations.lead')}>
      <h1>{t('regulations.title')}</h1>
      <p class="lead">{t('regulations.lead')}</p>
      <div class="filters">
        <nav aria-labelledby="filter-status">
          <span id="filter-status" class="filter-label">
            {t('regulations.filter.status')}
          </span>
          <ul>
            {statuses.map((s) => (
              <li>
                <a href={localePath(locale, regulationsPath(s.value, category))} aria-current={s.value === status ? 'page' : undefined}>
                  {s.label} <span class="count">({matches(s.value, category).length})</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-labelledby="filter-category">
          <span id="filter-category" class="filter-label">
            {t('regulations.filter.category')}
          </span>
          <ul>
            {categories.map((c) => (
              <li>
                <a href={localePath(locale, regulationsPath(status, c.value))} aria-current={c.value === category ? 'page' : undefined}>
                  {c.label} <span class="count">({matches(status, c.value).length})</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <p class="muted" role="status">
        {t('regulations.shown', { n: shown.length, total: listed.length })}
      </p>
      {shown.length > 0 ? <RegulationList documents={shown} /> : <p>{t('regulations.none')}</p>}
    </Layout>
  );
}

/** A published document, or one of the site's static pages (a disclosure, a village, 办理流程, privacy). */
export type SearchResult = { kind: 'document'; document: PublishedRow; snippet: Snippet } | { kind: 'page'; page: { path: string; title: string; date: string }; snippet: Snippet };

function SnippetText({ snippet }: { snippet: Snippet }) {
  return (
    <p class="snippet">
      {snippet.before && '…'}
      {snippet.parts.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}
      {snippet.after && '…'}
    </p>
  );
}

/** Search, answered by the worker without JavaScript: the form, the results with the text around the words found, ordered by relevance or date. */
export function SearchPage({ query, order, results, limit, codeTyped = false }: { query: string; order: 'relevance' | 'date'; results: SearchResult[] | null; limit: number; codeTyped?: boolean }) {
  const locale = useLocale();
  const t = useT();
  return (
    <Layout
      path="/search/"
      title={query ? `${query} · ${t('search.title')}` : t('search.title')}
      description={t('search.documents.lead')}
      // The 关怀版 switch comes back to the same search: its words (and order) back in the address they came in, nothing else.
      back={query ? `/search/?${new URLSearchParams({ q: query, ...(order === 'date' && { order: 'date' }) })}` : undefined}
    >
      <h1 id="search-heading">{t('search.title')}</h1>
      <p class="lead">{t('search.documents.lead')}</p>
      {codeTyped && (
        <p id="search-code-typed" class="notice" role="status">
          {t('search.codeTyped')} <a href={localePath(locale, '/track')}>{t('search.codeTyped.track')}</a>
        </p>
      )}
      <form id="search-form" role="search" aria-labelledby="search-heading" action={localePath(locale, '/search/')} method="post">
        <label for="q">{t('search.label')}</label>
        <div class="search-row">
          <input id="q" type="search" name="q" required value={query} maxlength={60} />
          <button class="button primary" type="submit">
            {t('search.submit')}
          </button>
        </div>
        {results !== null && results.length > 1 && (
          <p class="search-order">
            {t('search.order')}:{' '}
            {(['relevance', 'date'] as const).map((o, i) => (
              <>
                {i > 0 && ' · '}
                <a href={`${localePath(locale, '/search/')}?${new URLSearchParams({ q: query, ...(o === 'date' && { order: 'date' }) })}`} aria-current={o === order ? 'true' : undefined}>
                  {t(o === 'date' ? 'search.order.date' : 'search.order.relevance')}
                </a>
              </>
            ))}
          </p>
        )}
      </form>
      {results !== null && (
        <p id="search-status" class="muted" role="status">
          {results.length === 0 ? t('search.none', { q: query }) : t('search.found', { n: results.length, q: query })}
          {results.length >= limit && ` ${t('search.more', { n: limit })}`}
        </p>
      )}
      {results !== null && results.length > 0 && (
        <ol id="search-results" class="search-results">
          {results.map((r) =>
            r.kind === 'page' ? (
              <li>
                <a href={r.page.path}>{r.page.title}</a>
                {r.page.date && (
                  <span class="doc-meta">
                    <time datetime={r.page.date}>{date(r.page.date, locale)}</time>
                  </span>
                )}
                <SnippetText snippet={r.snippet} />
              </li>
            ) : (
              <li>
                <a href={link(r.document, locale)}>
                  <Text value={r.document.meta.title} />
                </a>
                <span class="doc-meta">
                  <StatusBadge status={r.document.status} />
                  <span>{r.document.meta.docNumber}</span>
                  <span>{t('regulations.issuedOn', { date: date(r.document.meta.issued, locale) })}</span>
                </span>
                <SnippetText snippet={r.snippet} />
              </li>
            ),
          )}
        </ol>
      )}
      <p>
        {t('search.browse')}
        <a href={localePath(locale, '/regulations/')}>{t('nav.regulations')}</a> · <a href={localePath(locale, '/villages/')}>{t('nav.villages')}</a> ·{' '}
        <a href={localePath(locale, '/disclosures/')}>{t('nav.disclosures')}</a> · <a href={localePath(locale, '/outcomes')}>{t('outcomes.title')}</a>
      </p>
    </Layout>
  );
}

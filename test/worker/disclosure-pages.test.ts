/// <reference types="vite/client" />
// `npm run content:import` loads today's YAML disclosures into D1, and the worker's pages then say
// what the Astro pages said: the rendered text of each disclosure (title, summary, facts, tables,
// notes; Chinese and English) is compared with the text of the pages the Astro site built before
// (test/fixtures/disclosures-astro.json, captured from dist/ when the site built them). The feed
// and search find them as before.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'node-html-parser';
import { planDisclosureImport } from '../../worker/tools/disclosures-import.ts';
import type { SourceFile } from '../../worker/tools/regulations-import.ts';
import astro from '../fixtures/disclosures-astro.json';
import { call } from './support.ts';
import { parse as yamlParse } from 'yaml';
import type { Disclosure } from '../../content/schemas.ts';
import { formatMoney } from '../../core/disclosure-format.ts';

const page = async (path: string) => parse(await (await call(path)).text());
const textOf = (el: { text: string } | null | undefined) => (el?.text ?? '').replace(/\s+/g, ' ').trim();
const disclosure = (id: string) => yamlParse(yaml[`../../content/seed/disclosures/${id}.yaml`]!, { schema: 'core' }) as Disclosure;
import { townDate } from '../../core/clock.ts';
import { villageAffairs } from '../../worker/services/disclosures.ts';
import { buildWeeklySheet } from '../../worker/services/rhythm.ts';
import { weekOf } from '../../core/stats/periods.ts';

vi.setConfig({ testTimeout: 60_000 });

const yaml = import.meta.glob('../../content/seed/disclosures/*/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const files: SourceFile[] = Object.entries(yaml).map(([path, text]) => ({ name: path.split('/').slice(-2).join('/'), text }));

async function runImport() {
  const plan = planDisclosureImport(files);
  expect(plan.errors).toEqual([]);
  await env.DB.batch(plan.statements.map((s) => env.DB.prepare(s)));
  return plan;
}

const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim() || null;

async function pageText(path: string) {
  const doc = parse(await (await call(path)).text());
  const t = (sel: string) => text(doc.querySelector(`main ${sel}`)?.text);
  return { title: t('h1'), lead: t('.lead'), facts: t('dl.facts'), tables: text(doc.querySelectorAll('main .table-wrap').map((e) => e.text).join(' ')), notes: t('ul.notes') };
}

beforeAll(async () => {
  await runImport();
});

describe('content:import of the disclosures', () => {
  it('reproduces the text of every disclosure page the Astro site built, in both languages', async () => {
    const fixture = astro as Record<string, Record<string, string | null>>;
    expect(Object.keys(fixture)).toHaveLength(files.length * 2);
    for (const [path, before] of Object.entries(fixture)) expect(await pageText(path), path).toEqual(before);
  });

  it('stores each as a published disclosure of its village, addressed <village>-<period>-<kind>', async () => {
    const row = await env.DB.prepare(`SELECT d.kind, d.village_id, d.issued, v.state, v.meta FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.slug = 'beishan-2026-q3-finances'`).first<{ kind: string; village_id: string; issued: string; state: string; meta: string }>();
    expect(row).toMatchObject({ kind: 'disclosure', village_id: 'beishan', state: 'published' });
    expect(JSON.parse(row!.meta)).toMatchObject({ village: 'beishan', kind: 'finances', period: '2026-Q3', published: row!.issued });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const snapshot = async () =>
      JSON.stringify([
        (await env.DB.prepare(`SELECT * FROM documents WHERE kind = 'disclosure' ORDER BY id`).all()).results,
        (await env.DB.prepare('SELECT * FROM document_versions ORDER BY document_id, seq').all()).results,
        (await env.DB.prepare('SELECT COUNT(*) AS n FROM document_audit').all()).results,
        (await env.DB.prepare('SELECT COUNT(*) AS n FROM search_terms').all()).results,
      ]);
    const before = await snapshot();
    await runImport();
    expect(await snapshot()).toBe(before);
  });

  it('refuses a file that does not validate, naming it, and plans nothing for it', () => {
    const plan = planDisclosureImport([{ name: 'qinglian/2026-10-finances.yaml', text: files[0]!.text.replace(/^kind: \w+$/m, 'kind: gossip') }]);
    expect(plan.errors.join('\n')).toContain('content/seed/disclosures/qinglian/2026-10-finances.yaml: kind');
    expect(plan.statements).toEqual([]);
  });
});

// As test/site/portal-pages.test.ts checked them of the Astro pages.
describe('a disclosure page', () => {
  it('shows its figures as tables with headers, captions and the totals added up', async () => {
    const data = disclosure('qinglian/2026-10-finances');
    const doc = (await page('/disclosures/qinglian/2026-10-finances/'));
    const tables = doc.querySelectorAll('main table');
    expect(tables.length).toBe(data.tables.length);
    data.tables.forEach((table, i) => {
      const html = tables[i]!;
      expect(textOf(html.querySelector('caption'))).toBe(table.caption['zh-CN']);
      expect(html.querySelectorAll('thead th[scope="col"]').length).toBe(table.columns.length);
      expect(html.querySelectorAll('tbody tr').length).toBe(table.rows.length);
      expect(html.querySelectorAll('tbody th[scope="row"]').length).toBe(table.rows.length);
      const sum = table.rows.reduce((n, row) => n + (row[1] as number), 0);
      expect(textOf(html.querySelector('tfoot td'))).toBe(formatMoney(sum));
      expect(textOf(html.querySelector('tbody td'))).toBe(formatMoney(table.rows[0]![1] as number));
    });
  });

  it('says when it was published and whether that was on time', async () => {
    expect(textOf((await page('/disclosures/qinglian/2026-10-finances/')).querySelector('dl.facts'))).toContain('按期公开（应于2026年11月10日前）');
    expect(textOf((await page('/disclosures/dongling/2026-q3-subsidies/')).querySelector('dl.facts'))).toContain('逾期公开（应于2026年10月10日前）');
    expect(textOf((await page('/en/disclosures/dongling/2026-q3-subsidies/')).querySelector('dl.facts'))).toContain('Published late (due by 10 October 2026)');
  });

  it('in English, marks the Chinese-only parts and says so', async () => {
    const untranslated = (await page('/en/disclosures/xiling/2026-08-20-decisions/'));
    expect(textOf(untranslated.querySelector('.untranslated'))).toBe('Parts of this page have no English translation yet and are shown in Chinese.');
    expect(untranslated.querySelector('caption span[lang="zh-CN"]')).not.toBeNull();
    expect((await page('/en/disclosures/qinglian/2026-10-finances/')).querySelector('.untranslated')).toBeNull();
  });
});

describe('the disclosures served by the worker', () => {
  it('answer 404 at an address with no disclosure, and an earlier version that does not exist', async () => {
    expect((await call('/disclosures/qinglian/2031-01-finances/')).status).toBe(404);
    expect((await call('/disclosures/qinglian/2026-10-finances/versions/2/')).status).toBe(404);
    expect((await call('/disclosures/nowhere/../../etc/')).status).toBe(404);
    // A village that does not exist: the built 404 page, not a failure.
    expect((await call('/villages/nowhere/')).status).toBe(404);
    expect((await call('/en/villages/nowhere/')).status).toBe(404);
  });

  it('carry the question form to the mailbox, with the disclosure named in a hidden field', async () => {
    const doc = parse(await (await call('/disclosures/qinglian/2026-10-finances/')).text());
    const form = doc.querySelector('form#disclosure-question')!;
    expect(form.getAttribute('action')).toBe('/mailbox');
    expect(form.querySelector('input[type=hidden][name=disclosure]')?.getAttribute('value')).toBe('qinglian-2026-10-finances');
    expect(text(form.querySelector('button')?.text)).toBe('对这项公开有疑问');
  });

  it('are in the RSS feed of each language, newest first, with absolute links', async () => {
    for (const [feed, prefix] of [['/disclosures/rss.xml', ''], ['/en/disclosures/rss.xml', '/en']] as const) {
      const res = await call(feed);
      expect(res.headers.get('content-type')).toContain('application/xml');
      const body = await res.text();
      const links = [...body.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => new URL(m[1]!).pathname);
      expect(links.sort()).toEqual(Object.keys(astro).filter((p) => p.startsWith(`${prefix}/disclosures/`) && (prefix || !p.startsWith('/en/'))).sort());
      expect(body).toContain(`<atom:link href="https://`);
      expect(body).toMatch(/<lastBuildDate>\w{3}, \d{2} \w{3} \d{4} 00:00:00 \+0800<\/lastBuildDate>/);
    }
    expect(await (await call('/en/disclosures/rss.xml')).text()).toMatch(/<title>[^<]* — Income and spending, /);
  });

  it('are found by search with the words people use (低保, 财务, subsidies)', async () => {
    for (const [q, path] of [['低保', '/disclosures/qinglian/2026-q3-subsidies/'], ['财务', '/disclosures/qinglian/2026-10-finances/']] as const) {
      const doc = parse(await (await call(`/search/?q=${encodeURIComponent(q)}`)).text());
      expect(doc.querySelectorAll('main a').map((a) => a.getAttribute('href')), q).toContain(path);
    }
    const en = parse(await (await call('/en/search/?q=subsidies')).text());
    expect(en.querySelectorAll('main a').map((a) => a.getAttribute('href'))).toContain('/en/disclosures/qinglian/2026-q3-subsidies/');
  });
});

describe('the village page, the disclosures page and the home page', () => {
  it('show the disclosures from D1, and a newly published one clears its overdue flag at once, in the weekly sheet too', async () => {
    const today = townDate(new Date());
    const affairs = (await villageAffairs(env.ASSETS, env.DB, today))!;
    expect(affairs).not.toBeNull();
    // Something overdue today (the demo's disclosures stop in 2026), as the village page and the weekly sheet say.
    const late = affairs.flatMap((a) => a.schedules.flatMap((s) => s.overdue.map((o) => ({ village: a.village, kind: s.kind, period: o.period }))))[0]!;
    expect(late).toBeDefined();
    const flags = async () => parse(await (await call(`/villages/${late.village}/`)).text()).querySelectorAll('section[aria-labelledby="affairs"] .flag-overdue').map((p) => text(p.text));
    const before = await flags();
    expect(before.length).toBeGreaterThan(0);
    const sheet = async () => (await buildWeeklySheet(env.DB, weekOf(new Date()), new Date(), env.ASSETS)).villages.find((v) => v.villageId === late.village)!.lateDisclosures!;
    expect(await sheet()).toContainEqual({ kind: late.kind, period: late.period });
    const index = async () => parse(await (await call('/disclosures/')).text()).querySelectorAll('section[aria-labelledby="overdue"] li').length;
    const listedBefore = await index();
    expect(listedBefore).toBeGreaterThan(0);

    // The liaison officer signs off the overdue disclosure (what the console's review writes): published now.
    const meta = { village: late.village, kind: late.kind, period: late.period, published: today, publishedBy: { 'zh-CN': '村民委员会' }, reviewedBy: { 'zh-CN': '村务监督委员会' }, summary: { 'zh-CN': '本期公开（测试）。' }, tables: [{ caption: { 'zh-CN': '收入' }, columns: [{ label: { 'zh-CN': '项目' }, type: 'text' }, { label: { 'zh-CN': '金额（元）' }, type: 'money' }], rows: [[{ 'zh-CN': '上级转移支付' }, 100]] }], notes: [] };
    const slug = `${late.village}-${late.period.toLowerCase()}-${late.kind}`;
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO documents (kind, slug, village_id, status, published_seq, issued, created_at) VALUES ('disclosure', ?1, ?2, 'in-force', 1, ?3, ?4)`).bind(slug, late.village, today, new Date().toISOString()),
      env.DB.prepare(`INSERT INTO document_versions (document_id, seq, state, meta, body_zh, published_at, updated_at) VALUES ((SELECT id FROM documents WHERE slug = ?1), 1, 'published', ?2, '', ?3, ?3)`).bind(slug, JSON.stringify(meta), new Date().toISOString()),
    ]);
    const after = await flags();
    expect(after.length).toBe(before.length - 1);
    expect(await sheet()).not.toContainEqual({ kind: late.kind, period: late.period });
    const page = parse(await (await call(`/villages/${late.village}/`)).text());
    expect(page.querySelectorAll('section[aria-labelledby="affairs"] .doc-list a').map((a) => a.getAttribute('href'))).toContain(`/disclosures/${late.village}/${late.period.toLowerCase()}-${late.kind}/`);
    expect(await index()).toBe(listedBefore - 1);
    const home = parse(await (await call('/')).text());
    expect(home.querySelectorAll('section[aria-labelledby="latest-disclosures"] .doc-list a')[0]?.getAttribute('href')).toBe(`/disclosures/${late.village}/${late.period.toLowerCase()}-${late.kind}/`);
  });
});

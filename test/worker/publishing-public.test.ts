// What residents see of a published regulation, through the worker as a browser asks: the page,
// the index, the home page's latest list, search, the feed and the sitemap; a correction keeps
// the earlier text readable with its 更正 note; a withdrawal leaves a notice and leaves search.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { approve, attach, saveDraft, startCorrection, submitForReview, withdraw } from '../../worker/services/publishing.ts';
import { loadTraditionalCharacters } from '../../worker/services/traditional-characters.ts';
import { call } from './support.ts';
import { actorWith, published, regulationForm } from './publishing-support.ts';

beforeAll(() => loadTraditionalCharacters(env.ASSETS));

const html = async (path: string, init?: RequestInit) => {
  const res = await call(path, init);
  return { res, doc: parse(await res.text()) };
};
const text = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('a regulation approved in the console', () => {
  it('is at once on its page, the index, the home page, search, the feed and the sitemap, in both languages', async () => {
    const { slug } = await published({ title_zh: '长岭镇村级小微权力清单（测试）', summary_zh: '列出村级小微权力事项及其办理流程。' });
    const page = await html(`/regulations/${slug}/`);
    expect(page.res.status).toBe(200);
    expect(text(page.doc.querySelector('h1')?.text)).toBe('长岭镇村级小微权力清单（测试）');
    expect(text(page.doc.querySelector('dl.facts')?.text)).toContain('长岭发〔2026〕12号');
    // Headings, a numbered list, emphasis and a table survive.
    const prose = page.doc.querySelector('.prose')!;
    expect(prose.querySelectorAll('h2').map((h) => h.text)).toEqual(['一、总则', '二、事项']);
    expect(prose.querySelector('ol li strong')?.text).toBe('低保评议。');
    expect(prose.querySelector('table td')?.text).toBe('补贴发放');
    expect(page.doc.querySelectorAll('script').map((s) => s.getAttribute('src'))).toEqual(['/scripts/frame.js']);
    // The English page says there is no translation, as today.
    const en = await html(`/en/regulations/${slug}/`);
    expect(text(en.doc.querySelector('.untranslated')?.text)).toBe('This document has no English translation yet; the Chinese text follows.');
    expect(en.doc.querySelector('h1')?.text).toContain('List of Small and Micro Powers');

    const index = await html('/regulations/');
    expect(index.doc.querySelectorAll('.doc-list a').map((a) => a.getAttribute('href'))).toContain(`/regulations/${slug}/`);
    const filtered = await html('/en/regulations/filter/in-force/clean-village/');
    expect(filtered.doc.querySelectorAll('.doc-list a').map((a) => a.getAttribute('href'))).toContain(`/en/regulations/${slug}/`);

    const home = await html('/');
    expect(home.res.status).toBe(200);
    const latest = home.doc.querySelector('section[aria-labelledby="latest-regulations"]')!;
    expect(latest.querySelectorAll('.doc-list a')[0]?.getAttribute('href')).toBe(`/regulations/${slug}/`);
    expect(home.doc.querySelector('section[aria-labelledby="latest-disclosures"] .doc-list')).not.toBeNull();

    for (const q of ['低保', '财务', '补贴', '小微权力']) {
      const found = await html(`/search/?q=${encodeURIComponent(q)}`);
      const hit = found.doc.querySelectorAll('#search-results li').find((li) => li.querySelector('a')?.getAttribute('href') === `/regulations/${slug}/`);
      expect(hit, q).toBeDefined();
      // The document's own text around the words found, marked.
      expect(hit!.querySelectorAll('.snippet mark').map((m) => m.text).join(''), q).toContain(q.slice(0, 2));
    }
    const english = await html(`/en/search/?q=${encodeURIComponent('Micro powers')}`);
    expect(english.doc.querySelectorAll('#search-results a').map((a) => a.getAttribute('href'))).toContain(`/en/regulations/${slug}/`);

    const feed = await (await call('/regulations/rss.xml')).text();
    expect(feed).toContain(`<link>https://qinglian.example.org/regulations/${slug}/</link>`);
    const sitemap = await (await call('/sitemap-documents.xml')).text();
    expect(sitemap).toContain(`<loc>https://qinglian.example.org/en/regulations/${slug}/</loc>`);
    expect(await (await call('/sitemap-index.xml')).text()).toContain('https://qinglian.example.org/sitemap-documents.xml');
  });

  it('answers 304 to a browser that holds the page, and a new page once anything is published', async () => {
    const { slug } = await published();
    const first = await call(`/regulations/${slug}/`);
    const tag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);
    const again = await call(`/regulations/${slug}/`, { headers: { 'if-none-match': tag } });
    expect(again.status).toBe(304);
    await published();
    expect((await call(`/regulations/${slug}/`, { headers: { 'if-none-match': tag } })).status).toBe(200);
  });

  it('does not show a draft or a document under review to anyone', async () => {
    const clerk = await actorWith('draft');
    const form = regulationForm();
    const saved = await saveDraft(env.DB, clerk, form);
    const id = saved.ok ? saved.value.id : 0;
    expect((await call(`/regulations/${form.slug}/`)).status).toBe(404);
    await submitForReview(env.DB, clerk, id);
    expect((await call(`/regulations/${form.slug}/`)).status).toBe(404);
    const found = await html(`/search/?q=${encodeURIComponent('小微权力')}`);
    expect(found.doc.querySelectorAll('#search-results a').map((a) => a.getAttribute('href'))).not.toContain(`/regulations/${form.slug}/`);
  });
});

describe('a correction', () => {
  it('is a new version with a public 更正 note; the earlier text stays readable at its own address', async () => {
    const doc = await published({ body_zh: '第一条 公示七天。' });
    const clerk = await actorWith('draft');
    const reviewer = await actorWith('approve');
    expect(await startCorrection(env.DB, clerk, doc.id, '第一条“七天”应为“十天”。')).toMatchObject({ ok: true });
    expect(await saveDraft(env.DB, clerk, { ...regulationForm({ slug: doc.slug, body_zh: '第一条 公示十天。' }), id: doc.id })).toMatchObject({ ok: true });
    // Until the correction is approved, the public text is the first one.
    expect(text((await html(`/regulations/${doc.slug}/`)).doc.querySelector('.prose')?.text)).toBe('第一条 公示七天。');
    expect(await submitForReview(env.DB, clerk, doc.id)).toMatchObject({ ok: true });
    expect(await approve(env.DB, reviewer, doc.id)).toMatchObject({ ok: true });
    const page = await html(`/regulations/${doc.slug}/`);
    expect(text(page.doc.querySelector('.prose')?.text)).toBe('第一条 公示十天。');
    expect(text(page.doc.querySelector('.correction')?.text)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日更正：第一条“七天”应为“十天”。$/);
    const earlierLink = page.doc.querySelectorAll('section[aria-labelledby="versions"] a').map((a) => a.getAttribute('href'));
    expect(earlierLink).toEqual([`/regulations/${doc.slug}/versions/1/`]);
    const earlier = await html(earlierLink[0]!);
    expect(earlier.res.status).toBe(200);
    expect(text(earlier.doc.querySelector('.prose')?.text)).toBe('第一条 公示七天。');
    expect(earlier.doc.querySelector('#earlier')?.text).toContain('后来已经更正');
    // Search finds the corrected text only.
    const found = await html(`/search/?q=${encodeURIComponent('十天')}`);
    expect(found.doc.querySelectorAll('#search-results a').map((a) => a.getAttribute('href'))).toContain(`/regulations/${doc.slug}/`);
  });
});

describe('a withdrawal', () => {
  it('leaves a dated notice with its reason at the same address, and leaves search and the lists at once', async () => {
    const doc = await published({ title_zh: '长岭镇撤回测试办法', body_zh: '第一条 关于撤回测试的专门规定。' });
    const before = await html(`/search/?q=${encodeURIComponent('撤回测试')}`);
    expect(before.doc.querySelectorAll('#search-results a').map((a) => a.getAttribute('href'))).toContain(`/regulations/${doc.slug}/`);
    expect(await withdraw(env.DB, doc.approver, doc.id, { 'zh-CN': '与上级新规定不一致，停止执行。', en: 'Inconsistent with new provincial rules.' })).toMatchObject({ ok: true });
    const page = await html(`/regulations/${doc.slug}/`);
    expect(page.res.status).toBe(410);
    expect(text(page.doc.querySelector('#status')?.text)).toMatch(/^已撤回 ?本文件已于\d{4}年\d{1,2}月\d{1,2}日撤回，不再公开。$/);
    expect(text(page.doc.querySelector('#withdrawal-reason')?.text)).toBe('撤回原因：与上级新规定不一致，停止执行。');
    expect(page.doc.querySelector('.prose')).toBeNull();
    expect(text((await html(`/en/regulations/${doc.slug}/`)).doc.querySelector('#withdrawal-reason')?.text)).toBe('Reason: Inconsistent with new provincial rules.');
    const after = await html(`/search/?q=${encodeURIComponent('撤回测试')}`);
    expect(after.doc.querySelectorAll('#search-results a').map((a) => a.getAttribute('href'))).not.toContain(`/regulations/${doc.slug}/`);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM search_terms WHERE document_id = ?1').bind(doc.id).first('n')).toBe(0);
    expect((await html('/regulations/')).doc.querySelectorAll('.doc-list a').map((a) => a.getAttribute('href'))).not.toContain(`/regulations/${doc.slug}/`);
    expect(await (await call('/regulations/rss.xml')).text()).not.toContain(`/regulations/${doc.slug}/`);
  });
});

describe('a page read again', () => {
  it('shows a withdrawal at once, though it was just read, in both languages and on the index', async () => {
    const doc = await published({ title_zh: '长岭镇再读撤回办法', body_zh: '第一条 关于再读撤回的专门规定。' });
    // Read as residents read it, more than once, before the withdrawal.
    for (const path of [`/regulations/${doc.slug}/`, `/en/regulations/${doc.slug}/`, '/regulations/']) {
      expect((await call(path)).status).toBe(200);
      expect((await call(path)).status).toBe(200);
    }
    expect(await withdraw(env.DB, doc.approver, doc.id, { 'zh-CN': '再读撤回。', en: 'Withdrawn after reading.' })).toMatchObject({ ok: true });
    const page = await html(`/regulations/${doc.slug}/`);
    expect(page.res.status).toBe(410);
    expect(page.doc.querySelector('.prose')).toBeNull();
    expect(text(page.doc.querySelector('#withdrawal-reason')?.text)).toBe('撤回原因：再读撤回。');
    expect((await call(`/en/regulations/${doc.slug}/`)).status).toBe(410);
    expect((await html('/regulations/')).doc.querySelectorAll('.doc-list a').map((a) => a.getAttribute('href'))).not.toContain(`/regulations/${doc.slug}/`);
  });
});

describe('attachments', () => {
  const pdf = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

  it('are served under the hash of their bytes, once published, with Content-Disposition, nosniff, and asked for again before each use (a withdrawal takes them off caches)', async () => {
    const clerk = await actorWith('draft');
    const form = regulationForm({ attachmentLabel_zh: '签发文件扫描件' });
    const saved = await saveDraft(env.DB, clerk, form);
    const id = saved.ok ? saved.value.id : 0;
    const stored = await attach(env.DB, env.FILES, clerk, id, { bytes: pdf });
    const sha = stored.ok ? stored.value.sha : '';
    // A draft's attachment is nobody's to fetch.
    expect((await call(`/attachments/${sha}.pdf`)).status).toBe(404);
    await submitForReview(env.DB, clerk, id);
    await approve(env.DB, await actorWith('approve'), id);
    const page = await html(`/regulations/${form.slug}/`);
    expect(page.doc.querySelector('a[type="application/pdf"]')?.getAttribute('href')).toBe(`/attachments/${sha}.pdf`);
    const res = await call(`/attachments/${sha}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="[0-9a-f]{16}\.pdf"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    expect((await call(`/attachments/${'0'.repeat(64)}.pdf`)).status).toBe(404);
    expect((await call('/attachments/../wrangler.toml')).status).toBe(404);
  });
});

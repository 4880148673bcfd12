import { describe, expect, it } from 'vitest';
import { servedByWorker } from '../../worker/http/routing.ts';
import { call } from './support.ts';

const big = 'x'.repeat(70_000);

describe('every request reaches the worker, which hands static pages to the assets and refuses what they cannot take', () => {
  for (const [method, path] of [['PUT', '/'], ['OPTIONS', '/'], ['DELETE', '/regulations/'], ['POST', '/villages/'], ['PATCH', '/nowhere'], ['PUT', '/en/stats/']] as const) {
    it(`${method} ${path} with a large unread body is a 405 page in the path's language`, async () => {
      const res = await call(path, { method, body: big, headers: { 'content-type': 'text/plain' } });
      const html = await res.text();
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(html).toContain(path.startsWith('/en/') ? 'nothing can be sent to it' : '这个页面只能查看，不能提交内容。');
    });
  }

  it('GET and HEAD of a static page are the built file (npm test builds dist/ first)', async () => {
    const page = await call('/regulations/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('制度文件');
    const head = await call('/en/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await call('/no-such-page/')).status).toBe(404);
  });

  it('a form post to the mailbox still reaches the mailbox, not the 405', async () => {
    const res = await call('/mailbox', { method: 'POST', body: 'village=', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).not.toBe(405);
  });

  it('the worker answers exactly its own paths', () => {
    for (const path of ['/api/public/stats.json', '/open311/v2/services.json', '/staff', '/en/staff/cases', '/mailbox', '/en/track', '/outcomes/rss.xml', '/en/notices/2026-11', '/assessments', '/', '/en/', '/regulations/', '/en/regulations/x/', '/search/', '/attachments/ab.pdf', '/sitemap-index.xml', '/villages/', '/en/villages', '/villages/nanhe/', '/disclosures/', '/en/disclosures/beishan/2026-q3-finances/', '/elder-mode']) {
      expect(servedByWorker(path), path).toBe(true);
    }
    for (const path of ['/stats/', '/villagesx/', '/regulationsx/', '/mailboxes', '/en/apis', '/searching/', '/scripts/proof.js', '/files/clean-village-opinions-2023.pdf', '/sitemap-0.xml', '/english/']) {
      expect(servedByWorker(path), path).toBe(false);
    }
  });
});

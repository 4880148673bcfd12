// The pages the worker renders carry what search engines and browsers look for in the head.
import { describe, expect, it } from 'vitest';
import { call, ORIGIN } from './support.ts';

describe('every page the worker renders', () => {
  it('has a description and an icon of its own, so the browser asks for no /favicon.ico', async () => {
    for (const path of ['/mailbox', '/en/mailbox', '/track', '/outcomes', '/en/outcomes', '/notices']) {
      const html = await (await call(path)).text();
      expect(html, path).toMatch(/<meta name="description" content="[^"]{20,}"\/?>/);
      expect(html, path).toContain('<link rel="icon" href="data:,"');
    }
    expect(await (await call('/en/mailbox')).text()).toContain('content="This portal publishes the regulations');
  });
});

describe('the head of a worker page, the same as a portal page’s (core/frame.tsx)', () => {
  const SITE = 'https://qinglian.example.org';

  it('names its canonical address and its other language absolutely, and the two feeds', async () => {
    const html = await (await call('/en/mailbox')).text();
    expect(html).toContain(`<link rel="canonical" href="${SITE}/en/mailbox">`);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${SITE}/en/mailbox">`);
    expect(html).toContain(`<link rel="alternate" hreflang="zh-CN" href="${SITE}/mailbox">`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${SITE}/mailbox">`);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Regulations RSS feed" href="/en/regulations/rss.xml">');
  });

  it('keeps the staff console out of search engines, with no canonical address or language alternates', async () => {
    const html = await (await call('/staff/sign-in')).text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).not.toContain('rel="canonical"');
    expect(html).not.toMatch(/<link rel="alternate" hreflang=/);
  });

  it('answers a form sent to an address that is no valid path on the site with its page, never a 500, its addresses kept on the site', async () => {
    // The static files answer a GET for such an address with a redirect; any other method is the worker's (405).
    for (const address of [`${ORIGIN}//[x`, `${ORIGIN}//elsewhere.example/page`]) {
      const response = await call(address, { method: 'POST' });
      expect(response.status, address).toBe(405);
      const html = await response.text();
      const hrefs = [...html.matchAll(/<link rel="(?:canonical|alternate)" hreflang="[^"]+" href="([^"]+)"|<link rel="canonical" href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
      expect(hrefs.length, address).toBeGreaterThan(0);
      for (const href of hrefs) expect(href?.startsWith(`${SITE}/`), `${address}: ${href}`).toBe(true);
    }
  });
});

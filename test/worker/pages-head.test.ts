// The pages the worker renders carry what search engines and browsers look for in the head.
import { describe, expect, it } from 'vitest';
import { call } from './support.ts';

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

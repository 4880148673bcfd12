/**
 * The worker carries no UI strings: it reads them from its static assets once per isolate
 * (worker/services/ui-strings.ts). Played as a visitor arriving at an isolate that has not read
 * them yet: with the file there, every page reads as always; while it cannot be read, the answer
 * is a short 503 in both languages, never a 500 and never a page with keys in place of words.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { ui } from '../../content/ui.ts';

/** The worker as a fresh isolate loads it: its modules anew, no strings registered yet. */
async function freshWorker() {
  vi.resetModules();
  const translate = await import('../../content/translate.ts');
  const worker = (await import('../../worker/index.ts')).default;
  return { worker, hasStrings: translate.hasStrings };
}

const ctx = () => ({ waitUntil() {}, passThroughOnException() {}, props: {} }) as unknown as ExecutionContext;
const failingAssets = { fetch: async () => new Response('gone', { status: 404 }) } as unknown as Fetcher;

describe('the UI strings, read from the static assets', () => {
  it('are the table of content/ui.ts, in both languages', async () => {
    const res = await env.ASSETS.fetch(new Request('https://assets.invalid/data/ui-strings.json'));
    expect(res.ok).toBe(true);
    expect(await res.json()).toEqual(ui);
  });

  it('are read on the first request of a fresh isolate, which then answers its pages in each language', async () => {
    const { worker, hasStrings } = await freshWorker();
    expect(hasStrings()).toBe(false);
    const zh = await worker.fetch!(new Request('https://example.org/track', { method: 'GET' }) as never, env, ctx());
    expect(hasStrings()).toBe(true);
    expect(zh.status).toBe(200);
    expect(await zh.text()).toContain(ui['zh-CN']['track.title']);
    const en = await worker.fetch!(new Request('https://example.org/en/track') as never, env, ctx());
    expect(await en.text()).toContain(ui.en['track.title']);
  });

  it('while they cannot be read, a page, a form, the JSON API and Open311 answer 503 in both languages, not 500', async () => {
    const { worker, hasStrings } = await freshWorker();
    const broken = { ...env, ASSETS: failingAssets };
    const requests: [method: string, path: string][] = [['GET', '/track'], ['GET', '/en/outcomes'], ['GET', '/api/cases/QL-0000-0000'], ['GET', '/open311/v2/services.json'], ['POST', '/track'], ['POST', '/about']];
    for (const [method, path] of requests) {
      const res = await worker.fetch!(new Request(`https://example.org${path}`, { method, headers: { origin: 'https://example.org' } }) as never, broken, ctx());
      expect(res.status, path).toBe(503);
      const text = await res.text();
      expect(text, path).toContain('服务暂时不可用');
      expect(text, path).toContain('briefly unavailable');
    }
    expect(hasStrings()).toBe(false);
    // The next request tries again, and reads them once the file is there.
    const res = await worker.fetch!(new Request('https://example.org/track') as never, env, ctx());
    expect(res.status).toBe(200);
  });
});

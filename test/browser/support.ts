/** Helpers of the browser tests: the system's Chromium, where the site is served, accessibility and layout checks. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { DEMO_STAFF } from '../../worker/demo/cases.ts';

/** Where Chromium is expected: CHROMIUM_PATH, else Debian's package (checked by the global setup). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** A headless Chromium that does not call home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The address `wrangler dev` serves the whole site on, e.g. http://127.0.0.1:41234. */
export function baseURL(): string {
  return inject('baseURL');
}

/** One violation of an accessibility rule, as axe-core reports it, shortened for a failure message. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.x A and AA, and its best practices) on the page as it stands. The
 * script is evaluated through the DevTools protocol, so the page's strict CSP does not stop it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/**
 * Elements that stick out past the right edge of the window (a page wider than a phone), not
 * counting those inside a box that scrolls sideways on purpose, such as a wide table.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsSideways = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true;
      }
      return false;
    };
    const offenders: string[] = [];
    if (document.documentElement.scrollWidth > width) offenders.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1 || scrollsSideways(el.parentElement)) continue;
      offenders.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} ends at ${Math.round(box.right)}px`);
    }
    return offenders;
  });
}

/**
 * One Chromium for a test file: launched before its tests, closed after them with every context
 * it opened. `newPage` opens a page in a fresh context (its own cookies and storage); `timeoutMs`
 * is how long its steps may wait (a committee member's browser derives keys with PBKDF2).
 */
export function browserSession(defaults: BrowserContextOptions = {}, timeoutMs = 15_000) {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
  });
  return {
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      const context = await browser!.newContext({ baseURL: baseURL(), ...defaults, ...options });
      contexts.push(context);
      context.setDefaultTimeout(timeoutMs);
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      return page;
    },
  };
}

/** Signs in to the staff console and waits for where the account lands (the queue, or a clerk's 本村公开). */
export async function staffSignIn(page: Page, username: string, password: string, lands: RegExp = /\/staff\/cases$/): Promise<void> {
  await page.goto(`${baseURL()}/staff/sign-in`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('main form button[type=submit]');
  await page.waitForURL(lands);
}

/** Signs `page` in as one of the demo accounts (README lists them) and waits for where it lands. */
export function signInAs(page: Page, username: string, lands?: RegExp): Promise<void> {
  const account = DEMO_STAFF.find((s) => s.username === username)!;
  return staffSignIn(page, account.username, account.password, lands);
}

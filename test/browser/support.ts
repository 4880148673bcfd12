/** Helpers of the browser tests: the system's Chromium, and where the site is served. */
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

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

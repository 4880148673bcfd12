/**
 * Writes dist/_headers so static pages carry the same security headers as the worker's pages
 * (Workers Static Assets read that file); one list, in core/security-headers.ts.
 *
 * The search pages alone may also compile WebAssembly ('wasm-unsafe-eval', which allows no eval
 * of JavaScript): Pagefind searches its index with it. They drop the site-wide policy ("! name")
 * and carry the widened one.
 */
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { SECURITY_HEADERS } from '../../core/security-headers.ts';

const CSP = 'Content-Security-Policy';
/** The search pages, and Pagefind's files (its web worker runs under its own script's policy). */
export const SEARCH_PATHS = ['/search/', '/en/search/', '/pagefind/*'];

/** The site-wide policy with WebAssembly allowed for scripts. */
export function searchPolicy(policy: string): string {
  return policy.replace(/script-src ([^;]*)/, "script-src $1 'wasm-unsafe-eval'");
}

/** The text of dist/_headers. */
export function headersFile(headers: Record<string, string> = SECURITY_HEADERS): string {
  const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  const search = SEARCH_PATHS.map((path) => `${path}\n  ! ${CSP}\n  ${CSP}: ${searchPolicy(headers[CSP] ?? "script-src 'self'")}\n`);
  return `/*\n${lines.join('\n')}\n${search.join('')}`;
}

export function securityHeaders(): AstroIntegration {
  return {
    name: 'qinglian:security-headers',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await writeFile(new URL('_headers', dir), headersFile());
      },
    },
  };
}

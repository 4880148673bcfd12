/**
 * Writes dist/_headers so static pages carry the same security headers as the worker's pages
 * (Workers Static Assets read that file); one list, in worker/http/headers.ts.
 */
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { SECURITY_HEADERS } from '../../worker/http/headers.ts';

export function securityHeaders(): AstroIntegration {
  return {
    name: 'qinglian:security-headers',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
        await writeFile(new URL('_headers', dir), `/*\n${lines.join('\n')}\n`);
      },
    },
  };
}

/**
 * Writes dist/_headers so static pages carry the same security headers as the worker's pages
 * (Workers Static Assets read that file); one list, in core/security-headers.ts. No static page
 * compiles WebAssembly any more: search is answered by the worker (worker/routes/documents.tsx).
 */
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';
import { SECURITY_HEADERS } from '../../core/security-headers.ts';

/** The text of dist/_headers. */
export function headersFile(headers: Record<string, string> = SECURITY_HEADERS): string {
  const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  return `/*\n${lines.join('\n')}\n`;
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

/**
 * Astro writes only the root 404 page as 404.html; the English one comes out as en/404/index.html.
 * Workers Static Assets answer a missing path with the nearest 404.html, so it becomes
 * en/404.html: a missing /en/… page is then answered in English first.
 */
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';

export function localized404(prefixes: string[] = ['en']): AstroIntegration {
  return {
    name: 'qinglian:localized-404',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        for (const prefix of prefixes) {
          const built = new URL(`${prefix}/404/index.html`, dir);
          if (!existsSync(built)) continue;
          await rename(built, new URL(`${prefix}/404.html`, dir));
          await rm(new URL(`${prefix}/404/`, dir), { recursive: true });
        }
      },
    },
  };
}

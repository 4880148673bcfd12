// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { generateSettings } from './content/generate.ts';
import { localized404 } from './site/integrations/localized-404.ts';
import { securityHeaders } from './site/integrations/security-headers.ts';

// The town's settings files (town, workflow, calendar, …) are validated as the config loads and
// written to content/generated/settings.ts, which the site and the worker import: a wrong date in
// content/calendar.json stops every build (and `astro sync`), naming the file and the field.
generateSettings();
const { portal } = await import('./content/index.ts');

// The portal is static: Workers Static Assets serve dist/, the worker handles the rest.
// `npm run build` runs Pagefind over dist/ afterwards for the site search.
export default defineConfig({
  site: portal.siteUrl,
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  i18n: {
    defaultLocale: 'zh-CN',
    locales: ['zh-CN', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  vite: {
    build: {
      rollupOptions: {
        // Astro 7 + MDX: a harmless warning per MDX file (withastro/astro#18087) would bury the build log.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  integrations: [
    mdx(),
    sitemap({
      i18n: { defaultLocale: 'zh', locales: { zh: 'zh-CN', en: 'en' } },
      // The filtered lists repeat the index, and a missing page is no page.
      filter: (page) => !/\/regulations\/filter\/|\/404\/?$/.test(page),
      // Pages the worker renders: the mailbox, the query page and the published outcomes.
      customPages: ['/mailbox', '/track', '/outcomes', '/en/mailbox', '/en/track', '/en/outcomes'].map((path) => new URL(path, portal.siteUrl).href),
    }),
    securityHeaders(),
    localized404(),
  ],
});

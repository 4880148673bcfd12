// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { securityHeaders } from './site/integrations/security-headers.ts';

// The portal is static: Workers Static Assets serve dist/, the worker handles the rest.
export default defineConfig({
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
  integrations: [mdx(), securityHeaders()],
});

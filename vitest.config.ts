/**
 * Three test projects, run by `npm test` after the type-check and the site build:
 * - worker: inside workerd (@cloudflare/vitest-plugin), migrations applied to a real local D1;
 * - site: checks the built portal in dist/;
 * - browser: a real Chromium against the whole thing served by `wrangler dev`.
 */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { generateSettings } from './content/generate.ts';
import { writeWorkerAssets } from './worker/tools/worker-assets.ts';
import { TEST_OPEN311_KEY, TEST_QUERY_CODE_KEY } from './test/worker/test-key.ts';


/**
 * What the worker imports or reads before `npm run build` has made dist/: the validated settings
 * (content/generated/settings.ts) and the data it reads from its static assets on first use.
 */
function prepare() {
  generateSettings();
  writeWorkerAssets({ onlyMissing: true });
}

export default defineConfig(async () => {
  prepare();
  const migrations = await readD1Migrations('./worker/migrations');
  return {
    test: {
      // The JSON report lets .ci/run print one plain "N passed, N failed" line.
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, QUERY_CODE_KEY: TEST_QUERY_CODE_KEY, OPEN311_API_KEYS: `test-program:${TEST_OPEN311_KEY}` },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['test/worker/**/*.test.{ts,tsx}'],
            setupFiles: ['test/worker/load-strings.ts', 'test/worker/apply-migrations.ts'],
          },
        },
        {
          test: { name: 'site', include: ['test/site/**/*.test.ts'], environment: 'node' },
        },
        {
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['test/browser/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 60_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});

// The worker as it is uploaded: within its budget (200 KB gzip, worker/tools/bundle-size.ts), and starting without a single zod
// parse, the settings having been validated at build time (content/generate.ts). The same
// measures as `npm run bench:bundle` (worker/tools/bundle-size.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUDGET_GZIP_BYTES, dryRun, ROOT, zodParsesAtStartUp } from '../../worker/tools/bundle-size.ts';

const dir = mkdtempSync(join(tmpdir(), 'qinglian-bundle-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the worker’s upload', () => {
  it('is within its budget (200 KB gzip), without the lists it reads from its static assets nor any library’s locales', { timeout: 120_000 }, () => {
    const upload = dryRun(join(ROOT, 'wrangler.toml'), join(dir, 'worker'));
    expect(upload.gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    const parts = upload.parts.map(([part]) => part);
    expect(parts).not.toContain('@zxcvbn-ts/language-common');
    expect(parts).not.toContain('opencc-js');
    // zod/mini may validate requests; zod's messages in other languages have no place here.
    expect(upload.files.filter((file) => /node_modules\/.*\/locales?\//.test(file))).toEqual([]);
  });

  it('starts without parsing anything with zod', { timeout: 120_000 }, async () => {
    expect(await zodParsesAtStartUp(dir)).toBe(0);
  });
});

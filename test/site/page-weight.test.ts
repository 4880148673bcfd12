// The page-weight budget: the script the suite runs over the build, and that it can fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetsOf, DEFAULT_BUDGET } from '../../site/tools/page-weight.ts';
import { DIST, htmlFiles, ROOT } from './support.ts';

const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'site/tools/page-weight.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

const fixtures: string[] = [];
afterAll(() => fixtures.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the page-weight budget', () => {
  it('holds for every built page: at most 50 KB compressed with its CSS and JavaScript', () => {
    const { status, stdout, stderr } = run('--dist', DIST);
    console.log(stdout);
    expect(stderr).toBe('');
    expect(status, stdout).toBe(0);
    expect(DEFAULT_BUDGET).toBe(50_000);
    for (const file of htmlFiles()) expect(stdout, file).toMatch(new RegExp(`^${`/${file.replace(/index\.html$/, '')}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\d+\\.\\d KB`, 'm'));
    expect(stdout).toMatch(/^OK: \d+ pages, all within 50\.0 KB/m);
  });

  it('counts stylesheets, scripts and module preloads, not links to other pages', () => {
    const html =
      '<link rel="stylesheet" href="/a.css"><link rel="alternate" href="/en/"><link rel="modulepreload" href="/m.js">' +
      '<link rel="icon" href="data:,"><script type="module" src="/s.js"></script><script src="https://cdn.example/x.js"></script>';
    expect(assetsOf(html)).toEqual({ css: ['/a.css'], js: ['/m.js', '/s.js'] });
  });

  it('fails, naming the page, when one is over or refers to a missing file', () => {
    const dist = mkdtempSync(join(tmpdir(), 'qinglian-weight-'));
    fixtures.push(dist);
    mkdirSync(join(dist, 'heavy'));
    // Random-looking text compresses badly: about 60 KB even after gzip.
    const noise = Array.from({ length: 12_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(' ');
    writeFileSync(join(dist, 'heavy/index.html'), `<!doctype html><p>${noise}</p>`);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><link rel="stylesheet" href="/gone.css"><p>light</p>');
    const { status, stdout } = run('--dist', dist);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^\/heavy\/\s+\d+\.\d KB .*OVER BUDGET$/m);
    expect(stdout).toMatch(/^\/\s+.*missing: \/gone\.css$/m);
    expect(stdout).toMatch(/^FAIL: 1 page\(s\) over the budget of 50\.0 KB, 1 page\(s\) referring to missing files\.$/m);
  });
});

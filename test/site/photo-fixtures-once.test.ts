// The photo fixtures are built once, in test/helpers/photo-fixtures.ts, and every test that sends or
// reads a photo imports that file: the worker's tests (in workerd) as well as the site's and the
// browser tests' (in Node), so it may use nothing only one of those runtimes has.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.ts';

const FIXTURES = 'test/helpers/photo-fixtures.ts';

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(posix.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [posix.join(dir, e.name)] : []));
}

describe('the photo fixtures', () => {
  const tests = files('test');

  it('exist once', () => {
    expect(tests.filter((f) => /\/photo-fixtures\.tsx?$/.test(f))).toEqual([FIXTURES]);
  });

  it('are what every test that needs photos imports, worker, site and browser tests alike', () => {
    const importers = new Map<string, string>();
    for (const file of tests) {
      for (const [, spec] of readFileSync(join(ROOT, file), 'utf8').matchAll(/from '([^']*photo-fixtures[^']*)'/g)) {
        importers.set(file, relative(ROOT, join(ROOT, dirname(file), spec!)).split('\\').join('/'));
      }
    }
    expect([...new Set(importers.values())]).toEqual([FIXTURES]);
    for (const folder of ['test/worker/', 'test/site/', 'test/browser/']) expect([...importers.keys()].some((f) => f.startsWith(folder)), folder).toBe(true);
  });

  it('use nothing that workerd lacks (no node: modules, no Buffer)', () => {
    const source = readFileSync(join(ROOT, FIXTURES), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
    expect(source).not.toMatch(/from 'node:|\bBuffer\b/);
  });
});

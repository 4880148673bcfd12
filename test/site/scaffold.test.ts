// npm run new:disclosure: the files it writes pass the build. (Regulations are published from the
// console; content/regulations/ is the import format of npm run content:import, tested there.)
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosureSchema, validate } from '../../content/schemas.ts';
import { astroSync, loadContent, projectCopy, ROOT } from './support.ts';

let copy: string;
beforeAll(() => {
  copy = projectCopy();
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs a scaffolding command on the copy's content, without a terminal (so it cannot ask). */
function scaffold(tool: 'new-disclosure', ...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, `site/tools/${tool}.ts`), '--content', join(copy, 'content'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run new:disclosure', () => {
  it('writes a disclosure with the standard tables of its kind', () => {
    const { status, stdout } = scaffold('new-disclosure', '--village', 'nanhe', '--kind', 'finances', '--period', '2026-10', '--published', '2026-11-09');
    expect(status).toBe(0);
    const file = join(copy, 'content/disclosures/nanhe/2026-10-finances.yaml');
    expect(stdout).toContain(`Wrote ${file}`);
    const { data, problems } = validate(disclosureSchema, parse(readFileSync(file, 'utf8'), { schema: 'core' }), file);
    expect(problems).toEqual([]);
    expect(data!.tables.map((t) => t.caption['zh-CN'])).toEqual(['收入', '支出']);
  });

  it('refuses a period that does not fit the kind and the village', () => {
    const { status, stderr } = scaffold('new-disclosure', '--village', 'nanhe', '--kind', 'assets', '--period', '2026-10', '--published', '2026-11-09');
    expect(status).toBe(1);
    expect(stderr).toContain('2026-10-assets.yaml: period: assets of nanhe are disclosed quarterly: write a quarter, e.g. 2026-Q3');
  });

  it('writes files the build accepts', { timeout: 120_000 }, () => {
    expect(scaffold('new-disclosure', '--village', 'beishan', '--kind', 'decisions', '--period', '2026-11-18', '--published', '2026-11-20').status).toBe(0);
    const { status, output } = astroSync(copy);
    expect(output).not.toContain('Error');
    expect(status).toBe(0);
    // …and the checks across files the build makes when it renders the pages.
    expect(loadContent(join(copy, 'content')).problems).toEqual([]);
  });
});

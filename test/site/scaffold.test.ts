// npm run new:regulation and npm run new:disclosure: the files they write pass the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disclosureSchema, regulationSchema, validate } from '../../content/schemas.ts';
import { astroSync, loadContent, projectCopy, ROOT } from './support.ts';

let copy: string;
beforeAll(() => {
  copy = projectCopy();
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs a scaffolding command on the copy's content, without a terminal (so it cannot ask). */
function scaffold(tool: 'new-regulation' | 'new-disclosure', ...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, `site/tools/${tool}.ts`), '--content', join(copy, 'content'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const frontmatter = (text: string) => parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]!, { schema: 'core' });

const REGULATION = [
  '--id', 'duty-roster-rules',
  '--title', '长岭镇村干部值班制度（示例文本）',
  '--number', '长岭发〔2026〕21号',
  '--issuer', '中共长岭镇委员会（示例）',
  '--issued', '2026-12-01',
  '--effective', '2026-12-15',
  '--category', 'working-rules',
  '--summary', '规定村干部在便民服务站轮流值班。',
  '--amends', 'rural-cadre-management',
];

describe('npm run new:regulation', () => {
  it('writes a regulation from flags, and marks the one it amends', () => {
    const { status, stdout, stderr } = scaffold('new-regulation', ...REGULATION);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const file = join(copy, 'content/regulations/duty-roster-rules.mdx');
    expect(stdout).toContain(`Wrote ${file}`);
    const { data, problems } = validate(regulationSchema, frontmatter(readFileSync(file, 'utf8')), file);
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ docNumber: '长岭发〔2026〕21号', status: 'in-force', amends: 'rural-cadre-management', effective: '2026-12-15' });
    expect(data!.history.map((h) => h.date)).toEqual(['2026-12-01', '2026-12-15']);

    const amended = readFileSync(join(copy, 'content/regulations/rural-cadre-management.mdx'), 'utf8');
    const old = validate(regulationSchema, frontmatter(amended), 'amended');
    expect(old.problems).toEqual([]);
    expect(old.data!.status).toBe('amended');
    expect(old.data!.history.at(-1)).toEqual({
      date: '2026-12-01',
      change: { 'zh-CN': '由《长岭镇村干部值班制度（示例文本）》（长岭发〔2026〕21号）修订', en: 'Amended by 长岭镇村干部值班制度（示例文本） (长岭发〔2026〕21号)' },
    });
    expect(amended).toContain('## 第一章　总则'); // the text below the frontmatter is kept
  });

  it('refuses what the build would refuse, naming the field, and writes nothing', () => {
    const wrong = REGULATION.map((v) => (v === 'duty-roster-rules' ? 'bad-rules' : v === '长岭发〔2026〕21号' ? '长岭发2026年21号' : v === '2026-12-15' ? '2026-02-30' : v));
    const { status, stderr } = scaffold('new-regulation', ...wrong);
    expect(status).toBe(1);
    expect(stderr).toContain('bad-rules.mdx: docNumber: a document number (文号) such as');
    expect(stderr).toContain('bad-rules.mdx: effective: this day does not exist on the calendar');
    expect(existsSync(join(copy, 'content/regulations/bad-rules.mdx'))).toBe(false);
  });

  it('without a terminal, lists the flags that are missing', () => {
    const { status, stderr } = scaffold('new-regulation', '--id', 'x-rules', '--title', '标题');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^Missing: --number \(文号/);
    expect(stderr).toContain('--issued');
    expect(stderr).not.toContain('--title (');
  });

  it('never overwrites a regulation', () => {
    const { status, stderr } = scaffold('new-regulation', ...REGULATION.map((v) => (v === 'duty-roster-rules' ? 'liaison-station-rules' : v)));
    expect(status).toBe(1);
    expect(stderr).toContain('liaison-station-rules.mdx already exists');
  });
});

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

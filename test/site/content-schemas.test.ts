// The town's published words: what a clerk can get wrong, and how the build says so.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { town } from '../../content/index.ts';
import { disclosureSchema, isCivilDate, regulationSchema, validate, type Disclosure, type Regulation, type VillageProfile } from '../../content/schemas.ts';
import { checkPages, checkRegulations, checkVillages, type Entry } from '../../site/lib/content-checks.ts';
import { checkDisclosures } from '../../worker/tools/disclosure-seed.ts';
import { astroSync, contentData, loadContent, projectCopy, ROOT } from './support.ts';

const CONTENT = join(ROOT, 'content');

/** A content file's data as the build reads it (YAML core schema: dates stay as written). */
const readData = (file: string): unknown => contentData(file.replace(/^content\//, ''));

describe('the sample content', () => {
  const { regulations, villages, problems } = loadContent();

  it('passes every schema and every check across files', () => {
    expect(problems).toEqual([]);
    expect(regulations.length).toBeGreaterThanOrEqual(6);
  });

  it('has the three documents the article names, the scheduling, notification and assessment rules, and marks every one a sample', () => {
    const titles = regulations.map((r) => r.data.title['zh-CN']);
    for (const named of ['创建“清廉村居”实施意见', '农村干部管理规定', '高质量发展综合绩效考评方案', '周调度、月通报、季考核']) {
      expect(titles.some((t) => t.includes(named)), named).toBe(true);
    }
    for (const r of regulations) expect(r.data.title['zh-CN'], r.filePath).toContain('示例文本');
    expect(new Set(regulations.map((r) => r.data.status))).toEqual(new Set(['in-force', 'amended', 'repealed']));
  });

  it('has a profile for every village, with liaison officers named by public role and marked as samples', () => {
    expect(villages.map((v) => v.data.village).sort()).toEqual(town.villages.map((v) => v.id).sort());
    for (const v of villages) {
      expect(v.data.station.officers.length, v.filePath).toBeGreaterThanOrEqual(3);
      for (const o of v.data.station.officers) expect(o.role['zh-CN'], v.filePath).toMatch(/^(联络站站长|联络员)（.*示例）$/);
    }
  });

  it('contains no phone number, ID number or email address anywhere but the stations’ and offices’ sample numbers', () => {
    const all = readdirSync(CONTENT, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(mdx|yaml|json)$/.test(f));
    for (const file of all) {
      // A liaison station's telephone is public by nature, and so are the town offices' (town.json
      // `contacts`); the sample's are 0731-5555xxxx, marked as samples where they are shown.
      const stationPhone = /^  phone: 0731-5555\d{4}  # 示例号码 sample number$/m;
      const officePhone = file === 'town.json' ? /^ {6}"phone": "0731-5555\d{4}",$/gm : /$^/;
      const text = readFileSync(join(CONTENT, file), 'utf8').replace(stationPhone, '').replace(officePhone, '');
      expect(text, file).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/); // mobile
      expect(text, file).not.toMatch(/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/); // landline
      expect(text, file).not.toMatch(/(?<![\d-])\d{17}[\dXx](?![\d-])/); // resident ID
      expect(text, file).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
  });
});

describe('a regulation', () => {
  const good = readData('content/regulations/rural-cadre-management.mdx') as Record<string, unknown>;
  const problems = (change: Record<string, unknown>) => validate(regulationSchema, { ...good, ...change }, 'content/regulations/x.mdx').problems;

  it('needs a document number written with its year in 〔〕 matching the issue date', () => {
    const { docNumber: _, ...without } = good;
    expect(validate(regulationSchema, without, 'content/regulations/x.mdx').problems).toEqual([
      { file: 'content/regulations/x.mdx', field: 'docNumber', message: expect.stringContaining('document number (文号) is required') },
    ]);
    expect(problems({ docNumber: '长岭发2021年14号' })[0]).toMatchObject({ field: 'docNumber' });
    expect(problems({ docNumber: '长岭发〔2020〕14号' })[0]).toMatchObject({ field: 'docNumber', message: expect.stringContaining('differs from the issue date') });
  });

  it('refuses dates that do not exist and a regulation in effect before it is issued', () => {
    expect(problems({ issued: '2021-02-30' })[0]).toMatchObject({ field: 'issued', message: 'this day does not exist on the calendar' });
    expect(problems({ effective: '2021-6-30' })[0]).toMatchObject({ field: 'effective' });
    expect(problems({ effective: '2021-06-01' })[0]).toMatchObject({ field: 'effective', message: expect.stringContaining('before it is issued') });
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2026-02-29')).toBe(false);
  });

  it('refuses an unknown status, an unknown field such as a person’s name, and a history out of order', () => {
    expect(problems({ status: 'draft' })[0]).toMatchObject({ field: 'status' });
    expect(problems({ signedBy: '某某' })[0]).toMatchObject({ message: expect.stringContaining('signedBy') });
    const history = [...(good.history as unknown[])].reverse();
    expect(problems({ history })[0]).toMatchObject({ field: 'history.1.date' });
  });
});

describe('checks across files', () => {
  const regulation = (id: string, data: Partial<Regulation>): Entry<Regulation> => ({
    id,
    filePath: `content/regulations/${id}.mdx`,
    data: { ...(readData('content/regulations/rural-cadre-management.mdx') as Regulation), ...data },
  });

  it('require what a regulation amends or replaces to exist and to be marked amended or repealed', () => {
    const problems = checkRegulations(
      [regulation('new', { amends: 'old', replaces: 'gone' }), regulation('old', { status: 'in-force' })],
      [{ id: 'nothing', filePath: 'content/regulations/en/nothing.mdx' }],
      () => false,
    );
    expect(problems).toEqual([
      { file: 'content/regulations/old.mdx', field: 'status', message: 'is "in-force", but new amends it: write "amended"' },
      { file: 'content/regulations/new.mdx', field: 'replaces', message: 'no regulation content/regulations/gone.mdx' },
      { file: 'content/regulations/en/nothing.mdx', field: '', message: 'translates content/regulations/nothing.mdx, which does not exist' },
    ]);
    const attached = regulation('a', { attachment: { file: 'files/a.pdf', label: { 'zh-CN': '附件' } } });
    expect(checkRegulations([attached], [], () => false)).toEqual([
      { file: 'content/regulations/a.mdx', field: 'attachment.file', message: 'site/public/files/a.pdf does not exist' },
    ]);
  });

  it('require a seed disclosure’s period to fit its kind and village, its file name to say so, and publication after the period', () => {
    const profile = readData('content/villages/qinglian.yaml') as VillageProfile;
    const base = readData('content/seed/disclosures/qinglian/2026-10-finances.yaml') as Disclosure;
    const entry = (id: string, data: Partial<Disclosure>) => ({ id, filePath: `content/seed/disclosures/${id}.yaml`, data: { ...base, ...data } });
    expect(
      checkDisclosures(
        [
          entry('qinglian/2026-q3-finances', { period: '2026-Q3' }),
          entry('qinglian/2026-10-assets', { kind: 'assets' }),
          entry('qinglian/2026-11-finances', { period: '2026-11', published: '2026-11-20' }),
          entry('qinglian/october', {}),
        ],
        [profile],
      ),
    ).toEqual([
      { file: 'content/seed/disclosures/qinglian/2026-q3-finances.yaml', field: 'period', message: 'finances of qinglian are disclosed monthly: write a month, e.g. 2026-10' },
      { file: 'content/seed/disclosures/qinglian/2026-10-assets.yaml', field: 'period', message: 'assets of qinglian are disclosed quarterly: write a quarter, e.g. 2026-Q3' },
      { file: 'content/seed/disclosures/qinglian/2026-11-finances.yaml', field: 'published', message: '2026-11-20 is before the period ends (2026-11-30)' },
      {
        file: 'content/seed/disclosures/qinglian/october.yaml',
        field: '',
        message: 'name the file content/seed/disclosures/qinglian/2026-10-finances.yaml, after its village, period and kind',
      },
    ]);
  });

  it('require a profile for every village and both languages of every portal page', () => {
    expect(checkVillages([]).map((p) => p.file)).toEqual(town.villages.map((v) => `content/villages/${v.id}.yaml`));
    expect(checkPages(['privacy', 'en/privacy', 'process'])).toEqual([
      { file: 'content/pages/en/process.mdx', field: '', message: 'missing: process.mdx has no counterpart' },
    ]);
  });

  it('turn a plain string in a table’s text column into untranslated Chinese', () => {
    const base = readData('content/seed/disclosures/qinglian/2026-10-finances.yaml') as Disclosure;
    const table = { ...base.tables[0]!, rows: [['村干部报酬', 100]] };
    const { data, problems } = validate(disclosureSchema, { ...base, tables: [table] }, 'x.yaml');
    expect(problems).toEqual([]);
    expect(data!.tables[0]!.rows[0]).toEqual([{ 'zh-CN': '村干部报酬' }, 100]);
    const wrong = validate(disclosureSchema, { ...base, tables: [{ ...table, rows: [['村干部报酬', '一百']] }] }, 'x.yaml');
    expect(wrong.problems[0]).toMatchObject({ field: 'tables.0.rows.0.1', message: 'a money column needs a number' });
  });
});

describe('the build, given a broken file', () => {
  const fixtures: string[] = [];
  afterAll(() => {
    for (const dir of fixtures) rmSync(dir, { recursive: true, force: true });
  });

  it('fails on a regulation without a document number, naming the file and the field', { timeout: 120_000 }, () => {
    const root = projectCopy();
    fixtures.push(root);
    const file = join(root, 'content/regulations/rural-cadre-management.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^docNumber: .*\n/m, ''));
    const { status, output } = astroSync(root);
    expect(status).not.toBe(0);
    expect(output).toContain('content/regulations/rural-cadre-management.mdx');
    expect(output).toMatch(/docNumber: the document number \(文号\) is required/);
  });

  it('fails on a working-day calendar with a weekday as an adjusted working day, naming the file and the field', { timeout: 120_000 }, () => {
    const root = projectCopy();
    fixtures.push(root);
    const file = join(root, 'content/calendar.json');
    const calendar = JSON.parse(readFileSync(file, 'utf8'));
    calendar.years['2027'] = { notice: '示例通知（测试用，不是真实安排）', holidays: ['2027-10-01'], adjustedWorkdays: ['2027-10-11'] };
    writeFileSync(file, JSON.stringify(calendar));
    const { status, output } = astroSync(root);
    expect(status).not.toBe(0);
    expect(output).toContain('content/calendar.json: years.2027.adjustedWorkdays.0: 2027-10-11 is a weekday');
  });

  it('leaves the seed’s disclosures to content:import, whose schema refuses one published on a day that does not exist, naming the file and the field', () => {
    const file = 'content/seed/disclosures/nanhe/2026-09-finances.yaml';
    const data = { ...(readData(file) as Disclosure), published: '2026-09-31' };
    expect(validate(disclosureSchema, data, file).problems).toEqual([expect.objectContaining({ file, field: 'published', message: expect.stringMatching(/this day does not exist on the calendar/) })]);
  });
});

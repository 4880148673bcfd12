/**
 * npm run new:disclosure — writes content/disclosures/<village>/<period>-<kind>.yaml with the
 * standard tables of that kind, ready for the figures, checked against the same schema and the
 * same cadence rules as the build (a monthly village's finances need a month, and so on).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isMap, isSeq, parse, visit } from 'yaml';
import { town } from '../../content/index.ts';
import { DISCLOSURE_KINDS, disclosureSchema, validate, villageSchema, type DisclosureKind } from '../../content/schemas.ts';
import { checkDisclosures } from '../lib/content-checks.ts';
import { dateIn } from '../lib/format.ts';
import { fail, refuseIf, start, writeNew, type Question } from './cli.ts';

const USAGE = `npm run new:disclosure -- --village <${town.villages.map((v) => v.id).join('|')}>
    --kind <${DISCLOSURE_KINDS.join('|')}> --period <2026-11 | 2026-Q4 | 2026-11-20>
    [--published <YYYY-MM-DD>, default today] [--content <dir>]
Without flags it asks. Then replace the zeros and the （ ） placeholders with the real figures.`;

const QUESTIONS: Question[] = [
  { flag: 'village', prompt: `村 village: ${town.villages.map((v) => v.id).join(', ')}` },
  { flag: 'kind', prompt: `公开内容 kind: ${DISCLOSURE_KINDS.join(', ')}` },
  { flag: 'period', prompt: '所属期间 period: 月 2026-11, 季度 2026-Q4, 或事项日期 2026-11-20' },
  { flag: 'published', prompt: '公开日期 published on (YYYY-MM-DD)', fallback: dateIn(town.timeZone) },
];

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const column = (zh: string, en: string, type: 'text' | 'money' | 'number' | 'date' = 'text') => ({ label: L(zh, en), type });
const items = (...pairs: [string, string][]) => pairs.map(([zh, en]) => [L(zh, en), 0]);
const TOTAL = L('合计', 'Total');

/** The standard tables of each kind, with zeros and placeholders where the figures go. */
export const TEMPLATES: Record<DisclosureKind, { summary: ReturnType<typeof L>; tables: unknown[] }> = {
  finances: {
    summary: L('本期集体财务收支情况。', 'The village collective’s income and spending for the period.'),
    tables: [
      {
        caption: L('收入', 'Income'),
        columns: [column('项目', 'Item'), column('金额（元）', 'Amount (yuan)', 'money')],
        rows: items(['上级转移支付', 'Transfers from higher levels'], ['村集体经营收入', 'Collective business income'], ['发包及上交收入', 'Contracting and remittance income'], ['其他收入', 'Other income']),
        total: TOTAL,
      },
      {
        caption: L('支出', 'Spending'),
        columns: [column('项目', 'Item'), column('金额（元）', 'Amount (yuan)', 'money')],
        rows: items(['村干部报酬', 'Pay of village cadres'], ['办公费', 'Office costs'], ['公益事业支出', 'Public-welfare works'], ['其他支出', 'Other spending']),
        total: TOTAL,
      },
    ],
  },
  assets: {
    summary: L('集体资产资源的经营和收益情况。', 'How the collective assets and resources are used and what they earn.'),
    tables: [
      {
        caption: L('集体资产资源', 'Collective assets and resources'),
        columns: [column('名称', 'Asset or resource'), column('数量', 'Size'), column('经营方式', 'How it is used'), column('本期收益（元）', 'Income this period (yuan)', 'money')],
        rows: [[L('（名称）', '(name)'), L('（数量）', '(size)'), L('（经营方式）', '(how it is used)'), 0]],
        total: TOTAL,
      },
    ],
  },
  subsidies: {
    summary: L('本期惠农补贴和救助资金发放汇总，按户汇总，不公布个人信息。', 'Subsidies and relief paid this period, in totals by household; no personal details.'),
    tables: [
      {
        caption: L('补贴补助和救助资金', 'Subsidies and relief funds'),
        columns: [column('项目', 'Scheme'), column('发放户数', 'Households', 'number'), column('发放金额（元）', 'Amount paid (yuan)', 'money')],
        rows: items(['耕地地力保护补贴', 'Farmland fertility protection subsidy'], ['临时救助', 'Temporary relief']).map(([item]) => [item, 0, 0]),
        total: TOTAL,
      },
    ],
  },
  projects: {
    summary: L('（项目名称）的预算、资金来源和承建单位。', 'Budget, funding and contractor of (the project).'),
    tables: [
      {
        caption: L('项目概况', 'The project'),
        columns: [column('项目', 'Item'), column('内容', 'Details')],
        rows: [
          [L('项目名称', 'Project'), L('（项目名称）', '(project)')],
          [L('建设内容', 'Works'), L('（建设内容）', '(works)')],
          [L('承建单位', 'Contractor'), L('（单位名称，不写个人姓名）', '(company, never a person’s name)')],
          [L('确定方式', 'How chosen'), L('（招标方式）', '(how it was tendered)')],
        ],
      },
      {
        caption: L('资金来源', 'Funding'),
        columns: [column('来源', 'Source'), column('金额（元）', 'Amount (yuan)', 'money')],
        rows: items(['上级资金', 'Higher-level funds'], ['村集体自筹', 'Village collective funds']),
        total: TOTAL,
      },
    ],
  },
  decisions: {
    summary: L('村民代表会议决定事项。', 'Decisions of the villagers’ representatives’ meeting.'),
    tables: [
      {
        caption: L('决定事项', 'Decisions'),
        columns: [column('决定事项', 'Decision'), column('应到人数', 'Members', 'number'), column('实到人数', 'Present', 'number'), column('同意', 'For', 'number'), column('执行情况', 'Carried out')],
        rows: [[L('（决定事项）', '(decision)'), 0, 0, 0, L('（执行情况）', '(how it is carried out)')]],
      },
    ],
  },
};

/** The disclosure's data, from the answers. */
export function disclosureFrom(a: Record<string, string>): Record<string, unknown> {
  const template = TEMPLATES[a.kind as DisclosureKind];
  return {
    village: a.village,
    kind: a.kind,
    period: a.period,
    published: a.published,
    publishedBy: L('村民委员会', 'Villagers’ committee'),
    reviewedBy: L('村务监督委员会', 'Village affairs supervision committee'),
    summary: template?.summary ?? L('（摘要）', '(summary)'),
    tables: template?.tables ?? [],
  };
}

/** YAML a clerk can fill in: one line per table row and per column label. */
function toYaml(data: Record<string, unknown>, village: string): string {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_, pair) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (key === 'rows' && isSeq(pair.value)) for (const row of pair.value.items) (row as { flow: boolean }).flow = true;
      if (key === 'label' && isMap(pair.value)) pair.value.flow = true;
    },
  });
  const name = town.villages.find((v) => v.id === village)?.name['zh-CN'] ?? village;
  return `# ${name}村务公开。把 0 和（ ）里的占位文字换成实际数字和内容；不写村民个人的姓名和电话。\n${doc.toString({ lineWidth: 0, flowCollectionPadding: true })}`;
}

async function main(): Promise<void> {
  const { answers: a, content } = await start(QUESTIONS, USAGE);
  if (!town.villages.some((v) => v.id === a.village)) fail(`--village: "${a.village}" is not one of ${town.villages.map((v) => v.id).join(', ')}`);
  const file = join(content, 'disclosures', a.village!, `${a.period}-${a.kind}.yaml`);
  const profileFile = join(content, 'villages', `${a.village}.yaml`);
  const profile = validate(villageSchema, parse(readFileSync(profileFile, 'utf8'), { schema: 'core' }), profileFile);
  refuseIf(profile.problems, profileFile);
  const { data, problems } = validate(disclosureSchema, disclosureFrom(a), file);
  if (data) {
    const id = `${a.village}/${a.period!.toLowerCase()}-${a.kind}`;
    problems.push(...checkDisclosures([{ id, filePath: file, data }], [{ id: a.village!, filePath: profileFile, data: profile.data! }]));
  }
  refuseIf(problems, file);
  writeNew(file, toYaml(disclosureFrom(a), a.village!));
  console.log(`Wrote ${file}\nNext: fill in the figures, then npm run build.`);
}

await main();

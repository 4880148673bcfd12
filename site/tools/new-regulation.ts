/**
 * npm run new:regulation — writes content/regulations/<id>.mdx for a newly issued regulation,
 * from flags or from questions, checked against the same schema as the build. When the new
 * regulation amends or replaces another, that one is marked amended or repealed, with a line
 * added to its history.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { REGULATION_CATEGORIES, regulationSchema, validate, type Regulation } from '../../content/schemas.ts';
import { fail, refuseIf, start, writeNew, type Question } from './cli.ts';

const USAGE = `npm run new:regulation -- --id <file-name> --title <标题> --number <文号> --issuer <发文机关>
    --issued <YYYY-MM-DD> [--effective <YYYY-MM-DD>] --category <${REGULATION_CATEGORIES.join('|')}>
    --summary <摘要> [--title-en …] [--summary-en …] [--issuer-en …]
    [--amends <id> | --replaces <id>] [--body-file <text file>] [--content <dir>]
Without flags it asks. The text goes below the --- line of the new file (or comes from --body-file).`;

const QUESTIONS: Question[] = [
  { flag: 'id', prompt: '文件名（小写字母、数字、连字符） file name, e.g. duty-roster-rules' },
  { flag: 'title', prompt: '文件标题 title' },
  { flag: 'title-en', prompt: '英文标题 English title', optional: true },
  { flag: 'number', prompt: '文号 document number, e.g. 长岭发〔2026〕3号' },
  { flag: 'issuer', prompt: '发文机关 issued by' },
  { flag: 'issuer-en', prompt: '发文机关英文 issued by, in English', optional: true },
  { flag: 'issued', prompt: '印发日期 issued on (YYYY-MM-DD)' },
  { flag: 'effective', prompt: '施行日期 in effect from (YYYY-MM-DD), empty = issue date', optional: true },
  { flag: 'category', prompt: `类别 category: ${REGULATION_CATEGORIES.join(', ')}` },
  { flag: 'summary', prompt: '一两句话的摘要 summary' },
  { flag: 'summary-en', prompt: '英文摘要 summary in English', optional: true },
  { flag: 'amends', prompt: '修订哪份文件（文件名） amends (file name)', optional: true },
  { flag: 'replaces', prompt: '取代哪份文件（文件名） replaces (file name)', optional: true },
  { flag: 'body-file', prompt: '正文文本文件 text file with the body', optional: true },
];

const localized = (zh: string, en?: string) => (en ? { 'zh-CN': zh, en } : { 'zh-CN': zh });

/** The frontmatter of the new regulation, from the answers. */
export function regulationFrom(a: Record<string, string>): Record<string, unknown> {
  const effective = a.effective || a.issued;
  return {
    title: localized(a.title!, a['title-en']),
    docNumber: a.number,
    issuer: localized(a.issuer!, a['issuer-en']),
    issued: a.issued,
    effective,
    status: 'in-force',
    category: a.category,
    ...(a.amends ? { amends: a.amends } : {}),
    ...(a.replaces ? { replaces: a.replaces } : {}),
    summary: localized(a.summary!, a['summary-en']),
    history: [
      { date: a.issued, change: localized('印发', 'Issued') },
      ...(effective !== a.issued ? [{ date: effective, change: localized('施行', 'Took effect') }] : []),
    ],
  };
}

/** Marks the regulation at `path` amended or repealed by the new one, keeping its file as written. */
function markSuperseded(path: string, how: 'amends' | 'replaces', by: Regulation): void {
  const text = readFileSync(path, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match) fail(`${path} has no frontmatter between --- lines.`);
  const doc = parseDocument(match[1]!);
  doc.set('status', how === 'amends' ? 'amended' : 'repealed');
  const verb = how === 'amends' ? ['修订', 'Amended'] : ['废止', 'Repealed'];
  const history = doc.get('history') as { add: (item: unknown) => void } | undefined;
  const change = localized(`由《${by.title['zh-CN']}》（${by.docNumber}）${verb[0]}`, `${verb[1]} by ${by.title.en ?? by.title['zh-CN']} (${by.docNumber})`);
  history?.add(doc.createNode({ date: by.issued, change }));
  writeFileSync(path, `---\n${doc.toString({ lineWidth: 0 })}---${text.slice(match[0].length)}`);
}

async function main(): Promise<void> {
  const { answers, content } = await start(QUESTIONS, USAGE);
  if (!/^[a-z][a-z0-9-]{1,59}$/.test(answers.id ?? '')) fail(`--id: "${answers.id}" must be lower-case letters, digits and hyphens, e.g. duty-roster-rules`);
  const file = join(content, 'regulations', `${answers.id}.mdx`);
  const { data, problems } = validate(regulationSchema, regulationFrom(answers), file);
  for (const field of ['amends', 'replaces'] as const) {
    const target = answers[field];
    if (target && !existsSync(join(content, 'regulations', `${target}.mdx`))) {
      problems.push({ file, field, message: `no regulation ${join(content, 'regulations', `${target}.mdx`)}` });
    }
  }
  refuseIf(problems, file);
  const body = answers['body-file'] ? readFileSync(answers['body-file'], 'utf8').trim() : '（在这里写正文，替换这一行。）';
  writeNew(file, `---\n${stringify(data, { lineWidth: 0 })}---\n\n${body}\n`);
  console.log(`Wrote ${file}`);
  for (const how of ['amends', 'replaces'] as const) {
    const target = answers[how];
    if (!target) continue;
    const path = join(content, 'regulations', `${target}.mdx`);
    markSuperseded(path, how, data!);
    console.log(`Marked ${path} ${how === 'amends' ? 'amended' : 'repealed'}`);
  }
  console.log(`Next: check the text in ${file}; an English translation goes in ${join(content, 'regulations', 'en', `${answers.id}.mdx`)}; then npm run build.`);
}

await main();

/**
 * Demo entries of the liaison station performance record form, for the local database: three
 * weeks of supervision by the demo officers of 清廉村 and 东岭村, one reported to the discipline
 * committee, one reviewed. Invented, marked as samples, about no real person.
 */
import type { EntryContent } from '../cases/record-form.ts';

interface DemoEntry extends EntryContent {
  key: string;
  officer: 'qinglian' | 'dongling';
  review?: { comment: string | null; at: string };
}

const ENTRIES: DemoEntry[] = [
  {
    key: 'q1',
    officer: 'qinglian',
    date: '2026-11-03',
    focus: 'decisions',
    matter: '（示例）耕地地力保护补贴发放',
    findings: '（示例）抽查十户补贴到账情况，均已按公示面积足额发放。',
    actions: '（示例）向村委会反馈抽查结果，提醒在公开栏保留公示一个月。',
    reported: false,
    followUp: '（示例）11月10日复查公开栏，公示仍在。',
    review: { comment: '（示例）记录完整。', at: '2026-11-12T02:00:00.000Z' },
  },
  {
    key: 'q2',
    officer: 'qinglian',
    date: '2026-11-10',
    focus: 'power',
    matter: '（示例）村道硬化项目“四议两公开”',
    findings: '（示例）村民代表会议记录缺少两名代表签字。',
    actions: '（示例）请村委会补齐签字，并在下次会议前核对到会名单。',
    reported: false,
    followUp: '',
  },
  {
    key: 'q3',
    officer: 'qinglian',
    date: '2026-11-17',
    focus: 'integrity',
    matter: '（示例）低保评议中村干部亲属情况',
    findings: '（示例）群众反映有村干部亲属不符合条件却被评上低保，需进一步核实。',
    actions: '（示例）当日报告镇纪委、监察办公室，未向评议对象透露反映人。',
    reported: true,
    followUp: '（示例）等待镇纪委核查结果。',
  },
  {
    key: 'd1',
    officer: 'dongling',
    date: '2026-11-05',
    focus: 'decisions',
    matter: '（示例）农村人居环境整治任务落实',
    findings: '（示例）三个村民小组的垃圾收集点已按计划建成，一处尚未清运。',
    actions: '（示例）联系保洁员当日清运，并请村委会明确清运频次。',
    reported: false,
    followUp: '（示例）11月12日复查，已按每周两次清运。',
  },
  {
    key: 'd2',
    officer: 'dongling',
    date: '2026-11-19',
    focus: 'power',
    matter: '（示例）集体鱼塘承包合同公开',
    findings: '（示例）合同已公开，但承包费收缴情况未在村务公开栏列出。',
    actions: '（示例）提醒村报账员在本月村务公开中列出收缴明细。',
    reported: false,
    followUp: '',
  },
];

const quote = (value: string | null) => (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);
const officerId = (username: string) => `(SELECT id FROM staff_users WHERE username = ${quote(username)})`;

/** Demo entries of the liaison station performance record form, as SQL for the local database. */
export function recordsDemoSql(): string[] {
  return ENTRIES.map(
    (e) =>
      `INSERT INTO record_entries (client_id, village_id, officer_id, entry_date, focus, matter, findings, actions, reported, follow_up,
         reviewed_by, reviewed_at, review_comment, created_at)
       VALUES (${quote(`demo-record-${e.key}`)}, ${quote(e.officer)}, ${officerId(e.officer)}, ${quote(e.date)}, ${quote(e.focus)}, ${quote(e.matter)},
         ${quote(e.findings)}, ${quote(e.actions)}, ${e.reported ? 1 : 0}, ${quote(e.followUp)},
         ${e.review ? officerId('admin') : 'NULL'}, ${quote(e.review?.at ?? null)}, ${quote(e.review?.comment ?? null)}, ${quote(`${e.date}T09:00:00.000Z`)})
       ON CONFLICT (client_id) DO NOTHING;`,
  );
}

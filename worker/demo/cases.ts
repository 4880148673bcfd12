/**
 * Demo data for local use only (`npm start`): staff accounts for each role and a few cases in
 * different states. Invented, marked as samples, about no real person. The query codes and
 * passwords are public on purpose (README lists them); real codes are random and shown once.
 */
import type { Role } from '../cases/access.ts';
import type { CaseStatus } from '../cases/status.ts';
import type { Right } from '../cases/rights.ts';

export interface DemoStaff {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  villageId: string | null;
  /** Rights granted at set-up over the account's scope: the town's documents, or its village's disclosures (worker/cases/rights.ts). */
  rights?: Right[];
}

export const DEMO_STAFF: DemoStaff[] = [
  { username: 'admin', password: 'admin-demo-2026', displayName: '镇管理员（示例）', role: 'admin', villageId: null, rights: ['draft', 'approve'] },
  { username: 'handler', password: 'handler-demo-2026', displayName: '镇党政办工作人员（示例）', role: 'handler', villageId: null, rights: ['draft', 'approve'] },
  { username: 'qinglian', password: 'qinglian-demo-2026', displayName: '清廉村联络员（示例）', role: 'liaison', villageId: 'qinglian', rights: ['approve'] },
  { username: 'qinglian-clerk', password: 'qinglian-clerk-demo-2026', displayName: '清廉村文书（示例）', role: 'clerk', villageId: 'qinglian', rights: ['draft'] },
  { username: 'dongling', password: 'dongling-demo-2026', displayName: '东岭村联络员（示例）', role: 'liaison', villageId: 'dongling' },
  { username: 'discipline', password: 'plum rain over the tea hills', displayName: '镇纪委工作人员（示例）', role: 'discipline', villageId: null },
];

/** The demo committee key's recovery key (local demo data only; a real one is random and printed once). */
export const DEMO_RECOVERY_KEY = 'DEM0-REC0-VERY-KEY0-0000-0000-0000-0001';

export interface DemoEvent {
  kind: string;
  /** 'resident', 'system' or 'staff:<username>' of a demo account. */
  actor: string;
  publicMessage: string | null;
  internalNote: string | null;
  at: string;
  data?: Record<string, string | number>;
}

/** A published outcome of a demo case. */
export interface DemoOutcome {
  problem: string;
  action: string;
  outcome: string;
  publishedBy: string;
  publishedAt: string;
}

export interface DemoCase {
  caseNumber: string;
  queryCode: string;
  villageId: string;
  categoryId: string;
  subject: string;
  description: string;
  status: CaseStatus;
  discipline: boolean;
  createdAt: string;
  acceptDueAt: string;
  acceptedAt: string | null;
  dueAt: string | null;
  timeLimitDays: number | null;
  closedAt: string | null;
  events: DemoEvent[];
  outcome?: DemoOutcome;
}

const submitted = (at: string): DemoEvent => ({ kind: 'submitted', actor: 'resident', publicMessage: null, internalNote: null, at });

export const DEMO_CASES: DemoCase[] = [
  {
    caseNumber: 'CL-2026-000001',
    queryCode: 'DEM0-CASE-0000-0001',
    villageId: 'qinglian',
    categoryId: 'demand',
    subject: '（示例）村东路灯不亮',
    description: '（示例）村东头通往学校的路上有三盏路灯一直不亮，晚上学生放学走路不安全，希望尽快修好。',
    status: 'closed',
    discipline: false,
    createdAt: '2026-11-02T01:20:00.000Z',
    acceptDueAt: '2026-11-03T15:59:59.000Z',
    acceptedAt: '2026-11-02T02:05:00.000Z',
    dueAt: null,
    timeLimitDays: null,
    closedAt: '2026-11-02T09:00:00.000Z',
    events: [
      submitted('2026-11-02T01:20:00.000Z'),
      { kind: 'accept', actor: 'staff:qinglian', publicMessage: '（示例）您反映的问题已受理，联络员已联系村电工。', internalNote: null, at: '2026-11-02T02:05:00.000Z' },
      {
        kind: 'resolve_at_once',
        actor: 'staff:qinglian',
        publicMessage: '（示例）村电工当天更换了三盏路灯的灯泡，已恢复照明。感谢您的反映。',
        internalNote: '（示例）材料费从村公共照明维护费中列支。',
        at: '2026-11-02T08:30:00.000Z',
      },
      { kind: 'close', actor: 'staff:qinglian', publicMessage: '（示例）本件已办结。欢迎您对办理结果进行评价。', internalNote: null, at: '2026-11-02T09:00:00.000Z' },
    ],
    outcome: {
      problem: '（示例）村内通往学校的道路有路灯损坏，夜间通行不安全。',
      action: '（示例）村联络员当天受理并联系村电工，当天更换了损坏的灯泡。',
      outcome: '（示例）路灯已恢复照明，用时不到1个工作日。',
      publishedBy: 'handler',
      publishedAt: '2026-11-03T02:00:00.000Z',
    },
  },
  {
    caseNumber: 'CL-2026-000002',
    queryCode: 'DEM0-CASE-0000-0002',
    villageId: 'dongling',
    categoryId: 'suggestion',
    subject: '（示例）建议公开村集体收入明细',
    description: '（示例）建议村里每个季度在公开栏和网上公开集体土地承包费的收入明细，方便大家监督。',
    status: 'received',
    discipline: false,
    createdAt: '2026-11-25T06:40:00.000Z',
    acceptDueAt: '2026-11-26T15:59:59.000Z',
    acceptedAt: null,
    dueAt: null,
    timeLimitDays: null,
    closedAt: null,
    events: [submitted('2026-11-25T06:40:00.000Z')],
  },
  {
    caseNumber: 'CL-2026-000003',
    queryCode: 'DEM0-CASE-0000-0003',
    villageId: 'qinglian',
    categoryId: 'complaint',
    subject: '（示例）便民服务点办事要跑好几趟',
    description: '（示例）到村便民服务点办理医保缴费证明，材料清单没有一次说清，前后跑了三趟。',
    status: 'in_progress',
    discipline: false,
    createdAt: '2026-11-19T00:30:00.000Z',
    acceptDueAt: '2026-11-20T15:59:59.000Z',
    acceptedAt: '2026-11-19T03:00:00.000Z',
    dueAt: '2026-11-26T15:59:59.000Z',
    timeLimitDays: 5,
    closedAt: null,
    events: [
      submitted('2026-11-19T00:30:00.000Z'),
      { kind: 'accept', actor: 'staff:qinglian', publicMessage: '（示例）已受理，正在核实情况。', internalNote: null, at: '2026-11-19T03:00:00.000Z' },
      {
        kind: 'set_time_limit',
        actor: 'staff:qinglian',
        publicMessage: '（示例）需要和镇社保所一起整理一次性告知清单，5个工作日内办结并答复您。',
        internalNote: '（示例）已约镇社保所周三对接。',
        at: '2026-11-19T03:10:00.000Z',
        data: { workingDays: 5, dueAt: '2026-11-26T15:59:59.000Z' },
      },
    ],
  },
  {
    caseNumber: 'CL-2026-000004',
    queryCode: 'DEM0-CASE-0000-0004',
    villageId: 'qinglian',
    categoryId: 'cadre-report',
    subject: '（示例）反映村干部优亲厚友问题',
    description: '（示例）反映今年低保评议中，村里有干部亲属不符合条件却被评上。（此为演示数据，不涉及任何真实人员。）',
    status: 'escalated',
    discipline: true,
    createdAt: '2026-11-24T02:00:00.000Z',
    acceptDueAt: '2026-11-25T15:59:59.000Z',
    acceptedAt: '2026-11-24T02:00:00.000Z',
    dueAt: null,
    timeLimitDays: null,
    closedAt: null,
    events: [
      submitted('2026-11-24T02:00:00.000Z'),
      { kind: 'escalate', actor: 'system', publicMessage: '您反映的问题线索已直接转镇纪委、监察办公室办理。', internalNote: null, at: '2026-11-24T02:00:00.000Z' },
    ],
  },
];

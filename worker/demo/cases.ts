/**
 * Demo cases for local use only (`npm start`). Invented, marked as samples, about no real person.
 * Their query codes are public on purpose (README lists them) so a developer can try the query
 * page; real codes are random and shown once.
 */
export interface DemoCase {
  caseNumber: string;
  queryCode: string;
  villageId: string;
  categoryId: string;
  subject: string;
  description: string;
  status: string;
  createdAt: string;
  acceptDueAt: string;
  dueAt: string | null;
  events: { kind: string; actor: string; publicMessage: string | null; internalNote: string | null; at: string }[];
}

export const DEMO_CASES: DemoCase[] = [
  {
    caseNumber: 'CL-2026-000001',
    queryCode: 'DEM0-CASE-0000-0001',
    villageId: 'qinglian',
    categoryId: 'demand',
    subject: '（示例）村东路灯不亮',
    description: '（示例）村东头通往学校的路上有三盏路灯一直不亮，晚上学生放学走路不安全，希望尽快修好。',
    status: 'resolved_at_once',
    createdAt: '2026-11-02T01:20:00.000Z',
    acceptDueAt: '2026-11-03T15:59:59.000Z',
    dueAt: null,
    events: [
      { kind: 'submitted', actor: 'resident', publicMessage: null, internalNote: null, at: '2026-11-02T01:20:00.000Z' },
      {
        kind: 'accepted',
        actor: 'system',
        publicMessage: '（示例）您反映的问题已受理，联络员已联系村电工。',
        internalNote: null,
        at: '2026-11-02T02:05:00.000Z',
      },
      {
        kind: 'resolved_at_once',
        actor: 'system',
        publicMessage: '（示例）村电工当天更换了三盏路灯的灯泡，已恢复照明。感谢您的反映。',
        internalNote: null,
        at: '2026-11-02T08:30:00.000Z',
      },
    ],
  },
  {
    caseNumber: 'CL-2026-000002',
    queryCode: 'DEM0-CASE-0000-0002',
    villageId: 'dongling',
    categoryId: 'suggestion',
    subject: '（示例）建议公开村集体收入明细',
    description: '（示例）建议村里每个季度在公开栏和网上公开集体土地承包费的收入明细，方便大家监督。',
    status: 'received',
    createdAt: '2026-11-25T06:40:00.000Z',
    acceptDueAt: '2026-11-26T15:59:59.000Z',
    dueAt: null,
    events: [{ kind: 'submitted', actor: 'resident', publicMessage: null, internalNote: null, at: '2026-11-25T06:40:00.000Z' }],
  },
];

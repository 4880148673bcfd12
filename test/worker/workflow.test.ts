import { storedDay } from '../../core/clock.ts';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, parseStatus, type CaseStatus } from '../../worker/cases/status.ts';
import { applyMove, availableMoves, movesToEnd, byUrgency, overdueAt, urgency, WORKFLOW, type CaseState, type Move } from '../../worker/cases/workflow.ts';
import { sqlIn } from '../../worker/db/sql.ts';

const NOW = new Date('2026-11-26T03:00:00Z'); // Thursday, 11:00 in town
const state = (status: CaseStatus, extra: Partial<CaseState> = {}): CaseState => ({ status, discipline: false, reopenCount: 0, acceptedAt: null, ...extra });
const COMMITTEE: Move[] = ['take_up', 'talk', 'verify', 'shelve', 'conclude', 'transfer', 'resume', 'notify', 'object', 'add_evidence'];
const MOVES: Move[] = ['accept', 'not_accept', 'resolve_at_once', 'set_time_limit', 'resolve', 'explain', 'escalate', 'close', 'reopen', ...COMMITTEE];
// A disposal needs an internal reason (the note): every cell is given one.
const extras = { workingDays: 5, reason: 'duplicate' as const, note: '集体研究意见' };
/** States only the committee's cases are in. */
const COMMITTEE_ONLY: CaseStatus[] = ['escalated', 'taken_up', 'talk_inquiry', 'preliminary_check', 'shelved', 'concluded', 'transferred'];

// The mechanism's map of legal moves: from → move → to. Everything else must be refused.
const LEGAL: Partial<Record<CaseStatus, Partial<Record<Move, CaseStatus>>>> = {
  received: { accept: 'accepted', not_accept: 'not_accepted', escalate: 'escalated' },
  accepted: { resolve_at_once: 'resolved_at_once', set_time_limit: 'in_progress', explain: 'explained', escalate: 'escalated' },
  in_progress: { resolve: 'resolved', explain: 'explained', escalate: 'escalated' },
  escalated: { take_up: 'taken_up' },
  resolved_at_once: { close: 'closed' },
  resolved: { close: 'closed' },
  explained: { close: 'closed_unresolved' },
  closed: { reopen: 'reopened' },
  closed_unresolved: { reopen: 'reopened' },
  not_accepted: { reopen: 'reopened' },
  reopened: { accept: 'accepted', escalate: 'escalated', take_up: 'taken_up' },
  taken_up: { talk: 'talk_inquiry', verify: 'preliminary_check', shelve: 'shelved', conclude: 'concluded', transfer: 'transferred', notify: 'taken_up' },
  talk_inquiry: { verify: 'preliminary_check', shelve: 'shelved', conclude: 'concluded', transfer: 'transferred', notify: 'talk_inquiry' },
  preliminary_check: { talk: 'talk_inquiry', shelve: 'shelved', conclude: 'concluded', transfer: 'transferred', notify: 'preliminary_check' },
  shelved: { resume: 'taken_up', conclude: 'concluded', transfer: 'transferred', notify: 'shelved', object: 'reopened', add_evidence: 'reopened' },
  concluded: { notify: 'concluded', object: 'reopened', add_evidence: 'reopened' },
  transferred: { notify: 'transferred', object: 'reopened', add_evidence: 'reopened' },
};

describe('the case workflow', () => {
  it('is the table the code runs, cell for cell', () => {
    expect(WORKFLOW).toEqual(LEGAL);
  });

  // Every cell, on the committee's cases and on the others: the committee's moves are made on its
  // cases only, a village's acceptance never on them; states only the committee has are tried on its cases.
  for (const from of CASE_STATUSES) {
    for (const discipline of COMMITTEE_ONLY.includes(from) ? [true] : [false, true]) {
    for (const move of MOVES) {
      const cell = LEGAL[from]?.[move];
      const committeeMove = COMMITTEE.includes(move);
      const to = cell && (committeeMove ? discipline : !(discipline && ['accept', 'escalate', 'not_accept'].includes(move))) ? cell : undefined;
      it(`${to ? 'allows' : 'refuses'} ${move} from ${from}${discipline ? ' (committee)' : ''}${to ? ` → ${to}` : ''}`, () => {
        const result = applyMove(state(from, { discipline }), { move, message: '给群众的答复', ...extras }, NOW);
        if (to) {
          expect(result).toMatchObject({ ok: true, value: { status: to } });
        } else {
          expect(result).toEqual({ ok: false, refusal: { code: 'invalid', key: 'workflow.errors.illegal' } });
        }
      });
    }
    }
  }

  it('offers staff exactly the legal moves (the resident’s reopen is theirs alone)', () => {
    expect(availableMoves(state('received'))).toEqual(['accept', 'not_accept', 'escalate']);
    expect(availableMoves(state('explained'))).toEqual(['close']);
    expect(availableMoves(state('closed'))).toEqual([]);
    expect(availableMoves(state('escalated', { discipline: true }))).toEqual(['take_up']);
    expect(availableMoves(state('taken_up', { discipline: true }))).toEqual(['talk', 'verify', 'shelve', 'conclude', 'transfer', 'notify']);
    expect(availableMoves(state('reopened'))).toEqual(['accept', 'escalate']);
    expect(availableMoves(state('reopened', { discipline: true }))).toEqual(['take_up']);
  });

  it('never escalates a case twice, nor lets the committee refuse one as not accepted', () => {
    expect(applyMove(state('accepted', { discipline: true }), { move: 'escalate', message: '再转一次' }, NOW).ok).toBe(false);
    expect(applyMove(state('received', { discipline: true }), { move: 'not_accept', message: '不受理', reason: 'spam' }, NOW).ok).toBe(false);
  });

  it('makes escalation hand the case to the discipline committee', () => {
    const result = applyMove(state('accepted'), { move: 'escalate', message: '已转镇纪委' }, NOW);
    expect(result).toMatchObject({ ok: true, value: { status: 'escalated', discipline: true } });
  });

  it('requires a message to the resident for every move, within the limit', () => {
    expect(applyMove(state('received'), { move: 'accept', message: ' ' }, NOW)).toEqual({ ok: false, refusal: { code: 'invalid', key: 'workflow.errors.messageRequired' } });
    expect(applyMove(state('received'), { move: 'accept', message: '字'.repeat(2001) }, NOW)).toMatchObject({ ok: false, refusal: { code: 'invalid', key: 'workflow.errors.messageTooLong' } });
    expect(applyMove(state('received'), { move: 'accept', message: '已受理', note: '字'.repeat(2001) }, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'invalid', key: 'workflow.errors.noteTooLong' },
    });
  });

  it('requires a reason to refuse a case, and a whole number of working days for a time limit', () => {
    expect(applyMove(state('received'), { move: 'not_accept', message: '不属于受理范围' }, NOW)).toEqual({ ok: false, refusal: { code: 'invalid', key: 'workflow.errors.reasonRequired' } });
    for (const workingDays of [undefined, 0, 31, 2.5, Number.NaN]) {
      expect(applyMove(state('accepted'), { move: 'set_time_limit', message: '限时办理', workingDays }, NOW)).toMatchObject({
        ok: false,
        refusal: { code: 'invalid', key: 'workflow.errors.workingDays' },
      });
    }
  });

  it('counts a time limit in working days across a holiday and an adjusted working weekend', () => {
    // From Wednesday 30 Sep: National Day (1–7 Oct) is skipped, Saturday 10 Oct counts.
    const result = applyMove(state('accepted'), { move: 'set_time_limit', message: '三个工作日内办结', workingDays: 3 }, new Date('2026-09-30T02:00:00Z'));
    expect(result).toMatchObject({ ok: true, value: { status: 'in_progress', timeLimitDays: 3, dueAt: '2026-10-10T15:59:59.000Z' } });
  });

  it('records the first response as the acceptance time, and keeps it afterwards', () => {
    const first = applyMove(state('received'), { move: 'accept', message: '已受理' }, NOW);
    // Stored as its town day (00:00 town time).
    expect(first).toMatchObject({ ok: true, value: { acceptedAt: storedDay(NOW) } });
    const later = applyMove(state('accepted', { acceptedAt: '2026-11-20T00:00:00.000Z' }), { move: 'resolve_at_once', message: '已办结' }, NOW);
    expect(later).toMatchObject({ ok: true, value: { acceptedAt: '2026-11-20T00:00:00.000Z' } });
  });

  it('closes an explained case as "closed, not resolved", never as resolved', () => {
    expect(applyMove(state('explained'), { move: 'close', message: '结案' }, NOW)).toMatchObject({ ok: true, value: { status: 'closed_unresolved' } });
    expect(applyMove(state('resolved'), { move: 'close', message: '结案' }, NOW)).toMatchObject({ ok: true, value: { status: 'closed' } });
  });

  it('reopens once only, with a fresh acceptance deadline', () => {
    const reopened = applyMove(state('closed'), { move: 'reopen', message: '申请重新办理' }, NOW);
    expect(reopened).toMatchObject({ ok: true, value: { status: 'reopened', reopenCount: 1, acceptDueAt: '2026-11-27T15:59:59.000Z', closedAt: null } });
    expect(applyMove(state('closed', { reopenCount: 1 }), { move: 'reopen', message: '再次申请' }, NOW)).toEqual({
      ok: false,
      refusal: { code: 'invalid', key: 'workflow.errors.reopenedOnce' },
    });
  });
});

describe('ending a case with a published answer', () => {
  const at = (status: CaseStatus, discipline = false): CaseState => ({ status, discipline, reopenCount: 0, acceptedAt: null });
  it('follows the table from where the case stands, and ends closed so the resident may rate it', () => {
    expect(movesToEnd(at('received'))).toEqual(['accept', 'resolve_at_once', 'close']);
    expect(movesToEnd(at('reopened'))).toEqual(['accept', 'resolve_at_once', 'close']);
    expect(movesToEnd(at('accepted'))).toEqual(['resolve_at_once', 'close']);
    expect(movesToEnd(at('in_progress'))).toEqual(['resolve', 'close']);
    expect(movesToEnd(at('resolved_at_once'))).toEqual(['close']);
    expect(movesToEnd(at('resolved'))).toEqual(['close']);
  });
  it('offers no way where the table or a guard has none: explained, closed, refused, sent up, or the committee’s', () => {
    for (const status of ['explained', 'closed', 'closed_unresolved', 'not_accepted', 'sent_up', 'escalated', 'taken_up', 'concluded'] as const) expect(movesToEnd(at(status)), status).toBeNull();
    expect(movesToEnd(at('reopened', true))).toBeNull();
  });
});

describe('a status read from the database', () => {
  it('is one the workflow knows, or refused loudly', () => {
    for (const status of CASE_STATUSES) expect(parseStatus(status)).toBe(status);
    for (const stored of ['', 'Received', 'archived', null, 3]) expect(() => parseStatus(stored)).toThrow(/Unknown case status/);
  });

  it('is listed in SQL from the same constants, and only plain words reach it', () => {
    expect(sqlIn(['received', 'reopened'])).toBe("('received', 'reopened')");
    for (const bad of [["x'); DROP TABLE cases; --"], ['Received'], []]) expect(() => sqlIn(bad)).toThrow();
  });
});

describe('urgency in the staff queue', () => {
  const isToday = (d: Date) => d.toISOString().startsWith('2026-11-26') || d.toISOString() === '2026-11-26T15:59:59.000Z';
  const isSoon = (d: Date) => d.getTime() <= Date.parse('2026-11-30T15:59:59Z');

  it('flags overdue, due today, awaiting acceptance and due soon', () => {
    expect(urgency({ status: 'received', acceptDueAt: '2026-11-25T15:59:59.000Z', dueAt: null }, NOW, isToday, isSoon)).toBe('overdue');
    expect(urgency({ status: 'received', acceptDueAt: '2026-11-26T15:59:59.000Z', dueAt: null }, NOW, isToday, isSoon)).toBe('due_today');
    expect(urgency({ status: 'received', acceptDueAt: '2026-11-27T15:59:59.000Z', dueAt: null }, NOW, isToday, isSoon)).toBe('awaiting_acceptance');
    expect(urgency({ status: 'in_progress', acceptDueAt: null, dueAt: '2026-11-30T15:59:59.000Z' }, NOW, isToday, isSoon)).toBe('due_soon');
    expect(urgency({ status: 'in_progress', acceptDueAt: null, dueAt: '2026-12-09T15:59:59.000Z' }, NOW, isToday, isSoon)).toBe('in_time');
    expect(urgency({ status: 'closed', acceptDueAt: null, dueAt: '2026-11-01T15:59:59.000Z' }, NOW, isToday, isSoon)).toBe('done');
  });

  it('sorts most urgent first, then by deadline, then by age', () => {
    const item = (urgency: 'overdue' | 'due_today' | 'awaiting_acceptance' | 'in_time', deadline: string | null, createdAt: string) => ({ urgency, deadline, createdAt });
    const sorted = [
      item('in_time', '2026-12-09', '2026-11-01'),
      item('awaiting_acceptance', '2026-11-27', '2026-11-26'),
      item('overdue', '2026-11-25', '2026-11-20'),
      item('due_today', '2026-11-26', '2026-11-25'),
      item('overdue', '2026-11-20', '2026-11-18'),
    ].sort(byUrgency);
    expect(sorted.map((i) => `${i.urgency}:${i.deadline}`)).toEqual([
      'overdue:2026-11-20',
      'overdue:2026-11-25',
      'due_today:2026-11-26',
      'awaiting_acceptance:2026-11-27',
      'in_time:2026-12-09',
    ]);
  });
});

describe('how far a case is overdue', () => {
  const limit = '2026-11-26T15:59:59.000Z'; // the end of Thursday 26 November, town time

  it('counts the working days since the deadline’s day, today included', () => {
    // Tuesday 1 December, noon: Friday 27, Monday 30 and today have passed or begun.
    const tuesday = new Date('2026-12-01T04:00:00Z');
    expect(overdueAt({ status: 'in_progress', acceptDueAt: null, dueAt: limit }, tuesday)).toEqual({ stage: 'time_limit', deadline: limit, workingDays: 3, provisionalYear: null });
    expect(overdueAt({ status: 'received', acceptDueAt: limit, dueAt: null }, tuesday)).toEqual({ stage: 'acceptance', deadline: limit, workingDays: 3, provisionalYear: null });
    expect(overdueAt({ status: 'reopened', acceptDueAt: limit, dueAt: null }, tuesday)).toMatchObject({ stage: 'acceptance', workingDays: 3 });
    // Friday morning: the first working day past it.
    expect(overdueAt({ status: 'in_progress', acceptDueAt: null, dueAt: limit }, new Date('2026-11-27T01:00:00Z'))?.workingDays).toBe(1);
    // After a Friday deadline, the weekend is overdue by less than a working day.
    expect(overdueAt({ status: 'in_progress', acceptDueAt: null, dueAt: '2026-11-27T15:59:59.000Z' }, new Date('2026-11-28T04:00:00Z'))?.workingDays).toBe(0);
  });

  it('is nothing before the deadline, or once the case no longer runs against one', () => {
    const before = new Date('2026-11-26T15:59:58Z');
    expect(overdueAt({ status: 'in_progress', acceptDueAt: null, dueAt: limit }, before)).toBeNull();
    const later = new Date('2026-12-01T04:00:00Z');
    for (const status of ['resolved', 'closed', 'explained', 'escalated'] as const) {
      expect(overdueAt({ status, acceptDueAt: limit, dueAt: limit }, later), status).toBeNull();
    }
    // Accepted with no time limit set yet: nothing runs.
    expect(overdueAt({ status: 'accepted', acceptDueAt: limit, dueAt: null }, later)).toBeNull();
  });

  it('runs on an accepted case whose category fixes its time limit from arrival (a question about a disclosure)', () => {
    const later = new Date('2026-12-01T04:00:00Z');
    expect(overdueAt({ status: 'accepted', acceptDueAt: null, dueAt: limit }, later)).toMatchObject({ stage: 'time_limit', deadline: limit });
  });
});

describe('a committee case', () => {
  it('is taken up by the committee, never accepted as a village’s case (so its category stays)', () => {
    const result = applyMove(state('reopened', { discipline: true, reopenCount: 1 }), { move: 'accept', message: '重新受理', categoryId: 'demand' }, NOW);
    expect(result).toEqual({ ok: false, refusal: { code: 'invalid', key: 'workflow.errors.illegal' } });
    const taken = applyMove(state('reopened', { discipline: true, reopenCount: 1 }), { move: 'take_up', message: '', categoryId: 'demand' }, NOW);
    expect(taken).toMatchObject({ ok: true, value: { status: 'taken_up', discipline: true } });
    expect(taken.ok && 'categoryId' in taken.value).toBe(false);
  });
});

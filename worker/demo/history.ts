/**
 * Synthetic case histories generated inside SQLite: many cases with a realistic mix of outcomes
 * (resolved at once, resolved within or after a time limit, explained, still open) and feedback.
 * Used for the demo's months of history and by the statistics benchmark. Subjects are marked
 * （示例）; no case has a usable query code.
 */

export interface HistoryOptions {
  /** How many cases. */
  count: number;
  /** The first case's sequence number (CL-2026-<n>). */
  firstNumber: number;
  /** The town date the first case arrives on; the others spread over `days` days. */
  from: string;
  days: number;
}

const RATING = "CASE WHEN i % 4 = 2 THEN 'dissatisfied' WHEN i % 2 = 0 THEN 'basically_satisfied' ELSE 'satisfied' END";

/** SQL statements that insert the cases and their events (idempotent: existing numbers are kept). */
export function historySql({ count, firstNumber, from, days }: HistoryOptions): string[] {
  const seq = `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${count - 1})`;
  // Cases arrive in the order of their numbers, spread evenly over the days, as they do in a town.
  const instant = (offset: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', '${from}T01:00:00Z', '+' || (i * ${days} / ${count}) || ' days', '+' || (i % 7) || ' hours', ${offset})`;
  // Stored as the worker stores them (STORED_TIMES): what happened by its town day, a deadline at its day's end.
  const at = (offset: string) => `strftime('%Y-%m-%dT%H:%M:%S.000Z', date(${instant(offset)}, '+8 hours'), '-8 hours')`;
  const deadline = (offset: string) => `strftime('%Y-%m-%dT%H:%M:%S.000Z', date(${instant(offset)}, '+8 hours'), '+1 day', '-8 hours', '-1 second')`;
  const id = `(SELECT id FROM cases WHERE case_number = printf('CL-2026-%06d', ${firstNumber} + i))`;
  const cases = `${seq}
    INSERT INTO cases (case_number, code_hash, village_id, category_id, subject, description, anonymous, channel, locale, status,
      created_at, updated_at, accept_due_at, accepted_at, closed_at, discipline)
    SELECT printf('CL-2026-%06d', ${firstNumber} + i), lower(hex(randomblob(32))),
      CASE i % 7 WHEN 0 THEN 'qinglian' WHEN 1 THEN 'qinglian' WHEN 2 THEN 'dongling' WHEN 3 THEN 'dongling' WHEN 4 THEN 'xiling' WHEN 5 THEN 'nanhe' ELSE 'beishan' END,
      CASE WHEN i % 23 = 5 THEN 'cadre-report' ELSE CASE i % 3 WHEN 0 THEN 'demand' WHEN 1 THEN 'suggestion' ELSE 'complaint' END END,
      '（示例）历史反映 ' || (${firstNumber} + i), '（示例）演示用的历史数据。', 1, 'web', 'zh-CN',
      CASE WHEN i % 23 = 5 THEN 'escalated' WHEN i % 11 = 0 THEN 'received' WHEN i % 4 = 2 THEN 'closed_unresolved' ELSE 'closed' END,
      ${at("'+0 hours'")}, ${at("'+3 days'")}, ${deadline("'+1 days'")},
      CASE WHEN i % 11 = 0 THEN NULL ELSE ${at("'+4 hours'")} END,
      CASE WHEN i % 11 = 0 OR i % 23 = 5 THEN NULL ELSE ${at("'+3 days'")} END,
      -- A cadre report is the committee's from the start (the database refuses it otherwise).
      CASE WHEN i % 23 = 5 THEN 1 ELSE 0 END
    FROM seq WHERE true ON CONFLICT (case_number) DO NOTHING`;
  const event = (n: number, kind: string, offset: string, where: string, data = 'NULL') =>
    `${seq}
     INSERT INTO case_events (case_id, seq, kind, actor, data, dedupe_hash, created_at)
     SELECT ${id}, ${n + 1}, '${kind}', 'system', ${data}, printf('history:%d:${n}', ${firstNumber} + i), ${at(offset)} FROM seq WHERE ${where}
     ON CONFLICT (dedupe_hash) DO NOTHING`;
  const open = 'i % 11 = 0';
  const cadre = 'i % 23 = 5';
  const handled = `NOT (${open}) AND NOT (${cadre})`;
  return [
    cases,
    event(0, 'submitted', "'+0 hours'", 'true', `json_object('categoryId', CASE WHEN i % 23 = 5 THEN 'cadre-report' ELSE CASE i % 3 WHEN 0 THEN 'demand' WHEN 1 THEN 'suggestion' ELSE 'complaint' END END, 'acceptDueAt', ${deadline("'+1 days'")})`),
    event(1, 'escalate', "'+0 hours'", cadre),
    // Most are accepted within the day; one in nine only after the limit.
    event(2, 'accept', "CASE WHEN i % 9 = 4 THEN '+50 hours' ELSE '+4 hours' END", handled),
    event(3, 'resolve_at_once', "'+6 hours'", `${handled} AND i % 4 IN (0, 3)`),
    event(4, 'set_time_limit', "'+6 hours'", `${handled} AND i % 4 = 1`, `json_object('workingDays', 3, 'dueAt', ${deadline("'+4 days'")})`),
    event(5, 'resolve', "CASE WHEN i % 8 = 1 THEN '+6 days' ELSE '+2 days' END", `${handled} AND i % 4 = 1`),
    event(6, 'explain', "'+1 days'", `${handled} AND i % 4 = 2`),
    // Closed after its resolution: three days in, a week for those resolved late.
    event(7, 'close', "CASE WHEN i % 8 = 1 THEN '+7 days' ELSE '+3 days' END", handled),
    event(8, 'feedback', "'+8 days'", `${handled} AND i % 3 != 0`, `json_object('rating', ${RATING})`),
    // The verdict itself, as the query page stores it.
    `${seq}
     INSERT INTO case_feedback (case_id, closing, rating, created_at)
     SELECT ${id}, 0, ${RATING}, ${at("'+8 days'")} FROM seq WHERE ${handled} AND i % 3 != 0
     ON CONFLICT (case_id, closing) DO NOTHING`,
    `INSERT INTO case_counters (year, last) VALUES (2026, ${firstNumber + count - 1}) ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)`,
  ];
}

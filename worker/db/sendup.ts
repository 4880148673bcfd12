/**
 * SQL for sending a case up to the county commission: one batch records it and removes, on the
 * town's side, every sealed text of the case and every key that opens them.
 */
import type { SendUp } from '../cases/sendup.ts';
import { nextSeq } from './cases.ts';

export interface SendUpRow {
  reason: string;
  channel: string;
  sent_on: string;
}

/** That the case was sent up, why, how and on which town day; null if it was not. */
export async function findSendUp(db: D1Database, caseId: number): Promise<SendUpRow | null> {
  return db.prepare('SELECT reason, channel, sent_on FROM case_sendups WHERE case_id = ?1').bind(caseId).first<SendUpRow>();
}

/**
 * Records the send-up and destroys the town's copy, all or nothing, guarded by the case's version
 * (a case moved meanwhile is left as it was): the case's status, its subject, description and
 * contact emptied; every message and note of its event log, every feedback comment and conflict
 * note emptied (the log's triggers allow that one change for a case sent up); its keys deleted; any
 * record-form entry that reported it loses its sealed texts and their key; its photos' rows deleted; an event `sent_up`
 * (reason and channel, no text) and a line in the access log. Returns whether it applied.
 */
export async function sendUpCase(
  db: D1Database,
  c: { caseId: number; version: number; staffId: number; day: string; minute: string } & SendUp,
): Promise<boolean> {
  const guard = `(SELECT version FROM cases WHERE id = ?1) = ?2 + 1 AND (SELECT status FROM cases WHERE id = ?1) = 'sent_up'`;
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE cases SET status = 'sent_up', subject = '', description = '',
           contact_name = CASE WHEN anonymous = 0 THEN '' END, contact_phone = CASE WHEN anonymous = 0 THEN '' END,
           updated_at = ?3, version = version + 1
         WHERE id = ?1 AND version = ?2 AND discipline = 1`,
      )
      .bind(c.caseId, c.version, c.day),
    db
      .prepare(`INSERT INTO case_sendups (case_id, reason, channel, sent_on, sent_by) SELECT ?1, ?3, ?4, ?5, ?6 WHERE ${guard}`)
      .bind(c.caseId, c.version, c.reason, c.channel, c.day, c.staffId),
    db.prepare(`UPDATE case_events SET public_message = NULL, internal_note = NULL WHERE case_id = ?1 AND ${guard}`).bind(c.caseId, c.version),
    db.prepare(`UPDATE case_feedback SET comment = NULL WHERE case_id = ?1 AND ${guard}`).bind(c.caseId, c.version),
    db.prepare(`UPDATE conflict_declarations SET note = NULL WHERE case_id = ?1 AND note IS NOT NULL AND ${guard}`).bind(c.caseId, c.version),
    db.prepare(`DELETE FROM case_keys WHERE case_id = ?1 AND ${guard}`).bind(c.caseId, c.version),
    // Its photos' rows: the objects in R2 become orphans, removed at once and by the hourly sweep.
    db.prepare(`DELETE FROM case_photos WHERE case_id = ?1 AND ${guard}`).bind(c.caseId, c.version),
    db
      .prepare(
        `UPDATE record_entries SET matter = '', findings = '', actions = '', follow_up = '', committee_key_id = NULL, committee_wrap = NULL
         WHERE case_id = ?1 AND ${guard}`,
      )
      .bind(c.caseId, c.version),
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, kind, public_message, internal_note, actor, data, created_at)
         SELECT ?1, ${nextSeq('?1')}, 'sent_up', NULL, NULL, ?3, json_object('reason', ?4, 'channel', ?5), ?6 WHERE ${guard}`,
      )
      .bind(c.caseId, c.version, `staff:${c.staffId}`, c.reason, c.channel, c.day),
    db.prepare(`INSERT INTO case_access (case_id, staff_id, outcome, at) SELECT ?1, ?3, 'sent_up', ?4 WHERE ${guard}`).bind(c.caseId, c.version, c.staffId, c.minute),
  ]);
  return updated!.meta.changes === 1;
}

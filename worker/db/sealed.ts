/** SQL for the sealed reports: the committee's keys, each member's key, each case's keys, the account log. */

export interface CommitteeKeyRow {
  id: number;
  public_key: string;
  recovery_wrap: string;
  created_at: string;
}

/** The committee key in use (the newest not retired), or null before set-up. */
export function findCommitteeKey(db: D1Database): Promise<CommitteeKeyRow | null> {
  return db
    .prepare(`SELECT id, public_key, recovery_wrap, created_at FROM committee_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1`)
    .first<CommitteeKeyRow>();
}

export interface MemberKeyRow {
  staff_id: number;
  public_key: string;
  private_wrap: string;
  committee_key_id: number | null;
  committee_wrap: string | null;
}

/** A member's own key (and their copy of the committee key), or null when they have none yet. */
export function findMemberKey(db: D1Database, staffId: number): Promise<MemberKeyRow | null> {
  return db
    .prepare(`SELECT staff_id, public_key, private_wrap, committee_key_id, committee_wrap FROM member_keys WHERE staff_id = ?1`)
    .bind(staffId)
    .first<MemberKeyRow>();
}

export interface MemberRow {
  id: number;
  username: string;
  display_name: string;
  active: number;
  public_key: string | null;
  committee_key_id: number | null;
}

/** Every discipline account, with whether it holds a copy of the committee key. */
export async function listMembers(db: D1Database): Promise<MemberRow[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id, u.username, u.display_name, u.active, k.public_key, k.committee_key_id FROM staff_users u
       LEFT JOIN member_keys k ON k.staff_id = u.id WHERE u.role = 'discipline' ORDER BY u.active DESC, u.username`,
    )
    .all<MemberRow>();
  return results;
}

/** The statement that stores (or replaces) a member's own key and their copy of the committee key. */
export function upsertMemberKeyStatement(
  db: D1Database,
  k: { staffId: number; publicKey: string; privateWrap: string; committeeKeyId: number | null; committeeWrap: string | null; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO member_keys (staff_id, public_key, private_wrap, committee_key_id, committee_wrap, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (staff_id) DO UPDATE SET public_key = excluded.public_key, private_wrap = excluded.private_wrap,
         committee_key_id = excluded.committee_key_id, committee_wrap = excluded.committee_wrap, updated_at = excluded.updated_at`,
    )
    .bind(k.staffId, k.publicKey, k.privateWrap, k.committeeKeyId, k.committeeWrap, k.at);
}

/** Stores a member's own key and copy of the committee key. */
export async function upsertMemberKey(db: D1Database, k: Parameters<typeof upsertMemberKeyStatement>[1]): Promise<void> {
  await upsertMemberKeyStatement(db, k).run();
}

/** Gives an active member who has their own key a copy of the committee key in use; false otherwise. */
export async function grantCommitteeKey(db: D1Database, staffId: number, committeeKeyId: number, wrap: string, at: string): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE member_keys SET committee_key_id = ?2, committee_wrap = ?3, updated_at = ?4
       WHERE staff_id = ?1 AND ?2 = (SELECT id FROM committee_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1)
         AND EXISTS (SELECT 1 FROM staff_users WHERE id = ?1 AND role = 'discipline' AND active = 1) RETURNING staff_id`,
    )
    .bind(staffId, committeeKeyId, wrap, at)
    .all();
  return result.results.length === 1;
}

/** Replaces a member's own sealed private key (after a password change), as a statement for the same batch. */
export function rewrapMemberKeyStatement(db: D1Database, staffId: number, privateWrap: string, at: string): D1PreparedStatement {
  return db.prepare(`UPDATE member_keys SET private_wrap = ?2, updated_at = ?3 WHERE staff_id = ?1`).bind(staffId, privateWrap, at);
}

/** Forgets a member's keys (a removed member, a password reset by the operator). */
export function deleteMemberKeyStatement(db: D1Database, staffId: number): D1PreparedStatement {
  return db.prepare(`DELETE FROM member_keys WHERE staff_id = ?1`).bind(staffId);
}

/** What a new case stores in case_keys. */
export interface NewCaseKeys {
  residentPublic: string;
  residentPrivate: string;
  committeeKeyId: number | null;
  committeeWrap: string | null;
  residentWrap: string | null;
}

export interface CaseKeyRow {
  case_id: number;
  resident_public: string | null;
  resident_private: string | null;
  committee_key_id: number | null;
  committee_wrap: string | null;
  resident_wrap: string | null;
}

/** The keys of a case, or null for a case from before sealing. */
export function findCaseKeys(db: D1Database, caseId: number): Promise<CaseKeyRow | null> {
  return db
    .prepare(`SELECT case_id, resident_public, resident_private, committee_key_id, committee_wrap, resident_wrap FROM case_keys WHERE case_id = ?1`)
    .bind(caseId)
    .first<CaseKeyRow>();
}

/** The resident private key sealed under a live track token. */
export function findTokenKey(db: D1Database, tokenHash: string, now: string): Promise<string | null> {
  return db.prepare(`SELECT resident_private FROM track_tokens WHERE token_hash = ?1 AND expires_at > ?2`).bind(tokenHash, now).first<string>('resident_private');
}

/** One change to a discipline account, as the database logged it. */
export interface AccountLogRow {
  username: string;
  change: string;
  old_value: string | null;
  new_value: string | null;
  by_name: string | null;
  at: string;
}

/** The newest changes to discipline accounts. */
export async function listAccountLog(db: D1Database): Promise<AccountLogRow[]> {
  const { results } = await db
    .prepare(
      `SELECT l.username, l.change, l.old_value, l.new_value, u.display_name AS by_name, l.at FROM discipline_account_log l
       LEFT JOIN staff_users u ON u.id = l.by_id ORDER BY l.id DESC LIMIT 200`,
    )
    .all<AccountLogRow>();
  return results;
}

/** Creates the committee key (set-up): refused (false) when one exists. */
export async function insertFirstCommitteeKey(
  db: D1Database,
  k: { publicKey: string; recoveryWrap: string; at: string },
): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO committee_keys (public_key, recovery_wrap, created_at) SELECT ?1, ?2, ?3
       WHERE NOT EXISTS (SELECT 1 FROM committee_keys WHERE retired_at IS NULL) RETURNING id`,
    )
    .bind(k.publicKey, k.recoveryWrap, k.at)
    .first<number>('id');
  return row ?? null;
}

/** A sealed case's texts and data key, written when it goes to the committee. */
export interface CaseSealing {
  caseId: number;
  /** The version the case has once the move in the same batch applied: nothing is written otherwise. */
  versionAfter: number;
  subject: string;
  description: string;
  contactName: string | null;
  contactPhone: string | null;
  events: { id: number; publicMessage: string | null; internalNote: string | null }[];
  feedback: { closing: number; comment: string }[];
  committeeKeyId: number;
  committeeWrap: string;
  residentWrap: string | null;
}

/** Statements that seal a case in place, for the batch of the move that sends it to the committee. */
export function sealCaseStatements(db: D1Database, s: CaseSealing): D1PreparedStatement[] {
  const moved = `(SELECT version FROM cases WHERE id = ?1) = ?2`;
  return [
    db
      .prepare(`UPDATE cases SET subject = ?3, description = ?4, contact_name = ?5, contact_phone = ?6 WHERE id = ?1 AND version = ?2`)
      .bind(s.caseId, s.versionAfter, s.subject, s.description, s.contactName, s.contactPhone),
    ...s.events.map((e) =>
      db
        .prepare(`UPDATE case_events SET public_message = ?4, internal_note = ?5 WHERE case_id = ?1 AND seq = ?3 AND ${moved}`)
        .bind(s.caseId, s.versionAfter, e.id, e.publicMessage, e.internalNote),
    ),
    ...s.feedback.map((f) =>
      db.prepare(`UPDATE case_feedback SET comment = ?4 WHERE case_id = ?1 AND closing = ?3 AND ${moved}`).bind(s.caseId, s.versionAfter, f.closing, f.comment),
    ),
    db
      .prepare(
        `INSERT INTO case_keys (case_id, committee_key_id, committee_wrap, resident_wrap) SELECT ?1, ?3, ?4, ?5 WHERE ${moved}
         ON CONFLICT (case_id) DO UPDATE SET committee_key_id = excluded.committee_key_id, committee_wrap = excluded.committee_wrap,
           resident_wrap = excluded.resident_wrap`,
      )
      .bind(s.caseId, s.versionAfter, s.committeeKeyId, s.committeeWrap, s.residentWrap),
  ];
}

/** The statement that stores a new member's keys, right after the statement that created their account (only if it did). */
export function insertMemberKeyForUsernameStatement(
  db: D1Database,
  username: string,
  k: { publicKey: string; privateWrap: string; committeeKeyId: number | null; committeeWrap: string | null; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO member_keys (staff_id, public_key, private_wrap, committee_key_id, committee_wrap, updated_at)
       SELECT id, ?2, ?3, ?4, ?5, ?6 FROM staff_users WHERE username = ?1 AND role = 'discipline' AND changes() = 1
       ON CONFLICT (staff_id) DO UPDATE SET public_key = excluded.public_key, private_wrap = excluded.private_wrap,
         committee_key_id = excluded.committee_key_id, committee_wrap = excluded.committee_wrap, updated_at = excluded.updated_at`,
    )
    .bind(username, k.publicKey, k.privateWrap, k.committeeKeyId, k.committeeWrap, k.at);
}

/** Discipline cases whose content is still plain (recorded before sealing), a few at a time. */
export async function listPlainDisciplineCases(db: D1Database, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id FROM cases c LEFT JOIN case_keys k ON k.case_id = c.id
       WHERE c.discipline = 1 AND k.committee_wrap IS NULL ORDER BY c.id LIMIT ?1`,
    )
    .bind(limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

export interface PlainEntryRow {
  id: number;
  matter: string;
  findings: string;
  actions: string;
  follow_up: string;
}

/** Record-form entries linked to a discipline case whose texts are still plain. */
export async function listPlainLinkedEntries(db: D1Database, limit: number): Promise<PlainEntryRow[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, r.matter, r.findings, r.actions, r.follow_up FROM record_entries r JOIN cases c ON c.id = r.case_id
       WHERE c.discipline = 1 AND r.committee_wrap IS NULL ORDER BY r.id LIMIT ?1`,
    )
    .bind(limit)
    .all<PlainEntryRow>();
  return results;
}

/** Seals an entry's texts in place (only if it is still plain). */
export async function sealEntry(
  db: D1Database,
  e: { id: number; matter: string; findings: string; actions: string; followUp: string; committeeKeyId: number; committeeWrap: string },
): Promise<void> {
  await db
    .prepare(
      `UPDATE record_entries SET matter = ?2, findings = ?3, actions = ?4, follow_up = ?5, committee_key_id = ?6, committee_wrap = ?7
       WHERE id = ?1 AND committee_wrap IS NULL`,
    )
    .bind(e.id, e.matter, e.findings, e.actions, e.followUp, e.committeeKeyId, e.committeeWrap)
    .run();
}

/** Every event's texts of a case (for sealing them in place; no viewer is reading). */
export async function listEventTexts(db: D1Database, caseId: number): Promise<{ id: number; public_message: string | null; internal_note: string | null }[]> {
  const { results } = await db
    .prepare(`SELECT seq AS id, public_message, internal_note FROM case_events WHERE case_id = ?1 ORDER BY seq`)
    .bind(caseId)
    .all<{ id: number; public_message: string | null; internal_note: string | null }>();
  return results;
}

/** Everything sealed to a committee key: each case's and entry's data key, and each member's copy. */
export async function listSealedTo(db: D1Database, keyId: number) {
  const [cases, entries, members] = await db.batch<{ id: number; wrap: string | null; public_key?: string }>([
    db.prepare(`SELECT case_id AS id, committee_wrap AS wrap FROM case_keys WHERE committee_key_id = ?1 ORDER BY case_id`).bind(keyId),
    db.prepare(`SELECT id, committee_wrap AS wrap FROM record_entries WHERE committee_key_id = ?1 ORDER BY id`).bind(keyId),
    db.prepare(
      `SELECT k.staff_id AS id, k.committee_wrap AS wrap, k.public_key FROM member_keys k JOIN staff_users u ON u.id = k.staff_id
       WHERE u.active = 1 AND u.role = 'discipline' ORDER BY k.staff_id`,
    ),
  ]);
  return {
    cases: cases!.results.map((r) => ({ id: r.id, wrap: r.wrap! })),
    entries: entries!.results.map((r) => ({ id: r.id, wrap: r.wrap! })),
    members: members!.results.map((r) => ({ id: r.id, publicKey: r.public_key! })),
  };
}

export interface Rotation {
  oldKeyId: number;
  publicKey: string;
  recoveryWrap: string;
  cases: { id: number; wrap: string }[];
  entries: { id: number; wrap: string }[];
  members: { id: number; wrap: string }[];
  at: string;
}

/**
 * Replaces the committee key in one batch: the new key, every data key and member copy re-sealed
 * to it, the old key retired. False (nothing written) when the old key is no longer the one in use.
 */
export async function rotateCommitteeKey(db: D1Database, r: Rotation): Promise<boolean> {
  const newId = `(SELECT id FROM committee_keys WHERE public_key = ?2)`;
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO committee_keys (public_key, recovery_wrap, created_at) SELECT ?2, ?3, ?4
         WHERE ?1 = (SELECT id FROM committee_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1) RETURNING id`,
      )
      .bind(r.oldKeyId, r.publicKey, r.recoveryWrap, r.at),
    ...r.cases.map((c) =>
      db
        .prepare(`UPDATE case_keys SET committee_key_id = ${newId}, committee_wrap = ?3 WHERE case_id = ?1 AND committee_key_id = ?4 AND ${newId} IS NOT NULL`)
        .bind(c.id, r.publicKey, c.wrap, r.oldKeyId),
    ),
    ...r.entries.map((e) =>
      db
        .prepare(`UPDATE record_entries SET committee_key_id = ${newId}, committee_wrap = ?3 WHERE id = ?1 AND committee_key_id = ?4 AND ${newId} IS NOT NULL`)
        .bind(e.id, r.publicKey, e.wrap, r.oldKeyId),
    ),
    ...r.members.map((m) =>
      db
        .prepare(`UPDATE member_keys SET committee_key_id = ${newId}, committee_wrap = ?3, updated_at = ?4 WHERE staff_id = ?1 AND ${newId} IS NOT NULL`)
        .bind(m.id, r.publicKey, m.wrap, r.at),
    ),
    // Anything still sealed to the old key (a case that arrived meanwhile, or one a check-in's
    // answer holds until the cron opens it) makes this NOT NULL insert fail, which rolls the whole
    // batch back: nothing may stay sealed to a retired key.
    db
      .prepare(
        `INSERT INTO committee_keys (public_key, recovery_wrap, created_at) SELECT NULL, NULL, NULL
         WHERE ${newId} IS NOT NULL AND (EXISTS (SELECT 1 FROM case_keys WHERE committee_key_id = ?1) OR EXISTS (SELECT 1 FROM record_entries WHERE committee_key_id = ?1)
           OR EXISTS (SELECT 1 FROM checkin_pending))`,
      )
      .bind(r.oldKeyId, r.publicKey),
    // Members left out (no own key yet) lose their stale copy; a member gives them the new one.
    db.prepare(`UPDATE member_keys SET committee_key_id = NULL, committee_wrap = NULL WHERE committee_key_id = ?1 AND ${newId} IS NOT NULL`).bind(r.oldKeyId, r.publicKey),
    db.prepare(`UPDATE committee_keys SET retired_at = ?3 WHERE id = ?1 AND ${newId} IS NOT NULL`).bind(r.oldKeyId, r.publicKey, r.at),
  ]);
  return inserted!.results.length === 1;
}

/** A code card as printed: its number, village, code hash and resident key. */
export interface NewCard {
  cardNumber: string;
  villageId: string;
  codeHash: string;
  residentPublic: string;
  residentPrivate: string;
  /** Whose staff saw the codes when the sheet was printed. */
  printedFor: 'committee' | 'town';
}

/** Stores a printed sheet of cards in one batch. */
export async function insertCards(db: D1Database, cards: NewCard[], printedBy: number, at: string): Promise<void> {
  await db.batch(
    cards.map((c) =>
      db
        .prepare(
          `INSERT INTO code_cards (card_number, village_id, code_hash, resident_public, resident_private, printed_by, printed_for, printed_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
        )
        .bind(c.cardNumber, c.villageId, c.codeHash, c.residentPublic, c.residentPrivate, printedBy, c.printedFor, at),
    ),
  );
}

/** An unused card of this village, or null (unknown, another village's, or used). */
export function findUnusedCard(db: D1Database, cardNumber: string, villageId: string): Promise<NewCard | null> {
  return db
    .prepare(
      `SELECT card_number AS cardNumber, village_id AS villageId, code_hash AS codeHash, resident_public AS residentPublic,
         resident_private AS residentPrivate, printed_for AS printedFor FROM code_cards WHERE card_number = ?1 AND village_id = ?2 AND used_case_id IS NULL`,
    )
    .bind(cardNumber, villageId)
    .first<NewCard>();
}

/**
 * The statement that uses a card for the case with this code hash, in the batch that creates it.
 * Two letters racing for one card cannot both have it: the case takes the card's code hash, and
 * cases.code_hash is unique, so the second batch fails whole.
 */
export function useCardStatement(db: D1Database, cardNumber: string, codeHash: string): D1PreparedStatement {
  return db.prepare(`UPDATE code_cards SET used_case_id = (SELECT id FROM cases WHERE code_hash = ?2) WHERE card_number = ?1 AND used_case_id IS NULL`).bind(cardNumber, codeHash);
}

/** The card a case was recorded with, if any, and whose staff printed it. */
export function findCardOfCase(db: D1Database, caseId: number): Promise<{ cardNumber: string; printedFor: 'committee' | 'town' } | null> {
  return db
    .prepare(`SELECT card_number AS cardNumber, printed_for AS printedFor FROM code_cards WHERE used_case_id = ?1`)
    .bind(caseId)
    .first<{ cardNumber: string; printedFor: 'committee' | 'town' }>();
}

/** Stores a member's first own key; false when they have one already (it is replaced only by a reset or the recovery key). */
export async function insertOwnKey(db: D1Database, staffId: number, publicKey: string, privateWrap: string, at: string): Promise<boolean> {
  const { results } = await db
    .prepare(
      `INSERT INTO member_keys (staff_id, public_key, private_wrap, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (staff_id) DO NOTHING RETURNING staff_id`,
    )
    .bind(staffId, publicKey, privateWrap, at)
    .all();
  return results.length === 1;
}

/** Members' own keys still sealed the old way (`qlp1`), with their usernames, a page at a time. */
export async function listLegacyMemberWraps(db: D1Database, limit: number): Promise<{ staff_id: number; username: string; private_wrap: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT k.staff_id, u.username, k.private_wrap FROM member_keys k JOIN staff_users u ON u.id = k.staff_id
       WHERE k.private_wrap LIKE 'qlp1:%' ORDER BY k.staff_id LIMIT ?1`,
    )
    .bind(limit)
    .all<{ staff_id: number; username: string; private_wrap: string }>();
  return results;
}

/** Replaces members' own wraps, each only if it is still the one read; one batch. */
export async function replaceMemberWraps(db: D1Database, changes: { staffId: number; from: string; to: string }[]): Promise<void> {
  if (changes.length === 0) return;
  await db.batch(changes.map((c) => db.prepare(`UPDATE member_keys SET private_wrap = ?3 WHERE staff_id = ?1 AND private_wrap = ?2`).bind(c.staffId, c.from, c.to)));
}

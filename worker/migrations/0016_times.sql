-- Times and order that link nothing: every stored time no finer than what reads it needs (see
-- STORED_TIMES in worker/cases/clock.ts and README "What is stored, and how precisely"), the event
-- log numbered per case instead of by one sequence across all cases, and track tokens that do not
-- name the case they open. Rows written before are coarsened the same way here.

-- SQL for the precisions (town time is UTC+8 all year).
--   day:    strftime('%Y-%m-%dT%H:%M:%S.000Z', date(x, '+8 hours'), '-8 hours')
--   minute: strftime('%Y-%m-%dT%H:%M:00.000Z', x)

-- The event log, per case: (case_id, seq), stored and dumped in key order (WITHOUT ROWID), so an
-- export shows no order across cases. Its times are town days. The append-only rule and its one
-- exception (sealing the texts in place on escalation) stay as they were.
CREATE TABLE case_events_new (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  seq INTEGER NOT NULL,               -- 1, 2, … within the case
  kind TEXT NOT NULL,
  public_message TEXT,
  internal_note TEXT,
  actor TEXT NOT NULL,
  dedupe_hash TEXT UNIQUE,
  created_at TEXT NOT NULL,           -- the start of the town day, UTC ISO 8601
  data TEXT,
  PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
INSERT INTO case_events_new (case_id, seq, kind, public_message, internal_note, actor, dedupe_hash, created_at, data)
SELECT case_id, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY id), kind, public_message, internal_note, actor, dedupe_hash,
  strftime('%Y-%m-%dT%H:%M:%S.000Z', date(created_at, '+8 hours'), '-8 hours'), data
FROM case_events;
DROP TABLE case_events;
ALTER TABLE case_events_new RENAME TO case_events;

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
WHEN NOT (
  NEW.seq = OLD.seq AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind AND NEW.actor = OLD.actor
  AND NEW.created_at = OLD.created_at AND NEW.dedupe_hash IS OLD.dedupe_hash AND NEW.data IS OLD.data
  AND (NEW.public_message IS OLD.public_message OR (OLD.public_message NOT LIKE 'qls_:%' AND NEW.public_message LIKE 'qls_:%'))
  AND (NEW.internal_note IS OLD.internal_note OR (OLD.internal_note NOT LIKE 'qls_:%' AND NEW.internal_note LIKE 'qls_:%'))
)
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

-- The statistics' fold no longer follows a global event id: the database notes each case that has
-- a new event, and the fold takes the cases noted (a set of case ids, in key order, no time).
CREATE TABLE stats_pending (case_id INTEGER PRIMARY KEY);
CREATE TRIGGER case_events_pending AFTER INSERT ON case_events
BEGIN INSERT OR IGNORE INTO stats_pending (case_id) VALUES (NEW.case_id); END;
-- The spans were made from the old ids (stat_spans.event_id now holds the event's seq in its case):
-- refold every case from scratch at the next run. Published releases stay as they are.
DELETE FROM stat_spans;
UPDATE stats_state SET folded_through = 0, fold_version = '', refold_cursor = NULL, refold_through = NULL, refold_version = NULL WHERE id = 1;

-- Track tokens: the case a lookup opened is sealed under a key derived from the token (which is
-- random, and stored only hashed), with the code hash it was issued under; the expiry is the full
-- hour. Keyed by the token's hash, so stored in no order of lookups. Live tokens are forgotten.
DROP TABLE track_tokens;
CREATE TABLE track_tokens (
  token_hash TEXT PRIMARY KEY,        -- SHA-256 of the token
  sealed_case TEXT NOT NULL,          -- AES-GCM under a key derived from the token: the case id and its code hash then
  expires_at TEXT NOT NULL,           -- a full hour, UTC ISO 8601
  resident_private TEXT
) WITHOUT ROWID;

-- The resident's verdicts: keyed by case and closing, not by one sequence across all cases.
CREATE TABLE case_feedback_new (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  closing INTEGER NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  comment TEXT,
  created_at TEXT NOT NULL,           -- the start of the town day
  PRIMARY KEY (case_id, closing)
) WITHOUT ROWID;
INSERT INTO case_feedback_new (case_id, closing, rating, comment, created_at)
SELECT case_id, closing, rating, comment, strftime('%Y-%m-%dT%H:%M:%S.000Z', date(created_at, '+8 hours'), '-8 hours') FROM case_feedback;
DROP TABLE case_feedback;
ALTER TABLE case_feedback_new RENAME TO case_feedback;

-- Case times: town days (deadlines already end a town day).
DROP TRIGGER cases_kept_stays;
UPDATE cases SET
  created_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(created_at, '+8 hours'), '-8 hours'),
  updated_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(updated_at, '+8 hours'), '-8 hours'),
  accepted_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(accepted_at, '+8 hours'), '-8 hours'),
  closed_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(closed_at, '+8 hours'), '-8 hours'),
  kept_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(kept_at, '+8 hours'), '-8 hours');
CREATE TRIGGER cases_kept_stays BEFORE UPDATE OF kept_from_village, kept_at ON cases
WHEN OLD.kept_from_village IS NOT NULL AND (NEW.kept_from_village IS NOT OLD.kept_from_village OR NEW.kept_at IS NOT OLD.kept_at)
BEGIN SELECT RAISE(ABORT, 'a case kept from its village stays kept from it'); END;
UPDATE submissions SET created_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(created_at, '+8 hours'), '-8 hours'), sealed_code = NULL;
UPDATE case_claims SET claimed_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(claimed_at, '+8 hours'), '-8 hours');

-- Staff's own times: the minute.
DROP TRIGGER case_access_no_update;
UPDATE case_access SET at = strftime('%Y-%m-%dT%H:%M:00.000Z', at);
CREATE TRIGGER case_access_no_update BEFORE UPDATE ON case_access
BEGIN SELECT RAISE(ABORT, 'case_access is append-only'); END;
DROP TRIGGER conflict_declarations_no_update;
UPDATE conflict_declarations SET at = strftime('%Y-%m-%dT%H:%M:%S.000Z', date(at, '+8 hours'), '-8 hours');
CREATE TRIGGER conflict_declarations_no_update BEFORE UPDATE ON conflict_declarations
WHEN NOT (
  NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.staff_id = OLD.staff_id AND NEW.role = OLD.role
  AND NEW.reason = OLD.reason AND NEW.at = OLD.at
  AND (NEW.note IS OLD.note OR (OLD.note NOT LIKE 'qls_:%' AND NEW.note LIKE 'qls_:%'))
)
BEGIN SELECT RAISE(ABORT, 'conflict_declarations is append-only'); END;
-- The database writes the discipline account log itself: to the minute. The one change allowed
-- is that coarsening, made by the database right after each insert.
DROP TRIGGER discipline_account_log_no_update;
UPDATE discipline_account_log SET at = strftime('%Y-%m-%dT%H:%M:00.000Z', at);
CREATE TRIGGER discipline_account_log_no_update BEFORE UPDATE ON discipline_account_log
WHEN NOT (
  NEW.id = OLD.id AND NEW.staff_id = OLD.staff_id AND NEW.username = OLD.username AND NEW.change = OLD.change
  AND NEW.old_value IS OLD.old_value AND NEW.new_value IS OLD.new_value AND NEW.by_id IS OLD.by_id
  AND NEW.at = strftime('%Y-%m-%dT%H:%M:00.000Z', OLD.at)
)
BEGIN SELECT RAISE(ABORT, 'discipline_account_log is append-only'); END;
CREATE TRIGGER discipline_account_log_minute AFTER INSERT ON discipline_account_log
BEGIN UPDATE discipline_account_log SET at = strftime('%Y-%m-%dT%H:%M:00.000Z', NEW.at) WHERE id = NEW.id; END;

UPDATE staff_users SET created_at = strftime('%Y-%m-%dT%H:%M:00.000Z', created_at);
UPDATE staff_sessions SET created_at = strftime('%Y-%m-%dT%H:%M:00.000Z', created_at), last_seen_at = strftime('%Y-%m-%dT%H:%M:00.000Z', last_seen_at);
UPDATE outcomes SET published_at = strftime('%Y-%m-%dT%H:%M:00.000Z', published_at), withdrawn_at = strftime('%Y-%m-%dT%H:%M:00.000Z', withdrawn_at);
UPDATE weekly_sheets SET generated_at = strftime('%Y-%m-%dT%H:%M:00.000Z', generated_at);
UPDATE monthly_notices SET drafted_at = strftime('%Y-%m-%dT%H:%M:00.000Z', drafted_at), published_at = strftime('%Y-%m-%dT%H:%M:00.000Z', published_at);
UPDATE quarterly_assessments SET computed_at = strftime('%Y-%m-%dT%H:%M:00.000Z', computed_at);
UPDATE record_entries SET created_at = strftime('%Y-%m-%dT%H:%M:00.000Z', created_at), reviewed_at = strftime('%Y-%m-%dT%H:%M:00.000Z', reviewed_at);
UPDATE committee_keys SET created_at = strftime('%Y-%m-%dT%H:%M:00.000Z', created_at), retired_at = strftime('%Y-%m-%dT%H:%M:00.000Z', retired_at);
UPDATE member_keys SET updated_at = strftime('%Y-%m-%dT%H:%M:00.000Z', updated_at);
UPDATE code_cards SET printed_at = strftime('%Y-%m-%dT%H:%M:00.000Z', printed_at);

-- A published outcome notes how far its case's log went when it was published: a reopen later in
-- the log marks it (the times of both are only days now). Outcomes published before: by day.
ALTER TABLE outcomes ADD COLUMN published_seq INTEGER;

-- The recent arrival rate (the proof of work's difficulty) is counted in ten-minute buckets of
-- request_budgets (scope 'arrivals', forgotten with the budgets after two hours), not read from
-- the cases' arrival times, which are days now.
DROP INDEX cases_created_at;

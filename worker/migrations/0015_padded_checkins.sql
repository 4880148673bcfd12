-- Sealed texts are padded to size buckets before sealing (envelope qls2; qls1 rows from before
-- stay as they are and are still read). Sealing a plain text in place may now write either version.
DROP TRIGGER case_events_no_update;
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
WHEN NOT (
  NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind AND NEW.actor = OLD.actor
  AND NEW.created_at = OLD.created_at AND NEW.dedupe_hash IS OLD.dedupe_hash AND NEW.data IS OLD.data
  AND (NEW.public_message IS OLD.public_message OR (OLD.public_message NOT LIKE 'qls_:%' AND NEW.public_message LIKE 'qls_:%'))
  AND (NEW.internal_note IS OLD.internal_note OR (OLD.internal_note NOT LIKE 'qls_:%' AND NEW.internal_note LIKE 'qls_:%'))
)
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

DROP TRIGGER conflict_declarations_no_update;
CREATE TRIGGER conflict_declarations_no_update BEFORE UPDATE ON conflict_declarations
WHEN NOT (
  NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.staff_id = OLD.staff_id AND NEW.role = OLD.role
  AND NEW.reason = OLD.reason AND NEW.at = OLD.at
  AND (NEW.note IS OLD.note OR (OLD.note NOT LIKE 'qls_:%' AND NEW.note LIKE 'qls_:%'))
)
BEGIN SELECT RAISE(ABORT, 'conflict_declarations is append-only'); END;

-- Every check-in answer (yes, no, rather not say) leaves one row here of the same shape and size:
-- the 打击报复 case a "yes" would open, made and sealed in full at the time of the answer, and
-- sealed again under the worker's secret with a flag saying whether to open it. The hourly cron
-- opens the "yes" ones of the town days gone by, in a shuffled order, dated by the day it runs on,
-- and deletes every row; so an export cannot tell which answer opened which case, by time or order.
CREATE TABLE checkin_pending (
  code_hash TEXT PRIMARY KEY,   -- the keyed hash of the new case's query code (never shown for no)
  id_hash TEXT NOT NULL UNIQUE, -- the hash of the new case's submission id (a retried form finds it)
  day TEXT NOT NULL,            -- the town date of the answer
  payload TEXT NOT NULL         -- the case, sealed under the worker's secret, padded
) WITHOUT ROWID;

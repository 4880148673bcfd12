-- Sending a case up to the county commission (Art. 15 of the rules on reports: a report about the
-- town committee's own head, or one that belongs to the level above, goes up, not copied, its circle
-- of knowledge not widened). The town keeps only that it was sent, why, by which channel and on which
-- town day; once the member confirms it was sent, the case's sealed texts and keys are removed in the
-- same batch that records it (worker/db/sendup.ts).

CREATE TABLE case_sendups (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  -- own_head: a report about the town committee's own head; county: it belongs to the county commission.
  reason TEXT NOT NULL CHECK (reason IN ('own_head', 'county')),
  -- How it went: confidential mail (机要交通) or handed over in person (当面移交).
  channel TEXT NOT NULL CHECK (channel IN ('confidential_mail', 'in_person')),
  sent_on TEXT NOT NULL,               -- the start of the town day, UTC ISO 8601
  sent_by INTEGER NOT NULL REFERENCES staff_users (id)
) WITHOUT ROWID;
CREATE TRIGGER case_sendups_no_update BEFORE UPDATE ON case_sendups
BEGIN SELECT RAISE(ABORT, 'case_sendups is append-only'); END;
CREATE TRIGGER case_sendups_no_delete BEFORE DELETE ON case_sendups
BEGIN SELECT RAISE(ABORT, 'case_sendups is append-only'); END;

-- The event log stays append-only. Its exceptions: sealing its texts in place on escalation (as
-- before), and, for a case that has been sent up, emptying them (NULL), nothing else.
DROP TRIGGER case_events_no_update;
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
WHEN NOT (
  NEW.seq = OLD.seq AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind AND NEW.actor = OLD.actor
  AND NEW.created_at = OLD.created_at AND NEW.dedupe_hash IS OLD.dedupe_hash AND NEW.data IS OLD.data
  AND (
    (
      (NEW.public_message IS OLD.public_message OR (OLD.public_message NOT LIKE 'qls_:%' AND NEW.public_message LIKE 'qls_:%'))
      AND (NEW.internal_note IS OLD.internal_note OR (OLD.internal_note NOT LIKE 'qls_:%' AND NEW.internal_note LIKE 'qls_:%'))
    )
    OR (NEW.public_message IS NULL AND NEW.internal_note IS NULL AND EXISTS (SELECT 1 FROM case_sendups WHERE case_id = OLD.case_id))
  )
)
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

DROP TRIGGER conflict_declarations_no_update;
CREATE TRIGGER conflict_declarations_no_update BEFORE UPDATE ON conflict_declarations
WHEN NOT (
  NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.staff_id = OLD.staff_id AND NEW.role = OLD.role
  AND NEW.reason = OLD.reason AND NEW.at = OLD.at
  AND (
    NEW.note IS OLD.note OR (OLD.note NOT LIKE 'qls_:%' AND NEW.note LIKE 'qls_:%')
    OR (NEW.note IS NULL AND EXISTS (SELECT 1 FROM case_sendups WHERE case_id = OLD.case_id))
  )
)
BEGIN SELECT RAISE(ABORT, 'conflict_declarations is append-only'); END;

-- The access log keeps that a case was sent up, and by whom: a third outcome beside read and refused.
CREATE TABLE case_access_new (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  staff_id INTEGER NOT NULL REFERENCES staff_users (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('read', 'refused', 'sent_up')),
  at TEXT NOT NULL
);
INSERT INTO case_access_new (id, case_id, staff_id, outcome, at) SELECT id, case_id, staff_id, outcome, at FROM case_access;
DROP TABLE case_access;
ALTER TABLE case_access_new RENAME TO case_access;
CREATE INDEX case_access_case ON case_access (case_id, at);
CREATE TRIGGER case_access_no_update BEFORE UPDATE ON case_access
BEGIN SELECT RAISE(ABORT, 'case_access is append-only'); END;
CREATE TRIGGER case_access_no_delete BEFORE DELETE ON case_access
BEGIN SELECT RAISE(ABORT, 'case_access is append-only'); END;

-- A case sent up takes no new text on the town's side: a follow-up, a message or a note written
-- after it (a form sent at the same moment, say) is refused by the database itself.
CREATE TRIGGER case_events_sent_up BEFORE INSERT ON case_events
WHEN (NEW.public_message IS NOT NULL OR NEW.internal_note IS NOT NULL) AND EXISTS (SELECT 1 FROM case_sendups WHERE case_id = NEW.case_id)
BEGIN SELECT RAISE(ABORT, 'a case sent up keeps no text'); END;
CREATE TRIGGER conflict_declarations_sent_up BEFORE INSERT ON conflict_declarations
WHEN NEW.note IS NOT NULL AND EXISTS (SELECT 1 FROM case_sendups WHERE case_id = NEW.case_id)
BEGIN SELECT RAISE(ABORT, 'a case sent up keeps no text'); END;
CREATE TRIGGER cases_sent_up_texts BEFORE UPDATE OF subject, description, contact_name, contact_phone ON cases
WHEN OLD.status = 'sent_up' AND (NEW.subject != '' OR NEW.description != '' OR COALESCE(NEW.contact_name, '') != '' OR COALESCE(NEW.contact_phone, '') != '')
BEGIN SELECT RAISE(ABORT, 'a case sent up keeps no text'); END;

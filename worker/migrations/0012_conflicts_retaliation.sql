-- Keeping a case away from the people it is about, and following up on retaliation:
-- cases kept from their village's liaison officers (the resident said the case concerns someone at
-- the liaison station or the village committee, or an officer declared a conflict of interest),
-- staff members' conflict declarations, the retaliation category (打击报复) that goes to the
-- committee, and the resident's check-ins after a committee case closes.

-- 打击报复 goes to the committee, sealed like a cadre report (a test keeps this table equal to town.json).
INSERT INTO committee_categories (category_id) VALUES ('retaliation');

-- Why the case is kept from its village's officers, and since when: NULL while it is not. No name
-- of anyone is stored, only the reason: 'resident' (the resident said so) or 'conflict' (an
-- officer of the village declared a conflict of interest).
ALTER TABLE cases ADD COLUMN kept_from_village TEXT CHECK (kept_from_village IN ('resident', 'conflict'));
ALTER TABLE cases ADD COLUMN kept_at TEXT;

CREATE TRIGGER cases_kept_insert BEFORE INSERT ON cases
WHEN (NEW.kept_from_village IS NULL) != (NEW.kept_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'a case kept from its village says since when, and only then'); END;
CREATE TRIGGER cases_kept_update BEFORE UPDATE OF kept_from_village, kept_at ON cases
WHEN (NEW.kept_from_village IS NULL) != (NEW.kept_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'a case kept from its village says since when, and only then'); END;
-- Once kept from the village, always kept from it: no route (and no direct SQL) can give it back.
CREATE TRIGGER cases_kept_stays BEFORE UPDATE OF kept_from_village, kept_at ON cases
WHEN OLD.kept_from_village IS NOT NULL AND (NEW.kept_from_village IS NOT OLD.kept_from_village OR NEW.kept_at IS NOT OLD.kept_at)
BEGIN SELECT RAISE(ABORT, 'a case kept from its village stays kept from it'); END;

-- A staff member who may not handle a case (related to someone in it, say) steps aside: the case
-- leaves their view at once and for good. One declaration per person and case; none is ever taken
-- back. The note is optional; on a committee case it is sealed (qls1) under the case's data key.
CREATE TABLE conflict_declarations (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  staff_id INTEGER NOT NULL REFERENCES staff_users (id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'handler', 'liaison', 'discipline')),
  reason TEXT NOT NULL CHECK (reason IN ('relative', 'relationship', 'interest', 'involved', 'other')),
  note TEXT,
  at TEXT NOT NULL,
  UNIQUE (case_id, staff_id)
);
CREATE INDEX conflict_declarations_at ON conflict_declarations (at);
CREATE TRIGGER conflict_declarations_no_delete BEFORE DELETE ON conflict_declarations
BEGIN SELECT RAISE(ABORT, 'conflict_declarations is append-only'); END;
-- The one change allowed: sealing the note in place when the case goes to the committee.
CREATE TRIGGER conflict_declarations_no_update BEFORE UPDATE ON conflict_declarations
WHEN NOT (
  NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.staff_id = OLD.staff_id AND NEW.role = OLD.role
  AND NEW.reason = OLD.reason AND NEW.at = OLD.at
  AND (NEW.note IS OLD.note OR (OLD.note NOT LIKE 'qls1:%' AND NEW.note LIKE 'qls1:%'))
)
BEGIN SELECT RAISE(ABORT, 'conflict_declarations is append-only'); END;

-- The check-ins asked after a committee case closes (30, 90 and 180 days: content/workflow.json):
-- one answer per closing and check-in, the answer itself sealed in the case's event log.
CREATE TABLE case_checkins (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  closed_at TEXT NOT NULL,           -- the closing it follows (cases.closed_at then)
  days INTEGER NOT NULL,             -- which check-in: days after that closing
  answered_at TEXT NOT NULL,
  PRIMARY KEY (case_id, closed_at, days)
) WITHOUT ROWID;
CREATE TRIGGER case_checkins_no_update BEFORE UPDATE ON case_checkins
BEGIN SELECT RAISE(ABORT, 'case_checkins is append-only'); END;
CREATE TRIGGER case_checkins_no_delete BEFORE DELETE ON case_checkins
BEGIN SELECT RAISE(ABORT, 'case_checkins is append-only'); END;

-- The statistics: a case kept from its village leaves its village's figures from the period it was
-- kept in (like spam), and is counted town-wide by quarter only. The fold's version moves with this.
ALTER TABLE stat_spans ADD COLUMN kept_at TEXT;

-- Village clerks (村文书): an account of one village that drafts that village's disclosures and
-- sees nothing else (no case, no queue, no statistics, no other village). Its drafting right is
-- granted by the admin like the town's rights (migration 0020); the village's liaison officers
-- (the supervision station) hold the right to approve them. Drafter and reviewer are two people.
--
-- staff_users' CHECK on role is rebuilt to admit 'clerk' (an account of a village, like a liaison
-- officer). SQLite cannot change a CHECK in place: the table is made again, its rows copied, and
-- every trigger on it made again as it was. The triggers elsewhere that read staff_users are
-- dropped first and made again after (a rename checks every trigger's body), with the same text.
PRAGMA defer_foreign_keys = on;

DROP TRIGGER member_key_given;
DROP TRIGGER member_key_first;
DROP TRIGGER staff_rights_holder;

CREATE TABLE staff_users_new (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'handler', 'liaison', 'discipline', 'clerk')),
  village_id TEXT,
  password_hash TEXT NOT NULL,      -- pbkdf2-sha256$<iterations>$<salt>$<hash>
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by INTEGER REFERENCES staff_users (id),
  created_at TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  -- A village's accounts (liaison officers and clerks) name their village; the town's never do.
  CHECK ((role IN ('liaison', 'clerk')) = (village_id IS NOT NULL))
);
INSERT INTO staff_users_new (id, username, display_name, role, village_id, password_hash, active, created_by, created_at, must_change_password)
SELECT id, username, display_name, role, village_id, password_hash, active, created_by, created_at, must_change_password FROM staff_users;
DROP TABLE staff_users;
ALTER TABLE staff_users_new RENAME TO staff_users;

-- As migration 0007: the committee's accounts are logged by the database.
CREATE TRIGGER staff_discipline_created AFTER INSERT ON staff_users WHEN NEW.role = 'discipline'
BEGIN INSERT INTO discipline_account_log (staff_id, username, change, new_value, by_id) VALUES (NEW.id, NEW.username, 'created', NEW.role, NEW.created_by); END;
CREATE TRIGGER staff_discipline_role AFTER UPDATE OF role ON staff_users
WHEN OLD.role != NEW.role AND 'discipline' IN (OLD.role, NEW.role)
BEGIN INSERT INTO discipline_account_log (staff_id, username, change, old_value, new_value) VALUES (NEW.id, NEW.username, 'role', OLD.role, NEW.role); END;
CREATE TRIGGER staff_discipline_active AFTER UPDATE OF active ON staff_users
WHEN OLD.active != NEW.active AND 'discipline' IN (OLD.role, NEW.role)
BEGIN INSERT INTO discipline_account_log (staff_id, username, change) VALUES (NEW.id, NEW.username, CASE NEW.active WHEN 1 THEN 'activated' ELSE 'deactivated' END); END;
CREATE TRIGGER staff_discipline_password AFTER UPDATE OF password_hash ON staff_users
WHEN OLD.password_hash != NEW.password_hash AND NEW.role = 'discipline'
BEGIN INSERT INTO discipline_account_log (staff_id, username, change) VALUES (NEW.id, NEW.username, 'password'); END;
CREATE TRIGGER member_key_given AFTER UPDATE OF committee_wrap ON member_keys
WHEN NEW.committee_wrap IS NOT NULL AND OLD.committee_wrap IS NOT NEW.committee_wrap
BEGIN INSERT INTO discipline_account_log (staff_id, username, change, new_value) SELECT NEW.staff_id, username, 'key', NEW.committee_key_id FROM staff_users WHERE id = NEW.staff_id; END;
CREATE TRIGGER member_key_first AFTER INSERT ON member_keys WHEN NEW.committee_wrap IS NOT NULL
BEGIN INSERT INTO discipline_account_log (staff_id, username, change, new_value) SELECT NEW.staff_id, username, 'key', NEW.committee_key_id FROM staff_users WHERE id = NEW.staff_id; END;

-- Who may hold a right (worker/cases/rights.ts mayHold, kept here too so that no route can skip
-- it): the town's rights only town staff and the town administrator; a village's right to draft
-- only that village's clerks and liaison officers, to approve only its liaison officers (the
-- supervision station reviews what the village committee drafts). Never the discipline committee.
CREATE TRIGGER staff_rights_holder BEFORE INSERT ON staff_rights
WHEN NOT EXISTS (
  SELECT 1 FROM staff_users u WHERE u.id = NEW.staff_id
  AND CASE WHEN NEW.village_id IS NULL THEN u.role IN ('admin', 'handler')
      WHEN NEW.kind = 'approve' THEN u.role = 'liaison' AND u.village_id = NEW.village_id
      ELSE u.role IN ('liaison', 'clerk') AND u.village_id = NEW.village_id END
)
BEGIN SELECT RAISE(ABORT, 'this account cannot hold this right'); END;

-- An account's role or village does not change while it holds a right the new one cannot hold:
-- the change takes the right back first, in the same batch.
CREATE TRIGGER staff_rights_role BEFORE UPDATE OF role, village_id ON staff_users
WHEN EXISTS (
  SELECT 1 FROM staff_rights r WHERE r.staff_id = NEW.id AND r.revoked_at IS NULL
  AND NOT CASE WHEN r.village_id IS NULL THEN NEW.role IN ('admin', 'handler')
      WHEN r.kind = 'approve' THEN NEW.role = 'liaison' AND NEW.village_id = r.village_id
      ELSE NEW.role IN ('liaison', 'clerk') AND NEW.village_id = r.village_id END
)
BEGIN SELECT RAISE(ABORT, 'the account holds rights its new role cannot hold'); END;

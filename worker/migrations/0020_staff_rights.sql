-- Rights the admin grants to staff accounts on top of their role: drafting and approving the
-- documents the portal publishes. A row is one grant, from when it was given until it was taken
-- back, with who gave and who took it back and when (to the minute, as every stored time). A grant
-- is never deleted and only ever closed once; staff_rights_log below keeps each change in order.
--
-- village_id NULL: the town's documents (its regulations). A village's id: that village's
-- documents (its disclosures), granted the same way once villages publish from the console.
CREATE TABLE staff_rights (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff_users (id),
  kind TEXT NOT NULL CHECK (kind IN ('draft', 'approve')),
  village_id TEXT,
  granted_by INTEGER REFERENCES staff_users (id),
  granted_at TEXT NOT NULL,
  revoked_by INTEGER REFERENCES staff_users (id),
  revoked_at TEXT,
  -- Why it was taken back: the admin took it back, or the account's role changed and no longer holds it.
  revoked_why TEXT CHECK (revoked_why IN ('revoked', 'role')),
  CHECK ((revoked_at IS NULL) = (revoked_why IS NULL))
);
-- One live grant of a right per account and scope.
CREATE UNIQUE INDEX staff_rights_live ON staff_rights (staff_id, kind, coalesce(village_id, '')) WHERE revoked_at IS NULL;

CREATE TRIGGER staff_rights_no_delete BEFORE DELETE ON staff_rights
BEGIN SELECT RAISE(ABORT, 'staff_rights is append-only'); END;
-- The one change allowed: a live grant taken back, once.
CREATE TRIGGER staff_rights_no_update BEFORE UPDATE ON staff_rights
WHEN NOT (
  NEW.id = OLD.id AND NEW.staff_id = OLD.staff_id AND NEW.kind = OLD.kind AND NEW.village_id IS OLD.village_id
  AND NEW.granted_by IS OLD.granted_by AND NEW.granted_at = OLD.granted_at
  AND OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
)
BEGIN SELECT RAISE(ABORT, 'staff_rights is append-only'); END;

-- Who may hold a right (worker/cases/rights.ts mayHold, kept here too so that no route can skip
-- it): the town's rights only town staff and the town administrator; a village's only that
-- village's liaison officers. Never the discipline committee.
CREATE TRIGGER staff_rights_holder BEFORE INSERT ON staff_rights
WHEN NOT EXISTS (
  SELECT 1 FROM staff_users u WHERE u.id = NEW.staff_id
  AND CASE WHEN NEW.village_id IS NULL THEN u.role IN ('admin', 'handler') ELSE u.role = 'liaison' AND u.village_id = NEW.village_id END
)
BEGIN SELECT RAISE(ABORT, 'this account cannot hold this right'); END;

-- An account's role or village does not change while it holds a right the new one cannot hold:
-- the change takes the right back first, in the same batch.
CREATE TRIGGER staff_rights_role BEFORE UPDATE OF role, village_id ON staff_users
WHEN EXISTS (
  SELECT 1 FROM staff_rights r WHERE r.staff_id = NEW.id AND r.revoked_at IS NULL
  AND NOT CASE WHEN r.village_id IS NULL THEN NEW.role IN ('admin', 'handler') ELSE NEW.role = 'liaison' AND NEW.village_id = r.village_id END
)
BEGIN SELECT RAISE(ABORT, 'the account holds rights its new role cannot hold'); END;

-- The log of grants and take-backs in the order they happened (stored times are to the minute),
-- written by the database itself so that no route can skip it. The admin reads it on the accounts page.
CREATE TABLE staff_rights_log (
  id INTEGER PRIMARY KEY,
  grant_id INTEGER NOT NULL REFERENCES staff_rights (id),
  staff_id INTEGER NOT NULL REFERENCES staff_users (id),
  kind TEXT NOT NULL,
  village_id TEXT,
  change TEXT NOT NULL CHECK (change IN ('granted', 'revoked', 'role')),
  by_id INTEGER REFERENCES staff_users (id),
  at TEXT NOT NULL
);
CREATE TRIGGER staff_rights_log_no_update BEFORE UPDATE ON staff_rights_log
BEGIN SELECT RAISE(ABORT, 'staff_rights_log is append-only'); END;
CREATE TRIGGER staff_rights_log_no_delete BEFORE DELETE ON staff_rights_log
BEGIN SELECT RAISE(ABORT, 'staff_rights_log is append-only'); END;
CREATE TRIGGER staff_rights_granted AFTER INSERT ON staff_rights
BEGIN
  INSERT INTO staff_rights_log (grant_id, staff_id, kind, village_id, change, by_id, at)
  VALUES (NEW.id, NEW.staff_id, NEW.kind, NEW.village_id, 'granted', NEW.granted_by, NEW.granted_at);
END;
CREATE TRIGGER staff_rights_revoked AFTER UPDATE OF revoked_at ON staff_rights
WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
BEGIN
  INSERT INTO staff_rights_log (grant_id, staff_id, kind, village_id, change, by_id, at)
  VALUES (NEW.id, NEW.staff_id, NEW.kind, NEW.village_id, NEW.revoked_why, NEW.revoked_by, NEW.revoked_at);
END;

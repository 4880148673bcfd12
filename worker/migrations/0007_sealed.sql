-- Sealed reports: what is routed to the discipline committee is stored only encrypted (see
-- worker/cases/sealed.ts and README "Sealed reports"), the committee's keys, who may hold the
-- discipline role, and a rule that a cadre report always carries the discipline flag.

-- The categories that go to the committee (town.json "route": "discipline"; a test checks the two agree).
CREATE TABLE committee_categories (category_id TEXT PRIMARY KEY);
INSERT INTO committee_categories (category_id) VALUES ('cadre-report');

-- Repair rows written before the rule (the demo history did), then keep the rule.
UPDATE cases SET discipline = 1 WHERE discipline = 0 AND category_id IN (SELECT category_id FROM committee_categories);

CREATE TRIGGER cases_committee_category_insert BEFORE INSERT ON cases
WHEN NEW.discipline = 0 AND NEW.category_id IN (SELECT category_id FROM committee_categories)
BEGIN SELECT RAISE(ABORT, 'a case of a category routed to the discipline committee must carry the discipline flag'); END;
CREATE TRIGGER cases_committee_category_update BEFORE UPDATE OF discipline, category_id ON cases
WHEN NEW.discipline = 0 AND NEW.category_id IN (SELECT category_id FROM committee_categories)
BEGIN SELECT RAISE(ABORT, 'a case of a category routed to the discipline committee must carry the discipline flag'); END;
-- Once with the committee, always with the committee.
CREATE TRIGGER cases_discipline_stays BEFORE UPDATE OF discipline ON cases
WHEN OLD.discipline = 1 AND NEW.discipline = 0
BEGIN SELECT RAISE(ABORT, 'a case with the discipline committee stays with it'); END;

-- The committee's key pairs (ECDH P-256). The newest one not retired is in use. The private key
-- is never here in the clear: only sealed under the recovery key (and, in member_keys, to each
-- member's own key).
CREATE TABLE committee_keys (
  id INTEGER PRIMARY KEY,
  public_key TEXT NOT NULL,            -- raw P-256 point, base64url
  recovery_wrap TEXT NOT NULL,         -- qlr1: the private key (PKCS #8) under the recovery key
  created_at TEXT NOT NULL,
  retired_at TEXT
);

-- Each discipline member's own key pair: the private key sealed under their password-derived
-- key (qlp1, made in their browser), and the committee's private key sealed to their public key
-- (qlk1), once a member has given it to them.
CREATE TABLE member_keys (
  staff_id INTEGER PRIMARY KEY REFERENCES staff_users (id),
  public_key TEXT NOT NULL,
  private_wrap TEXT NOT NULL,
  committee_key_id INTEGER REFERENCES committee_keys (id),
  committee_wrap TEXT,
  updated_at TEXT NOT NULL,
  CHECK ((committee_key_id IS NULL) = (committee_wrap IS NULL))
);

-- Per case: its resident key pair (the private key sealed under the query code, qlc1) and, for a
-- sealed case, its data key sealed to the committee (qlk1) and to the resident key (qlk1).
CREATE TABLE case_keys (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  resident_public TEXT,                -- null for a case from before sealing
  resident_private TEXT,
  committee_key_id INTEGER REFERENCES committee_keys (id),
  committee_wrap TEXT,
  resident_wrap TEXT,
  CHECK ((committee_key_id IS NULL) = (committee_wrap IS NULL)),
  CHECK (resident_wrap IS NULL OR committee_wrap IS NOT NULL)
);

-- While a track token lives, the resident private key is also sealed under it (qlt1), so a
-- follow-up or a comment can be sealed without the code travelling again.
ALTER TABLE track_tokens ADD COLUMN resident_private TEXT;

-- A record-form entry that reports a cadre: its texts sealed under its own data key, sealed to
-- the committee.
ALTER TABLE record_entries ADD COLUMN committee_key_id INTEGER REFERENCES committee_keys (id);
ALTER TABLE record_entries ADD COLUMN committee_wrap TEXT;

-- The event log stays append-only; the one change allowed is sealing its texts in place when a
-- case is escalated to the committee (plain → qls1 envelope, nothing else).
DROP TRIGGER case_events_no_update;
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
WHEN NOT (
  NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind AND NEW.actor = OLD.actor
  AND NEW.created_at = OLD.created_at AND NEW.dedupe_hash IS OLD.dedupe_hash AND NEW.data IS OLD.data
  AND (NEW.public_message IS OLD.public_message OR (OLD.public_message NOT LIKE 'qls1:%' AND NEW.public_message LIKE 'qls1:%'))
  AND (NEW.internal_note IS OLD.internal_note OR (OLD.internal_note NOT LIKE 'qls1:%' AND NEW.internal_note LIKE 'qls1:%'))
)
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

-- Every change to a discipline account, written by the database itself so that no route (and no
-- direct SQL through the application) can skip it. Discipline members read it in the console.
CREATE TABLE discipline_account_log (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL,
  username TEXT NOT NULL,
  change TEXT NOT NULL,                -- created | role | activated | deactivated | password | key
  old_value TEXT,
  new_value TEXT,
  by_id INTEGER,                       -- who made it, where the application knows
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TRIGGER discipline_account_log_no_update BEFORE UPDATE ON discipline_account_log
BEGIN SELECT RAISE(ABORT, 'discipline_account_log is append-only'); END;
CREATE TRIGGER discipline_account_log_no_delete BEFORE DELETE ON discipline_account_log
BEGIN SELECT RAISE(ABORT, 'discipline_account_log is append-only'); END;

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

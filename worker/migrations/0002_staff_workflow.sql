-- Staff accounts and sessions, the case workflow's extra state, the access log and resident feedback.

CREATE TABLE staff_users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'handler', 'liaison', 'discipline')),
  village_id TEXT,
  password_hash TEXT NOT NULL,      -- pbkdf2-sha256$<iterations>$<salt>$<hash>
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_by INTEGER REFERENCES staff_users (id),
  created_at TEXT NOT NULL,
  CHECK ((role = 'liaison') = (village_id IS NOT NULL))
);

CREATE TABLE staff_sessions (
  id_hash TEXT PRIMARY KEY,         -- SHA-256 of the cookie value; the value itself is never stored
  user_id INTEGER NOT NULL REFERENCES staff_users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);

ALTER TABLE cases ADD COLUMN discipline INTEGER NOT NULL DEFAULT 0 CHECK (discipline IN (0, 1));
ALTER TABLE cases ADD COLUMN created_by INTEGER REFERENCES staff_users (id);
ALTER TABLE cases ADD COLUMN escalated_by INTEGER REFERENCES staff_users (id);
ALTER TABLE cases ADD COLUMN assignee_id INTEGER REFERENCES staff_users (id);
ALTER TABLE cases ADD COLUMN accepted_at TEXT;
ALTER TABLE cases ADD COLUMN closed_at TEXT;
ALTER TABLE cases ADD COLUMN time_limit_days INTEGER;
ALTER TABLE cases ADD COLUMN not_accepted_reason TEXT;
ALTER TABLE cases ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
-- Bumped by every move, so two staff members acting at once cannot both move the same state.
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_discipline ON cases (discipline, status);

-- Who opened which case, and when. Kept for the town's admin; never shown to residents.
CREATE TABLE case_access (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  staff_id INTEGER NOT NULL REFERENCES staff_users (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('read', 'refused')),
  at TEXT NOT NULL
);
CREATE INDEX case_access_case ON case_access (case_id, at);
CREATE TRIGGER case_access_no_update BEFORE UPDATE ON case_access
BEGIN SELECT RAISE(ABORT, 'case_access is append-only'); END;
CREATE TRIGGER case_access_no_delete BEFORE DELETE ON case_access
BEGIN SELECT RAISE(ABORT, 'case_access is append-only'); END;

-- The resident's verdict on a closed case: one per closing.
CREATE TABLE case_feedback (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  closing INTEGER NOT NULL,         -- 0 for the first closing, 1 after a reopen
  rating TEXT NOT NULL CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  comment TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (case_id, closing)
);

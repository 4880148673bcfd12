-- Cases sent by residents, their append-only event log, and what idempotent submission and
-- query-code lookups need. No column here holds, or could hold, an IP address, a user agent,
-- a referrer or a location: the worker never reads them.

CREATE TABLE case_counters (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  case_number TEXT NOT NULL UNIQUE,
  -- HMAC-SHA-256 of the normalized query code under the QUERY_CODE_KEY secret; never the code.
  code_hash TEXT NOT NULL UNIQUE,
  village_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
  -- Only for a real-name submission, and only what the resident typed.
  contact_name TEXT,
  contact_phone TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('web', 'mailbox', 'phone', 'visit')),
  locale TEXT NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,   -- UTC, ISO 8601
  updated_at TEXT NOT NULL,   -- UTC, ISO 8601
  accept_due_at TEXT,         -- UTC, ISO 8601
  due_at TEXT,                -- UTC, ISO 8601, once a time limit is set
  CHECK ((anonymous = 1 AND contact_name IS NULL AND contact_phone IS NULL)
      OR (anonymous = 0 AND contact_name IS NOT NULL AND contact_phone IS NOT NULL))
);
CREATE INDEX cases_village_status ON cases (village_id, status);

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  public_message TEXT,        -- shown to the resident on the query page
  internal_note TEXT,         -- staff only
  actor TEXT NOT NULL,        -- 'resident', 'system' or 'staff:<id>'
  -- A client-generated id (hashed) so a retried follow-up is stored once.
  dedupe_hash TEXT UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

-- One row per accepted submission id, so a retried POST returns the same receipt.
-- The submission id is kept only as a SHA-256 hash; the query code only sealed (AES-GCM) under
-- a key derived from the secret and the submission id itself, which the server does not keep,
-- and only for the 24 hours in which a receipt may be shown again.
CREATE TABLE submissions (
  id_hash TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  sealed_code TEXT,
  created_at TEXT NOT NULL
);

-- Short-lived capabilities handed out after a successful lookup, so the follow-up form does not
-- need to carry the query code. Stored as SHA-256 hashes; they expire after 30 minutes.
CREATE TABLE track_tokens (
  token_hash TEXT PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  expires_at TEXT NOT NULL
);

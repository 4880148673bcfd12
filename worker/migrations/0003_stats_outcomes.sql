-- Structured details of workflow events (time limit, category, assignee, rating), the facts the
-- statistics are built from, the published snapshot, and anonymized case outcomes.

ALTER TABLE case_events ADD COLUMN data TEXT;   -- JSON, e.g. {"workingDays":3,"dueAt":"…"}

-- One row per case: what the statistics need, folded from its events (see worker/stats/facts.ts).
CREATE TABLE case_facts (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  last_event_id INTEGER NOT NULL,        -- the fold has seen events up to this id
  facts TEXT NOT NULL                    -- JSON CaseFacts
);

-- The latest statistics snapshot, as published (disclosure control already applied).
CREATE TABLE stats_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  built_at TEXT NOT NULL,
  etag TEXT NOT NULL,
  body TEXT NOT NULL
);

CREATE TABLE outcomes (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases (id),
  case_number TEXT NOT NULL,
  village_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('outcome', 'case_notice')),  -- case notices: cadre reports
  result TEXT NOT NULL CHECK (result IN ('resolved', 'explained', 'not_accepted')),
  problem TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome_text TEXT NOT NULL,
  working_days INTEGER NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  published_by INTEGER NOT NULL REFERENCES staff_users (id),
  published_at TEXT NOT NULL,
  withdrawn_by INTEGER REFERENCES staff_users (id),
  withdrawn_at TEXT
);
CREATE INDEX outcomes_published ON outcomes (withdrawn_at, published_at);

-- Public figures on a release calendar. The statistics no longer keep a JSON blob per case and a
-- snapshot rebuilt after every event: each case's status history is kept as typed spans, folded
-- from its event log by the cron, and each release is computed once, with SQL aggregates, and
-- kept as published.

DROP TABLE case_facts;
DROP TABLE stats_snapshot;

-- The town's days with a running count of working days (holidays and adjusted working days from
-- content/calendar.json, Monday to Friday in years it does not list): working days between two
-- dates are the difference of their ordinals. Filled by the cron; `calendar` names the version.
CREATE TABLE town_days (
  date TEXT PRIMARY KEY,              -- YYYY-MM-DD, town calendar
  working INTEGER NOT NULL CHECK (working IN (0, 1)),
  ordinal INTEGER NOT NULL            -- working days from the table's first date to this one, inclusive
) WITHOUT ROWID;

-- What the statistics know about a case: one row per status it has been in, from the event log.
-- A case in a status from `from_at` until `to_at` (NULL while it still is); the deadline that ran
-- meanwhile; the category in force when the status began; for a closing, the working days since
-- the case arrived and the resident's verdict on that closing (from case_feedback).
CREATE TABLE stat_spans (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  event_id INTEGER NOT NULL,          -- the event that began the span (status 'received': the case's arrival)
  status TEXT NOT NULL,
  from_at TEXT NOT NULL,              -- UTC ISO 8601
  to_at TEXT,                         -- UTC ISO 8601; NULL while the case is in this status
  next_move TEXT,                     -- the move that ended the span
  deadline TEXT,                      -- acceptance deadline (received, reopened) or time limit (in_progress)
  clock_ended_at TEXT,                -- when that deadline's run ended: met (to_at) or passed (deadline)
  village_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  cadre INTEGER NOT NULL CHECK (cadre IN (0, 1)),   -- a report about a village cadre: counted by quarter only
  close_days INTEGER,                 -- closing spans: working days from arrival to this closing
  rating TEXT,                        -- closing spans: the resident's verdict on this closing
  rated_at TEXT,
  PRIMARY KEY (case_id, event_id)
) WITHOUT ROWID;
CREATE INDEX stat_spans_from ON stat_spans (from_at);
-- Spans still running in an open status: the cases open now.
CREATE INDEX stat_spans_open ON stat_spans (from_at) WHERE to_at IS NULL AND status IN ('received', 'accepted', 'in_progress', 'escalated', 'reopened');
CREATE INDEX stat_spans_clock ON stat_spans (clock_ended_at) WHERE clock_ended_at IS NOT NULL;
CREATE INDEX stat_spans_rated ON stat_spans (rated_at) WHERE rated_at IS NOT NULL;

-- How far the fold has read the event log, and a from-scratch refold under way (its cursor).
CREATE TABLE stats_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  folded_through INTEGER NOT NULL DEFAULT 0,   -- every event with an id up to this one is folded
  fold_version TEXT NOT NULL DEFAULT '',       -- the fold and calendar the spans were made with
  refold_cursor INTEGER,                        -- cases with ids up to this one are refolded; NULL: none under way
  refold_through INTEGER,                       -- the refold reads events up to this id
  refold_version TEXT                           -- and becomes fold_version when it ends
);
INSERT INTO stats_state (id) VALUES (1);

-- Each release as published, once: a period that has its release keeps it.
CREATE TABLE stats_releases (
  kind TEXT NOT NULL CHECK (kind IN ('tables', 'cadre', 'open', 'records')),
  period TEXT NOT NULL,               -- 2026-11, 2026-Q4, 2026, 2026-11-30 …
  cutoff TEXT NOT NULL,               -- the town date it covers up to (24:00 town time of that day)
  released_on TEXT NOT NULL,          -- the town date it was due
  body TEXT NOT NULL,                 -- JSON, disclosure control applied
  PRIMARY KEY (kind, period)
) WITHOUT ROWID;

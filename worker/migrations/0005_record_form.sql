-- The liaison station performance record form (履职纪实表): what a village's liaison officers
-- supervised, found and did, kept in the console instead of on paper.

CREATE TABLE record_entries (
  id INTEGER PRIMARY KEY,
  -- The form's own client id: a retried POST finds its entry instead of writing a second one.
  client_id TEXT NOT NULL UNIQUE,
  village_id TEXT NOT NULL,
  officer_id INTEGER NOT NULL REFERENCES staff_users (id),
  entry_date TEXT NOT NULL,          -- YYYY-MM-DD, the town's calendar day of the supervision
  focus TEXT NOT NULL CHECK (focus IN ('decisions', 'integrity', 'power')),
  matter TEXT NOT NULL,
  findings TEXT NOT NULL,
  actions TEXT NOT NULL,
  reported INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1)),
  follow_up TEXT NOT NULL DEFAULT '',
  -- The discipline case the entry reports a cadre in; its content stays under the case rules.
  case_id INTEGER REFERENCES cases (id),
  reviewed_by INTEGER REFERENCES staff_users (id),
  reviewed_at TEXT,
  review_comment TEXT,
  created_at TEXT NOT NULL,
  CHECK (case_id IS NULL OR reported = 1),
  CHECK ((reviewed_by IS NULL) = (reviewed_at IS NULL))
);
CREATE INDEX record_entries_village ON record_entries (village_id, entry_date);
CREATE INDEX record_entries_reported ON record_entries (reported, entry_date);

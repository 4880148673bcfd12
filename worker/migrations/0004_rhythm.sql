-- The town's rhythm: the weekly scheduling sheet, the monthly notification, the quarterly
-- assessment. One row per period (the primary key), so a cron that runs twice adds nothing.

CREATE TABLE weekly_sheets (
  week TEXT PRIMARY KEY,             -- the Monday, town date
  generated_at TEXT NOT NULL,
  body TEXT NOT NULL                 -- JSON WeeklySheet
);

CREATE TABLE monthly_notices (
  month TEXT PRIMARY KEY,            -- YYYY-MM
  drafted_at TEXT NOT NULL,
  figures TEXT NOT NULL,             -- JSON PublicStats of the month (disclosure control applied)
  commentary_zh TEXT NOT NULL DEFAULT '',
  commentary_en TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_by INTEGER REFERENCES staff_users (id),
  published_at TEXT
);

CREATE TABLE quarterly_assessments (
  quarter TEXT PRIMARY KEY,          -- YYYY-Qn
  computed_at TEXT NOT NULL,
  plan TEXT NOT NULL,                -- JSON: the scoring plan as it was, kept with its result
  body TEXT NOT NULL                 -- JSON VillageAssessment[]
);

-- The discipline committee's closings get results of their own on a published notice: 予以了结
-- (`concluded`, closed with no further action) and 移送审查调查 (`transferred`, passed to review
-- and investigation), no longer "resolved".
--
-- outcomes' CHECK on result is rebuilt to admit them. SQLite cannot change a CHECK in place: the
-- table is made again, its rows copied and its index made again, as migration 0023 did for
-- staff_users. No trigger is on outcomes, and none elsewhere reads it; no table refers to it.
-- Each row keeps its id: nothing outside the table names an outcome by it, but the feeds order by it.
PRAGMA defer_foreign_keys = on;

CREATE TABLE outcomes_new (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL UNIQUE REFERENCES cases (id),
  case_number TEXT NOT NULL,
  village_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('outcome', 'case_notice')),  -- case notices: the committee's cases
  result TEXT NOT NULL CHECK (result IN ('resolved', 'explained', 'not_accepted', 'concluded', 'transferred')),
  problem TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome_text TEXT NOT NULL,
  working_days INTEGER NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  published_by INTEGER NOT NULL REFERENCES staff_users (id),
  published_at TEXT NOT NULL,
  withdrawn_by INTEGER REFERENCES staff_users (id),
  withdrawn_at TEXT,
  published_seq INTEGER
);

-- A notice published of a committee closing said "resolved": it takes the result of the closing it
-- tells, the last closing in its case's log up to its publication (published_seq). A notice of a
-- case the committee closed the ordinary way (已办结, then 结案) keeps its result.
INSERT INTO outcomes_new (id, case_id, case_number, village_id, category_id, kind, result, problem, action, outcome_text, working_days, locale, published_by, published_at, withdrawn_by, withdrawn_at, published_seq)
SELECT o.id, o.case_id, o.case_number, o.village_id, o.category_id, o.kind,
  COALESCE(
    (SELECT CASE e.kind WHEN 'conclude' THEN 'concluded' WHEN 'transfer' THEN 'transferred' END
     FROM case_events e
     WHERE e.case_id = o.case_id AND e.kind IN ('close', 'not_accept', 'conclude', 'transfer') AND e.seq <= COALESCE(o.published_seq, e.seq)
     ORDER BY e.seq DESC LIMIT 1),
    o.result),
  o.problem, o.action, o.outcome_text, o.working_days, o.locale, o.published_by, o.published_at, o.withdrawn_by, o.withdrawn_at, o.published_seq
FROM outcomes o;

DROP TABLE outcomes;
ALTER TABLE outcomes_new RENAME TO outcomes;
CREATE INDEX outcomes_published ON outcomes (withdrawn_at, published_at);

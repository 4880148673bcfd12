-- Budgets of requests taken without a proof of work (a browser without JavaScript), counted per
-- hour and per scope: a village's submissions, or one kind of request for the whole town. No
-- scope names a sender: there is nothing here about who asked.
CREATE TABLE request_budgets (
  scope TEXT NOT NULL,              -- e.g. 'submission:village:qinglian', 'track', 'followup'
  hour TEXT NOT NULL,               -- UTC, YYYY-MM-DDTHH
  used INTEGER NOT NULL,
  PRIMARY KEY (scope, hour)
);

-- The recent submission rate sets the proof of work's difficulty.
CREATE INDEX cases_created_at ON cases (created_at);

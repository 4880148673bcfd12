-- Claim codes: a cadre report recorded by an officer from a visit or a call gets a slip whose code
-- works once, to claim the case with a new code only the resident sees. Until then the case waits
-- here unclaimed; once claimed the slip's code is gone (cases.code_hash is the new code's).
CREATE TABLE case_claims (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  claimed_at TEXT
);

-- A proof of work pays for one request: once spent, a hash of its challenge and nonce is kept
-- until the proof would have expired anyway (to the hour), and a second use is refused. Nothing
-- here names a case, a form or a visitor: the hash, what it was spent on, and an hour.
CREATE TABLE spent_proofs (
  proof_hash TEXT PRIMARY KEY,      -- SHA-256 of the challenge and nonce (proof-of-work.ts)
  purpose TEXT NOT NULL,            -- 'track', 'signin', ...: its count sets that purpose's difficulty
  expires_hour TEXT NOT NULL        -- UTC, YYYY-MM-DDTHH: forgotten by the hourly cron after it
) WITHOUT ROWID;

CREATE INDEX spent_proofs_purpose ON spent_proofs (purpose, expires_hour);

-- Sign-in attempts on one name are checked one after another: each reserves the name's next
-- slot (whole seconds since the epoch) with one statement, so parallel attempts queue instead of
-- each being checked after its own wait.
ALTER TABLE sign_in_failures ADD COLUMN next_slot INTEGER NOT NULL DEFAULT 0;

-- No notice of a 打击报复 (retaliation) report is public any more: one published before is withdrawn.
UPDATE outcomes SET withdrawn_at = published_at, withdrawn_by = published_by WHERE category_id = 'retaliation' AND withdrawn_at IS NULL;

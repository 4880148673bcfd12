-- Sign-in throttling without a lockout: failures are counted per name typed (a hash of it), for
-- names that exist and names that do not alike, so the delay they earn tells nothing about whether
-- an account exists. The old per-account lock is gone: it refused the real password.

CREATE TABLE sign_in_failures (
  name_hash TEXT PRIMARY KEY,       -- SHA-256 of 'sign-in:' and the lower-cased username typed
  failures INTEGER NOT NULL,
  last_at TEXT NOT NULL             -- UTC, ISO 8601; the count is forgotten after a quiet spell
);

ALTER TABLE staff_users DROP COLUMN failed_sign_ins;
ALTER TABLE staff_users DROP COLUMN locked_until;

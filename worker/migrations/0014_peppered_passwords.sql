-- Passwords and member keys a database export cannot test (issue 18, finding 3).
--
-- Verifiers become pbkdf2-sha256-pepper$… (HMAC under a pepper derived from the QUERY_CODE_KEY
-- secret, which is not in D1). SQL cannot compute that HMAC: the worker upgrades the old
-- pbkdf2-sha256$… rows without the passwords, at sign-in and in the hourly cron, and
-- `npm start` does it for the local database (staff-auth.ts `upgradeLegacyVerifiers`).

-- Set while the account must choose a new password before anything else in the console.
ALTER TABLE staff_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));

-- Every committee member's password predates the rule for members (16 characters, zxcvbn 4), and
-- their own key's wrap is the old qlp1 (PBKDF2 of the password alone): they change it first.
UPDATE staff_users SET must_change_password = 1 WHERE role = 'discipline';

-- The counters' names were unkeyed SHA-256 (a password typed as a name could be recovered);
-- they are keyed now, and the old rows would never match again.
DELETE FROM sign_in_failures;

-- A case staff marked "not accepted: spam or abuse" leaves the released statistics from the
-- period in which it was marked: each span carries when that happened (NULL for real cases).
-- The fold's version changes with this, so the next cron run refolds every case.
ALTER TABLE stat_spans ADD COLUMN spam_at TEXT;

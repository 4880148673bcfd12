-- Photos with a case (the mailbox, a follow-up on the query page, Open311). The bytes are in R2
-- (the FILES bucket, under photos/<id>), rewritten without their metadata; a cadre report's are
-- sealed under the case's data key, and the stored object is the envelope. D1 keeps only the link
-- to the case, the type, the size and the dimensions: nothing of the file's name, nothing of when
-- or where it was taken. An object in R2 with no row here is an orphan the hourly cron removes
-- (an upload whose batch failed, or a case whose photos were deleted with its content).

CREATE TABLE case_photos (
  id TEXT PRIMARY KEY,                   -- random, base64url, 128 bits: the R2 key is photos/<id>
  case_id INTEGER NOT NULL REFERENCES cases (id),
  seq INTEGER NOT NULL,                  -- 1, 2, 3 … in the order they were added to the case
  type TEXT NOT NULL CHECK (type IN ('image/jpeg', 'image/png', 'image/webp')),
  size INTEGER NOT NULL,                 -- bytes of the cleaned photo (before sealing)
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
  added_on TEXT NOT NULL                 -- the start of the town day, UTC ISO 8601 (as precise as the case's own times)
) WITHOUT ROWID;
CREATE UNIQUE INDEX case_photos_by_case ON case_photos (case_id, seq);

-- A sealed photo's row holds no size and no dimensions: they are inside its envelope (`qlb2`,
-- padded to a size bucket, see core/sealed.ts), so a dump tells of a committee case's photo only
-- that it exists, its type, its size bucket (the R2 object's length) and the town day it was added.
-- A plain photo's row keeps them (the pages size its <img> from them). Rows sealed before (`qlb1`,
-- unpadded) lose theirs here; their objects keep their exact lengths (the worker cannot open them
-- to pad them: only a committee member's browser holds the key).

CREATE TABLE case_photos_new (
  id TEXT PRIMARY KEY,                   -- random, base64url, 128 bits: the R2 key is photos/<id>
  case_id INTEGER NOT NULL REFERENCES cases (id),
  seq INTEGER NOT NULL,                  -- 1, 2, 3 … in the order they were added to the case
  type TEXT NOT NULL CHECK (type IN ('image/jpeg', 'image/png', 'image/webp')),
  size INTEGER,                          -- bytes of the cleaned photo; null when sealed
  width INTEGER,                         -- null when sealed
  height INTEGER,                        -- null when sealed
  sealed INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
  added_on TEXT NOT NULL,                -- the start of the town day, UTC ISO 8601 (as precise as the case's own times)
  CHECK (CASE sealed WHEN 1 THEN size IS NULL AND width IS NULL AND height IS NULL
                     ELSE size IS NOT NULL AND width IS NOT NULL AND height IS NOT NULL END)
) WITHOUT ROWID;
INSERT INTO case_photos_new (id, case_id, seq, type, size, width, height, sealed, added_on)
SELECT id, case_id, seq, type,
  CASE sealed WHEN 1 THEN NULL ELSE size END,
  CASE sealed WHEN 1 THEN NULL ELSE width END,
  CASE sealed WHEN 1 THEN NULL ELSE height END,
  sealed, added_on
FROM case_photos;
DROP TABLE case_photos;
ALTER TABLE case_photos_new RENAME TO case_photos;
CREATE UNIQUE INDEX case_photos_by_case ON case_photos (case_id, seq);

-- Residents' questions about a village disclosure and the answers published under it.
-- A question ("对这项公开有疑问") is a case of the disclosure-question category (content/town.json),
-- handled by the village's supervision on the ordinary clocks; this links it to the disclosure it
-- asks about. The answer a staff member publishes from the case is a dated addendum
-- (答复/补充说明) shown under the disclosure: public text written for the public, never the
-- resident's words. Times are town days (core/clock.ts storedDay).

CREATE TABLE disclosure_questions (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  document_id INTEGER NOT NULL REFERENCES documents (id)
) WITHOUT ROWID;
CREATE INDEX disclosure_questions_document ON disclosure_questions (document_id);

CREATE TABLE disclosure_addenda (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  -- The question it answers (NULL: a supplement published without one).
  case_id INTEGER REFERENCES cases (id),
  text_zh TEXT NOT NULL,
  text_en TEXT,
  published_on TEXT NOT NULL,
  published_by INTEGER NOT NULL REFERENCES staff_users (id)
);
CREATE INDEX disclosure_addenda_document ON disclosure_addenda (document_id, id);
-- Published is public: an addendum is never changed or removed (a correction of the disclosure is a new version).
CREATE TRIGGER disclosure_addenda_no_update BEFORE UPDATE ON disclosure_addenda
BEGIN SELECT RAISE(ABORT, 'disclosure_addenda is append-only'); END;
CREATE TRIGGER disclosure_addenda_no_delete BEFORE DELETE ON disclosure_addenda
BEGIN SELECT RAISE(ABORT, 'disclosure_addenda is append-only'); END;

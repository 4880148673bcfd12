-- Documents published from the staff console (regulations now, village disclosures next): each
-- document has an address (kind + slug) and numbered versions. A version is drafted, sent for
-- review, returned or approved (published) by a second staff member; a correction is a new
-- version with a public 更正 note, the earlier ones stay readable; a withdrawal keeps the address
-- with a dated notice and its public reason. Times are town days (core/clock.ts storedDay).

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('regulation', 'disclosure')),
  slug TEXT NOT NULL,
  -- NULL: the town's; a village's id for a village document.
  village_id TEXT,
  -- As today's regulations: in force, or amended / repealed by a later one (set in the batch that publishes that one).
  status TEXT NOT NULL DEFAULT 'in-force' CHECK (status IN ('in-force', 'amended', 'repealed')),
  -- The version the public page shows (the newest published); NULL until the first approval.
  published_seq INTEGER,
  -- The issue date of the published version (YYYY-MM-DD), for ordering lists and feeds.
  issued TEXT,
  withdrawn_at TEXT,
  withdrawn_reason_zh TEXT,
  withdrawn_reason_en TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (kind, slug)
);

CREATE TABLE document_versions (
  document_id INTEGER NOT NULL REFERENCES documents (id),
  seq INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'review', 'published', 'withdrawn', 'returned')),
  -- The metadata as JSON (worker/publishing/model.ts DocumentMeta): title, 文号, issuer, dates,
  -- category, amends / replaces, summary, translator, attachment label, history.
  meta TEXT NOT NULL,
  -- Markdown, as stored; rendered safely on the way out (worker/publishing/markdown.ts).
  body_zh TEXT NOT NULL,
  body_en TEXT,
  -- The public 更正 note of a correction (NULL on a first version).
  note_zh TEXT,
  note_en TEXT,
  -- The attachment: SHA-256 hex of its bytes (the R2 key is attachments/<sha>.pdf) or a static file of the portal.
  attachment_sha TEXT,
  attachment_file TEXT,
  attachment_size INTEGER,
  drafted_by INTEGER REFERENCES staff_users (id),
  approved_by INTEGER REFERENCES staff_users (id),
  published_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
);

CREATE TABLE document_comments (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  seq INTEGER NOT NULL,
  author_id INTEGER REFERENCES staff_users (id),
  comment TEXT NOT NULL,
  at TEXT NOT NULL
);

-- Who drafted, sent, approved, returned, corrected, withdrew or attached, and on which town day.
CREATE TABLE document_audit (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  seq INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('import', 'draft', 'submit', 'approve', 'return', 'correct', 'withdraw', 'attach')),
  actor_id INTEGER REFERENCES staff_users (id),
  at TEXT NOT NULL
);
CREATE INDEX document_audit_document ON document_audit (document_id, id);

-- The search index of published documents, without FTS5 (wrangler d1 export refuses virtual
-- tables): Chinese as character bigrams (and single characters), other text as lower-cased
-- words. Rewritten in the batch that publishes, corrects or withdraws a document.
CREATE TABLE search_terms (
  term TEXT NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  PRIMARY KEY (term, document_id)
) WITHOUT ROWID;
CREATE INDEX search_terms_document ON search_terms (document_id);

-- Claim codes: a cadre report recorded by an officer from a visit or a call gets a slip whose code
-- works once, to claim the case with a new code only the resident sees. Until then the case waits
-- here unclaimed; once claimed the slip's code is gone (cases.code_hash is the new code's).
CREATE TABLE case_claims (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  claimed_at TEXT
);

-- Code cards for the village's paper mailbox: printed in sheets, a card number and a query code
-- each. Only the code's keyed hash is stored, with a resident key pair whose private half only the
-- code opens (as case_keys); an officer who records a letter enters the card number, and the case
-- then answers that code. A card is used once.
CREATE TABLE code_cards (
  card_number TEXT PRIMARY KEY,
  village_id TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  resident_public TEXT NOT NULL,
  resident_private TEXT NOT NULL,
  printed_by INTEGER NOT NULL REFERENCES staff_users (id),
  -- Who saw the codes: the committee, or the town's admin (a cadre report on an admin's card must be claimed).
  printed_for TEXT NOT NULL CHECK (printed_for IN ('committee', 'town')),
  printed_at TEXT NOT NULL,
  used_case_id INTEGER UNIQUE REFERENCES cases (id)
);

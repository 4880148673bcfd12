-- Claims are tamper-evident: the code a claim replaced (a slip's, or a card's) is kept as its keyed
-- hash, so that code, looked up again, says on which day it was exchanged and whom to tell if that
-- was not the resident, instead of "not found". The day of a claim is all that is kept of its time:
-- existing claims keep only their town date (the town is UTC+8).
ALTER TABLE case_claims ADD COLUMN replaced_code_hash TEXT;
CREATE UNIQUE INDEX case_claims_replaced_code_hash ON case_claims (replaced_code_hash);
UPDATE case_claims SET claimed_at = date(claimed_at, '+8 hours') WHERE claimed_at IS NOT NULL;

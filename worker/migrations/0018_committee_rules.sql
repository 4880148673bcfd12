-- The discipline committee's own rule (content/committee.json, 《纪检监察机关处理检举控告工作规则》):
-- its acceptance clock (Art. 16), the way a clue was disposed of (Art. 17), and the notice owed to
-- a real-name reporter. No text: the reason for a disposal is the move's sealed internal note.
ALTER TABLE cases ADD COLUMN committee_due_at TEXT;  -- the end of the working day by which the committee takes it up (受理)
ALTER TABLE cases ADD COLUMN disposal TEXT CHECK (disposal IN ('talk', 'verify', 'shelve', 'conclude', 'transfer'));
ALTER TABLE cases ADD COLUMN notice_kind TEXT CHECK (notice_kind IN ('acceptance', 'result'));
ALTER TABLE cases ADD COLUMN notice_due_at TEXT;      -- the end of the working day by which that notice is owed

-- 0013: leaders approve results. A procedure may ask for the leader's approval of its result
-- (trình ký -> phê duyệt): its dossiers then go through propose -> approve (or send_back), and
-- resolve is refused. The flag is fixed on each dossier at receipt, as its time limit is; the
-- proposal waiting for approval is part of the dossier's projection.
ALTER TABLE procedure ADD COLUMN approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1));
ALTER TABLE dossier ADD COLUMN approval INTEGER NOT NULL DEFAULT 0 CHECK (approval IN (0, 1));
ALTER TABLE dossier ADD COLUMN proposal TEXT CHECK (proposal IN ('approved', 'rejected'));
ALTER TABLE dossier ADD COLUMN proposed_by TEXT;

-- 0010: where an imported due_at takes effect. A source system's deadline replaces the
-- one motcua computes from the event that last moved the due date (the receipt, a
-- supplement, a payment after a pause), so that reports of periods before the next event
-- count the dossier as within deadline or overdue against it. due_override_seq is that
-- event's seq; 0 (stores imported before this version) means the last event that moves
-- the due date on replay.
ALTER TABLE dossier ADD COLUMN due_override_seq INTEGER NOT NULL DEFAULT 0;

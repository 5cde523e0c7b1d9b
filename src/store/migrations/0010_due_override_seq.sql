-- 0010: where an imported due_at takes effect. A source system's deadline replaces the
-- one motcua computes from the event that last set the due date (the receipt, a supplement,
-- a payment that ends a wait for payment), so that reports of periods before the next event
-- count the dossier as within deadline or overdue against it. due_override_seq is that
-- event's seq (0: found on replay). Dossiers imported before this version had it applied
-- after their last event, and their counters were built so: they keep that place.
ALTER TABLE dossier ADD COLUMN due_override_seq INTEGER NOT NULL DEFAULT 0;
UPDATE dossier SET due_override_seq = n_events WHERE due_override IS NOT NULL;

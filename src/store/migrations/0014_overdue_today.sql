-- 0013: the dossiers whose overdue interval is open (clock running, unfinished), by the day it
-- opens and the due instant: a report of a period that has not ended judges its open dossiers
-- at the moment of the report, and reads from here the few due later today (store
-- stat_due_later), so that it still never scans dossiers.
CREATE INDEX dossier_overdue_open ON dossier (overdue_from, due_at) WHERE overdue_from > 0;

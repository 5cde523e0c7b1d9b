-- 0015: the access log of personal-data views (Decree 13/2023): each view of one dossier (the
-- officer view, a document, a printed form) and each list of dossiers (search, worklist,
-- counter, ledger, reusable results, export), one row per view naming its query, never one
-- per dossier listed; with the unit whose data it is (a leader reads the rows of their units),
-- the client's address and the reason the officer gave, if any.
CREATE TABLE access_log_new (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    who         TEXT NOT NULL,
    ip          TEXT,
    unit        TEXT,                        -- the dossier's receiving unit, or what a list covers
    dossier     INTEGER REFERENCES dossier (id),  -- one dossier; NULL for a list
    what        TEXT NOT NULL,               -- view, document, form-01 ... form-05, receipt,
                                             -- search, worklist, counter, ledger, reusable, export
    query       TEXT,                        -- a list's query, as asked
    rows        INTEGER,                     -- how many dossiers a list showed
    why         TEXT                         -- the reason given (?ly-do= / ?reason=)
);
INSERT INTO access_log_new (id, at, who, unit, dossier, what)
    SELECT a.id, a.at, a.who, d.unit, a.dossier, a.what
    FROM access_log a LEFT JOIN dossier d ON d.id = a.dossier;
DROP TABLE access_log;
ALTER TABLE access_log_new RENAME TO access_log;
CREATE INDEX access_log_unit_at ON access_log (unit, at);

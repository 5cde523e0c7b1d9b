-- 0025: interconnected procedures (liên thông, Decree 63/2024). A chain is a group of
-- procedures a citizen files once; each step goes to its agency and may wait for earlier
-- steps. A dossier filed for a chain is a parent (its chain named) with one child dossier per
-- step (its parent, step and agency named).
CREATE TABLE chain (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    limit_days  INTEGER NOT NULL CHECK (limit_days BETWEEN 1 AND 365),
    cutoff      INTEGER CHECK (cutoff BETWEEN 0 AND 86399),  -- seconds after local midnight
    updated_at  INTEGER NOT NULL
);

CREATE TABLE chain_step (
    chain       TEXT NOT NULL REFERENCES chain (code),
    seq         INTEGER NOT NULL,            -- 0, 1, ... the step's index
    procedure   TEXT NOT NULL REFERENCES procedure (code),
    agency      TEXT NOT NULL,               -- civil_status, residence, insurance, social
    after       INTEGER NOT NULL DEFAULT 0,  -- bit i: waits for step i (i < seq)
    PRIMARY KEY (chain, seq)
) WITHOUT ROWID;

ALTER TABLE dossier ADD COLUMN chain TEXT REFERENCES chain (code);  -- on a parent
ALTER TABLE dossier ADD COLUMN step INTEGER;                        -- on a child
ALTER TABLE dossier ADD COLUMN agency TEXT;                         -- on a child
CREATE INDEX dossier_parent ON dossier (parent, step) WHERE parent IS NOT NULL;

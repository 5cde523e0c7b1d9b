-- 0024: unit operations (merge, split, rename, move, abolish a level), each with the local day
-- it takes effect. One dated today or earlier is applied when it is entered; a later one waits
-- here as 'planned' until serve's background task applies it at local midnight. The unit rows
-- keep their history themselves (valid_to, successor: never deleted); the open dossiers carry
-- a `handover` event naming the operation's id.
CREATE TABLE unit_operation (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename', 'move', 'abolish')),
    effective   TEXT NOT NULL,               -- YYYY-MM-DD, Vietnam's day it takes effect
    spec        TEXT NOT NULL,               -- the interchange `operation` record (JSON)
    state       TEXT NOT NULL CHECK (state IN ('planned', 'done')),
    by          TEXT,                        -- who entered it
    created_at  INTEGER NOT NULL,
    applied_at  INTEGER,
    summary     TEXT                         -- what it did, one line (dossiers, units, users)
);
CREATE INDEX unit_operation_planned ON unit_operation (effective) WHERE state = 'planned';

-- The level that handled a procedure from a day on (the catalogue's assignment of procedures to
-- levels, versioned by date: the 2025 reform moved district procedures to communes and the
-- province). Before a procedure's first row, and without rows, its `level` column holds.
CREATE TABLE procedure_level (
    procedure   TEXT NOT NULL REFERENCES procedure (code) ON DELETE CASCADE,
    valid_from  TEXT NOT NULL,               -- YYYY-MM-DD
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    PRIMARY KEY (procedure, valid_from)
) WITHOUT ROWID;

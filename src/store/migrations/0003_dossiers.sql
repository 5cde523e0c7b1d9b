-- 0003: dossiers and their append-only history.
-- A dossier row is the projection of its events (core/dossier), updated in the same
-- transaction as each event; `motcua verify` replays the events and compares.

-- This node's identity: event ids are "<node>-<seq>", unique across nodes.
CREATE TABLE node (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,               -- random, made when the store is created
    event_seq   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO node (id, name) VALUES (1, lower(hex(randomblob(4))));

CREATE TABLE dossier (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,    -- <unit>-YYMMDD-NNNN, never changes
    procedure       TEXT NOT NULL REFERENCES procedure (code),
    unit            TEXT NOT NULL REFERENCES unit (code),   -- receiving unit, as issued
    current_unit    TEXT NOT NULL REFERENCES unit (code),   -- where it is handled now
    handler         TEXT,                    -- the officer it is assigned to, if any
    parent          INTEGER REFERENCES dossier (id),        -- inter-agency (liên thông)
    channel         TEXT NOT NULL CHECK (channel IN ('online', 'direct', 'postal')),
    full_online     INTEGER NOT NULL DEFAULT 0 CHECK (full_online IN (0, 1)),
    fee             INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),
    applicant       TEXT NOT NULL,           -- JSON {name, id_number, phone, address, email}
    applicant_name  TEXT NOT NULL,
    components      TEXT NOT NULL DEFAULT '[]',  -- JSON [{name, digitized}]
    limit_value     INTEGER NOT NULL,        -- the procedure's time limit at receipt
    limit_unit      TEXT NOT NULL,
    state           TEXT NOT NULL,
    submitted_at    INTEGER,
    received_at     INTEGER,
    due_at          INTEGER,
    appointment_at  INTEGER,
    paused_at       INTEGER,
    resolved_at     INTEGER,
    returned_at     INTEGER,
    stopped_at      INTEGER,
    last_at         INTEGER,                 -- the latest event's time
    outcome         TEXT CHECK (outcome IN ('approved', 'rejected')),
    apologies       INTEGER NOT NULL DEFAULT 0,
    apology_late    INTEGER NOT NULL DEFAULT 0,
    supplements     INTEGER NOT NULL DEFAULT 0,
    supplement_late INTEGER NOT NULL DEFAULT 0,
    components_digitized INTEGER NOT NULL DEFAULT 0,
    result_digitized     INTEGER NOT NULL DEFAULT 0,
    paid_amount     INTEGER NOT NULL DEFAULT 0,
    paid_online     INTEGER NOT NULL DEFAULT 0,
    rating          TEXT,
    n_events        INTEGER NOT NULL DEFAULT 0,
    last_hash       BLOB,
    created_at      INTEGER NOT NULL
);
CREATE INDEX dossier_current ON dossier (current_unit, state, due_at);
CREATE INDEX dossier_unit_received ON dossier (unit, received_at);
CREATE INDEX dossier_due ON dossier (state, due_at);
CREATE INDEX dossier_handler ON dossier (handler, due_at) WHERE handler IS NOT NULL;

-- Full-text search over folded applicant name, identity number, phone and code
-- (core/vntext folds đ -> d and marks before indexing and before querying).
CREATE VIRTUAL TABLE dossier_search USING fts5 (text, content = '', tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE dossier_event (
    feed        INTEGER PRIMARY KEY,         -- the change-feed cursor, increasing
    dossier     INTEGER NOT NULL REFERENCES dossier (id),
    seq         INTEGER NOT NULL,            -- 1, 2, ... within the dossier
    event_id    TEXT NOT NULL,               -- "<node>-<n>", or the source system's id
    at          INTEGER NOT NULL,
    action      TEXT NOT NULL,
    by          TEXT,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    payload     TEXT NOT NULL DEFAULT '{}',  -- JSON: the action's own fields
    prev_hash   BLOB,
    hash        BLOB NOT NULL,               -- sha256 over prev_hash and the canonical event
    recorded_at INTEGER NOT NULL,
    UNIQUE (dossier, seq),
    UNIQUE (dossier, event_id)
);

-- Daily dossier-code sequence per receiving unit: no gap, no duplicate.
CREATE TABLE code_counter (
    unit        TEXT NOT NULL,
    day         TEXT NOT NULL,               -- YYMMDD, local date
    last        INTEGER NOT NULL,
    PRIMARY KEY (unit, day)
) WITHOUT ROWID;

-- Idempotency-Key: a retried POST returns the first answer.
CREATE TABLE idempotency (
    key         TEXT NOT NULL,
    principal   TEXT NOT NULL,
    request     BLOB NOT NULL,               -- sha256 of method, path and body
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (principal, key)
) WITHOUT ROWID;

-- Dossiers by state, kept in the same transaction as each event (for /metrics and the
-- dashboards; never a scan of dossier).
CREATE TABLE stat_state (
    state       TEXT PRIMARY KEY,
    n           INTEGER NOT NULL
) WITHOUT ROWID;

-- Every view of personal data by an officer (docs/INTERFACES.md §3).
CREATE TABLE access_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    who         TEXT NOT NULL,
    dossier     INTEGER NOT NULL,
    what        TEXT NOT NULL
);

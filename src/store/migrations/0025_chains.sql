-- 0025: interconnected procedures (liên thông, Decree 63/2024), and the agencies they go to
-- with their signed message log. A chain is a group of
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

-- The agencies a group's steps go to (one endpoint per kind in a store: the province's civil
-- status, residence, social insurance and social protection systems), each with the Ed25519
-- public key its messages are signed with.
CREATE TABLE agency (
    kind        TEXT PRIMARY KEY,            -- civil_status, residence, insurance, social
    url         TEXT NOT NULL,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- This node's own Ed25519 key pair: what motcua signs its messages with (`agency key`).
CREATE TABLE node_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    secret_key  BLOB NOT NULL CHECK (length(secret_key) = 64),
    created_at  INTEGER NOT NULL
);

-- Every message to and from an agency, as signed, in one append-only log whose rows are
-- chained by hash (X-Road style evidence): `motcua verify` checks each signature and the chain.
CREATE TABLE agency_message (
    seq         INTEGER PRIMARY KEY,         -- 1, 2, ... the log's order
    message_id  TEXT NOT NULL UNIQUE,        -- the sender's id: a message is taken once
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    agency      TEXT NOT NULL,
    dossier     TEXT NOT NULL,               -- the dossier code it is about
    type        TEXT NOT NULL,               -- ack, result, receipt
    body        TEXT NOT NULL,               -- the exact bytes signed
    signature   BLOB NOT NULL CHECK (length(signature) = 64),
    answers     BLOB,                        -- sha256 of the message it answers
    prev_hash   BLOB,
    hash        BLOB NOT NULL,               -- sha256(prev_hash || direction || body || signature)
    at          INTEGER NOT NULL
);
CREATE INDEX agency_message_dossier ON agency_message (dossier, seq);

-- The steps waiting to reach their agencies: each signed message (already in the log) until
-- the agency's endpoint answers 2xx; retried with back-off, never given up, sent once.
CREATE TABLE agency_outbox (
    id          INTEGER PRIMARY KEY,
    message_id  TEXT NOT NULL UNIQUE REFERENCES agency_message (message_id),
    agency      TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,
    sent_at     INTEGER,
    last_error  TEXT
);
CREATE INDEX agency_outbox_due ON agency_outbox (next_at) WHERE sent_at IS NULL;

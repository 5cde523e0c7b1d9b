-- 0006: interchange and integration: a source system's due date kept over recomputation,
-- webhook subscriptions and the durable outbox of their deliveries.

-- The legal deadline an imported dossier line carried (the source system's, which wins over
-- motcua's recomputation); NULL for dossiers filed here.
ALTER TABLE dossier ADD COLUMN due_override INTEGER;

CREATE TABLE webhook (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    actions     TEXT NOT NULL,               -- comma-separated actions, or '*'
    unit        TEXT NOT NULL REFERENCES unit (code),  -- dossiers received by it or below it
    secret      TEXT NOT NULL,               -- HMAC-SHA256 key
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- One delivery per (webhook, event), written in the event's transaction; a sender thread
-- posts due rows and reschedules failures with exponential back-off.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    webhook      INTEGER NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    dossier_code TEXT NOT NULL,
    body         TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      INTEGER NOT NULL,
    delivered_at INTEGER,
    failed_at    INTEGER,                    -- gave up after the last attempt
    last_error   TEXT,
    created_at   INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (next_at) WHERE delivered_at IS NULL AND failed_at IS NULL;

-- 0007: online public services: messages to applicants, digitized documents (content-
-- addressed files beside the database), payments with e-receipts numbered per unit and year.

-- A message to the applicant (received, supplement needed, result ready, apology, ...),
-- written in the event's transaction and sent by the configured command (serve --notify-cmd).
CREATE TABLE notification (
    id           INTEGER PRIMARY KEY,
    dossier_code TEXT NOT NULL,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,              -- JSON given to the command on stdin
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      INTEGER NOT NULL,
    sent_at      INTEGER,
    failed_at    INTEGER,
    last_error   TEXT,
    created_at   INTEGER NOT NULL
);
CREATE INDEX notification_due ON notification (next_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- A file, named by its SHA-256 (files/ab/cdef... beside the database), stored once.
CREATE TABLE document (
    sha256      TEXT PRIMARY KEY,
    size        INTEGER NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- A document attached to a dossier as a component or as its (electronic) result; reused_from
-- names the earlier dossier whose digitized result it reuses (Decree 45/2020).
CREATE TABLE dossier_document (
    id          INTEGER PRIMARY KEY,
    dossier     INTEGER NOT NULL REFERENCES dossier (id),
    kind        TEXT NOT NULL CHECK (kind IN ('component', 'result')),
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES document (sha256),
    reused_from TEXT,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX dossier_document_dossier ON dossier_document (dossier);

-- Payments and their e-receipts, numbered per receiving unit and year without gaps.
CREATE TABLE receipt_counter (
    unit        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last        INTEGER NOT NULL,
    PRIMARY KEY (unit, year)
) WITHOUT ROWID;

CREATE TABLE payment (
    id          INTEGER PRIMARY KEY,
    dossier     INTEGER NOT NULL REFERENCES dossier (id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    online      INTEGER NOT NULL CHECK (online IN (0, 1)),
    gateway_ref TEXT UNIQUE,                 -- the gateway's transaction id (idempotent callbacks)
    receipt_no  TEXT NOT NULL UNIQUE,        -- <unit>/<year>/<number>
    paid_at     INTEGER NOT NULL
);
CREATE INDEX payment_dossier ON payment (dossier);

-- 0029: sync with the national public-service portal (Cổng DVCQG): the durable outbox of the
-- portal's calls, written in the transaction of the event that makes them. One row per
-- (dossier, version, service): the sync record of the dossier as that event left it
-- (DongBoHoSoMC) and the progress update of the event (CapNhatTienDoHoSoMC). The sender
-- (web/deliver.c) posts a dossier's rows in order, the next only once the one before is
-- taken; the portal takes a version once (idempotent by MaHoSo and PhienBan).
CREATE TABLE portal_outbox (
    id           INTEGER PRIMARY KEY,
    dossier_code TEXT NOT NULL,
    version      INTEGER NOT NULL,
    service      TEXT NOT NULL CHECK (service IN ('DongBoHoSoMC', 'CapNhatTienDoHoSoMC')),
    body         TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      INTEGER NOT NULL,
    sent_at      INTEGER,
    last_error   TEXT,
    last_try_at  INTEGER,
    created_at   INTEGER NOT NULL,
    UNIQUE (dossier_code, version, service)
);
-- the rows still to send, a dossier's in order
CREATE INDEX portal_outbox_open ON portal_outbox (dossier_code, id) WHERE sent_at IS NULL;
CREATE INDEX portal_outbox_due ON portal_outbox (next_at) WHERE sent_at IS NULL;

-- 0023: digital signatures and the whole dossier in its hash chain (docs/ARCHITECTURE.md §10).
-- Each event now carries the digests of its dossier's record as it stood after the event (three
-- SHA-256: the applicant, the components, the rest of what was filed), and its hash covers them.
ALTER TABLE dossier_event ADD COLUMN record_hash BLOB;

-- The one-time sealing of dossiers whose events predate record digests: the record's digests
-- and the head of the chain when `motcua init` sealed them, so that a later edit of their
-- applicant or components is found too. A dossier has one seal at most.
CREATE TABLE dossier_seal (
    dossier     INTEGER PRIMARY KEY REFERENCES dossier (id),
    seq         INTEGER NOT NULL,          -- the last event when sealed
    head        BLOB NOT NULL,             -- that event's hash
    record_hash BLOB NOT NULL,
    sealed_at   INTEGER NOT NULL
);

-- A unit's signing certificates. The newest one valid and not revoked signs; older ones stay
-- to check what they signed. The private key is sealed (PKCS#8, AES-256) under the server's
-- signing key, a file beside the database that a copy of the database does not carry.
CREATE TABLE unit_cert (
    id          INTEGER PRIMARY KEY,
    unit        TEXT NOT NULL REFERENCES unit (code),
    subject     TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    serial      TEXT NOT NULL,
    not_before  INTEGER NOT NULL,
    not_after   INTEGER NOT NULL,
    cert_pem    TEXT NOT NULL,
    chain_pem   TEXT NOT NULL DEFAULT '',
    key_sealed  TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    revoked_on  INTEGER                    -- a Vietnam day (days since 1970-01-01): signatures
                                           -- made from that day on are revoked
);
CREATE INDEX unit_cert_unit ON unit_cert (unit, id);

-- Every signature made: of a printed form (its canonical content), of a result file (the
-- file's SHA-256 names it), of a checkpoint. `token` is the public reference in a QR code.
CREATE TABLE signature (
    id        INTEGER PRIMARY KEY,
    token     TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL,               -- form, result, checkpoint
    dossier   INTEGER REFERENCES dossier (id),
    what      TEXT NOT NULL,               -- form-01 ..., the result's sha256, checkpoint-N
    content   TEXT NOT NULL,               -- what was signed (a result: its sha256)
    cert      INTEGER NOT NULL REFERENCES unit_cert (id),
    signed_at INTEGER NOT NULL,
    cms       BLOB NOT NULL                -- detached CMS SignedData, DER
);
CREATE INDEX signature_dossier ON signature (dossier, what);

-- Signed checkpoints of a unit's chain heads: the signature's content lists every dossier
-- received by the unit whose head moved since the unit's previous checkpoint (events with a
-- feed cursor above the previous one's, up to `feed`) with its last sequence number and hash.
CREATE TABLE checkpoint (
    id        INTEGER PRIMARY KEY,
    unit      TEXT NOT NULL REFERENCES unit (code),
    at        INTEGER NOT NULL,
    feed      INTEGER NOT NULL,            -- the change-feed cursor it covers up to
    signature INTEGER NOT NULL REFERENCES signature (id)
);
CREATE INDEX checkpoint_unit ON checkpoint (unit, id);

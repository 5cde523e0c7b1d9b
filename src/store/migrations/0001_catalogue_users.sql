-- 0001: the organisational units, the procedure catalogue, and who may log in.
-- Times are UTC seconds (int64); dates of validity are local ISO dates (YYYY-MM-DD).

CREATE TABLE unit (
    code        TEXT PRIMARY KEY,            -- QCVN 102 agency code, e.g. 000.00.00.H50
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,               -- vntext_fold(name), for search
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune', 'department')),
    parent      TEXT REFERENCES unit (code) DEFERRABLE INITIALLY DEFERRED,
    valid_from  TEXT,
    valid_to    TEXT,
    successor   TEXT REFERENCES unit (code) DEFERRABLE INITIALLY DEFERRED,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX unit_parent ON unit (parent);

CREATE TABLE field (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE procedure (
    code        TEXT PRIMARY KEY,            -- national code, e.g. 1.001193
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    field       TEXT NOT NULL REFERENCES field (code) DEFERRABLE INITIALLY DEFERRED,
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    limit_value INTEGER NOT NULL CHECK (limit_value > 0),
    limit_unit  TEXT NOT NULL CHECK (limit_unit IN ('days', 'hours', 'calendar_days')),
    online      TEXT NOT NULL CHECK (online IN ('full', 'partial', 'none')),
    fee         INTEGER NOT NULL CHECK (fee >= 0),
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX procedure_field ON procedure (field);

CREATE TABLE procedure_component (
    procedure   TEXT NOT NULL REFERENCES procedure (code) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    required    INTEGER NOT NULL CHECK (required IN (0, 1)),
    PRIMARY KEY (procedure, seq)
) WITHOUT ROWID;

CREATE TABLE user (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'clerk', 'specialist', 'integration')),
    unit          TEXT NOT NULL REFERENCES unit (code),
    password_hash TEXT NOT NULL,             -- argon2id string (libsodium crypto_pwhash_str)
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);

CREATE TABLE session (
    token_hash  BLOB PRIMARY KEY,            -- sha256 of the cookie value; the token itself is never stored
    user_id     INTEGER NOT NULL REFERENCES user (id) ON DELETE CASCADE,
    csrf        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_user ON session (user_id);

CREATE TABLE api_token (
    token_hash  BLOB PRIMARY KEY,            -- sha256 of the bearer token
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'clerk', 'specialist', 'integration')),
    unit        TEXT NOT NULL REFERENCES unit (code),
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
) WITHOUT ROWID;

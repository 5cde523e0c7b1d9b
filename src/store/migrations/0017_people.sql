-- 0013: officers as the printed forms name them, and API tokens that expire and are listed.
-- A user gains a full name, a title (chức danh) and a telephone, all optional: Mẫu 01 names
-- the receiving officer, Mẫu 02 and 03 the contact and their phone, Mẫu 04 the unit's head.
-- An API token gains an id (to list and revoke it by) and an expiry; tokens made before this
-- migration keep working without one (expires_at NULL) until they are revoked.
ALTER TABLE user ADD COLUMN full_name TEXT;
ALTER TABLE user ADD COLUMN title TEXT;
ALTER TABLE user ADD COLUMN phone TEXT;

CREATE TABLE api_token_0013 (
    id          INTEGER PRIMARY KEY,
    token_hash  BLOB NOT NULL UNIQUE,         -- sha256 of the bearer token
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'clerk', 'specialist', 'integration')),
    unit        TEXT NOT NULL REFERENCES unit (code),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER,                      -- refused from this instant on; NULL: never
    revoked_at  INTEGER
);
INSERT INTO api_token_0013 (token_hash, name, role, unit, created_at, revoked_at)
    SELECT token_hash, name, role, unit, created_at, revoked_at FROM api_token
    ORDER BY created_at, name;
DROP TABLE api_token;
ALTER TABLE api_token_0013 RENAME TO api_token;
CREATE INDEX api_token_unit ON api_token (unit);

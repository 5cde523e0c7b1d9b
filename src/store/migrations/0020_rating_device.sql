-- 0014: counter devices that take citizens' ratings (a tablet at the one-stop counter). An
-- administrator registers one for a unit and gets its token once (only the SHA-256 is kept);
-- a rating posted with it is the citizen's, for a dossier of that unit or one below it. No
-- officer rates for a citizen any more (the action table's `rate` is the citizen's alone).
CREATE TABLE rating_device (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL REFERENCES unit (code),
    token_hash  BLOB NOT NULL UNIQUE,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

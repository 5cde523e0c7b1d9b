-- 0013: pending uploads. A file a citizen sent with a form that failed (a required paper
-- missing, a mistyped field) is kept for the next post of the same form, so that nobody
-- uploads a photo twice: the file waits in <db>.files/pending/<token>.<sha256> and this row
-- says what it is. The token is the form's one-time token (random, made when the form was
-- shown): only a post that carries it can attach the file. Rows older than a day go, with
-- their files, in the retention sweep (app/pending.c).
CREATE TABLE pending_upload (
    id          INTEGER PRIMARY KEY,
    token       TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    filename    TEXT,                        -- the citizen's name for it, shown back
    size        INTEGER NOT NULL,
    mime        TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    created_at  INTEGER NOT NULL,
    UNIQUE (token, sha256)
);
CREATE INDEX pending_upload_age ON pending_upload (created_at);

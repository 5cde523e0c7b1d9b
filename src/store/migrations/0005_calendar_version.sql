-- 0005: a counter bumped by every change of holiday schedules or working windows, so that
-- each connection can keep the calendars it assembled and know when they are stale.
CREATE TABLE calendar_version (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   INTEGER NOT NULL
);
INSERT INTO calendar_version (id, n) VALUES (1, 0);

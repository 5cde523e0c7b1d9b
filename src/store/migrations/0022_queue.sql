-- 0022: the counter queue (issue 20). Groups of counters by field, each with a letter for its
-- tickets' numbers; counters, each serving one group; tickets numbered per issuing group and
-- Vietnam day; one leg per group a ticket waited in (queued, called, ended and how), from
-- which the waiting and service figures come; a rating device may stand at one counter.
CREATE TABLE queue_group (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    prefix  TEXT NOT NULL,
    name    TEXT NOT NULL,
    unit    TEXT NOT NULL REFERENCES unit (code),
    field   TEXT REFERENCES field (code),
    UNIQUE (unit, prefix)
);

CREATE TABLE queue_counter (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    unit      TEXT NOT NULL REFERENCES unit (code),
    group_id  INTEGER NOT NULL REFERENCES queue_group (id)
);

CREATE TABLE queue_ticket (
    id           INTEGER PRIMARY KEY,
    issue_group  INTEGER NOT NULL REFERENCES queue_group (id),
    day          INTEGER NOT NULL, -- Vietnam day number of issue
    seq          INTEGER NOT NULL,
    number       TEXT NOT NULL,
    follow_key   TEXT NOT NULL UNIQUE,
    group_id     INTEGER NOT NULL REFERENCES queue_group (id), -- where it waits now
    state        TEXT NOT NULL,
    issued_at    INTEGER NOT NULL,
    queued_at    INTEGER NOT NULL, -- issued or transferred in
    counter_id   INTEGER REFERENCES queue_counter (id),
    officer      TEXT,
    called_at    INTEGER,
    calls        INTEGER NOT NULL DEFAULT 0,
    dossier      TEXT,
    rating       TEXT,
    UNIQUE (issue_group, day, seq)
);
CREATE INDEX queue_ticket_waiting ON queue_ticket (group_id, day, state, queued_at, id);
CREATE INDEX queue_ticket_counter ON queue_ticket (counter_id, state);

CREATE TABLE queue_call (
    id          INTEGER PRIMARY KEY,
    ticket      INTEGER NOT NULL REFERENCES queue_ticket (id),
    group_id    INTEGER NOT NULL REFERENCES queue_group (id),
    counter_id  INTEGER NOT NULL REFERENCES queue_counter (id),
    officer     TEXT NOT NULL,
    queued_at   INTEGER NOT NULL,
    called_at   INTEGER NOT NULL,
    ended_at    INTEGER,
    outcome     TEXT
);
CREATE INDEX queue_call_called ON queue_call (called_at);
CREATE INDEX queue_call_ticket ON queue_call (ticket, id);

ALTER TABLE rating_device ADD COLUMN counter_id INTEGER REFERENCES queue_counter (id);

-- 0002: the legal clock's data: a province's own holiday schedules, overriding the
-- official schedules shipped in the binary (data/holidays), and per-unit working windows.

-- A loaded year replaces that year's shipped schedule entirely. The schedule is kept as the
-- TSV text it was loaded from (core/calendar validates and parses it; one format everywhere).
CREATE TABLE holiday_year (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
    tsv         TEXT NOT NULL,
    loaded_at   INTEGER NOT NULL,
    loaded_by   TEXT NOT NULL
);

-- Weekly working windows of a unit per weekday (0 = Sunday .. 6 = Saturday), e.g.
-- "07:00-11:30,13:30-17:00", or "" for a day without counter hours. A unit without rows
-- inherits its parent's; the root default is Monday-Friday 07:00-11:30 and 13:30-17:00.
CREATE TABLE unit_windows (
    unit        TEXT NOT NULL REFERENCES unit (code),
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    windows     TEXT NOT NULL,
    PRIMARY KEY (unit, weekday)
) WITHOUT ROWID;

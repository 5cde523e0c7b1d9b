-- 0008: the report counters summed by month too, so that a report reads whole months from
-- stat_month and only its partial months day by day from stat_day (a year's report at ten
-- million dossiers reads tens of thousands of rows, not millions). Kept in the same
-- transaction as stat_day; rebuilt here from stat_day for stores that already have counters.
CREATE TABLE stat_month (
    unit             TEXT NOT NULL,
    procedure        TEXT NOT NULL,
    first_day        INTEGER NOT NULL,        -- the month's first local day
    last_day         INTEGER NOT NULL,        -- and its last
    recv_online      INTEGER NOT NULL DEFAULT 0,
    recv_other       INTEGER NOT NULL DEFAULT 0,
    recv_full_online INTEGER NOT NULL DEFAULT 0,
    recv_fee         INTEGER NOT NULL DEFAULT 0,
    recv_digitized   INTEGER NOT NULL DEFAULT 0,
    alive            INTEGER NOT NULL DEFAULT 0,
    alive_digitized  INTEGER NOT NULL DEFAULT 0,
    overdue          INTEGER NOT NULL DEFAULT 0,
    res_early        INTEGER NOT NULL DEFAULT 0,
    res_on_time      INTEGER NOT NULL DEFAULT 0,
    res_late         INTEGER NOT NULL DEFAULT 0,
    res_digitized    INTEGER NOT NULL DEFAULT 0,
    stopped          INTEGER NOT NULL DEFAULT 0,
    rate_total       INTEGER NOT NULL DEFAULT 0,
    rate_good        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit, procedure, first_day)
) WITHOUT ROWID;

INSERT INTO stat_month
SELECT unit, procedure,
       CAST(julianday(date(day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER),
       CAST(julianday(date(day * 86400, 'unixepoch', 'start of month', '+1 month', '-1 day'))
            - 2440587.5 AS INTEGER),
       sum(recv_online), sum(recv_other), sum(recv_full_online), sum(recv_fee),
       sum(recv_digitized), sum(alive), sum(alive_digitized), sum(overdue), sum(res_early),
       sum(res_on_time), sum(res_late), sum(res_digitized), sum(stopped), sum(rate_total),
       sum(rate_good)
FROM stat_day GROUP BY 1, 2, 3, 4;

-- The partial months of a report are read by day across every unit and procedure.
CREATE INDEX stat_day_day ON stat_day (day);

-- 0004: the counters official reports are computed from (core/stats), kept in the same
-- transaction as each event, so that no report scans dossiers.

ALTER TABLE dossier ADD COLUMN paid_online_at INTEGER;
ALTER TABLE dossier ADD COLUMN rated_at INTEGER;
ALTER TABLE dossier ADD COLUMN resolved_by TEXT;
ALTER TABLE dossier ADD COLUMN overdue_from INTEGER NOT NULL DEFAULT 0;

-- Per receiving unit, procedure and local day (days since 1970-01-01, Vietnam time). The
-- columns follow core/stats.h StatCol; alive, alive_digitized and overdue hold changes whose
-- running sum is the count at the end of a day.
CREATE TABLE stat_day (
    unit             TEXT NOT NULL,
    procedure        TEXT NOT NULL,
    day              INTEGER NOT NULL,
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
    PRIMARY KEY (unit, procedure, day)
) WITHOUT ROWID;

-- Dossiers with a fee first paid online: by day of receipt and day of payment.
CREATE TABLE stat_pay (
    unit        TEXT NOT NULL,
    procedure   TEXT NOT NULL,
    recv_day    INTEGER NOT NULL,
    pay_day     INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (unit, procedure, recv_day, pay_day)
) WITHOUT ROWID;

-- Per officer (user name or system name that resolved the dossier), unit and local day:
-- dossiers resolved by timeliness and the ratings of those dossiers (core/stats OfficerCol).
CREATE TABLE stat_officer (
    officer     TEXT NOT NULL,
    unit        TEXT NOT NULL,
    day         INTEGER NOT NULL,
    early       INTEGER NOT NULL DEFAULT 0,
    on_time     INTEGER NOT NULL DEFAULT 0,
    late        INTEGER NOT NULL DEFAULT 0,
    rate_total  INTEGER NOT NULL DEFAULT 0,
    rate_good   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (officer, unit, day)
) WITHOUT ROWID;

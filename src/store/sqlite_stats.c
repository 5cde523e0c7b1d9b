/* sqlite_stats.c: the report counters in the SQLite backend (store.h, core/stats.h): day
 * counters and online payments, their sums for a report, and the recount used by verify. */
#include "store/sqlite_int.h"

#include "store/stat_period.h"

#include <stdio.h>
#include <string.h>

#define STAT_COLS                                                                                  \
    "recv_online, recv_other, recv_full_online, recv_fee, recv_digitized, alive, "                 \
    "alive_digitized, overdue, res_early, res_on_time, res_late, res_digitized, stopped, "         \
    "rate_total, rate_good, recv_filed, alive_filed, res_filed"
#define STAT_VALUES                                                                                \
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21"
#define STAT_ADD                                                                                   \
    "recv_online = recv_online + ?4, recv_other = recv_other + ?5, "                               \
    "recv_full_online = recv_full_online + ?6, recv_fee = recv_fee + ?7, "                         \
    "recv_digitized = recv_digitized + ?8, alive = alive + ?9, "                                   \
    "alive_digitized = alive_digitized + ?10, overdue = overdue + ?11, "                           \
    "res_early = res_early + ?12, res_on_time = res_on_time + ?13, res_late = res_late + ?14, "    \
    "res_digitized = res_digitized + ?15, stopped = stopped + ?16, "                               \
    "rate_total = rate_total + ?17, rate_good = rate_good + ?18, "                                 \
    "recv_filed = recv_filed + ?19, alive_filed = alive_filed + ?20, res_filed = res_filed + ?21"
/* the counters negated, for the comparison with a recount */
#define STAT_NEG                                                                                   \
    "-recv_online, -recv_other, -recv_full_online, -recv_fee, -recv_digitized, -alive, "           \
    "-alive_digitized, -overdue, -res_early, -res_on_time, -res_late, -res_digitized, -stopped, "  \
    "-rate_total, -rate_good, -recv_filed, -alive_filed, -res_filed"
/* some counter of a group of rows does not sum to zero */
#define STAT_NONZERO                                                                               \
    "sum(recv_online) OR sum(recv_other) OR sum(recv_full_online) OR sum(recv_fee) OR "            \
    "sum(recv_digitized) OR sum(alive) OR sum(alive_digitized) OR sum(overdue) OR "                \
    "sum(res_early) OR sum(res_on_time) OR sum(res_late) OR sum(res_digitized) OR sum(stopped) "   \
    "OR sum(rate_total) OR sum(rate_good) OR sum(recv_filed) OR sum(alive_filed) OR "              \
    "sum(res_filed)"

_Static_assert(STAT_N == 18, "the SQL lists 18 counter columns");

static int sq_stat_recount_begin(Store *s, Err *e)
{
    return sq_exec(s,
                   "CREATE TEMP TABLE IF NOT EXISTS recount_day AS SELECT * FROM stat_day "
                   "WHERE 0; CREATE UNIQUE INDEX IF NOT EXISTS temp.recount_day_key ON "
                   "recount_day (unit, procedure, day); DELETE FROM recount_day; "
                   "CREATE TEMP TABLE IF NOT EXISTS recount_pay AS SELECT * FROM stat_pay "
                   "WHERE 0; CREATE UNIQUE INDEX IF NOT EXISTS temp.recount_pay_key ON "
                   "recount_pay (unit, procedure, recv_day, pay_day); DELETE FROM recount_pay; "
                   "CREATE TEMP TABLE IF NOT EXISTS recount_month AS SELECT * FROM stat_month "
                   "WHERE 0; CREATE UNIQUE INDEX IF NOT EXISTS temp.recount_month_key ON "
                   "recount_month (unit, procedure, first_day); DELETE FROM recount_month; "
                   "CREATE TEMP TABLE IF NOT EXISTS recount_officer AS SELECT * FROM "
                   "stat_officer WHERE 0; CREATE UNIQUE INDEX IF NOT EXISTS "
                   "temp.recount_officer_key ON recount_officer (officer, unit, day); "
                   "DELETE FROM recount_officer;",
                   e);
}

static int sq_stat_apply(Store *s, int recount, const char *unit, const char *procedure,
                         const StatChange *ch, size_t n, const StatPayChange *pay, size_t n_pay,
                         Err *e)
{
    static const char day_sql[] = "INSERT INTO stat_day (unit, procedure, day, " STAT_COLS
                                  ") VALUES (?1, ?2, ?3, " STAT_VALUES
                                  ") ON CONFLICT (unit, procedure, day) DO UPDATE SET " STAT_ADD;
    static const char recount_day_sql[] =
        "INSERT INTO recount_day (unit, procedure, day, " STAT_COLS
        ") VALUES (?1, ?2, ?3, " STAT_VALUES
        ") ON CONFLICT (unit, procedure, day) DO UPDATE SET " STAT_ADD;
    static const char month_sql[] =
        "INSERT INTO stat_month (unit, procedure, first_day, last_day, " STAT_COLS
        ") VALUES (?1, ?2, ?3, ?22, " STAT_VALUES
        ") ON CONFLICT (unit, procedure, first_day) DO UPDATE SET " STAT_ADD;
    static const char recount_month_sql[] =
        "INSERT INTO recount_month (unit, procedure, first_day, last_day, " STAT_COLS
        ") VALUES (?1, ?2, ?3, ?22, " STAT_VALUES
        ") ON CONFLICT (unit, procedure, first_day) DO UPDATE SET " STAT_ADD;
    static const char pay_sql[] =
        "INSERT INTO stat_pay (unit, procedure, recv_day, pay_day, n) VALUES (?1, ?2, ?3, ?4, "
        "?5) ON CONFLICT (unit, procedure, recv_day, pay_day) DO UPDATE SET n = n + ?5";
    static const char recount_pay_sql[] =
        "INSERT INTO recount_pay (unit, procedure, recv_day, pay_day, n) VALUES (?1, ?2, ?3, ?4, "
        "?5) ON CONFLICT (unit, procedure, recv_day, pay_day) DO UPDATE SET n = n + ?5";
    int done[STATS_MAX_CHANGES] = {0}, rc;
    /* one upsert per distinct day, carrying every column's change for that day */
    for (size_t i = 0; i < n; i++) {
        if (done[i])
            continue;
        int64_t v[STAT_N];
        stat_day_sums(ch, n, i, done, v);
        /* the day's row, then its month's row */
        int32_t first, last;
        stat_month_of(ch[i].day, &first, &last);
        for (int level = 0; level < 2; level++) {
            const char *sql = level == 0 ? (recount ? recount_day_sql : day_sql)
                                         : (recount ? recount_month_sql : month_sql);
            sqlite3_stmt *st = sq_prep(s, sql, e);
            if (!st)
                return e ? e->code : ERR_IO;
            sq_bind_text(st, 1, unit);
            sq_bind_text(st, 2, procedure);
            sqlite3_bind_int(st, 3, level == 0 ? ch[i].day : first);
            for (int c = 0; c < STAT_N; c++)
                sqlite3_bind_int64(st, 4 + c, v[c]);
            if (level == 1)
                sqlite3_bind_int(st, 22, last);
            if ((rc = sq_step_done(s, st, e, "stat day")) < 0)
                return rc;
        }
    }
    for (size_t i = 0; i < n_pay; i++) {
        sqlite3_stmt *st = sq_prep(s, recount ? recount_pay_sql : pay_sql, e);
        if (!st)
            return e ? e->code : ERR_IO;
        sq_bind_text(st, 1, unit);
        sq_bind_text(st, 2, procedure);
        sqlite3_bind_int(st, 3, pay[i].recv_day);
        sqlite3_bind_int(st, 4, pay[i].pay_day);
        sqlite3_bind_int(st, 5, pay[i].delta);
        if ((rc = sq_step_done(s, st, e, "stat pay")) < 0)
            return rc;
    }
    return 0;
}

/* The group key of a row: ?4 chooses field (1), unit (2), procedure (3) or none. */
/* The units of a report: each receiving unit as it was (historical), or, with ?20 = 1, the
 * unit that carries it on today, by its successors (now_of maps every unit to the current
 * unit at the end of its chain of successors; app/unitops.c sets them). */
#define GROUP_KEY                                                                                  \
    "CASE ?4 WHEN 1 THEN p.field WHEN 2 THEN CASE WHEN ?20 = 1 THEN coalesce((SELECT cur FROM "    \
    "now_of WHERE now_of.code = s.unit), s.unit) ELSE s.unit END WHEN 3 THEN s.procedure ELSE "    \
    "'' END"
#define SUBTREE                                                                                    \
    "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub ON "         \
    "unit.parent = sub.code), now_of(code, cur) AS (SELECT code, code FROM unit WHERE successor "  \
    "IS NULL UNION SELECT unit.code, now_of.cur FROM unit JOIN now_of ON unit.successor = "        \
    "now_of.code) "
/* IN_SCOPE: the receiving unit lies under ?1 (as it was, or, with ?20 = 1, as it is now) */
#define IN_SCOPE                                                                                   \
    "(?1 IS NULL OR CASE WHEN ?20 = 1 THEN s.unit IN (SELECT code FROM now_of WHERE cur IN "       \
    "(SELECT code FROM sub)) ELSE s.unit IN (SELECT code FROM sub) END)"
#define IN_PERIOD(c) "sum(CASE WHEN s.day >= ?2 THEN s." c " END), "

static int sq_stat_report(Store *s, Arena *a, const char *under, bool current, int32_t from,
                          int32_t to, StatGroup by, StatRow **out, size_t *out_n, Err *e)
{
    /* Rows come from stat_month for whole months (those before the period's first month, and
     * those inside the period) and from stat_day for the partial months at its edges:
     * ?5 = the first day of from's month, [?6, ?7] = the whole months inside [from, to],
     * [?8, ?9] and [?10, ?11] = the days read one by one (before and after those months). */
    static const char sql[] = SUBTREE "SELECT " GROUP_KEY " AS k, " IN_PERIOD("recv_online")
        IN_PERIOD("recv_other") IN_PERIOD("recv_full_online") IN_PERIOD("recv_fee") IN_PERIOD(
            "recv_digitized") IN_PERIOD("alive") IN_PERIOD("alive_digitized") IN_PERIOD("overdue")
            IN_PERIOD("res_early") IN_PERIOD("res_on_time") IN_PERIOD("res_late") IN_PERIOD(
                "res_digitized") IN_PERIOD("stopped") IN_PERIOD("rate_total") IN_PERIOD("rate_good")
                IN_PERIOD("recv_filed") IN_PERIOD("alive_filed") IN_PERIOD(
                    "res_filed") "sum(CASE WHEN s.day < ?2 THEN s.alive END), "
                                 "sum(CASE WHEN s.day < ?2 THEN s.alive_digitized END), "
                                 "sum(s.alive), sum(s.overdue), "
                                 "sum(CASE WHEN s.day < ?2 THEN s.alive_filed END) "
                                 "FROM (SELECT unit, procedure, first_day AS day, " STAT_COLS
                                 " FROM stat_month "
                                 "WHERE last_day < ?5 OR (first_day >= ?6 AND last_day <= ?7) "
                                 "UNION ALL SELECT unit, procedure, day, " STAT_COLS
                                 " FROM stat_day "
                                 "WHERE day BETWEEN ?8 AND ?9 OR day BETWEEN ?10 AND ?11) s "
                                 "JOIN procedure p ON p.code = s.procedure WHERE " IN_SCOPE
                                 " GROUP BY k ORDER BY k";
    static const char pay_sql[] =
        SUBTREE "SELECT " GROUP_KEY " AS k, sum(s.n) FROM stat_pay s JOIN procedure p ON p.code = "
                "s.procedure WHERE " IN_SCOPE " AND "
                "s.recv_day BETWEEN ?2 AND ?3 AND s.pay_day <= ?3 GROUP BY k";
    size_t n = 0, cap = 16;
    StatRow *rows = arena_array(a, cap, sizeof *rows);
    int rc;
    StatSplit parts = stat_split_period(from, to);
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    sqlite3_bind_int(st, 4, (int)by);
    sqlite3_bind_int(st, 5, parts.a_first);
    sqlite3_bind_int(st, 6, parts.m1);
    sqlite3_bind_int(st, 7, parts.m2);
    sqlite3_bind_int(st, 8, parts.d1lo);
    sqlite3_bind_int(st, 9, parts.d1hi);
    sqlite3_bind_int(st, 10, parts.d2lo);
    sqlite3_bind_int(st, 11, parts.d2hi);
    sqlite3_bind_int(st, 20, current);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        StatRow *r = stat_find_row(a, &rows, &n, &cap, (const char *)sqlite3_column_text(st, 0));
        for (int c = 0; c < STAT_N; c++)
            r->sums.in[c] = sqlite3_column_int64(st, 1 + c);
        r->sums.alive_before = sqlite3_column_int64(st, 1 + STAT_N);
        r->sums.alive_digitized_before = sqlite3_column_int64(st, 2 + STAT_N);
        r->sums.alive_end = sqlite3_column_int64(st, 3 + STAT_N);
        r->sums.overdue_end = sqlite3_column_int64(st, 4 + STAT_N);
        r->sums.alive_filed_before = sqlite3_column_int64(st, 5 + STAT_N);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "report");
    PREP(sp, pay_sql);
    sq_bind_text(sp, 1, under);
    sqlite3_bind_int(sp, 2, from);
    sqlite3_bind_int(sp, 3, to);
    sqlite3_bind_int(sp, 4, (int)by);
    sqlite3_bind_int(sp, 20, current);
    while ((rc = sqlite3_step(sp)) == SQLITE_ROW)
        stat_find_row(a, &rows, &n, &cap, (const char *)sqlite3_column_text(sp, 0))
            ->sums.paid_online = sqlite3_column_int64(sp, 1);
    sqlite3_reset(sp);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "report payments");
    *out = rows;
    *out_n = n;
    return 0;
}

static void read_count(Arena *a, sqlite3_stmt *st, void *v)
{
    StatCount *c = v;
    c->key = sq_col_text(a, st, 0);
    c->n = sqlite3_column_int64(st, 1);
}

static int sq_stat_due_later(Store *s, Arena *a, const char *under, bool current, int32_t day,
                             int64_t now, StatGroup by, StatCount **out, size_t *out_n, Err *e)
{
    /* overdue_from is the day an open overdue interval starts, plus one (core/dossier.h); the
     * partial index dossier_overdue_open holds exactly the open ones */
    static const char sql[] =
        SUBTREE "SELECT " GROUP_KEY " AS k, count(*) FROM dossier s JOIN procedure p ON p.code = "
                "s.procedure WHERE s.overdue_from > 0 AND s.overdue_from = ?2 AND s.due_at >= ?3 "
                "AND s.parent IS NULL AND " IN_SCOPE " GROUP BY k";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    sqlite3_bind_int(st, 2, day + 1);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int(st, 4, (int)by);
    sqlite3_bind_int(st, 20, current);
    return sq_collect(s, a, st, sizeof(StatCount), read_count, (void **)out, out_n, e);
}

static int sq_stat_officer_apply(Store *s, int recount, const char *unit, const OfficerChange *ch,
                                 size_t n, Err *e)
{
    static const char sql[] =
        "INSERT INTO stat_officer (officer, unit, day, early, on_time, late, rate_total, "
        "rate_good) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (officer, unit, day) DO "
        "UPDATE SET early = early + ?4, on_time = on_time + ?5, late = late + ?6, "
        "rate_total = rate_total + ?7, rate_good = rate_good + ?8";
    static const char recount_sql[] =
        "INSERT INTO recount_officer (officer, unit, day, early, on_time, late, rate_total, "
        "rate_good) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (officer, unit, day) DO "
        "UPDATE SET early = early + ?4, on_time = on_time + ?5, late = late + ?6, "
        "rate_total = rate_total + ?7, rate_good = rate_good + ?8";
    _Static_assert(OFFICER_N == 5, "the SQL lists 5 officer columns");
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = sq_prep(s, recount ? recount_sql : sql, e);
        if (!st)
            return e ? e->code : ERR_IO;
        sq_bind_text(st, 1, ch[i].officer);
        sq_bind_text(st, 2, unit);
        sqlite3_bind_int(st, 3, ch[i].day);
        for (int c = 0; c < OFFICER_N; c++)
            sqlite3_bind_int(st, 4 + c, c == (int)ch[i].col ? ch[i].delta : 0);
        int rc = sq_step_done(s, st, e, "stat officer");
        if (rc < 0)
            return rc;
    }
    return 0;
}

static void read_officer(Arena *a, sqlite3_stmt *st, void *v)
{
    OfficerRow *r = v;
    r->officer = sq_col_text(a, st, 0);
    for (int c = 0; c < OFFICER_N; c++)
        r->v[c] = sqlite3_column_int64(st, 1 + c);
}

static int sq_stat_officers(Store *s, Arena *a, const char *under, bool current, int32_t from,
                            int32_t to, OfficerRow **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        SUBTREE "SELECT officer, sum(early), sum(on_time), sum(late), sum(rate_total), "
                "sum(rate_good) FROM stat_officer s WHERE " IN_SCOPE
                " AND s.day BETWEEN ?2 AND ?3 GROUP BY officer HAVING sum(early) + "
                "sum(on_time) + sum(late) + sum(rate_total) > 0 ORDER BY officer";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    sqlite3_bind_int(st, 2, from);
    sqlite3_bind_int(st, 3, to);
    sqlite3_bind_int(st, 20, current);
    return sq_collect(s, a, st, sizeof(OfficerRow), read_officer, (void **)out, out_n, e);
}

static void read_month(Arena *a, sqlite3_stmt *st, void *v)
{
    (void)a;
    StatMonth *m = v;
    const char *ym = (const char *)sqlite3_column_text(st, 0);
    m->year = (ym[0] - '0') * 1000 + (ym[1] - '0') * 100 + (ym[2] - '0') * 10 + (ym[3] - '0');
    m->month = (ym[5] - '0') * 10 + (ym[6] - '0');
    m->online = sqlite3_column_int64(st, 1);
    m->direct_postal = sqlite3_column_int64(st, 2);
    m->early_on_time = sqlite3_column_int64(st, 3);
    m->late = sqlite3_column_int64(st, 4);
}

static int sq_stat_months(Store *s, Arena *a, const char *under, bool current, int32_t from,
                          int32_t to, StatMonth **out, size_t *out_n, Err *e)
{
    /* whole months from stat_month, the partial ones day by day; day numbers count local days
     * from 1970-01-01, so date() of day x 86400 is the local date */
    static const char sql[] =
        SUBTREE "SELECT substr(date(s.day * 86400, 'unixepoch'), 1, 7) AS ym, sum(recv_online), "
                "sum(recv_other), sum(res_early) + sum(res_on_time), sum(res_late) FROM "
                "(SELECT unit, first_day AS day, recv_online, recv_other, res_early, res_on_time, "
                "res_late FROM stat_month WHERE first_day >= ?2 AND last_day <= ?3 UNION ALL "
                "SELECT unit, day, recv_online, recv_other, res_early, res_on_time, res_late FROM "
                "stat_day WHERE day BETWEEN ?4 AND ?5 OR day BETWEEN ?6 AND ?7) s WHERE " IN_SCOPE
                " GROUP BY ym ORDER BY ym";
    StatSplit parts = stat_split_period(from, to);
    int32_t d1lo = parts.d1lo < from ? from : parts.d1lo; /* the days before from are not charted */
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    sqlite3_bind_int(st, 2, parts.m1);
    sqlite3_bind_int(st, 3, parts.m2);
    sqlite3_bind_int(st, 4, d1lo);
    sqlite3_bind_int(st, 5, parts.d1hi);
    sqlite3_bind_int(st, 6, parts.d2lo);
    sqlite3_bind_int(st, 7, parts.d2hi);
    sqlite3_bind_int(st, 20, current);
    return sq_collect(s, a, st, sizeof(StatMonth), read_month, (void **)out, out_n, e);
}

static int sq_stat_recount_apply(Store *s, const int64_t *by_state, Err *e)
{
    static const char state_sql[] = "INSERT INTO stat_state (state, n) VALUES (?1, ?2)";
    int rc = sq_exec(s,
                     "DELETE FROM stat_day; INSERT INTO stat_day SELECT * FROM recount_day; "
                     "DELETE FROM stat_month; INSERT INTO stat_month SELECT * FROM recount_month; "
                     "DELETE FROM stat_pay; INSERT INTO stat_pay SELECT * FROM recount_pay; "
                     "DELETE FROM stat_officer; INSERT INTO stat_officer SELECT * FROM "
                     "recount_officer; DELETE FROM stat_state;",
                     e);
    for (int i = 1; rc == 0 && i < STATE_COUNT; i++) {
        if (!by_state[i])
            continue;
        PREP(st, state_sql);
        sq_bind_text(st, 1, lifecycle_state_name((State)i));
        sqlite3_bind_int64(st, 2, by_state[i]);
        rc = sq_step_done(s, st, e, "state counter");
    }
    return rc;
}

static int sq_stat_compare(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                           long *out_problems, Err *e)
{
    /* the counters minus the recount, per key: every column must come out zero (a row of
     * zeros and an absent row are the same) */
    static const char sql[] =
        "SELECT unit, procedure, day FROM (SELECT unit, procedure, day, " STAT_COLS
        " FROM stat_day UNION ALL SELECT unit, procedure, day, " STAT_NEG
        " FROM recount_day) GROUP BY unit, procedure, day HAVING " STAT_NONZERO " LIMIT 100";
    static const char pay[] =
        "SELECT count(*) FROM (SELECT unit, procedure, recv_day, pay_day FROM (SELECT *, n AS v "
        "FROM stat_pay UNION ALL SELECT *, -n AS v FROM recount_pay) GROUP BY unit, procedure, "
        "recv_day, pay_day HAVING sum(v) != 0)";
    static const char month[] =
        "SELECT count(*) FROM (SELECT unit FROM (SELECT unit, procedure, first_day, " STAT_COLS
        " FROM stat_month UNION ALL SELECT unit, procedure, first_day, " STAT_NEG
        " FROM recount_month) GROUP BY unit, procedure, first_day HAVING " STAT_NONZERO ")";
    static const char officer[] =
        "SELECT count(*) FROM (SELECT officer FROM (SELECT officer, unit, day, early, on_time, "
        "late, rate_total, rate_good FROM stat_officer UNION ALL SELECT officer, unit, day, "
        "-early, -on_time, -late, -rate_total, -rate_good FROM recount_officer) GROUP BY officer, "
        "unit, day HAVING sum(early) OR sum(on_time) OR sum(late) OR sum(rate_total) OR "
        "sum(rate_good))";
    long problems = 0;
    int rc;
    PREP(st, sql);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char msg[400];
        const char *unit = (const char *)sqlite3_column_text(st, 0),
                   *procedure = (const char *)sqlite3_column_text(st, 1);
        int day = sqlite3_column_int(st, 2);
        snprintf(msg, sizeof msg,
                 "bộ đếm báo cáo của đơn vị %s, thủ tục %s, ngày %d khác với đếm lại / report "
                 "counters of unit %s, procedure %s, day %d differ from a recount",
                 unit, procedure, day, unit, procedure, day);
        problems++;
        if (report)
            report(ctx, msg);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "counter compare");
    PREP(sp, pay);
    if (sqlite3_step(sp) == SQLITE_ROW && sqlite3_column_int64(sp, 0) > 0) {
        problems++;
        if (report)
            report(ctx, "bộ đếm thanh toán trực tuyến khác với đếm lại / online payment counters "
                        "differ from a recount");
    }
    sqlite3_reset(sp);
    PREP(sm, month);
    if (sqlite3_step(sm) == SQLITE_ROW && sqlite3_column_int64(sm, 0) > 0) {
        problems++;
        if (report)
            report(ctx, "bộ đếm báo cáo theo tháng khác với đếm lại / monthly report counters "
                        "differ from a recount");
    }
    sqlite3_reset(sm);
    PREP(so, officer);
    if (sqlite3_step(so) == SQLITE_ROW && sqlite3_column_int64(so, 0) > 0) {
        problems++;
        if (report)
            report(ctx, "bộ đếm theo cán bộ khác với đếm lại / per-officer counters differ from "
                        "a recount");
    }
    sqlite3_reset(so);
    *out_problems = problems;
    return 0;
}

void sq_stat_ops(StoreOps *o)
{
    o->stat_recount_begin = sq_stat_recount_begin;
    o->stat_apply = sq_stat_apply;
    o->stat_report = sq_stat_report;
    o->stat_due_later = sq_stat_due_later;
    o->stat_officer_apply = sq_stat_officer_apply;
    o->stat_officers = sq_stat_officers;
    o->stat_months = sq_stat_months;
    o->stat_recount_apply = sq_stat_recount_apply;
    o->stat_compare = sq_stat_compare;
}

/* postgres_stats.c: the report counters in the PostgreSQL backend (store.h, core/stats.h): day
 * and month counters and online payments kept in the event's transaction, their sums for a
 * report, and the recount used by verify (in temporary tables of the session). The period
 * arithmetic is shared with SQLite (stat_period.h). */
#include "store/postgres_int.h"
#include "store/stat_period.h"

#include <stdio.h>
#include <string.h>

#define STAT_COLS                                                                                  \
    "recv_online, recv_other, recv_full_online, recv_fee, recv_digitized, alive, "                 \
    "alive_digitized, overdue, res_early, res_on_time, res_late, res_digitized, stopped, "         \
    "rate_total, rate_good, recv_filed, alive_filed, res_filed"
#define STAT_VALUES                                                                                \
    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21"
/* STAT_ADD(t): each counter of the existing row of table t plus its parameter */
#define STAT_ADD(t)                                                                                \
    "recv_online = " t ".recv_online + $4, recv_other = " t ".recv_other + $5, "                   \
    "recv_full_online = " t ".recv_full_online + $6, recv_fee = " t ".recv_fee + $7, "             \
    "recv_digitized = " t ".recv_digitized + $8, alive = " t ".alive + $9, "                       \
    "alive_digitized = " t ".alive_digitized + $10, overdue = " t ".overdue + $11, "               \
    "res_early = " t ".res_early + $12, res_on_time = " t ".res_on_time + $13, "                   \
    "res_late = " t ".res_late + $14, res_digitized = " t ".res_digitized + $15, "                 \
    "stopped = " t ".stopped + $16, rate_total = " t ".rate_total + $17, "                         \
    "rate_good = " t ".rate_good + $18, recv_filed = " t ".recv_filed + $19, "                     \
    "alive_filed = " t ".alive_filed + $20, res_filed = " t ".res_filed + $21"
#define STAT_NEG                                                                                   \
    "-recv_online, -recv_other, -recv_full_online, -recv_fee, -recv_digitized, -alive, "           \
    "-alive_digitized, -overdue, -res_early, -res_on_time, -res_late, -res_digitized, -stopped, "  \
    "-rate_total, -rate_good, -recv_filed, -alive_filed, -res_filed"
#define STAT_NONZERO                                                                               \
    "sum(recv_online) <> 0 OR sum(recv_other) <> 0 OR sum(recv_full_online) <> 0 OR "              \
    "sum(recv_fee) <> 0 OR sum(recv_digitized) <> 0 OR sum(alive) <> 0 OR "                        \
    "sum(alive_digitized) <> 0 OR sum(overdue) <> 0 OR sum(res_early) <> 0 OR "                    \
    "sum(res_on_time) <> 0 OR sum(res_late) <> 0 OR sum(res_digitized) <> 0 OR "                   \
    "sum(stopped) <> 0 OR sum(rate_total) <> 0 OR sum(rate_good) <> 0 OR sum(recv_filed) <> 0 "    \
    "OR sum(alive_filed) <> 0 OR sum(res_filed) <> 0"

_Static_assert(STAT_N == 18, "the SQL lists 18 counter columns");

static int pg_stat_recount_begin(Store *s, Err *e)
{
    return pq_script(s,
                     "CREATE TEMP TABLE IF NOT EXISTS recount_day (LIKE stat_day INCLUDING ALL); "
                     "DELETE FROM recount_day; CREATE TEMP TABLE IF NOT EXISTS recount_pay (LIKE "
                     "stat_pay INCLUDING ALL); DELETE FROM recount_pay; CREATE TEMP TABLE IF NOT "
                     "EXISTS recount_month (LIKE stat_month INCLUDING ALL); DELETE FROM "
                     "recount_month; CREATE TEMP TABLE IF NOT EXISTS recount_officer (LIKE "
                     "stat_officer INCLUDING ALL); DELETE FROM recount_officer;",
                     e);
}

static int pg_stat_apply(Store *s, int recount, const char *unit, const char *procedure,
                         const StatChange *ch, size_t n, const StatPayChange *pay, size_t n_pay,
                         Err *e)
{
    static const char day_sql[] =
        "INSERT INTO stat_day AS t (unit, procedure, day, " STAT_COLS
        ") VALUES ($1, $2, $3, " STAT_VALUES
        ") ON CONFLICT (unit, procedure, day) DO UPDATE SET " STAT_ADD("t");
    static const char recount_day_sql[] =
        "INSERT INTO recount_day AS t (unit, procedure, day, " STAT_COLS
        ") VALUES ($1, $2, $3, " STAT_VALUES
        ") ON CONFLICT (unit, procedure, day) DO UPDATE SET " STAT_ADD("t");
    static const char month_sql[] =
        "INSERT INTO stat_month AS t (unit, procedure, first_day, last_day, " STAT_COLS
        ") VALUES ($1, $2, $3, $22, " STAT_VALUES
        ") ON CONFLICT (unit, procedure, first_day) DO UPDATE SET " STAT_ADD("t");
    static const char recount_month_sql[] =
        "INSERT INTO recount_month AS t (unit, procedure, first_day, last_day, " STAT_COLS
        ") VALUES ($1, $2, $3, $22, " STAT_VALUES
        ") ON CONFLICT (unit, procedure, first_day) DO UPDATE SET " STAT_ADD("t");
    static const char pay_sql[] =
        "INSERT INTO stat_pay AS t (unit, procedure, recv_day, pay_day, n) VALUES ($1, $2, $3, "
        "$4, $5) ON CONFLICT (unit, procedure, recv_day, pay_day) DO UPDATE SET n = t.n + $5";
    static const char recount_pay_sql[] =
        "INSERT INTO recount_pay AS t (unit, procedure, recv_day, pay_day, n) VALUES ($1, $2, "
        "$3, $4, $5) ON CONFLICT (unit, procedure, recv_day, pay_day) DO UPDATE SET n = t.n + $5";
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
            PgQuery q;
            pq_init(&q, s,
                    level == 0 ? (recount ? recount_day_sql : day_sql)
                               : (recount ? recount_month_sql : month_sql));
            pq_text(&q, 1, unit);
            pq_text(&q, 2, procedure);
            pq_int(&q, 3, level == 0 ? ch[i].day : first);
            for (int c = 0; c < STAT_N; c++)
                pq_int(&q, 4 + c, v[c]);
            if (level == 1)
                pq_int(&q, 22, last);
            if ((rc = pq_exec(&q, e, "stat day")) < 0)
                return rc;
        }
    }
    for (size_t i = 0; i < n_pay; i++) {
        PgQuery q;
        pq_init(&q, s, recount ? recount_pay_sql : pay_sql);
        pq_text(&q, 1, unit);
        pq_text(&q, 2, procedure);
        pq_int(&q, 3, pay[i].recv_day);
        pq_int(&q, 4, pay[i].pay_day);
        pq_int(&q, 5, pay[i].delta);
        if ((rc = pq_exec(&q, e, "stat pay")) < 0)
            return rc;
    }
    return 0;
}

/* The group key of a row: $4 chooses field (1), unit (2), procedure (3) or none; with cur
 * (the parameter that says "today's units") = 1 a unit is the one that carries it on today. */
#define GROUP_KEY(cur)                                                                             \
    "CASE $4::int WHEN 1 THEN p.field WHEN 2 THEN CASE WHEN " cur "::int = 1 THEN "                \
    "coalesce((SELECT now_of.cur FROM now_of WHERE now_of.code = s.unit), s.unit) ELSE s.unit "    \
    "END WHEN 3 THEN s.procedure ELSE '' END"
/* sub: the units under $1; now_of maps every unit to the current unit at the end of its chain
 * of successors (app/unitops.c sets them), as SQLite's */
#define SUBTREE                                                                                    \
    "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub ON "   \
    "unit.parent = sub.code), now_of(code, cur) AS (SELECT code, code FROM unit WHERE successor "  \
    "IS NULL UNION SELECT unit.code, now_of.cur FROM unit JOIN now_of ON unit.successor = "        \
    "now_of.code) "
/* IN_SCOPE: the receiving unit lies under $1 (as it was, or, with cur = 1, as it is now) */
#define IN_SCOPE(cur)                                                                              \
    "($1::text IS NULL OR CASE WHEN " cur "::int = 1 THEN s.unit IN (SELECT code FROM now_of "     \
    "WHERE now_of.cur IN (SELECT code FROM sub)) ELSE s.unit IN (SELECT code FROM sub) END)"
#define IN_PERIOD(c) "sum(CASE WHEN s.day >= $2 THEN s." c " END), "

static int pg_stat_report(Store *s, Arena *a, const char *under, bool current, int32_t from,
                          int32_t to, StatGroup by, StatRow **out, size_t *out_n, Err *e)
{
    /* as SQLite's: whole months from stat_month, the partial ones from stat_day ($5..$11) */
    static const char sql[] = SUBTREE "SELECT * FROM (SELECT " GROUP_KEY("$12") " AS k, " IN_PERIOD(
        "recv_online") IN_PERIOD("recv_other") IN_PERIOD("recv_full_online") IN_PERIOD("recv_fee")
        IN_PERIOD("recv_digitized") IN_PERIOD("alive") IN_PERIOD("alive_digitized") IN_PERIOD(
            "overdue") IN_PERIOD("res_early") IN_PERIOD("res_on_time") IN_PERIOD("res_late")
            IN_PERIOD("res_digitized") IN_PERIOD("stopped") IN_PERIOD("rate_total")
                IN_PERIOD("rate_good") IN_PERIOD("recv_filed") IN_PERIOD("alive_filed") IN_PERIOD(
                    "res_filed") "sum(CASE WHEN s.day < $2 THEN s.alive END), "
                                 "sum(CASE WHEN s.day < $2 THEN s.alive_digitized END), "
                                 "sum(s.alive), sum(s.overdue), "
                                 "sum(CASE WHEN s.day < $2 THEN s.alive_filed END) "
                                 "FROM (SELECT unit, procedure, first_day AS day, " STAT_COLS
                                 " FROM stat_month "
                                 "WHERE last_day < $5 OR (first_day >= $6 AND last_day <= $7) "
                                 "UNION ALL SELECT unit, procedure, day, " STAT_COLS
                                 " FROM stat_day "
                                 "WHERE day BETWEEN $8 AND $9 OR day BETWEEN $10 AND $11) s "
                                 "JOIN procedure p ON p.code = s.procedure WHERE " IN_SCOPE(
                                     "$12") " AND $3 = $3 GROUP BY k) r ORDER BY k COLLATE "
                                            "\"C\"";
    static const char pay_sql[] = SUBTREE "SELECT " GROUP_KEY(
        "$5") " AS k, sum(s.n) FROM stat_pay s JOIN procedure p ON "
              "p.code = s.procedure WHERE " IN_SCOPE(
                  "$5") " AND s.recv_day BETWEEN $2 AND $3 AND s.pay_day <= $3 GROUP BY k";
    size_t n = 0, cap = 16;
    StatRow *rows = arena_array(a, cap, sizeof *rows);
    StatSplit parts = stat_split_period(from, to);
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, from);
    pq_int(&q, 3, to);
    pq_int(&q, 4, (int)by);
    pq_int(&q, 5, parts.a_first);
    pq_int(&q, 6, parts.m1);
    pq_int(&q, 7, parts.m2);
    pq_int(&q, 8, parts.d1lo);
    pq_int(&q, 9, parts.d1hi);
    pq_int(&q, 10, parts.d2lo);
    pq_int(&q, 11, parts.d2hi);
    pq_int(&q, 12, current);
    int count = pq_run(&q, e, "report");
    if (count < 0)
        return count;
    for (int i = 0; i < count; i++) {
        StatRow *r = stat_find_row(a, &rows, &n, &cap, PQgetvalue(q.res, i, 0));
        for (int c = 0; c < STAT_N; c++)
            r->sums.in[c] = pq_col_int(&q, i, 1 + c);
        r->sums.alive_before = pq_col_int(&q, i, 1 + STAT_N);
        r->sums.alive_digitized_before = pq_col_int(&q, i, 2 + STAT_N);
        r->sums.alive_end = pq_col_int(&q, i, 3 + STAT_N);
        r->sums.overdue_end = pq_col_int(&q, i, 4 + STAT_N);
        r->sums.alive_filed_before = pq_col_int(&q, i, 5 + STAT_N);
    }
    pq_done(&q);
    pq_init(&q, s, pay_sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, from);
    pq_int(&q, 3, to);
    pq_int(&q, 4, (int)by);
    pq_int(&q, 5, current);
    if ((count = pq_run(&q, e, "report payments")) < 0)
        return count;
    for (int i = 0; i < count; i++)
        stat_find_row(a, &rows, &n, &cap, PQgetvalue(q.res, i, 0))->sums.paid_online =
            pq_col_int(&q, i, 1);
    pq_done(&q);
    *out = rows;
    *out_n = n;
    return 0;
}

static void read_count(Arena *a, const PgQuery *q, int r, void *v)
{
    StatCount *c = v;
    c->key = pq_col_text(a, q, r, 0);
    c->n = pq_col_int(q, r, 1);
}

static int pg_stat_due_later(Store *s, Arena *a, const char *under, bool current, int32_t day,
                             int64_t now, StatGroup by, StatCount **out, size_t *out_n, Err *e)
{
    static const char sql[] = SUBTREE "SELECT " GROUP_KEY(
        "$5") " AS k, count(*) FROM dossier s JOIN procedure p ON "
              "p.code = s.procedure WHERE s.overdue_from > 0 AND s.overdue_from = $2 AND "
              "s.due_at >= $3 AND s.parent IS NULL AND " IN_SCOPE("$5") " GROUP BY k";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, day + 1);
    pq_int(&q, 3, now);
    pq_int(&q, 4, (int)by);
    pq_int(&q, 5, current);
    return pq_collect(&q, a, sizeof(StatCount), read_count, (void **)out, out_n, e, "due later");
}

static int pg_stat_officer_apply(Store *s, int recount, const char *unit, const OfficerChange *ch,
                                 size_t n, Err *e)
{
#define OFFICER_UPSERT(table)                                                                      \
    "INSERT INTO " table " AS t (officer, unit, day, early, on_time, late, rate_total, "           \
    "rate_good) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (officer, unit, day) DO "      \
    "UPDATE SET early = t.early + $4, on_time = t.on_time + $5, late = t.late + $6, "              \
    "rate_total = t.rate_total + $7, rate_good = t.rate_good + $8"
    static const char sql[] = OFFICER_UPSERT("stat_officer");
    static const char recount_sql[] = OFFICER_UPSERT("recount_officer");
#undef OFFICER_UPSERT
    _Static_assert(OFFICER_N == 5, "the SQL lists 5 officer columns");
    for (size_t i = 0; i < n; i++) {
        PgQuery q;
        pq_init(&q, s, recount ? recount_sql : sql);
        pq_text(&q, 1, ch[i].officer);
        pq_text(&q, 2, unit);
        pq_int(&q, 3, ch[i].day);
        for (int c = 0; c < OFFICER_N; c++)
            pq_int(&q, 4 + c, c == (int)ch[i].col ? ch[i].delta : 0);
        int rc = pq_exec(&q, e, "stat officer");
        if (rc < 0)
            return rc;
    }
    return 0;
}

static void read_officer(Arena *a, const PgQuery *q, int r, void *v)
{
    OfficerRow *o = v;
    o->officer = pq_col_text(a, q, r, 0);
    for (int c = 0; c < OFFICER_N; c++)
        o->v[c] = pq_col_int(q, r, 1 + c);
}

static int pg_stat_officers(Store *s, Arena *a, const char *under, bool current, int32_t from,
                            int32_t to, OfficerRow **out, size_t *out_n, Err *e)
{
    static const char sql[] = SUBTREE
        "SELECT officer, sum(early), sum(on_time), sum(late), sum(rate_total), sum(rate_good) "
        "FROM stat_officer s WHERE " IN_SCOPE(
            "$4") " AND s.day BETWEEN $2 AND $3 GROUP BY officer HAVING sum(early) + sum(on_time) "
                  "+ "
                  "sum(late) + "
                  "sum(rate_total) > 0 ORDER BY officer COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, from);
    pq_int(&q, 3, to);
    pq_int(&q, 4, current);
    return pq_collect(&q, a, sizeof(OfficerRow), read_officer, (void **)out, out_n, e, "officers");
}

static void read_month(Arena *a, const PgQuery *q, int r, void *v)
{
    (void)a;
    StatMonth *m = v;
    m->year = (int)pq_col_int(q, r, 0) / 100;
    m->month = (int)pq_col_int(q, r, 0) % 100;
    m->online = pq_col_int(q, r, 1);
    m->direct_postal = pq_col_int(q, r, 2);
    m->early_on_time = pq_col_int(q, r, 3);
    m->late = pq_col_int(q, r, 4);
}

static int pg_stat_months(Store *s, Arena *a, const char *under, bool current, int32_t from,
                          int32_t to, StatMonth **out, size_t *out_n, Err *e)
{
    /* day numbers count local days from 1970-01-01: the month is YYYYMM of that date */
    static const char sql[] =
        SUBTREE "SELECT to_char(date '1970-01-01' + s.day, 'YYYYMM') AS ym, sum(recv_online), "
                "sum(recv_other), sum(res_early) + sum(res_on_time), sum(res_late) FROM "
                "(SELECT unit, first_day AS day, recv_online, recv_other, res_early, res_on_time, "
                "res_late FROM stat_month WHERE first_day >= $2 AND last_day <= $3 UNION ALL "
                "SELECT unit, day, recv_online, recv_other, res_early, res_on_time, res_late FROM "
                "stat_day WHERE day BETWEEN $4 AND $5 OR day BETWEEN $6 AND $7) s WHERE " IN_SCOPE(
                    "$8") " GROUP BY ym ORDER BY ym";
    StatSplit parts = stat_split_period(from, to);
    int32_t d1lo = parts.d1lo < from ? from : parts.d1lo; /* the days before from are not charted */
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, parts.m1);
    pq_int(&q, 3, parts.m2);
    pq_int(&q, 4, d1lo);
    pq_int(&q, 5, parts.d1hi);
    pq_int(&q, 6, parts.d2lo);
    pq_int(&q, 7, parts.d2hi);
    pq_int(&q, 8, current);
    return pq_collect(&q, a, sizeof(StatMonth), read_month, (void **)out, out_n, e, "months");
}

static int pg_stat_recount_apply(Store *s, const int64_t *by_state, Err *e)
{
    static const char state_sql[] = "INSERT INTO stat_state (state, n) VALUES ($1, $2)";
    int rc = pq_script(s,
                       "DELETE FROM stat_day; INSERT INTO stat_day SELECT * FROM recount_day; "
                       "DELETE FROM stat_month; INSERT INTO stat_month SELECT * FROM "
                       "recount_month; DELETE FROM stat_pay; INSERT INTO stat_pay SELECT * FROM "
                       "recount_pay; DELETE FROM stat_officer; INSERT INTO stat_officer SELECT * "
                       "FROM recount_officer; DELETE FROM stat_state;",
                       e);
    for (int i = 1; rc == 0 && i < STATE_COUNT; i++) {
        if (!by_state[i])
            continue;
        PgQuery q;
        pq_init(&q, s, state_sql);
        pq_text(&q, 1, lifecycle_state_name((State)i));
        pq_int(&q, 2, by_state[i]);
        int n = pq_exec(&q, e, "state counter");
        rc = n < 0 ? n : 0;
    }
    return rc;
}

/* count_problem runs a query of one count and reports problem when it is not zero. */
static int count_problem(Store *s, const char *sql, const char *problem,
                         void (*report)(void *ctx, const char *problem), void *ctx, long *problems,
                         Err *e)
{
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "counter compare");
    if (n < 0)
        return n;
    if (n > 0 && pq_col_int(&q, 0, 0) > 0) {
        ++*problems;
        if (report)
            report(ctx, problem);
    }
    pq_done(&q);
    return 0;
}

static int pg_stat_compare(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                           long *out_problems, Err *e)
{
    /* the counters minus the recount, per key: every column must come out zero */
    static const char sql[] =
        "SELECT unit, procedure, day FROM (SELECT unit, procedure, day, " STAT_COLS
        " FROM stat_day UNION ALL SELECT unit, procedure, day, " STAT_NEG
        " FROM recount_day) x GROUP BY unit, procedure, day HAVING " STAT_NONZERO " LIMIT 100";
    static const char pay[] =
        "SELECT count(*) FROM (SELECT unit FROM (SELECT unit, procedure, recv_day, pay_day, n AS "
        "v FROM stat_pay UNION ALL SELECT unit, procedure, recv_day, pay_day, -n AS v FROM "
        "recount_pay) x GROUP BY unit, procedure, recv_day, pay_day HAVING sum(v) <> 0) y";
    static const char month[] =
        "SELECT count(*) FROM (SELECT unit FROM (SELECT unit, procedure, first_day, " STAT_COLS
        " FROM stat_month UNION ALL SELECT unit, procedure, first_day, " STAT_NEG
        " FROM recount_month) x GROUP BY unit, procedure, first_day HAVING " STAT_NONZERO ") y";
    static const char officer[] =
        "SELECT count(*) FROM (SELECT officer FROM (SELECT officer, unit, day, early, on_time, "
        "late, rate_total, rate_good FROM stat_officer UNION ALL SELECT officer, unit, day, "
        "-early, -on_time, -late, -rate_total, -rate_good FROM recount_officer) x GROUP BY "
        "officer, unit, day HAVING sum(early) <> 0 OR sum(on_time) <> 0 OR sum(late) <> 0 OR "
        "sum(rate_total) <> 0 OR sum(rate_good) <> 0) y";
    long problems = 0;
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "counter compare");
    if (n < 0)
        return n;
    for (int r = 0; r < n; r++) {
        char msg[400];
        const char *unit = PQgetvalue(q.res, r, 0), *procedure = PQgetvalue(q.res, r, 1);
        int day = (int)pq_col_int(&q, r, 2);
        snprintf(msg, sizeof msg,
                 "bộ đếm báo cáo của đơn vị %s, thủ tục %s, ngày %d khác với đếm lại / report "
                 "counters of unit %s, procedure %s, day %d differ from a recount",
                 unit, procedure, day, unit, procedure, day);
        problems++;
        if (report)
            report(ctx, msg);
    }
    pq_done(&q);
    int rc = count_problem(s, pay,
                           "bộ đếm thanh toán trực tuyến khác với đếm lại / online payment "
                           "counters differ from a recount",
                           report, ctx, &problems, e);
    if (rc == 0)
        rc = count_problem(s, month,
                           "bộ đếm báo cáo theo tháng khác với đếm lại / monthly report counters "
                           "differ from a recount",
                           report, ctx, &problems, e);
    if (rc == 0)
        rc = count_problem(s, officer,
                           "bộ đếm theo cán bộ khác với đếm lại / per-officer counters differ "
                           "from a recount",
                           report, ctx, &problems, e);
    if (rc < 0)
        return rc;
    *out_problems = problems;
    return 0;
}

void pg_stat_ops(StoreOps *o)
{
    o->stat_recount_begin = pg_stat_recount_begin;
    o->stat_apply = pg_stat_apply;
    o->stat_report = pg_stat_report;
    o->stat_due_later = pg_stat_due_later;
    o->stat_officer_apply = pg_stat_officer_apply;
    o->stat_officers = pg_stat_officers;
    o->stat_months = pg_stat_months;
    o->stat_recount_apply = pg_stat_recount_apply;
    o->stat_compare = pg_stat_compare;
}

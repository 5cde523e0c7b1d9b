/* postgres_calendar.c: holiday schedules and working windows in the PostgreSQL backend
 * (store.h). */
#include "store/postgres_int.h"

#include <string.h>

static int bump_version(Store *s, Err *e)
{
    static const char sql[] = "UPDATE calendar_version SET n = n + 1 WHERE id = 1";
    PgQuery q;
    pq_init(&q, s, sql);
    int rc = pq_exec(&q, e, "calendar version");
    return rc < 0 ? rc : 0;
}

static int pg_calendar_version(Store *s, int64_t *out, Err *e)
{
    static const char sql[] = "SELECT n FROM calendar_version WHERE id = 1";
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "calendar version");
    if (n < 0)
        return n;
    *out = n > 0 ? pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return 0;
}

static int pg_holiday_put(Store *s, int year, const char *tsv, const char *by, int64_t now, Err *e)
{
    static const char sql[] = "INSERT INTO holiday_year (year, tsv, loaded_at, loaded_by) "
                              "VALUES ($1, $2, $3, $4) ON CONFLICT (year) DO UPDATE SET "
                              "tsv = $2, loaded_at = $3, loaded_by = $4";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, year);
    pq_text(&q, 2, tsv);
    pq_int(&q, 3, now);
    pq_text(&q, 4, by);
    int rc = pq_exec(&q, e, "holiday put");
    return rc < 0 ? rc : bump_version(s, e);
}

static int pg_holiday_list(Store *s, Arena *a, int **out_years, const char ***out_tsv,
                           size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT year, tsv FROM holiday_year ORDER BY year";
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "holiday list");
    if (n < 0)
        return n;
    int *years = arena_array(a, (size_t)n + 1, sizeof *years);
    const char **tsv = arena_array(a, (size_t)n + 1, sizeof *tsv);
    for (int i = 0; i < n; i++) {
        years[i] = (int)pq_col_int(&q, i, 0);
        tsv[i] = pq_col_text(a, &q, i, 1);
    }
    pq_done(&q);
    *out_years = years;
    *out_tsv = tsv;
    *out_n = (size_t)n;
    return 0;
}

static int pg_windows_put(Store *s, const char *unit, const char *const specs[7], Err *e)
{
    static const char sql[] = "INSERT INTO unit_windows (unit, weekday, windows) VALUES "
                              "($1, $2, $3) ON CONFLICT (unit, weekday) DO UPDATE SET windows = $3";
    for (int d = 0; d < 7; d++) {
        PgQuery q;
        pq_init(&q, s, sql);
        pq_text(&q, 1, unit);
        pq_int(&q, 2, d);
        pq_text(&q, 3, specs[d] ? specs[d] : "");
        int rc = pq_exec(&q, e, "windows put");
        if (rc < 0)
            return rc;
    }
    return bump_version(s, e);
}

static int pg_windows_get(Store *s, Arena *a, const char *unit, const char *out_specs[7],
                          int *out_found, Err *e)
{
    /* the nearest unit up the parent chain that has rows */
    static const char sql[] =
        "WITH RECURSIVE up(code, depth) AS (SELECT $1::text, 0 UNION ALL "
        "SELECT unit.parent, up.depth + 1 FROM unit JOIN up ON unit.code = up.code "
        "WHERE unit.parent IS NOT NULL AND up.depth < 32) "
        "SELECT w.weekday, w.windows FROM unit_windows w JOIN up ON w.unit = up.code "
        "WHERE up.depth = (SELECT min(up2.depth) FROM up up2 JOIN unit_windows w2 "
        "ON w2.unit = up2.code)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    int n = pq_run(&q, e, "windows get");
    if (n < 0)
        return n;
    for (int d = 0; d < 7; d++)
        out_specs[d] = "";
    for (int r = 0; r < n; r++) {
        int64_t d = pq_col_int(&q, r, 0);
        if (d >= 0 && d < 7)
            out_specs[d] = pq_col_text(a, &q, r, 1);
    }
    pq_done(&q);
    *out_found = n > 0;
    return 0;
}

void pg_calendar_ops(StoreOps *o)
{
    o->calendar_version = pg_calendar_version;
    o->holiday_put = pg_holiday_put;
    o->holiday_list = pg_holiday_list;
    o->windows_put = pg_windows_put;
    o->windows_get = pg_windows_get;
}

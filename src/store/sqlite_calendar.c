/* sqlite_calendar.c: holiday schedules and working windows in the SQLite backend (store.h). */
#include "store/sqlite_int.h"

#include <string.h>

static int bump_version(Store *s, Err *e)
{
    static const char sql[] = "UPDATE calendar_version SET n = n + 1 WHERE id = 1";
    PREP(st, sql);
    return sq_step_done(s, st, e, "calendar version");
}

static int sq_calendar_version(Store *s, int64_t *out, Err *e)
{
    static const char sql[] = "SELECT n FROM calendar_version WHERE id = 1";
    PREP(st, sql);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_fail(s, e, "calendar version");
}

static int sq_holiday_put(Store *s, int year, const char *tsv, const char *by, int64_t now, Err *e)
{
    static const char sql[] = "INSERT INTO holiday_year (year, tsv, loaded_at, loaded_by) "
                              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (year) DO UPDATE SET "
                              "tsv = ?2, loaded_at = ?3, loaded_by = ?4";
    PREP(st, sql);
    sqlite3_bind_int(st, 1, year);
    sq_bind_text(st, 2, tsv);
    sqlite3_bind_int64(st, 3, now);
    sq_bind_text(st, 4, by);
    int rc = sq_step_done(s, st, e, "holiday put");
    return rc < 0 ? rc : bump_version(s, e);
}

typedef struct YearRow {
    int year;
    const char *tsv;
} YearRow;

static void read_year_row(Arena *a, sqlite3_stmt *st, void *p)
{
    YearRow *r = p;
    r->year = sqlite3_column_int(st, 0);
    r->tsv = sq_col_text(a, st, 1);
}

static int sq_holiday_list(Store *s, Arena *a, int **out_years, const char ***out_tsv,
                           size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT year, tsv FROM holiday_year ORDER BY year";
    PREP(st, sql);
    YearRow *rows;
    size_t n;
    int rc = sq_collect(s, a, st, sizeof(YearRow), read_year_row, (void **)&rows, &n, e);
    if (rc < 0)
        return rc;
    int *years = arena_array(a, n + 1, sizeof *years);
    const char **tsv = arena_array(a, n + 1, sizeof *tsv);
    for (size_t i = 0; i < n; i++) {
        years[i] = rows[i].year;
        tsv[i] = rows[i].tsv;
    }
    *out_years = years;
    *out_tsv = tsv;
    *out_n = n;
    return 0;
}

static int sq_windows_put(Store *s, const char *unit, const char *const specs[7], Err *e)
{
    static const char sql[] = "INSERT INTO unit_windows (unit, weekday, windows) VALUES "
                              "(?1, ?2, ?3) ON CONFLICT (unit, weekday) DO UPDATE SET windows = ?3";
    for (int d = 0; d < 7; d++) {
        PREP(st, sql);
        sq_bind_text(st, 1, unit);
        sqlite3_bind_int(st, 2, d);
        sq_bind_text(st, 3, specs[d] ? specs[d] : "");
        int rc = sq_step_done(s, st, e, "windows put");
        if (rc < 0)
            return rc;
    }
    return bump_version(s, e);
}

static int sq_windows_get(Store *s, Arena *a, const char *unit, const char *out_specs[7],
                          int *out_found, Err *e)
{
    /* the nearest unit up the parent chain that has rows */
    static const char sql[] =
        "WITH RECURSIVE up(code, depth) AS (SELECT ?1, 0 UNION ALL "
        "SELECT unit.parent, up.depth + 1 FROM unit JOIN up ON unit.code = up.code "
        "WHERE unit.parent IS NOT NULL AND up.depth < 32) "
        "SELECT w.weekday, w.windows FROM unit_windows w JOIN up ON w.unit = up.code "
        "WHERE up.depth = (SELECT min(up2.depth) FROM up up2 JOIN unit_windows w2 "
        "ON w2.unit = up2.code)";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    int rc, found = 0;
    for (int d = 0; d < 7; d++)
        out_specs[d] = "";
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int d = sqlite3_column_int(st, 0);
        if (d >= 0 && d < 7)
            out_specs[d] = sq_col_text(a, st, 1);
        found = 1;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "windows get");
    *out_found = found;
    return 0;
}

void sq_calendar_ops(StoreOps *o)
{
    o->calendar_version = sq_calendar_version;
    o->holiday_put = sq_holiday_put;
    o->holiday_list = sq_holiday_list;
    o->windows_put = sq_windows_put;
    o->windows_get = sq_windows_get;
}

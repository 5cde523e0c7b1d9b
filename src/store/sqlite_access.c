/* sqlite_access.c: the access log of personal-data views in the SQLite backend (store.h):
 * one row per view, appended; read newest first within a unit's tree. */
#include "store/sqlite_int.h"

#include <string.h>

static void bind_opt_int(sqlite3_stmt *st, int i, int64_t v)
{
    if (v)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

static int sq_access_log(Store *s, AccessEntry *v, Err *e)
{
    static const char sql[] = "INSERT INTO access_log (at, who, ip, unit, dossier, what, query, "
                              "rows, why) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, v->at);
    sq_bind_text(st, 2, v->who);
    sq_bind_text(st, 3, v->ip);
    sq_bind_text(st, 4, v->unit);
    bind_opt_int(st, 5, v->dossier);
    sq_bind_text(st, 6, v->what);
    sq_bind_text(st, 7, v->query);
    if (v->dossier)
        sqlite3_bind_null(st, 8);
    else
        sqlite3_bind_int64(st, 8, v->rows);
    sq_bind_text(st, 9, v->why);
    int rc = sq_step_done(s, st, e, "access log");
    if (rc == 0)
        v->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

static void read_entry(Arena *a, sqlite3_stmt *st, void *p)
{
    AccessEntry *v = p;
    memset(v, 0, sizeof *v);
    v->id = sqlite3_column_int64(st, 0);
    v->at = sqlite3_column_int64(st, 1);
    v->who = sq_col_text(a, st, 2);
    v->ip = sq_col_text(a, st, 3);
    v->unit = sq_col_text(a, st, 4);
    v->dossier = sqlite3_column_int64(st, 5);
    v->dossier_code = sq_col_text(a, st, 6);
    v->what = sq_col_text(a, st, 7);
    v->query = sq_col_text(a, st, 8);
    v->rows = sqlite3_column_int64(st, 9);
    v->why = sq_col_text(a, st, 10);
}

static int sq_access_log_list(Store *s, Arena *a, const char *under, int64_t from, int64_t to,
                              int64_t before, size_t limit, AccessEntry **out, size_t *out_n,
                              Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub ON "
        "unit.parent = sub.code) SELECT l.id, l.at, l.who, l.ip, l.unit, l.dossier, d.code, "
        "l.what, l.query, l.rows, l.why FROM access_log l LEFT JOIN dossier d ON d.id = "
        "l.dossier WHERE (?1 IS NULL OR l.unit IN (SELECT code FROM sub)) AND l.at >= ?2 AND "
        "l.at < ?3 AND (?4 = 0 OR l.id < ?4) ORDER BY l.id DESC LIMIT ?5";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_int64(st, 4, before);
    sqlite3_bind_int64(st, 5, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(AccessEntry), read_entry, (void **)out, out_n, e);
}

void sq_access_ops(StoreOps *o)
{
    o->access_log = sq_access_log;
    o->access_log_list = sq_access_log_list;
}

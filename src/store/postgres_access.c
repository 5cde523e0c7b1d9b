/* postgres_access.c: the access log of personal-data views in the PostgreSQL backend
 * (store.h): one row per view, appended; read newest first within a unit's tree. */
#include "store/postgres_int.h"

#include <string.h>

static int pg_access_log(Store *s, AccessEntry *v, Err *e)
{
    static const char sql[] =
        "INSERT INTO access_log (at, who, ip, unit, dossier, what, query, rows, why) VALUES "
        "($1, $2, $3, $4, nullif($5::bigint, 0), $6, $7, $8, $9) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, v->at);
    pq_text(&q, 2, v->who);
    pq_text(&q, 3, v->ip);
    pq_text(&q, 4, v->unit);
    pq_int(&q, 5, v->dossier);
    pq_text(&q, 6, v->what);
    pq_text(&q, 7, v->query);
    if (v->dossier)
        pq_text(&q, 8, NULL);
    else
        pq_int(&q, 8, v->rows);
    pq_text(&q, 9, v->why);
    int n = pq_run(&q, e, "access log");
    if (n < 0)
        return n;
    v->id = n > 0 ? pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return 0;
}

static void read_entry(Arena *a, const PgQuery *q, int r, void *p)
{
    AccessEntry *v = p;
    memset(v, 0, sizeof *v);
    v->id = pq_col_int(q, r, 0);
    v->at = pq_col_int(q, r, 1);
    v->who = pq_col_text(a, q, r, 2);
    v->ip = pq_col_text(a, q, r, 3);
    v->unit = pq_col_text(a, q, r, 4);
    v->dossier = pq_col_int(q, r, 5);
    v->dossier_code = pq_col_text(a, q, r, 6);
    v->what = pq_col_text(a, q, r, 7);
    v->query = pq_col_text(a, q, r, 8);
    v->rows = pq_col_int(q, r, 9);
    v->why = pq_col_text(a, q, r, 10);
}

static int pg_access_log_list(Store *s, Arena *a, const char *under, int64_t from, int64_t to,
                              int64_t before, size_t limit, AccessEntry **out, size_t *out_n,
                              Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) SELECT l.id, l.at, l.who, l.ip, l.unit, l.dossier, d.code, "
        "l.what, l.query, l.rows, l.why FROM access_log l LEFT JOIN dossier d ON d.id = "
        "l.dossier WHERE ($1::text IS NULL OR l.unit IN (SELECT code FROM sub)) AND l.at >= $2 "
        "AND l.at < $3 AND ($4 = 0 OR l.id < $4) ORDER BY l.id DESC LIMIT $5";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, from);
    pq_int(&q, 3, to);
    pq_int(&q, 4, before);
    pq_int(&q, 5, (int64_t)limit);
    return pq_collect(&q, a, sizeof(AccessEntry), read_entry, (void **)out, out_n, e,
                      "access log list");
}

void pg_access_ops(StoreOps *o)
{
    o->access_log = pg_access_log;
    o->access_log_list = pg_access_log_list;
}

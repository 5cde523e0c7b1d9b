/* postgres_unitops.c: the unit operations in the PostgreSQL backend (store.h, migration 0024):
 * recorded when entered, planned ones listed when their day comes, marked done once applied. */
#include "store/postgres_int.h"

#include <string.h>

static void read_op(Arena *a, const PgQuery *q, int r, void *v)
{
    UnitOpRow *o = v;
    memset(o, 0, sizeof *o);
    o->id = pq_col_int(q, r, 0);
    o->kind = pq_col_text(a, q, r, 1);
    o->effective = pq_col_text(a, q, r, 2);
    o->spec = pq_col_text(a, q, r, 3);
    o->state = pq_col_text(a, q, r, 4);
    o->by = pq_col_text(a, q, r, 5);
    o->created_at = pq_col_int(q, r, 6);
    o->applied_at = pq_col_int(q, r, 7);
    o->summary = pq_col_text(a, q, r, 8);
}

static int pg_unit_op_add(Store *s, UnitOpRow *o, Err *e)
{
    static const char sql[] = "INSERT INTO unit_operation (kind, effective, spec, state, \"by\", "
                              "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, o->kind);
    pq_text(&q, 2, o->effective);
    pq_text(&q, 3, o->spec);
    pq_text(&q, 4, o->state);
    pq_text(&q, 5, o->by);
    pq_int(&q, 6, o->created_at);
    int n = pq_run(&q, e, "unit operation add");
    if (n < 0)
        return n;
    o->id = n > 0 ? pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return 0;
}

static int pg_unit_op_done(Store *s, int64_t id, int64_t applied_at, const char *summary, Err *e)
{
    static const char sql[] =
        "UPDATE unit_operation SET state = 'done', applied_at = $2, summary = $3 WHERE id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    pq_int(&q, 2, applied_at);
    pq_text(&q, 3, summary);
    int rc = pq_exec(&q, e, "unit operation done");
    return rc < 0 ? rc : 0;
}

static int pg_unit_op_list(Store *s, Arena *a, const char *planned_by, UnitOpRow **out,
                           size_t *out_n, Err *e)
{
    /* effective is YYYY-MM-DD: compared bytewise, as SQLite does */
    static const char sql[] =
        "SELECT id, kind, effective, spec, state, \"by\", created_at, coalesce(applied_at, 0), "
        "summary FROM unit_operation WHERE $1::text IS NULL OR (state = 'planned' AND effective "
        "COLLATE \"C\" <= $1) ORDER BY id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, planned_by);
    return pq_collect(&q, a, sizeof(UnitOpRow), read_op, (void **)out, out_n, e, "unit operations");
}

void pg_unitop_ops(StoreOps *o)
{
    o->unit_op_add = pg_unit_op_add;
    o->unit_op_done = pg_unit_op_done;
    o->unit_op_list = pg_unit_op_list;
}

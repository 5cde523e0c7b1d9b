/* sqlite_unitops.c: the unit operations in the SQLite backend (store.h, migration 0024):
 * recorded when entered, planned ones listed when their day comes, marked done once applied. */
#include "store/sqlite_int.h"

#include <string.h>

static void read_op(Arena *a, sqlite3_stmt *st, void *v)
{
    UnitOpRow *r = v;
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->kind = sq_col_text(a, st, 1);
    r->effective = sq_col_text(a, st, 2);
    r->spec = sq_col_text(a, st, 3);
    r->state = sq_col_text(a, st, 4);
    r->by = sq_col_text(a, st, 5);
    r->created_at = sqlite3_column_int64(st, 6);
    r->applied_at = sqlite3_column_int64(st, 7);
    r->summary = sq_col_text(a, st, 8);
}

static int sq_unit_op_add(Store *s, UnitOpRow *r, Err *e)
{
    static const char sql[] = "INSERT INTO unit_operation (kind, effective, spec, state, by, "
                              "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    PREP(st, sql);
    sq_bind_text(st, 1, r->kind);
    sq_bind_text(st, 2, r->effective);
    sq_bind_text(st, 3, r->spec);
    sq_bind_text(st, 4, r->state);
    sq_bind_text(st, 5, r->by);
    sqlite3_bind_int64(st, 6, r->created_at);
    int rc = sq_step_done(s, st, e, "unit operation add");
    if (rc == 0)
        r->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

static int sq_unit_op_done(Store *s, int64_t id, int64_t applied_at, const char *summary, Err *e)
{
    static const char sql[] =
        "UPDATE unit_operation SET state = 'done', applied_at = ?2, summary = ?3 WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, applied_at);
    sq_bind_text(st, 3, summary);
    return sq_step_done(s, st, e, "unit operation done");
}

static int sq_unit_op_list(Store *s, Arena *a, const char *planned_by, UnitOpRow **out,
                           size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT id, kind, effective, spec, state, by, created_at, coalesce(applied_at, 0), summary "
        "FROM unit_operation WHERE ?1 IS NULL OR (state = 'planned' AND effective <= ?1) "
        "ORDER BY id";
    PREP(st, sql);
    sq_bind_text(st, 1, planned_by);
    return sq_collect(s, a, st, sizeof(UnitOpRow), read_op, (void **)out, out_n, e);
}

void sq_unitop_ops(StoreOps *o)
{
    o->unit_op_add = sq_unit_op_add;
    o->unit_op_done = sq_unit_op_done;
    o->unit_op_list = sq_unit_op_list;
}

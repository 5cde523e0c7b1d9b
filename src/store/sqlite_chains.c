/* sqlite_chains.c: interconnected procedures in the SQLite backend (store.h): the chains of
 * the catalogue with their steps, and a group's children (the dossier row carries the links). */
#include "store/sqlite_int.h"

#include <string.h>

static int sq_chain_put(Store *s, const Chain *c, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO chain (code, name, limit_days, cutoff, updated_at) VALUES (?1, ?2, ?3, ?4, "
        "?5) ON CONFLICT (code) DO UPDATE SET name = ?2, limit_days = ?3, cutoff = ?4, "
        "updated_at = ?5 WHERE (name, limit_days, cutoff) IS NOT (?2, ?3, ?4)";
    static const char del[] = "DELETE FROM chain_step WHERE chain = ?1";
    static const char ins[] = "INSERT INTO chain_step (chain, seq, procedure, agency, after) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)";
    PREP(st, sql);
    sq_bind_text(st, 1, c->code);
    sq_bind_text(st, 2, c->name);
    sqlite3_bind_int(st, 3, c->limit_days);
    if (c->cutoff >= 0)
        sqlite3_bind_int(st, 4, c->cutoff);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_int64(st, 5, now);
    int rc = sq_step_done(s, st, e, "chain put");
    if (rc < 0)
        return rc;
    PREP(sd, del);
    sq_bind_text(sd, 1, c->code);
    if ((rc = sq_step_done(s, sd, e, "chain steps")) < 0)
        return rc;
    for (size_t i = 0; i < c->n_steps; i++) {
        PREP(si, ins);
        sq_bind_text(si, 1, c->code);
        sqlite3_bind_int64(si, 2, (int64_t)i);
        sq_bind_text(si, 3, c->steps[i].procedure);
        sq_bind_text(si, 4, c->steps[i].agency);
        sqlite3_bind_int64(si, 5, c->steps[i].after);
        if ((rc = sq_step_done(s, si, e, "chain step")) < 0)
            return rc;
    }
    return 0;
}

static void read_chain_row(Arena *a, sqlite3_stmt *st, void *v)
{
    Chain *c = v;
    c->code = sq_col_text(a, st, 0);
    c->name = sq_col_text(a, st, 1);
    c->limit_days = sqlite3_column_int(st, 2);
    c->cutoff = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 3);
}

static void read_step_row(Arena *a, sqlite3_stmt *st, void *v)
{
    ChainStep *c = v;
    c->procedure = sq_col_text(a, st, 0);
    c->agency = sq_col_text(a, st, 1);
    c->after = (uint32_t)sqlite3_column_int64(st, 2);
}

static int load_steps(Store *s, Arena *a, Chain *c, Err *e)
{
    static const char sql[] =
        "SELECT procedure, agency, after FROM chain_step WHERE chain = ?1 ORDER BY seq";
    PREP(st, sql);
    sq_bind_text(st, 1, c->code);
    return sq_collect(s, a, st, sizeof(ChainStep), read_step_row, (void **)&c->steps, &c->n_steps,
                      e);
}

static int sq_chain_get(Store *s, Arena *a, const char *code, Chain *out, Err *e)
{
    static const char sql[] = "SELECT code, name, limit_days, cutoff FROM chain WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    Chain *cs;
    size_t n;
    int rc = sq_collect(s, a, st, sizeof(Chain), read_chain_row, (void **)&cs, &n, e);
    if (rc < 0)
        return rc;
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "chain", "Không có nhóm thủ tục liên thông %s",
                        "no interconnected group %s", code);
    if ((rc = load_steps(s, a, &cs[0], e)) < 0)
        return rc;
    *out = cs[0];
    return 0;
}

static int sq_chain_list(Store *s, Arena *a, Chain **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT code, name, limit_days, cutoff FROM chain ORDER BY code";
    PREP(st, sql);
    Chain *cs;
    size_t n;
    int rc = sq_collect(s, a, st, sizeof(Chain), read_chain_row, (void **)&cs, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = load_steps(s, a, &cs[i], e);
    if (rc < 0)
        return rc;
    *out = cs;
    *out_n = n;
    return 0;
}

static void read_id_row(Arena *a, sqlite3_stmt *st, void *v)
{
    (void)a;
    *(int64_t *)v = sqlite3_column_int64(st, 0);
}

static int sq_dossier_children(Store *s, Arena *a, int64_t parent, int64_t **out_ids, size_t *out_n,
                               Err *e)
{
    static const char sql[] = "SELECT id FROM dossier WHERE parent = ?1 ORDER BY step, id";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, parent);
    return sq_collect(s, a, st, sizeof(int64_t), read_id_row, (void **)out_ids, out_n, e);
}

static void read_open_row(Arena *a, sqlite3_stmt *st, void *v)
{
    (void)a;
    OpenStep *o = v;
    o->id = sqlite3_column_int64(st, 0);
    o->first_in_at = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 1);
}

static int sq_steps_open(Store *s, Arena *a, const char *under, size_t limit, OpenStep **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub (code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub ON "
        "unit.parent = sub.code) "
        "SELECT d.id, (SELECT min(m.at) FROM agency_message m WHERE m.dossier = d.code AND "
        "m.direction = 'in') FROM dossier d WHERE d.parent IS NOT NULL AND d.state NOT IN "
        "('resolved', 'returned', 'stopped', 'refused', 'guided') AND (?1 IS NULL OR d.unit IN "
        "(SELECT code FROM sub)) ORDER BY d.id LIMIT ?2";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    sqlite3_bind_int64(st, 2, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(OpenStep), read_open_row, (void **)out, out_n, e);
}

void sq_chain_ops(StoreOps *o)
{
    o->chain_put = sq_chain_put;
    o->chain_get = sq_chain_get;
    o->chain_list = sq_chain_list;
    o->dossier_children = sq_dossier_children;
    o->steps_open = sq_steps_open;
}

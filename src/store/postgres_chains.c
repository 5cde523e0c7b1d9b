/* postgres_chains.c: interconnected procedures in the PostgreSQL backend (store.h): the chains
 * of the catalogue with their steps, and a group's children (the dossier row carries the links).
 * The statements are SQLite's (sqlite_chains.c) in PostgreSQL's spelling. */
#include "store/postgres_int.h"

#include <string.h>

static int pg_chain_put(Store *s, const Chain *c, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO chain AS t (code, name, limit_days, cutoff, updated_at) VALUES ($1, $2, $3, "
        "$4, $5) ON CONFLICT (code) DO UPDATE SET name = $2, limit_days = $3, cutoff = $4, "
        "updated_at = $5 WHERE (t.name, t.limit_days, t.cutoff) IS DISTINCT FROM ($2, $3::int, "
        "$4::int)";
    static const char del[] = "DELETE FROM chain_step WHERE chain = $1";
    static const char ins[] = "INSERT INTO chain_step (chain, seq, procedure, agency, after) "
                              "VALUES ($1, $2, $3, $4, $5)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, c->code);
    pq_text(&q, 2, c->name);
    pq_int(&q, 3, c->limit_days);
    if (c->cutoff >= 0)
        pq_int(&q, 4, c->cutoff);
    else
        pq_text(&q, 4, NULL);
    pq_int(&q, 5, now);
    int rc = pq_exec(&q, e, "chain put");
    if (rc < 0)
        return rc;
    pq_init(&q, s, del);
    pq_text(&q, 1, c->code);
    if ((rc = pq_exec(&q, e, "chain steps")) < 0)
        return rc;
    for (size_t i = 0; i < c->n_steps; i++) {
        pq_init(&q, s, ins);
        pq_text(&q, 1, c->code);
        pq_int(&q, 2, (int64_t)i);
        pq_text(&q, 3, c->steps[i].procedure);
        pq_text(&q, 4, c->steps[i].agency);
        pq_int(&q, 5, c->steps[i].after);
        if ((rc = pq_exec(&q, e, "chain step")) < 0)
            return rc;
    }
    return 0;
}

static void read_chain(Arena *a, const PgQuery *q, int r, void *v)
{
    Chain *c = v;
    c->code = pq_col_text(a, q, r, 0);
    c->name = pq_col_text(a, q, r, 1);
    c->limit_days = (int)pq_col_int(q, r, 2);
    c->cutoff = pq_col_null(q, r, 3) ? -1 : (int)pq_col_int(q, r, 3);
}

static void read_step(Arena *a, const PgQuery *q, int r, void *v)
{
    ChainStep *c = v;
    c->procedure = pq_col_text(a, q, r, 0);
    c->agency = pq_col_text(a, q, r, 1);
    c->after = (uint32_t)pq_col_int(q, r, 2);
}

static int load_steps(Store *s, Arena *a, Chain *c, Err *e)
{
    static const char sql[] =
        "SELECT procedure, agency, after FROM chain_step WHERE chain = $1 ORDER BY seq";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, c->code);
    return pq_collect(&q, a, sizeof(ChainStep), read_step, (void **)&c->steps, &c->n_steps, e,
                      "chain steps");
}

static int pg_chain_get(Store *s, Arena *a, const char *code, Chain *out, Err *e)
{
    static const char sql[] = "SELECT code, name, limit_days, cutoff FROM chain WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    Chain *cs;
    size_t n;
    int rc = pq_collect(&q, a, sizeof(Chain), read_chain, (void **)&cs, &n, e, "chain get");
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

static int pg_chain_list(Store *s, Arena *a, Chain **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT code, name, limit_days, cutoff FROM chain ORDER BY code COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    Chain *cs;
    size_t n;
    int rc = pq_collect(&q, a, sizeof(Chain), read_chain, (void **)&cs, &n, e, "chain list");
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = load_steps(s, a, &cs[i], e);
    if (rc < 0)
        return rc;
    *out = cs;
    *out_n = n;
    return 0;
}

static void read_id(Arena *a, const PgQuery *q, int r, void *v)
{
    (void)a;
    *(int64_t *)v = pq_col_int(q, r, 0);
}

static int pg_dossier_children(Store *s, Arena *a, int64_t parent, int64_t **out_ids, size_t *out_n,
                               Err *e)
{
    static const char sql[] = "SELECT id FROM dossier WHERE parent = $1 ORDER BY step, id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, parent);
    return pq_collect(&q, a, sizeof(int64_t), read_id, (void **)out_ids, out_n, e,
                      "dossier children");
}

static void read_open(Arena *a, const PgQuery *q, int r, void *v)
{
    (void)a;
    OpenStep *o = v;
    o->id = pq_col_int(q, r, 0);
    o->first_in_at = pq_col_int(q, r, 1); /* 0 when NULL */
}

static int pg_steps_open(Store *s, Arena *a, const char *under, size_t limit, OpenStep **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub (code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) "
        "SELECT d.id, (SELECT min(m.at) FROM agency_message m WHERE m.dossier = d.code AND "
        "m.direction = 'in') FROM dossier d WHERE d.parent IS NOT NULL AND d.state NOT IN "
        "('resolved', 'returned', 'stopped', 'refused', 'guided') AND ($1::text IS NULL OR "
        "d.unit IN (SELECT code FROM sub)) ORDER BY d.id LIMIT $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    pq_int(&q, 2, (int64_t)limit);
    return pq_collect(&q, a, sizeof(OpenStep), read_open, (void **)out, out_n, e, "steps open");
}

void pg_chain_ops(StoreOps *o)
{
    o->chain_put = pg_chain_put;
    o->chain_get = pg_chain_get;
    o->chain_list = pg_chain_list;
    o->dossier_children = pg_dossier_children;
    o->steps_open = pg_steps_open;
}

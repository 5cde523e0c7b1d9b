/* postgres_catalogue.c: units, fields and procedures in the PostgreSQL backend (store.h). */
#include "store/postgres_int.h"
#include "store/search_words.h"

#include <string.h>

/* ---- units ---- */

/* below reports whether unit code is parent or an ancestor of parent (1), which would make the
 * parent links a loop. */
static int below(Store *s, const char *code, const char *parent, int *out, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE up (code, depth) AS (VALUES ($2::text, 0) UNION ALL SELECT unit.parent, "
        "up.depth + 1 FROM unit JOIN up ON unit.code = up.code WHERE up.code <> $1 AND "
        "up.depth < 1000) SELECT 1 FROM up WHERE code = $1 LIMIT 1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    pq_text(&q, 2, parent);
    int n = pq_exec(&q, e, "unit parents");
    if (n < 0)
        return n;
    *out = n > 0;
    return 0;
}

static int pg_unit_put(Store *s, const Unit *u, int64_t now, Err *e)
{
    int loop = 0;
    int rc = u->parent ? below(s, u->code, u->parent, &loop, e) : 0;
    if (rc < 0)
        return rc;
    if (loop)
        return err_setf(e, ERR_INVALID, "parent",
                        "Cấp trên %s nằm dưới chính đơn vị này: các cấp sẽ thành vòng lặp",
                        "parent %s is below this unit: the hierarchy would loop", u->parent);
    static const char sql[] =
        "INSERT INTO unit (code, name, name_folded, level, parent, valid_from, valid_to, "
        "successor, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "ON CONFLICT (code) DO UPDATE SET name = $2, name_folded = $3, level = $4, parent = $5, "
        "valid_from = $6, valid_to = $7, successor = $8, updated_at = $9 "
        "WHERE (unit.name, unit.level, unit.parent, unit.valid_from, unit.valid_to, "
        "unit.successor) IS DISTINCT FROM ($2, $4, $5, $6, $7, $8)";
    Arena *a = arena_new();
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, u->code);
    pq_text(&q, 2, u->name);
    pq_text(&q, 3, store_search_key(a, u->name));
    pq_text(&q, 4, u->level);
    pq_text(&q, 5, u->parent);
    pq_text(&q, 6, u->valid_from);
    pq_text(&q, 7, u->valid_to);
    pq_text(&q, 8, u->successor);
    pq_int(&q, 9, now);
    rc = pq_exec(&q, e, "unit put");
    arena_free(a);
    return rc < 0 ? rc : 0;
}

static void read_unit(Arena *a, const PgQuery *q, int r, void *p)
{
    Unit *u = p;
    u->code = pq_col_text(a, q, r, 0);
    u->name = pq_col_text(a, q, r, 1);
    u->level = pq_col_text(a, q, r, 2);
    u->parent = pq_col_text(a, q, r, 3);
    u->valid_from = pq_col_text(a, q, r, 4);
    u->valid_to = pq_col_text(a, q, r, 5);
    u->successor = pq_col_text(a, q, r, 6);
}

#define UNIT_COLS "code, name, level, parent, valid_from, valid_to, successor"

static int pg_unit_get(Store *s, Arena *a, const char *code, Unit *out, Err *e)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    int n = pq_run(&q, e, "unit get");
    if (n < 0)
        return n;
    if (n > 0)
        read_unit(a, &q, 0, out);
    pq_done(&q);
    return n > 0 ? 0 : err_setf(e, ERR_NOT_FOUND, "unit", "Không có đơn vị %s", "no unit %s", code);
}

static int pg_unit_list(Store *s, Arena *a, Unit **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit ORDER BY code COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    return pq_collect(&q, a, sizeof(Unit), read_unit, (void **)out, out_n, e, "unit list");
}

static int pg_unit_within(Store *s, const char *unit, const char *ancestor, int *out, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE up(code, depth) AS (SELECT $1::text, 0 UNION ALL "
        "SELECT unit.parent, up.depth + 1 FROM unit JOIN up ON unit.code = up.code "
        "WHERE unit.parent IS NOT NULL AND up.depth < 32) "
        "SELECT EXISTS (SELECT 1 FROM up WHERE code = $2)::int";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    pq_text(&q, 2, ancestor);
    int n = pq_run(&q, e, "unit within");
    if (n < 0)
        return n;
    *out = (int)pq_col_int(&q, 0, 0);
    pq_done(&q);
    return 0;
}

/* ---- fields ---- */

static int pg_field_put(Store *s, const Field *f, Err *e)
{
    static const char sql[] = "INSERT INTO field (code, name, name_folded) VALUES ($1, $2, $3) "
                              "ON CONFLICT (code) DO UPDATE SET name = $2, name_folded = $3 "
                              "WHERE field.name IS DISTINCT FROM $2";
    Arena *a = arena_new();
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, f->code);
    pq_text(&q, 2, f->name);
    pq_text(&q, 3, store_search_key(a, f->name));
    int rc = pq_exec(&q, e, "field put");
    arena_free(a);
    return rc < 0 ? rc : 0;
}

static void read_field(Arena *a, const PgQuery *q, int r, void *p)
{
    Field *f = p;
    f->code = pq_col_text(a, q, r, 0);
    f->name = pq_col_text(a, q, r, 1);
}

static int pg_field_get(Store *s, Arena *a, const char *code, Field *out, Err *e)
{
    static const char sql[] = "SELECT code, name FROM field WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    int n = pq_run(&q, e, "field get");
    if (n < 0)
        return n;
    if (n > 0)
        read_field(a, &q, 0, out);
    pq_done(&q);
    return n > 0 ? 0
                 : err_setf(e, ERR_NOT_FOUND, "field", "Không có lĩnh vực %s", "no field %s", code);
}

static int pg_field_list(Store *s, Arena *a, Field **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT code, name FROM field ORDER BY code COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    return pq_collect(&q, a, sizeof(Field), read_field, (void **)out, out_n, e, "field list");
}

/* ---- procedures ---- */

static int pg_procedure_put(Store *s, const Procedure *p, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO procedure (code, name, name_folded, field, level, limit_value, limit_unit, "
        "online, fee, updated_at, approval) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
        "ON CONFLICT (code) DO UPDATE SET name = $2, name_folded = $3, field = $4, level = $5, "
        "limit_value = $6, limit_unit = $7, online = $8, fee = $9, updated_at = $10, "
        "approval = $11 "
        "WHERE (procedure.name, procedure.field, procedure.level, procedure.limit_value, "
        "procedure.limit_unit, procedure.online, procedure.fee, procedure.approval) IS DISTINCT "
        "FROM ($2, $4, $5, $6::bigint, $7, $8, $9::bigint, $11::int)";
    static const char del[] = "DELETE FROM procedure_component WHERE procedure = $1";
    static const char ins[] =
        "INSERT INTO procedure_component (procedure, seq, name, required) VALUES ($1, $2, $3, $4)";
    Arena *a = arena_new();
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, p->code);
    pq_text(&q, 2, p->name);
    pq_text(&q, 3, store_search_key(a, p->name));
    pq_text(&q, 4, p->field);
    pq_text(&q, 5, p->level);
    pq_int(&q, 6, p->limit_value);
    pq_text(&q, 7, p->limit_unit);
    pq_text(&q, 8, p->online);
    pq_int(&q, 9, p->fee);
    pq_int(&q, 10, now);
    pq_int(&q, 11, p->approval ? 1 : 0);
    int rc = pq_exec(&q, e, "procedure put");
    arena_free(a);
    if (rc < 0)
        return rc;
    pq_init(&q, s, del);
    pq_text(&q, 1, p->code);
    if ((rc = pq_exec(&q, e, "procedure components")) < 0)
        return rc;
    for (size_t i = 0; i < p->n_components; i++) {
        pq_init(&q, s, ins);
        pq_text(&q, 1, p->code);
        pq_int(&q, 2, (int64_t)i + 1);
        pq_text(&q, 3, p->components[i].name);
        pq_int(&q, 4, p->components[i].required ? 1 : 0);
        if ((rc = pq_exec(&q, e, "procedure component")) < 0)
            return rc;
    }
    if (!p->levels)
        return 0; /* levels not given: those stored stay */
    static const char del_levels[] = "DELETE FROM procedure_level WHERE procedure = $1";
    static const char ins_level[] =
        "INSERT INTO procedure_level (procedure, valid_from, level) VALUES ($1, $2, $3)";
    pq_init(&q, s, del_levels);
    pq_text(&q, 1, p->code);
    if ((rc = pq_exec(&q, e, "procedure levels")) < 0)
        return rc;
    for (size_t i = 0; i < p->n_levels; i++) {
        pq_init(&q, s, ins_level);
        pq_text(&q, 1, p->code);
        pq_text(&q, 2, p->levels[i].from);
        pq_text(&q, 3, p->levels[i].level);
        if ((rc = pq_exec(&q, e, "procedure level")) < 0)
            return rc;
    }
    return 0;
}

#define PROC_COLS "code, name, field, level, limit_value, limit_unit, online, fee, approval"

static void read_procedure(Arena *a, const PgQuery *q, int r, void *v)
{
    Procedure *p = v;
    p->code = pq_col_text(a, q, r, 0);
    p->name = pq_col_text(a, q, r, 1);
    p->field = pq_col_text(a, q, r, 2);
    p->level = pq_col_text(a, q, r, 3);
    p->limit_value = (int)pq_col_int(q, r, 4);
    p->limit_unit = pq_col_text(a, q, r, 5);
    p->online = pq_col_text(a, q, r, 6);
    p->fee = pq_col_int(q, r, 7);
    p->approval = (int)pq_col_int(q, r, 8);
}

static void read_component(Arena *a, const PgQuery *q, int r, void *v)
{
    Component *c = v;
    c->name = pq_col_text(a, q, r, 0);
    c->required = (int)pq_col_int(q, r, 1);
}

static int load_components(Store *s, Arena *a, Procedure *p, Err *e)
{
    static const char sql[] =
        "SELECT name, required FROM procedure_component WHERE procedure = $1 ORDER BY seq";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, p->code);
    return pq_collect(&q, a, sizeof(Component), read_component, (void **)&p->components,
                      &p->n_components, e, "procedure components");
}

static void read_level(Arena *a, const PgQuery *q, int r, void *v)
{
    ProcedureLevel *l = v;
    l->from = pq_col_text(a, q, r, 0);
    l->level = pq_col_text(a, q, r, 1);
}

/* load_levels reads the procedure's levels by date (NULL when it has none). */
static int load_levels(Store *s, Arena *a, Procedure *p, Err *e)
{
    static const char sql[] = "SELECT valid_from, level FROM procedure_level WHERE procedure = $1 "
                              "ORDER BY valid_from COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, p->code);
    int rc = pq_collect(&q, a, sizeof(ProcedureLevel), read_level, (void **)&p->levels,
                        &p->n_levels, e, "procedure levels");
    if (rc == 0 && p->n_levels == 0)
        p->levels = NULL;
    return rc;
}

static int pg_procedure_level_at(Store *s, Arena *a, const char *procedure, const char *day,
                                 const char **out, Err *e)
{
    static const char sql[] =
        "SELECT coalesce((SELECT level FROM procedure_level WHERE procedure = $1 AND valid_from "
        "COLLATE \"C\" <= $2 ORDER BY valid_from COLLATE \"C\" DESC LIMIT 1), level) FROM "
        "procedure WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, procedure);
    pq_text(&q, 2, day);
    int n = pq_run(&q, e, "procedure level");
    if (n < 0)
        return n;
    if (n > 0)
        *out = pq_col_text(a, &q, 0, 0);
    pq_done(&q);
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "procedure", "Không có thủ tục %s", "no procedure %s",
                        procedure);
    return 0;
}

static int pg_procedure_get(Store *s, Arena *a, const char *code, Procedure *out, Err *e)
{
    static const char sql[] = "SELECT " PROC_COLS " FROM procedure WHERE code = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    int n = pq_run(&q, e, "procedure get");
    if (n < 0)
        return n;
    Procedure p = {0};
    if (n > 0)
        read_procedure(a, &q, 0, &p);
    pq_done(&q);
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "procedure", "Không có thủ tục %s", "no procedure %s",
                        code);
    int rc = load_components(s, a, &p, e);
    if (rc < 0 || (rc = load_levels(s, a, &p, e)) < 0)
        return rc;
    *out = p;
    return 0;
}

static int pg_names(Store *s, Arena *a, const char *procedure, const char *unit,
                    const char **procedure_name, const char **unit_name, Err *e)
{
    static const char sql[] = "SELECT (SELECT name FROM procedure WHERE code = $1), "
                              "(SELECT name FROM unit WHERE code = $2)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, procedure);
    pq_text(&q, 2, unit);
    int n = pq_run(&q, e, "names");
    if (n < 0)
        return n;
    *procedure_name = pq_col_text(a, &q, 0, 0);
    *unit_name = pq_col_text(a, &q, 0, 1);
    pq_done(&q);
    if (!*procedure_name || !*unit_name)
        return err_set(e, ERR_NOT_FOUND, "", "Không có thủ tục hoặc đơn vị của hồ sơ",
                       "the dossier's procedure or unit is missing");
    return 0;
}

/* WORD(n): the n-th word of the query (NULL: none) is in the name's key or the code. */
#define WORD(n)                                                                                    \
    "AND ($" #n "::text IS NULL OR strpos(name_folded, $" #n ") > 0 OR strpos(code, $" #n ") > "   \
    "0) "

static int pg_procedure_search(Store *s, Arena *a, const char *q_key, const char *field,
                               size_t limit, Procedure **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT " PROC_COLS
        " FROM procedure WHERE $1::text IS NULL AND ($2::text IS NULL OR field = $2) " WORD(4)
            WORD(5) WORD(6) WORD(7) WORD(8) WORD(9) WORD(10)
                WORD(11) "ORDER BY code COLLATE \"C\" LIMIT $3";
    _Static_assert(STORE_SEARCH_WORDS == 8, "the SQL matches 8 words");
    PgQuery q;
    pq_init(&q, s, sql);
    /* the words one by one ($4..$11, NULL when unused); the last takes what is left */
    const char *words[STORE_SEARCH_WORDS];
    store_search_words(a, q_key, words);
    for (int i = 0; i < STORE_SEARCH_WORDS; i++)
        pq_text(&q, 4 + i, words[i]);
    pq_text(&q, 1, NULL); /* unused: the words are $4..$11 as in SQLite's statement */
    pq_text(&q, 2, field && *field ? field : NULL);
    pq_int(&q, 3, (int64_t)limit);
    Procedure *ps;
    size_t n;
    int rc = pq_collect(&q, a, sizeof(Procedure), read_procedure, (void **)&ps, &n, e,
                        "procedure search");
    for (size_t i = 0; rc == 0 && i < n; i++)
        if ((rc = load_components(s, a, &ps[i], e)) == 0)
            rc = load_levels(s, a, &ps[i], e);
    if (rc < 0)
        return rc;
    *out = ps;
    *out_n = n;
    return 0;
}

void pg_catalogue_ops(StoreOps *o)
{
    o->unit_put = pg_unit_put;
    o->unit_get = pg_unit_get;
    o->unit_list = pg_unit_list;
    o->unit_within = pg_unit_within;
    o->field_put = pg_field_put;
    o->field_get = pg_field_get;
    o->field_list = pg_field_list;
    o->procedure_put = pg_procedure_put;
    o->procedure_get = pg_procedure_get;
    o->procedure_level_at = pg_procedure_level_at;
    o->names = pg_names;
    o->procedure_search = pg_procedure_search;
}

/* sqlite_catalogue.c: units, fields and procedures in the SQLite backend (store.h). */
#include "store/search_words.h"
#include "store/sqlite_int.h"

#include <string.h>

/* ---- units ---- */

/* below reports whether unit code is parent or an ancestor of parent (1), which would make the
 * parent links a loop. */
static int below(Store *s, const char *code, const char *parent, int *out, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE up (code, depth) AS (VALUES (?2, 0) UNION ALL SELECT unit.parent, "
        "up.depth + 1 FROM unit JOIN up ON unit.code = up.code WHERE up.code <> ?1 AND "
        "up.depth < 1000) SELECT 1 FROM up WHERE code = ?1 LIMIT 1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    sq_bind_text(st, 2, parent);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sq_fail(s, e, "unit parents");
    *out = rc == SQLITE_ROW;
    return 0;
}

static int sq_unit_put(Store *s, const Unit *u, int64_t now, Err *e)
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
        "successor, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, name_folded = ?3, level = ?4, parent = ?5, "
        "valid_from = ?6, valid_to = ?7, successor = ?8, updated_at = ?9 "
        "WHERE (name, level, parent, valid_from, valid_to, successor) IS NOT "
        "(?2, ?4, ?5, ?6, ?7, ?8)";
    PREP(st, sql);
    Arena *a = arena_new();
    sq_bind_text(st, 1, u->code);
    sq_bind_text(st, 2, u->name);
    sq_bind_text(st, 3, store_search_key(a, u->name));
    sq_bind_text(st, 4, u->level);
    sq_bind_text(st, 5, u->parent);
    sq_bind_text(st, 6, u->valid_from);
    sq_bind_text(st, 7, u->valid_to);
    sq_bind_text(st, 8, u->successor);
    sqlite3_bind_int64(st, 9, now);
    rc = sq_step_done(s, st, e, "unit put");
    arena_free(a);
    return rc;
}

static void read_unit(Arena *a, sqlite3_stmt *st, Unit *u)
{
    u->code = sq_col_text(a, st, 0);
    u->name = sq_col_text(a, st, 1);
    u->level = sq_col_text(a, st, 2);
    u->parent = sq_col_text(a, st, 3);
    u->valid_from = sq_col_text(a, st, 4);
    u->valid_to = sq_col_text(a, st, 5);
    u->successor = sq_col_text(a, st, 6);
}

#define UNIT_COLS "code, name, level, parent, valid_from, valid_to, successor"

static int sq_unit_get(Store *s, Arena *a, const char *code, Unit *out, Err *e)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_unit(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "unit get");
    return err_setf(e, ERR_NOT_FOUND, "unit", "Không có đơn vị %s", "no unit %s", code);
}

static void read_unit_row(Arena *a, sqlite3_stmt *st, void *p)
{
    read_unit(a, st, p);
}

static int sq_unit_list(Store *s, Arena *a, Unit **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit ORDER BY code";
    PREP(st, sql);
    return sq_collect(s, a, st, sizeof(Unit), read_unit_row, (void **)out, out_n, e);
}

static int sq_unit_within(Store *s, const char *unit, const char *ancestor, int *out, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE up(code, depth) AS (SELECT ?1, 0 UNION ALL "
        "SELECT unit.parent, up.depth + 1 FROM unit JOIN up ON unit.code = up.code "
        "WHERE unit.parent IS NOT NULL AND up.depth < 32) "
        "SELECT EXISTS (SELECT 1 FROM up WHERE code = ?2)";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    sq_bind_text(st, 2, ancestor);
    if (sqlite3_step(st) != SQLITE_ROW) {
        int rc = sq_fail(s, e, "unit within");
        sqlite3_reset(st);
        return rc;
    }
    *out = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return 0;
}

/* ---- fields ---- */

static int sq_field_put(Store *s, const Field *f, Err *e)
{
    static const char sql[] =
        "INSERT INTO field (code, name, name_folded) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, name_folded = ?3 WHERE name IS NOT ?2";
    PREP(st, sql);
    Arena *a = arena_new();
    sq_bind_text(st, 1, f->code);
    sq_bind_text(st, 2, f->name);
    sq_bind_text(st, 3, store_search_key(a, f->name));
    int rc = sq_step_done(s, st, e, "field put");
    arena_free(a);
    return rc;
}

static void read_field_row(Arena *a, sqlite3_stmt *st, void *p)
{
    Field *f = p;
    f->code = sq_col_text(a, st, 0);
    f->name = sq_col_text(a, st, 1);
}

static int sq_field_get(Store *s, Arena *a, const char *code, Field *out, Err *e)
{
    static const char sql[] = "SELECT code, name FROM field WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_field_row(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "field get");
    return err_setf(e, ERR_NOT_FOUND, "field", "Không có lĩnh vực %s", "no field %s", code);
}

static int sq_field_list(Store *s, Arena *a, Field **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT code, name FROM field ORDER BY code";
    PREP(st, sql);
    return sq_collect(s, a, st, sizeof(Field), read_field_row, (void **)out, out_n, e);
}

/* ---- procedures ---- */

static int sq_procedure_put(Store *s, const Procedure *p, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO procedure (code, name, name_folded, field, level, limit_value, limit_unit, "
        "online, fee, updated_at, approval) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, name_folded = ?3, field = ?4, level = ?5, "
        "limit_value = ?6, limit_unit = ?7, online = ?8, fee = ?9, updated_at = ?10, "
        "approval = ?11 "
        "WHERE (name, field, level, limit_value, limit_unit, online, fee, approval) IS NOT "
        "(?2, ?4, ?5, ?6, ?7, ?8, ?9, ?11)";
    static const char del[] = "DELETE FROM procedure_component WHERE procedure = ?1";
    static const char ins[] =
        "INSERT INTO procedure_component (procedure, seq, name, required) VALUES (?1, ?2, ?3, ?4)";
    PREP(st, sql);
    Arena *a = arena_new();
    sq_bind_text(st, 1, p->code);
    sq_bind_text(st, 2, p->name);
    sq_bind_text(st, 3, store_search_key(a, p->name));
    sq_bind_text(st, 4, p->field);
    sq_bind_text(st, 5, p->level);
    sqlite3_bind_int(st, 6, p->limit_value);
    sq_bind_text(st, 7, p->limit_unit);
    sq_bind_text(st, 8, p->online);
    sqlite3_bind_int64(st, 9, p->fee);
    sqlite3_bind_int64(st, 10, now);
    sqlite3_bind_int(st, 11, p->approval ? 1 : 0);
    int rc = sq_step_done(s, st, e, "procedure put");
    arena_free(a);
    if (rc < 0)
        return rc;
    PREP(sd, del);
    sq_bind_text(sd, 1, p->code);
    if ((rc = sq_step_done(s, sd, e, "procedure components")) < 0)
        return rc;
    for (size_t i = 0; i < p->n_components; i++) {
        PREP(si, ins);
        sq_bind_text(si, 1, p->code);
        sqlite3_bind_int64(si, 2, (int64_t)i + 1);
        sq_bind_text(si, 3, p->components[i].name);
        sqlite3_bind_int(si, 4, p->components[i].required ? 1 : 0);
        if ((rc = sq_step_done(s, si, e, "procedure component")) < 0)
            return rc;
    }
    if (!p->levels)
        return 0; /* levels not given: those stored stay */
    static const char del_levels[] = "DELETE FROM procedure_level WHERE procedure = ?1";
    static const char ins_level[] =
        "INSERT INTO procedure_level (procedure, valid_from, level) VALUES (?1, ?2, ?3)";
    PREP(sl, del_levels);
    sq_bind_text(sl, 1, p->code);
    if ((rc = sq_step_done(s, sl, e, "procedure levels")) < 0)
        return rc;
    for (size_t i = 0; i < p->n_levels; i++) {
        PREP(si, ins_level);
        sq_bind_text(si, 1, p->code);
        sq_bind_text(si, 2, p->levels[i].from);
        sq_bind_text(si, 3, p->levels[i].level);
        if ((rc = sq_step_done(s, si, e, "procedure level")) < 0)
            return rc;
    }
    return 0;
}

#define PROC_COLS "code, name, field, level, limit_value, limit_unit, online, fee, approval"

static void read_procedure_row(Arena *a, sqlite3_stmt *st, void *v)
{
    Procedure *p = v;
    p->code = sq_col_text(a, st, 0);
    p->name = sq_col_text(a, st, 1);
    p->field = sq_col_text(a, st, 2);
    p->level = sq_col_text(a, st, 3);
    p->limit_value = sqlite3_column_int(st, 4);
    p->limit_unit = sq_col_text(a, st, 5);
    p->online = sq_col_text(a, st, 6);
    p->fee = sqlite3_column_int64(st, 7);
    p->approval = sqlite3_column_int(st, 8);
}

static void read_component_row(Arena *a, sqlite3_stmt *st, void *v)
{
    Component *c = v;
    c->name = sq_col_text(a, st, 0);
    c->required = sqlite3_column_int(st, 1);
}

static int load_components(Store *s, Arena *a, Procedure *p, Err *e)
{
    static const char sql[] =
        "SELECT name, required FROM procedure_component WHERE procedure = ?1 ORDER BY seq";
    PREP(st, sql);
    sq_bind_text(st, 1, p->code);
    return sq_collect(s, a, st, sizeof(Component), read_component_row, (void **)&p->components,
                      &p->n_components, e);
}

static void read_level_row(Arena *a, sqlite3_stmt *st, void *v)
{
    ProcedureLevel *l = v;
    l->from = sq_col_text(a, st, 0);
    l->level = sq_col_text(a, st, 1);
}

static int load_levels(Store *s, Arena *a, Procedure *p, Err *e)
{
    static const char sql[] =
        "SELECT valid_from, level FROM procedure_level WHERE procedure = ?1 ORDER BY valid_from";
    PREP(st, sql);
    sq_bind_text(st, 1, p->code);
    int rc = sq_collect(s, a, st, sizeof(ProcedureLevel), read_level_row, (void **)&p->levels,
                        &p->n_levels, e);
    if (rc == 0 && p->n_levels == 0)
        p->levels = NULL;
    return rc;
}

static int sq_procedure_level_at(Store *s, Arena *a, const char *procedure, const char *day,
                                 const char **out, Err *e)
{
    static const char sql[] =
        "SELECT coalesce((SELECT level FROM procedure_level WHERE procedure = ?1 AND "
        "valid_from <= ?2 ORDER BY valid_from DESC LIMIT 1), level) FROM procedure WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, procedure);
    sq_bind_text(st, 2, day);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sq_col_text(a, st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "procedure level");
    return err_setf(e, ERR_NOT_FOUND, "procedure", "Không có thủ tục %s", "no procedure %s",
                    procedure);
}

static int sq_procedure_get(Store *s, Arena *a, const char *code, Procedure *out, Err *e)
{
    static const char sql[] = "SELECT " PROC_COLS " FROM procedure WHERE code = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return sq_fail(s, e, "procedure get");
        return err_setf(e, ERR_NOT_FOUND, "procedure", "Không có thủ tục %s", "no procedure %s",
                        code);
    }
    Procedure p = {0};
    read_procedure_row(a, st, &p);
    sqlite3_reset(st);
    if ((rc = load_components(s, a, &p, e)) < 0 || (rc = load_levels(s, a, &p, e)) < 0)
        return rc;
    *out = p;
    return 0;
}

static int sq_names(Store *s, Arena *a, const char *procedure, const char *unit,
                    const char **procedure_name, const char **unit_name, Err *e)
{
    static const char sql[] = "SELECT (SELECT name FROM procedure WHERE code = ?1), "
                              "(SELECT name FROM unit WHERE code = ?2)";
    PREP(st, sql);
    sq_bind_text(st, 1, procedure);
    sq_bind_text(st, 2, unit);
    if (sqlite3_step(st) != SQLITE_ROW) {
        int rc = sq_fail(s, e, "names");
        sqlite3_reset(st);
        return rc;
    }
    *procedure_name = sq_col_text(a, st, 0);
    *unit_name = sq_col_text(a, st, 1);
    sqlite3_reset(st);
    if (!*procedure_name || !*unit_name)
        return err_set(e, ERR_NOT_FOUND, "", "Không có thủ tục hoặc đơn vị của hồ sơ",
                       "the dossier's procedure or unit is missing");
    return 0;
}

/* WORD(n): the n-th word of the query (NULL: none) is in the name's key or the code. */
#define WORD(n)                                                                                    \
    "AND (?" #n " IS NULL OR instr(name_folded, ?" #n ") > 0 OR instr(code, ?" #n ") > 0) "

static int sq_procedure_search(Store *s, Arena *a, const char *q_key, const char *field,
                               size_t limit, Procedure **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT " PROC_COLS " FROM procedure WHERE (?2 IS NULL OR field = ?2) " WORD(4) WORD(5)
            WORD(6) WORD(7) WORD(8) WORD(9) WORD(10) WORD(11) "ORDER BY code LIMIT ?3";
    _Static_assert(STORE_SEARCH_WORDS == 8, "the SQL matches 8 words");
    PREP(st, sql);
    /* the words one by one; the last parameter takes what is left as one phrase */
    const char *words[STORE_SEARCH_WORDS];
    int n_words = store_search_words(a, q_key, words);
    for (int i = 0; i < n_words; i++)
        sqlite3_bind_text(st, 4 + i, words[i], -1, SQLITE_STATIC);
    sq_bind_text(st, 2, field && *field ? field : NULL);
    sqlite3_bind_int64(st, 3, (int64_t)limit);
    Procedure *ps;
    size_t n;
    int rc = sq_collect(s, a, st, sizeof(Procedure), read_procedure_row, (void **)&ps, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if ((rc = load_components(s, a, &ps[i], e)) == 0)
            rc = load_levels(s, a, &ps[i], e);
    if (rc < 0)
        return rc;
    *out = ps;
    *out_n = n;
    return 0;
}

void sq_catalogue_ops(StoreOps *o)
{
    o->unit_put = sq_unit_put;
    o->unit_get = sq_unit_get;
    o->unit_list = sq_unit_list;
    o->unit_within = sq_unit_within;
    o->field_put = sq_field_put;
    o->field_get = sq_field_get;
    o->field_list = sq_field_list;
    o->procedure_put = sq_procedure_put;
    o->procedure_get = sq_procedure_get;
    o->procedure_level_at = sq_procedure_level_at;
    o->names = sq_names;
    o->procedure_search = sq_procedure_search;
}

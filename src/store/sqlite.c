/* sqlite.c: the SQLite backend of store.h. One Store is one sqlite3 connection in WAL mode
 * with synchronous=FULL (a commit is on disk when it returns) and foreign keys on. Every
 * statement is a string literal, prepared once per connection and cached by its address. */
#include "store/store.h"

#include "core/vntext.h"
#include "store/migrate.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { CACHE_SIZE = 64 };

struct Store {
    sqlite3 *db;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[CACHE_SIZE];
    int n_cache;
};

/* fail turns a SQLite error into an Err. Disk-full and I/O errors are ERR_UNAVAILABLE so
 * that the web layer answers 503; constraint failures are ERR_CONFLICT. */
static int fail(Store *s, Err *e, const char *what)
{
    int rc = sqlite3_extended_errcode(s->db);
    const char *msg = sqlite3_errmsg(s->db);
    char en[256];
    snprintf(en, sizeof en, "%s: %s", what, msg);
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return err_set(e, ERR_UNAVAILABLE, "", "Ổ đĩa đã đầy, chưa ghi được dữ liệu", en);
    case SQLITE_IOERR:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err_set(e, ERR_UNAVAILABLE, "", "Hệ thống lưu trữ tạm thời không sẵn sàng", en);
    case SQLITE_CONSTRAINT:
        return err_set(e, ERR_CONFLICT, "", "Dữ liệu mâu thuẫn với dữ liệu đã có", en);
    default: return err_set(e, ERR_IO, "", "Lỗi cơ sở dữ liệu", en);
    }
}

/* prep returns the cached statement for sql (a string literal), reset and unbound. */
static sqlite3_stmt *prep(Store *s, const char *sql, Err *e)
{
    for (int i = 0; i < s->n_cache; i++) {
        if (s->cache[i].sql == sql) {
            sqlite3_reset(s->cache[i].st);
            sqlite3_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fail(s, e, "prepare");
        return NULL;
    }
    if (s->n_cache < CACHE_SIZE) {
        s->cache[s->n_cache].sql = sql;
        s->cache[s->n_cache].st = st;
        s->n_cache++;
    } else {
        /* more distinct statements than slots: an internal error, not input-dependent */
        sqlite3_finalize(st);
        err_set(e, ERR_IO, "", "Lỗi cơ sở dữ liệu", "statement cache full");
        return NULL;
    }
    return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static const char *col_text(Arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* step_done runs a statement that returns no rows. */
static int step_done(Store *s, sqlite3_stmt *st, Err *e, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        int r = fail(s, e, what);
        sqlite3_reset(st);
        return r;
    }
    sqlite3_reset(st);
    return 0;
}

static int64_t now_s(void)
{
    return (int64_t)time(NULL);
}

/* exec runs literal SQL without parameters (pragmas, migrations). */
static int exec(Store *s, const char *sql, Err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        char en[256];
        snprintf(en, sizeof en, "%s", msg ? msg : "error");
        sqlite3_free(msg);
        int code = fail(s, e, "exec");
        if (e)
            snprintf(e->message_en, sizeof e->message_en, "%s", en);
        return code;
    }
    return 0;
}

int store_open(const char *url, StoreMode mode, Store **out, Err *e)
{
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
        return err_set(e, ERR_INVALID, "db", "Chưa hỗ trợ PostgreSQL trong phiên bản này",
                       "the PostgreSQL backend is not available in this version");
    int flags = SQLITE_OPEN_NOMUTEX;
    if (mode == STORE_READONLY)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (mode == STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
    Store *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    if (sqlite3_open_v2(url, &s->db, flags, NULL) != SQLITE_OK) {
        err_setf(e, ERR_IO, "db", "Không mở được cơ sở dữ liệu %s", "cannot open database %s", url);
        store_close(s);
        return ERR_IO;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 10000);
    int rc = exec(s, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;", e);
    if (rc == 0 && mode != STORE_READONLY)
        rc = exec(s, "PRAGMA journal_mode=WAL;", e);
    if (rc == 0)
        rc = migrate_run(s, mode == STORE_CREATE, e);
    if (rc < 0) {
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

void store_close(Store *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n_cache; i++)
        sqlite3_finalize(s->cache[i].st);
    sqlite3_close(s->db);
    free(s);
}

int store_exec_script(Store *s, const char *sql, Err *e)
{
    return exec(s, sql, e);
}

int store_schema_record(Store *s, int version, const char *name, Err *e)
{
    static const char sql[] =
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, ?3)";
    sqlite3_stmt *st = prep(s, sql, e);
    if (!st)
        return e ? e->code : ERR_IO;
    sqlite3_bind_int(st, 1, version);
    bind_text(st, 2, name);
    sqlite3_bind_int64(st, 3, now_s());
    return step_done(s, st, e, "schema_version");
}

int store_schema_version(Store *s, int *out, Err *e)
{
    static const char sql[] = "SELECT coalesce(max(version), 0) FROM schema_version";
    sqlite3_stmt *st = prep(s, sql, e);
    if (!st)
        return e ? e->code : ERR_IO;
    if (sqlite3_step(st) != SQLITE_ROW)
        return fail(s, e, "schema_version");
    *out = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return 0;
}

int store_backup(Store *s, const char *path, Err *e)
{
    if (access(path, F_OK) == 0)
        return err_setf(e, ERR_INVALID, "out", "Tệp %s đã tồn tại", "%s already exists", path);
    sqlite3 *dst;
    if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        sqlite3_close(dst);
        return err_setf(e, ERR_IO, "out", "Không tạo được tệp %s", "cannot create %s", path);
    }
    /* One step copies every page inside one read transaction: a consistent snapshot,
     * while the writer keeps committing to the WAL. */
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    if (b)
        sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    else
        rc = SQLITE_ERROR;
    int closed = sqlite3_close(dst);
    if (rc != SQLITE_OK || closed != SQLITE_OK) {
        unlink(path);
        return err_setf(e, ERR_IO, "out", "Sao lưu vào %s thất bại", "backup to %s failed", path);
    }
    return 0;
}

int store_check(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                long *out_problems, Err *e)
{
    static const char integrity[] = "PRAGMA integrity_check";
    static const char fk[] = "PRAGMA foreign_key_check";
    long problems = 0;
    sqlite3_stmt *st = prep(s, integrity, e);
    if (!st)
        return e ? e->code : ERR_IO;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *msg = (const char *)sqlite3_column_text(st, 0);
        if (msg && strcmp(msg, "ok") != 0) {
            problems++;
            if (report)
                report(ctx, msg);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "integrity_check");
    if (!(st = prep(s, fk, e)))
        return e ? e->code : ERR_IO;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char msg[256];
        snprintf(msg, sizeof msg, "table %s row %lld refers to a missing %s",
                 sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
                 sqlite3_column_text(st, 2));
        problems++;
        if (report)
            report(ctx, msg);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "foreign_key_check");
    *out_problems = problems;
    return 0;
}

int store_begin(Store *s, Err *e)
{
    return exec(s, "BEGIN IMMEDIATE", e);
}

int store_commit(Store *s, Err *e)
{
    return exec(s, "COMMIT", e);
}

void store_rollback(Store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        exec(s, "ROLLBACK", NULL);
}

#define PREP(var, sql)                                                                             \
    sqlite3_stmt *var = prep(s, sql, e);                                                           \
    if (!var)                                                                                      \
    return e ? e->code : ERR_IO

/* fold returns the search key of name in a scratch arena the caller frees. */
static char *fold(Arena *a, const char *name)
{
    char *f = vntext_fold(a, name, strlen(name));
    return f ? f : arena_strdup(a, "");
}

/* ---- units ---- */

int store_unit_put(Store *s, const Unit *u, Err *e)
{
    static const char sql[] =
        "INSERT INTO unit (code, name, name_folded, level, parent, valid_from, valid_to, "
        "successor, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, name_folded = ?3, level = ?4, parent = ?5, "
        "valid_from = ?6, valid_to = ?7, successor = ?8, updated_at = ?9 "
        "WHERE (name, level, parent, valid_from, valid_to, successor) IS NOT "
        "(?2, ?4, ?5, ?6, ?7, ?8)";
    PREP(st, sql);
    Arena *a = arena_new();
    bind_text(st, 1, u->code);
    bind_text(st, 2, u->name);
    bind_text(st, 3, fold(a, u->name));
    bind_text(st, 4, u->level);
    bind_text(st, 5, u->parent);
    bind_text(st, 6, u->valid_from);
    bind_text(st, 7, u->valid_to);
    bind_text(st, 8, u->successor);
    sqlite3_bind_int64(st, 9, now_s());
    int rc = step_done(s, st, e, "unit put");
    arena_free(a);
    return rc;
}

static void read_unit(Arena *a, sqlite3_stmt *st, Unit *u)
{
    u->code = col_text(a, st, 0);
    u->name = col_text(a, st, 1);
    u->level = col_text(a, st, 2);
    u->parent = col_text(a, st, 3);
    u->valid_from = col_text(a, st, 4);
    u->valid_to = col_text(a, st, 5);
    u->successor = col_text(a, st, 6);
}

#define UNIT_COLS "code, name, level, parent, valid_from, valid_to, successor"

int store_unit_get(Store *s, Arena *a, const char *code, Unit *out, Err *e)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit WHERE code = ?1";
    PREP(st, sql);
    bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_unit(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "unit get");
    return err_setf(e, ERR_NOT_FOUND, "unit", "Không có đơn vị %s", "no unit %s", code);
}

/* collect runs st and reads every row with read_row into a growing arena array. */
static int collect(Store *s, Arena *a, sqlite3_stmt *st, size_t elem,
                   void (*read_row)(Arena *, sqlite3_stmt *, void *), void **out, size_t *out_n,
                   Err *e)
{
    size_t n = 0, cap = 16;
    unsigned char *arr = arena_array(a, cap, elem);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            unsigned char *bigger = arena_array(a, cap * 2, elem);
            memcpy(bigger, arr, cap * elem);
            arr = bigger;
            cap *= 2;
        }
        read_row(a, st, arr + n * elem);
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "query");
    *out = arr;
    *out_n = n;
    return 0;
}

static void read_unit_row(Arena *a, sqlite3_stmt *st, void *p)
{
    read_unit(a, st, p);
}

int store_unit_list(Store *s, Arena *a, Unit **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " UNIT_COLS " FROM unit ORDER BY code";
    PREP(st, sql);
    return collect(s, a, st, sizeof(Unit), read_unit_row, (void **)out, out_n, e);
}

int store_unit_within(Store *s, const char *unit, const char *ancestor, int *out, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE up(code, depth) AS (SELECT ?1, 0 UNION ALL "
        "SELECT unit.parent, up.depth + 1 FROM unit JOIN up ON unit.code = up.code "
        "WHERE unit.parent IS NOT NULL AND up.depth < 32) "
        "SELECT EXISTS (SELECT 1 FROM up WHERE code = ?2)";
    PREP(st, sql);
    bind_text(st, 1, unit);
    bind_text(st, 2, ancestor);
    if (sqlite3_step(st) != SQLITE_ROW) {
        int rc = fail(s, e, "unit within");
        sqlite3_reset(st);
        return rc;
    }
    *out = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return 0;
}

/* ---- fields ---- */

int store_field_put(Store *s, const Field *f, Err *e)
{
    static const char sql[] =
        "INSERT INTO field (code, name, name_folded) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, name_folded = ?3 WHERE name IS NOT ?2";
    PREP(st, sql);
    Arena *a = arena_new();
    bind_text(st, 1, f->code);
    bind_text(st, 2, f->name);
    bind_text(st, 3, fold(a, f->name));
    int rc = step_done(s, st, e, "field put");
    arena_free(a);
    return rc;
}

static void read_field_row(Arena *a, sqlite3_stmt *st, void *p)
{
    Field *f = p;
    f->code = col_text(a, st, 0);
    f->name = col_text(a, st, 1);
}

int store_field_get(Store *s, Arena *a, const char *code, Field *out, Err *e)
{
    static const char sql[] = "SELECT code, name FROM field WHERE code = ?1";
    PREP(st, sql);
    bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_field_row(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "field get");
    return err_setf(e, ERR_NOT_FOUND, "field", "Không có lĩnh vực %s", "no field %s", code);
}

int store_field_list(Store *s, Arena *a, Field **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT code, name FROM field ORDER BY code";
    PREP(st, sql);
    return collect(s, a, st, sizeof(Field), read_field_row, (void **)out, out_n, e);
}

/* ---- procedures ---- */

int store_procedure_put(Store *s, const Procedure *p, Err *e)
{
    static const char sql[] =
        "INSERT INTO procedure (code, name, name_folded, field, level, limit_value, limit_unit, "
        "online, fee, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, name_folded = ?3, field = ?4, level = ?5, "
        "limit_value = ?6, limit_unit = ?7, online = ?8, fee = ?9, updated_at = ?10 "
        "WHERE (name, field, level, limit_value, limit_unit, online, fee) IS NOT "
        "(?2, ?4, ?5, ?6, ?7, ?8, ?9)";
    static const char del[] = "DELETE FROM procedure_component WHERE procedure = ?1";
    static const char ins[] =
        "INSERT INTO procedure_component (procedure, seq, name, required) VALUES (?1, ?2, ?3, ?4)";
    PREP(st, sql);
    Arena *a = arena_new();
    bind_text(st, 1, p->code);
    bind_text(st, 2, p->name);
    bind_text(st, 3, fold(a, p->name));
    bind_text(st, 4, p->field);
    bind_text(st, 5, p->level);
    sqlite3_bind_int(st, 6, p->limit_value);
    bind_text(st, 7, p->limit_unit);
    bind_text(st, 8, p->online);
    sqlite3_bind_int64(st, 9, p->fee);
    sqlite3_bind_int64(st, 10, now_s());
    int rc = step_done(s, st, e, "procedure put");
    arena_free(a);
    if (rc < 0)
        return rc;
    PREP(sd, del);
    bind_text(sd, 1, p->code);
    if ((rc = step_done(s, sd, e, "procedure components")) < 0)
        return rc;
    for (size_t i = 0; i < p->n_components; i++) {
        PREP(si, ins);
        bind_text(si, 1, p->code);
        sqlite3_bind_int64(si, 2, (int64_t)i + 1);
        bind_text(si, 3, p->components[i].name);
        sqlite3_bind_int(si, 4, p->components[i].required ? 1 : 0);
        if ((rc = step_done(s, si, e, "procedure component")) < 0)
            return rc;
    }
    return 0;
}

#define PROC_COLS "code, name, field, level, limit_value, limit_unit, online, fee"

static void read_procedure_row(Arena *a, sqlite3_stmt *st, void *v)
{
    Procedure *p = v;
    p->code = col_text(a, st, 0);
    p->name = col_text(a, st, 1);
    p->field = col_text(a, st, 2);
    p->level = col_text(a, st, 3);
    p->limit_value = sqlite3_column_int(st, 4);
    p->limit_unit = col_text(a, st, 5);
    p->online = col_text(a, st, 6);
    p->fee = sqlite3_column_int64(st, 7);
}

static void read_component_row(Arena *a, sqlite3_stmt *st, void *v)
{
    Component *c = v;
    c->name = col_text(a, st, 0);
    c->required = sqlite3_column_int(st, 1);
}

static int load_components(Store *s, Arena *a, Procedure *p, Err *e)
{
    static const char sql[] =
        "SELECT name, required FROM procedure_component WHERE procedure = ?1 ORDER BY seq";
    PREP(st, sql);
    bind_text(st, 1, p->code);
    return collect(s, a, st, sizeof(Component), read_component_row, (void **)&p->components,
                   &p->n_components, e);
}

int store_procedure_get(Store *s, Arena *a, const char *code, Procedure *out, Err *e)
{
    static const char sql[] = "SELECT " PROC_COLS " FROM procedure WHERE code = ?1";
    PREP(st, sql);
    bind_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return fail(s, e, "procedure get");
        return err_setf(e, ERR_NOT_FOUND, "procedure", "Không có thủ tục %s", "no procedure %s",
                        code);
    }
    Procedure p = {0};
    read_procedure_row(a, st, &p);
    sqlite3_reset(st);
    if ((rc = load_components(s, a, &p, e)) < 0)
        return rc;
    *out = p;
    return 0;
}

int store_procedure_search(Store *s, Arena *a, const char *q_folded, const char *field,
                           size_t limit, Procedure **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT " PROC_COLS " FROM procedure WHERE (?1 IS NULL OR instr(name_folded, ?1) > 0 "
        "OR instr(code, ?1) > 0) AND (?2 IS NULL OR field = ?2) ORDER BY code LIMIT ?3";
    PREP(st, sql);
    bind_text(st, 1, q_folded && *q_folded ? q_folded : NULL);
    bind_text(st, 2, field && *field ? field : NULL);
    sqlite3_bind_int64(st, 3, (int64_t)limit);
    Procedure *ps;
    size_t n;
    int rc = collect(s, a, st, sizeof(Procedure), read_procedure_row, (void **)&ps, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = load_components(s, a, &ps[i], e);
    if (rc < 0)
        return rc;
    *out = ps;
    *out_n = n;
    return 0;
}

/* ---- users ---- */

#define USER_COLS "id, name, role, unit, password_hash, disabled, created_at"

static void read_user_row(Arena *a, sqlite3_stmt *st, void *v)
{
    User *u = v;
    u->id = sqlite3_column_int64(st, 0);
    u->name = col_text(a, st, 1);
    u->role = col_text(a, st, 2);
    u->unit = col_text(a, st, 3);
    u->password_hash = col_text(a, st, 4);
    u->disabled = sqlite3_column_int(st, 5);
    u->created_at = sqlite3_column_int64(st, 6);
}

int store_user_add(Store *s, const User *u, int64_t now, int64_t *out_id, Err *e)
{
    static const char sql[] =
        "INSERT INTO user (name, role, unit, password_hash, created_at, password_changed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
    PREP(st, sql);
    bind_text(st, 1, u->name);
    bind_text(st, 2, u->role);
    bind_text(st, 3, u->unit);
    bind_text(st, 4, u->password_hash);
    sqlite3_bind_int64(st, 5, now);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CONSTRAINT)
            return err_setf(e, ERR_CONFLICT, "name", "Tên đăng nhập %s đã có",
                            "user %s already exists", u->name);
        return fail(s, e, "user add");
    }
    if (out_id)
        *out_id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

static int user_one(Store *s, Arena *a, sqlite3_stmt *st, User *out, Err *e, const char *key)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_user_row(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "user get");
    return err_setf(e, ERR_NOT_FOUND, "name", "Không có người dùng %s", "no user %s", key);
}

int store_user_get(Store *s, Arena *a, const char *name, User *out, Err *e)
{
    static const char sql[] = "SELECT " USER_COLS " FROM user WHERE name = ?1";
    PREP(st, sql);
    bind_text(st, 1, name);
    return user_one(s, a, st, out, e, name);
}

int store_user_get_id(Store *s, Arena *a, int64_t id, User *out, Err *e)
{
    static const char sql[] = "SELECT " USER_COLS " FROM user WHERE id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return user_one(s, a, st, out, e, "");
}

/* changed checks that an UPDATE touched a row. */
static int changed(Store *s, Err *e, const char *name)
{
    if (sqlite3_changes(s->db) == 0)
        return err_setf(e, ERR_NOT_FOUND, "name", "Không có người dùng %s", "no user %s", name);
    return 0;
}

int store_user_set_password(Store *s, const char *name, const char *hash, int64_t now, Err *e)
{
    static const char sql[] =
        "UPDATE user SET password_hash = ?2, password_changed_at = ?3 WHERE name = ?1";
    PREP(st, sql);
    bind_text(st, 1, name);
    bind_text(st, 2, hash);
    sqlite3_bind_int64(st, 3, now);
    int rc = step_done(s, st, e, "user passwd");
    return rc < 0 ? rc : changed(s, e, name);
}

int store_user_set_disabled(Store *s, const char *name, int disabled, Err *e)
{
    static const char sql[] = "UPDATE user SET disabled = ?2 WHERE name = ?1";
    PREP(st, sql);
    bind_text(st, 1, name);
    sqlite3_bind_int(st, 2, disabled ? 1 : 0);
    int rc = step_done(s, st, e, "user disable");
    return rc < 0 ? rc : changed(s, e, name);
}

int store_user_list(Store *s, Arena *a, const char *under, User **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) "
        "SELECT " USER_COLS " FROM user WHERE ?1 IS NULL OR unit IN (SELECT code FROM sub) "
        "ORDER BY name";
    PREP(st, sql);
    bind_text(st, 1, under);
    return collect(s, a, st, sizeof(User), read_user_row, (void **)out, out_n, e);
}

/* ---- sessions and tokens ---- */

int store_session_add(Store *s, const unsigned char hash[32], int64_t user_id, const char *csrf,
                      int64_t now, int64_t expires_at, Err *e)
{
    static const char sql[] = "INSERT INTO session (token_hash, user_id, csrf, created_at, "
                              "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)";
    static const char purge[] = "DELETE FROM session WHERE expires_at < ?1";
    PREP(sp, purge);
    sqlite3_bind_int64(sp, 1, now);
    int rc = step_done(s, sp, e, "session purge");
    if (rc < 0)
        return rc;
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, user_id);
    bind_text(st, 3, csrf);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, expires_at);
    return step_done(s, st, e, "session add");
}

int store_session_get(Store *s, Arena *a, const unsigned char hash[32], int64_t now, User *out_user,
                      const char **out_csrf, Err *e)
{
    static const char sql[] =
        "SELECT user.id, user.name, user.role, user.unit, user.password_hash, user.disabled, "
        "user.created_at, session.csrf FROM session JOIN user ON user.id = session.user_id "
        "WHERE session.token_hash = ?1 AND session.expires_at > ?2 AND user.disabled = 0";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_user_row(a, st, out_user);
        *out_csrf = col_text(a, st, 7);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "session get");
    return err_set(e, ERR_AUTH, "", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn",
                   "session invalid or expired");
}

int store_session_delete(Store *s, const unsigned char hash[32], Err *e)
{
    static const char sql[] = "DELETE FROM session WHERE token_hash = ?1";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    return step_done(s, st, e, "session delete");
}

int store_session_delete_user(Store *s, int64_t user_id, Err *e)
{
    static const char sql[] = "DELETE FROM session WHERE user_id = ?1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, user_id);
    return step_done(s, st, e, "session delete user");
}

int store_token_add(Store *s, const unsigned char hash[32], const char *name, const char *role,
                    const char *unit, int64_t now, Err *e)
{
    static const char sql[] = "INSERT INTO api_token (token_hash, name, role, unit, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    bind_text(st, 2, name);
    bind_text(st, 3, role);
    bind_text(st, 4, unit);
    sqlite3_bind_int64(st, 5, now);
    return step_done(s, st, e, "token add");
}

int store_token_get(Store *s, Arena *a, const unsigned char hash[32], User *out, Err *e)
{
    static const char sql[] = "SELECT name, role, unit FROM api_token WHERE token_hash = ?1 "
                              "AND revoked_at IS NULL";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->name = col_text(a, st, 0);
        out->role = col_text(a, st, 1);
        out->unit = col_text(a, st, 2);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s, e, "token get");
    return err_set(e, ERR_AUTH, "", "Mã truy cập không hợp lệ", "invalid API token");
}

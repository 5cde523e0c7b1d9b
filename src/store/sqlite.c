/* sqlite.c: the SQLite backend of store.h. One Store is one sqlite3 connection in WAL mode
 * with synchronous=FULL (a commit is on disk when it returns) and foreign keys on. Every
 * statement is a string literal, prepared once per connection and cached by its address. */
#include "store/migrate.h"
#include "store/search_words.h"
#include "store/sqlite_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

int sq_fail(Store *s, Err *e, const char *what)
{
    int rc = sqlite3_extended_errcode(sq(s)->db);
    const char *msg = sqlite3_errmsg(sq(s)->db);
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
sqlite3_stmt *sq_prep(Store *s, const char *sql, Err *e)
{
    for (int i = 0; i < sq(s)->n_cache; i++) {
        if (sq(s)->cache[i].sql == sql) {
            sqlite3_reset(sq(s)->cache[i].st);
            sqlite3_clear_bindings(sq(s)->cache[i].st);
            return sq(s)->cache[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(sq(s)->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        sq_fail(s, e, "prepare");
        return NULL;
    }
    if (sq(s)->n_cache < CACHE_SIZE) {
        sq(s)->cache[sq(s)->n_cache].sql = sql;
        sq(s)->cache[sq(s)->n_cache].st = st;
        sq(s)->n_cache++;
    } else {
        /* more distinct statements than slots: an internal error, not input-dependent */
        sqlite3_finalize(st);
        err_set(e, ERR_IO, "", "Lỗi cơ sở dữ liệu", "statement cache full");
        return NULL;
    }
    return st;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

const char *sq_col_text(Arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* step_done runs a statement that returns no rows. */
int sq_step_done(Store *s, sqlite3_stmt *st, Err *e, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        int r = sq_fail(s, e, what);
        sqlite3_reset(st);
        return r;
    }
    sqlite3_reset(st);
    return 0;
}

int sq_attempt_done(Store *s, const char *sql, int64_t id, int ok, const char *error, int64_t now,
                    int64_t next_at, Err *e)
{
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, ok);
    sq_bind_text(st, 3, error);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, next_at);
    return sq_step_done(s, st, e, "delivery attempt");
}

/* exec runs literal SQL without parameters (pragmas, migrations). */
int sq_exec(Store *s, const char *sql, Err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(sq(s)->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        char en[256];
        snprintf(en, sizeof en, "%s", msg ? msg : "error");
        sqlite3_free(msg);
        int code = sq_fail(s, e, "exec");
        if (e)
            snprintf(e->message_en, sizeof e->message_en, "%s", en);
        return code;
    }
    return 0;
}

/* configure runs once before SQLite initialises: without memory statistics SQLite takes no
 * process-wide mutex on every allocation, which the server's reader threads would contend
 * for. */
static void configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static const StoreOps *ops(void);

/* search_key_sql is the SQL function motcua_search_key(text), core/vntext's vntext_search_key
 * (the key store_search_key stores), so that a migration can recompute the stored keys when their
 * definition changes; "" for text that is not UTF-8, NULL for NULL. */
static void search_key_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *t = (const char *)sqlite3_value_text(argv[0]);
    if (!t) {
        sqlite3_result_null(ctx);
        return;
    }
    Arena *a = arena_new();
    sqlite3_result_text(ctx, store_search_key(a, t), -1, SQLITE_TRANSIENT);
    arena_free(a);
}

int sq_open(const char *path, int mode, int64_t now, Store **out, Err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, configure);
    int flags = SQLITE_OPEN_NOMUTEX;
    if (mode == STORE_READONLY)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (mode == SQ_CREATE ? SQLITE_OPEN_CREATE : 0);
    SqliteStore *q = calloc(1, sizeof *q);
    if (!q)
        abort();
    q->base.ops = ops();
    Store *s = &q->base;
    if (sqlite3_open_v2(path, &q->db, flags, NULL) != SQLITE_OK) {
        err_setf(e, ERR_IO, "db", "Không mở được cơ sở dữ liệu %s", "cannot open database %s",
                 path);
        store_close(s);
        return ERR_IO;
    }
    sqlite3_extended_result_codes(q->db, 1);
    sqlite3_busy_timeout(q->db, 10000);
    sqlite3_create_function(q->db, "motcua_search_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            search_key_sql, NULL, NULL);
    /* temp_store in memory: savepoint journals of the group commit never touch a temp file */
    int rc =
        sq_exec(s, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY;", e);
    if (rc == 0 && mode == STORE_READER)
        rc = sq_exec(s, "PRAGMA cache_size=-1024;", e);
    else if (rc == 0 && mode != STORE_READONLY)
        rc = sq_exec(s, "PRAGMA journal_mode=WAL; " SQ_SEARCH_QUEUE, e);
    if (rc == 0)
        rc = migrate_run(s, "src/store/migrations/", mode == SQ_CREATE, now, e);
    if (rc < 0) {
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

static void sq_close(Store *s)
{
    for (int i = 0; i < sq(s)->n_cache; i++)
        sqlite3_finalize(sq(s)->cache[i].st);
    sqlite3_close(sq(s)->db);
    free(s);
}

static int sq_exec_script(Store *s, const char *sql, Err *e)
{
    return sq_exec(s, sql, e);
}

static int sq_schema_record(Store *s, int version, const char *name, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, ?3)";
    sqlite3_stmt *st = sq_prep(s, sql, e);
    if (!st)
        return e ? e->code : ERR_IO;
    sqlite3_bind_int(st, 1, version);
    sq_bind_text(st, 2, name);
    sqlite3_bind_int64(st, 3, now);
    return sq_step_done(s, st, e, "schema_version");
}

static int sq_schema_version(Store *s, int *out, Err *e)
{
    static const char sql[] = "SELECT coalesce(max(version), 0) FROM schema_version";
    sqlite3_stmt *st = sq_prep(s, sql, e);
    if (!st)
        return e ? e->code : ERR_IO;
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, e, "schema_version");
    *out = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return 0;
}

static int sq_schema_applied(Store *s, int version, bool *out, Err *e)
{
    static const char sql[] = "SELECT count(*) FROM schema_version WHERE version = ?1";
    sqlite3_stmt *st = sq_prep(s, sql, e);
    if (!st)
        return e ? e->code : ERR_IO;
    sqlite3_bind_int(st, 1, version);
    if (sqlite3_step(st) != SQLITE_ROW)
        return sq_fail(s, e, "schema_version");
    *out = sqlite3_column_int(st, 0) > 0;
    sqlite3_reset(st);
    return 0;
}

static int sq_backup(Store *s, const char *path, Err *e)
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
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", sq(s)->db, "main");
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

static int sq_check(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                    long *out_problems, Err *e)
{
    static const char integrity[] = "PRAGMA integrity_check";
    static const char fk[] = "PRAGMA foreign_key_check";
    long problems = 0;
    sqlite3_stmt *st = sq_prep(s, integrity, e);
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
        return sq_fail(s, e, "integrity_check");
    if (!(st = sq_prep(s, fk, e)))
        return e ? e->code : ERR_IO;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char msg[400];
        const char *table = (const char *)sqlite3_column_text(st, 0),
                   *target = (const char *)sqlite3_column_text(st, 2);
        long long row = sqlite3_column_int64(st, 1);
        snprintf(msg, sizeof msg,
                 "bảng %s dòng %lld trỏ tới %s không có / table %s row %lld refers to a "
                 "missing %s",
                 table, row, target, table, row, target);
        problems++;
        if (report)
            report(ctx, msg);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "foreign_key_check");
    *out_problems = problems;
    return 0;
}

/* run steps one cached statement that returns no rows (transaction control here). */
static int run(Store *s, const char *sql, Err *e, const char *what)
{
    sqlite3_stmt *st = sq_prep(s, sql, e);
    return st ? sq_step_done(s, st, e, what) : e ? e->code : ERR_IO;
}

static int sq_read_begin(Store *s, Err *e)
{
    return run(s, "BEGIN DEFERRED", e, "begin");
}

static void sq_read_end(Store *s)
{
    run(s, "COMMIT", NULL, "commit");
}

static int sq_savepoint(Store *s, Err *e)
{
    return run(s, "SAVEPOINT request", e, "savepoint");
}

static int sq_release(Store *s, Err *e)
{
    return run(s, "RELEASE request", e, "release");
}

static void sq_rollback_savepoint(Store *s)
{
    run(s, "ROLLBACK TO request", NULL, "rollback to");
    run(s, "RELEASE request", NULL, "release");
}

static int sq_begin(Store *s, Err *e)
{
    return run(s, "BEGIN IMMEDIATE", e, "begin");
}

static int sq_commit(Store *s, Err *e)
{
    int rc = sq_search_flush(s, e);
    return rc < 0 ? rc : run(s, "COMMIT", e, "commit");
}

static void sq_rollback(Store *s)
{
    sq(s)->search_queued = 0;
    if (!sqlite3_get_autocommit(sq(s)->db))
        run(s, "ROLLBACK", NULL, "rollback");
}

/* collect runs st and reads every row with read_row into a growing arena array. */
int sq_collect(Store *s, Arena *a, sqlite3_stmt *st, size_t elem,
               void (*read_row)(Arena *, sqlite3_stmt *, void *), void **out, size_t *out_n, Err *e)
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
        return sq_fail(s, e, "query");
    *out = arr;
    *out_n = n;
    return 0;
}

/* build fills the operations table once: this file's operations, then each file's. */
static StoreOps table;

static void build(void)
{
    table = (StoreOps){
        .close = sq_close,
        .schema_version = sq_schema_version,
        .schema_applied = sq_schema_applied,
        .exec_script = sq_exec_script,
        .schema_record = sq_schema_record,
        .backup = sq_backup,
        .check = sq_check,
        .begin = sq_begin,
        .commit = sq_commit,
        .rollback = sq_rollback,
        .savepoint = sq_savepoint,
        .release = sq_release,
        .rollback_savepoint = sq_rollback_savepoint,
        .read_begin = sq_read_begin,
        .read_end = sq_read_end,
    };
    sq_access_ops(&table);
    sq_catalogue_ops(&table);
    sq_chain_ops(&table);
    sq_agency_ops(&table);
    sq_calendar_ops(&table);
    sq_device_ops(&table);
    sq_queue_ops(&table);
    sq_signature_ops(&table);
    sq_dossier_ops(&table);
    sq_online_ops(&table);
    sq_portal_ops(&table);
    sq_stat_ops(&table);
    sq_user_ops(&table);
    sq_unitop_ops(&table);
    sq_webhook_ops(&table);
}

static const StoreOps *ops(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build);
    return &table;
}

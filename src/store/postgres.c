/* postgres.c: the PostgreSQL backend of store.h (libpq). One Store is one connection. Every
 * statement is a string literal with $n parameters, prepared once per connection and cached by
 * its address. Several motcua processes may share one database: a write transaction takes a
 * transaction-level advisory lock first, so writers of every process are serialized as the
 * single writer of one process is, and dossier codes, receipt numbers, event ids and the change
 * feed's cursors are issued in commit order without gaps. */
#include "store/migrate.h"
#include "store/postgres_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The advisory lock every write transaction holds ("motcua" in ASCII). */
#define WRITE_LOCK "6d6f74637561"

/* session sets what every session of motcua needs whatever the server's defaults: UTC and
 * UTF-8, a commit that waits for the WAL flush, no notices (CREATE ... IF NOT EXISTS says
 * "skipping"), read-only transactions for a STORE_READONLY store. Run on connecting and after
 * a reset; 0, or -1 with the server's message in en. */
static int session(Store *s, char *en, size_t n)
{
    static const char sql[] = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; "
                              "SET synchronous_commit = on; SET client_min_messages = warning";
    PGresult *res = PQexec(pg(s)->conn, sql);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (ok && pg(s)->read_only) {
        res = PQexec(pg(s)->conn, "SET default_transaction_read_only = on");
        ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
    }
    if (!ok)
        snprintf(en, n, "session setup: %s", PQerrorMessage(pg(s)->conn));
    return ok ? 0 : -1;
}

/* fail turns a failed result (or a lost connection when res is NULL) into an Err: a lost
 * connection, a server shutting down or out of resources, a serialization failure are
 * ERR_UNAVAILABLE (503, try again), constraint violations ERR_CONFLICT. A lost connection is
 * reset for the next call; whatever was not committed is lost, and nothing was acknowledged. */
static int fail(Store *s, const PGresult *res, Err *e, const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    char en[256];
    snprintf(en, sizeof en, "%s: %s", what, PQerrorMessage(pg(s)->conn));
    if (PQstatus(pg(s)->conn) == CONNECTION_BAD) {
        /* a new session: no prepared statements, its settings made again */
        PQreset(pg(s)->conn);
        pg(s)->n_cache = 0;
        char ignored[256];
        if (PQstatus(pg(s)->conn) == CONNECTION_OK)
            session(s, ignored, sizeof ignored);
        return err_set(e, ERR_UNAVAILABLE, "",
                       "Mất kết nối tới cơ sở dữ liệu, hãy thử lại sau giây lát", en);
    }
    if (state && strncmp(state, "23", 2) == 0)
        return err_set(e, ERR_CONFLICT, "", "Dữ liệu mâu thuẫn với dữ liệu đã có", en);
    if (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "40", 2) == 0 ||
                  strncmp(state, "53", 2) == 0 || strncmp(state, "57", 2) == 0))
        return err_set(e, ERR_UNAVAILABLE, "", "Hệ thống lưu trữ tạm thời không sẵn sàng", en);
    return err_set(e, ERR_IO, "", "Lỗi cơ sở dữ liệu", en);
}

void pq_init(PgQuery *q, Store *s, const char *sql)
{
    memset(q, 0, sizeof *q);
    q->s = s;
    q->sql = sql;
}

static void param(PgQuery *q, int i, const char *v, int len, int format)
{
    if (i < 1 || i > PG_MAX_PARAMS)
        abort(); /* a statement of this file with too many parameters: a programming error */
    q->values[i - 1] = v;
    q->lengths[i - 1] = len;
    q->formats[i - 1] = format;
    if (i > q->n_params)
        q->n_params = i;
}

void pq_text(PgQuery *q, int i, const char *v)
{
    param(q, i, v, 0, 0);
}

void pq_int(PgQuery *q, int i, int64_t v)
{
    snprintf(q->ints[i - 1], sizeof q->ints[0], "%lld", (long long)v);
    param(q, i, q->ints[i - 1], 0, 0);
}

void pq_blob(PgQuery *q, int i, const unsigned char *v, int n)
{
    param(q, i, (const char *)v, n, v ? 1 : 0);
}

/* statement returns the name of sql's prepared statement, preparing it on first use. */
static int statement(Store *s, const char *sql, char name[16], Err *e)
{
    PgStore *p = pg(s);
    for (int i = 0; i < p->n_cache; i++) {
        if (p->cache[i] == sql) {
            snprintf(name, 16, "m%d", i);
            return 0;
        }
    }
    if (p->n_cache == PG_CACHE_SIZE)
        return err_set(e, ERR_IO, "", "Lỗi cơ sở dữ liệu", "statement cache full");
    snprintf(name, 16, "m%d", p->n_cache);
    PGresult *res = PQprepare(p->conn, name, sql, 0, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        int rc = fail(s, res, e, "prepare");
        PQclear(res);
        return rc;
    }
    PQclear(res);
    p->cache[p->n_cache++] = sql;
    return 0;
}

int pq_run(PgQuery *q, Err *e, const char *what)
{
    char name[16];
    int rc = statement(q->s, q->sql, name, e);
    if (rc < 0)
        return rc;
    q->res =
        PQexecPrepared(pg(q->s)->conn, name, q->n_params, q->values, q->lengths, q->formats, 0);
    ExecStatusType st = PQresultStatus(q->res);
    if (st == PGRES_TUPLES_OK)
        return PQntuples(q->res);
    if (st == PGRES_COMMAND_OK) {
        const char *n = PQcmdTuples(q->res);
        return *n ? (int)strtol(n, NULL, 10) : 0;
    }
    rc = fail(q->s, q->res, e, what);
    pq_done(q);
    return rc;
}

void pq_done(PgQuery *q)
{
    PQclear(q->res);
    q->res = NULL;
}

int pq_exec(PgQuery *q, Err *e, const char *what)
{
    int rc = pq_run(q, e, what);
    pq_done(q);
    return rc;
}

const char *pq_col_text(Arena *a, const PgQuery *q, int r, int c)
{
    if (PQgetisnull(q->res, r, c))
        return NULL;
    return arena_strndup(a, PQgetvalue(q->res, r, c), (size_t)PQgetlength(q->res, r, c));
}

int64_t pq_col_int(const PgQuery *q, int r, int c)
{
    return PQgetisnull(q->res, r, c) ? 0 : strtoll(PQgetvalue(q->res, r, c), NULL, 10);
}

int pq_col_null(const PgQuery *q, int r, int c)
{
    return PQgetisnull(q->res, r, c);
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* unhex decodes the n bytes of bytea's hex form v ("\\x" then 2n digits) into out: 1, or 0
 * when a digit is not one. */
static int unhex(const char *v, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(v[2 + 2 * i]), lo = hexval(v[3 + 2 * i]);
        if (hi < 0 || lo < 0)
            return 0;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return 1;
}

int pq_col_blob(const PgQuery *q, int r, int c, unsigned char *out, int n)
{
    const char *v = PQgetvalue(q->res, r, c);
    if (PQgetisnull(q->res, r, c) || PQgetlength(q->res, r, c) != 2 + 2 * n ||
        strncmp(v, "\\x", 2) != 0)
        return 0;
    return unhex(v, out, (size_t)n);
}

unsigned char *pq_col_bytes(Arena *a, const PgQuery *q, int r, int c, size_t *out_n)
{
    const char *v = PQgetvalue(q->res, r, c);
    int len = PQgetlength(q->res, r, c);
    *out_n = 0;
    if (PQgetisnull(q->res, r, c) || len < 2 || len % 2 || strncmp(v, "\\x", 2) != 0)
        return NULL;
    size_t n = (size_t)(len - 2) / 2;
    unsigned char *out = arena_alloc(a, n + 1);
    if (!unhex(v, out, n))
        return NULL;
    *out_n = n;
    return out;
}

int pq_one(PgQuery *q, Arena *a, void (*read_row)(Arena *, const PgQuery *, int row, void *),
           void *out, const char *field, const char *vi, const char *en, Err *e)
{
    int n = pq_run(q, e, field);
    if (n < 0)
        return n;
    if (n > 0)
        read_row(a, q, 0, out);
    pq_done(q);
    return n > 0 ? 0 : err_set(e, ERR_NOT_FOUND, field, vi, en);
}

int pq_collect(PgQuery *q, Arena *a, size_t elem,
               void (*read_row)(Arena *, const PgQuery *, int row, void *), void **out,
               size_t *out_n, Err *e, const char *what)
{
    int n = pq_run(q, e, what);
    if (n < 0)
        return n;
    unsigned char *arr = arena_array(a, n > 0 ? (size_t)n : 1, elem);
    for (int r = 0; r < n; r++)
        read_row(a, q, r, arr + (size_t)r * elem);
    pq_done(q);
    *out = arr;
    *out_n = (size_t)n;
    return 0;
}

int pq_script(Store *s, const char *sql, Err *e)
{
    PGresult *res = PQexec(pg(s)->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : fail(s, res, e, "exec");
    PQclear(res);
    return rc;
}

int pq_attempt_done(Store *s, const char *sql, int64_t id, int ok, const char *error, int64_t now,
                    int64_t next_at, Err *e)
{
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    pq_int(&q, 2, ok);
    pq_text(&q, 3, error);
    pq_int(&q, 4, now);
    pq_int(&q, 5, next_at);
    int rc = pq_exec(&q, e, "delivery attempt");
    return rc < 0 ? rc : 0;
}

static const StoreOps *ops(void);

/* notice_quiet drops the server's notices (the session asks for none, but a reset session
 * has none of its settings until session() runs again). */
static void notice_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

int pg_open(const char *url, int mode, int64_t now, Store **out, Err *e)
{
    PgStore *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->base.ops = ops();
    Store *s = &p->base;
    p->conn = PQconnectdb(url);
    if (PQstatus(p->conn) != CONNECTION_OK) {
        char en[400];
        snprintf(en, sizeof en, "cannot connect to PostgreSQL: %s", PQerrorMessage(p->conn));
        err_set(e, ERR_UNAVAILABLE, "db", "Không kết nối được tới cơ sở dữ liệu PostgreSQL", en);
        store_close(s);
        return ERR_UNAVAILABLE;
    }
    PQsetNoticeProcessor(p->conn, notice_quiet, NULL);
    p->read_only = mode == STORE_READONLY;
    char en[300];
    int rc = 0;
    if (session(s, en, sizeof en) < 0)
        rc = err_set(e, ERR_UNAVAILABLE, "db", "Không kết nối được tới cơ sở dữ liệu PostgreSQL",
                     en);
    if (rc == 0)
        rc = migrate_run(s, "src/store/migrations_pg/", mode == PG_CREATE, now, e);
    if (rc < 0) {
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

static void pg_close(Store *s)
{
    PQfinish(pg(s)->conn);
    free(s);
}

static int pg_exec_script(Store *s, const char *sql, Err *e)
{
    return pq_script(s, sql, e);
}

static int pg_schema_record(Store *s, int version, const char *name, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, version);
    pq_text(&q, 2, name);
    pq_int(&q, 3, now);
    int rc = pq_exec(&q, e, "schema_version");
    return rc < 0 ? rc : 0;
}

static int pg_schema_version(Store *s, int *out, Err *e)
{
    static const char sql[] = "SELECT coalesce(max(version), 0) FROM schema_version";
    PgQuery q;
    pq_init(&q, s, sql);
    int rc = pq_run(&q, e, "schema_version");
    if (rc < 0)
        return rc;
    *out = (int)pq_col_int(&q, 0, 0);
    pq_done(&q);
    return 0;
}

static int pg_schema_applied(Store *s, int version, bool *out, Err *e)
{
    static const char sql[] = "SELECT count(*) FROM schema_version WHERE version = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, version);
    int rc = pq_run(&q, e, "schema_version");
    if (rc < 0)
        return rc;
    *out = pq_col_int(&q, 0, 0) > 0;
    pq_done(&q);
    return 0;
}

/* backup: PostgreSQL has its own tools for a consistent copy while writers go on. */
static int pg_backup(Store *s, const char *path, Err *e)
{
    (void)s;
    return err_setf(e, ERR_INVALID, "out",
                    "Cơ sở dữ liệu PostgreSQL được sao lưu bằng công cụ của nó: pg_dump -Fc -f %s "
                    "URL (hoặc pg_basebackup cho bản sao vật lý)",
                    "a PostgreSQL database is backed up with its own tools: pg_dump -Fc -f %s URL "
                    "(or pg_basebackup for a physical copy)",
                    path);
}

/* check reads every row of every table of the schema on the server (a damaged page, a failed
 * checksum or a broken TOAST value surfaces as an error). References need no check here: the
 * server enforces every foreign key (the unit hierarchy's at each commit). */
static int pg_check(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                    long *out_problems, Err *e)
{
    static const char tables[] = "SELECT tablename FROM pg_tables WHERE schemaname = "
                                 "current_schema() ORDER BY tablename";
    PgQuery q;
    pq_init(&q, s, tables);
    int n = pq_run(&q, e, "tables");
    if (n < 0)
        return n;
    long problems = 0;
    for (int r = 0; r < n; r++) {
        char *id = PQescapeIdentifier(pg(s)->conn, PQgetvalue(q.res, r, 0),
                                      (size_t)PQgetlength(q.res, r, 0));
        char sql[300];
        /* every row's text, detoasted, is made on the server: every page read, nothing sent */
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s t WHERE t::text IS NOT NULL",
                 id ? id : "\"\"");
        PQfreemem(id);
        PGresult *res = PQexec(pg(s)->conn, sql);
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            char msg[400];
            snprintf(msg, sizeof msg, "bảng %s không đọc được / table %s cannot be read: %s",
                     PQgetvalue(q.res, r, 0), PQgetvalue(q.res, r, 0), PQresultErrorMessage(res));
            problems++;
            if (report)
                report(ctx, msg);
        }
        PQclear(res);
    }
    pq_done(&q);
    *out_problems = problems;
    return 0;
}

static int pg_read_begin(Store *s, Err *e)
{
    return pq_script(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", e);
}

static void pg_read_end(Store *s)
{
    pq_script(s, "COMMIT", NULL);
}

static int pg_savepoint(Store *s, Err *e)
{
    return pq_script(s, "SAVEPOINT request", e);
}

static int pg_release(Store *s, Err *e)
{
    return pq_script(s, "RELEASE request", e);
}

static void pg_rollback_savepoint(Store *s)
{
    pq_script(s, "ROLLBACK TO request; RELEASE request", NULL);
}

static int pg_begin(Store *s, Err *e)
{
    int rc = pq_script(s, "BEGIN; SELECT pg_advisory_xact_lock(x'" WRITE_LOCK "'::bigint)", e);
    if (rc < 0 && PQtransactionStatus(pg(s)->conn) != PQTRANS_IDLE)
        pq_script(s, "ROLLBACK", NULL);
    return rc;
}

static int pg_commit(Store *s, Err *e)
{
    return pq_script(s, "COMMIT", e);
}

static void pg_rollback(Store *s)
{
    if (PQtransactionStatus(pg(s)->conn) != PQTRANS_IDLE)
        pq_script(s, "ROLLBACK", NULL);
}

/* build fills the operations table once: this file's operations, then each file's. */
static StoreOps table;

static void build(void)
{
    table = (StoreOps){
        .close = pg_close,
        .schema_version = pg_schema_version,
        .schema_applied = pg_schema_applied,
        .exec_script = pg_exec_script,
        .schema_record = pg_schema_record,
        .backup = pg_backup,
        .check = pg_check,
        .begin = pg_begin,
        .commit = pg_commit,
        .rollback = pg_rollback,
        .savepoint = pg_savepoint,
        .release = pg_release,
        .rollback_savepoint = pg_rollback_savepoint,
        .read_begin = pg_read_begin,
        .read_end = pg_read_end,
    };
    pg_access_ops(&table);
    pg_catalogue_ops(&table);
    pg_calendar_ops(&table);
    pg_device_ops(&table);
    pg_dossier_ops(&table);
    pg_online_ops(&table);
    pg_stat_ops(&table);
    pg_chain_ops(&table);
    pg_portal_ops(&table);
    pg_unitop_ops(&table);
    pg_signature_ops(&table);
    pg_queue_ops(&table);
    pg_agency_ops(&table);
    pg_user_ops(&table);
    pg_webhook_ops(&table);
}

static const StoreOps *ops(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build);
    return &table;
}

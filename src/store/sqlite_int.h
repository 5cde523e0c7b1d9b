/* sqlite_int.h: what the SQLite backend's files share: the connection structure (a Store
 * followed by the sqlite3 connection and its statement cache), small helpers over prepared
 * statements, and the functions through which each file fills its part of the operations
 * table. Internal to src/store/sqlite*.c. */
#ifndef MOTCUA_SQLITE_INT_H
#define MOTCUA_SQLITE_INT_H

#include "store/store.h"

#include <sqlite3.h>

enum { CACHE_SIZE = 128 };

typedef struct SqliteStore {
    Store base; /* first: a Store * is a SqliteStore * */
    sqlite3 *db;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[CACHE_SIZE];
    int n_cache;
    int search_queued; /* rows wait in temp.search_queue (sq_search_flush) */
} SqliteStore;

/* sq is the SQLite connection behind s. */
static inline SqliteStore *sq(Store *s)
{
    return (SqliteStore *)s;
}

/* sq_open opens the SQLite store at path in mode, or with SQ_CREATE creates it when absent and
 * applies the pending migrations, recorded at now (store_open's and store_create's backend). */
enum { SQ_CREATE = -1 };
int sq_open(const char *path, int mode, int64_t now, Store **out, Err *e);

/* Each file of the backend sets the operations it implements. */
void sq_access_ops(StoreOps *o);
void sq_catalogue_ops(StoreOps *o);
void sq_chain_ops(StoreOps *o);
void sq_agency_ops(StoreOps *o);
void sq_calendar_ops(StoreOps *o);
void sq_device_ops(StoreOps *o);
void sq_signature_ops(StoreOps *o);
void sq_dossier_ops(StoreOps *o);
void sq_online_ops(StoreOps *o);
void sq_portal_ops(StoreOps *o);
void sq_queue_ops(StoreOps *o);
void sq_stat_ops(StoreOps *o);
void sq_user_ops(StoreOps *o);
void sq_unitop_ops(StoreOps *o);
void sq_webhook_ops(StoreOps *o);

/* sq_fail turns the connection's last error into an Err: disk full and I/O errors are
 * ERR_UNAVAILABLE (503), constraint failures ERR_CONFLICT. */
int sq_fail(Store *s, Err *e, const char *what);

/* sq_prep returns the cached statement for sql (a string literal), reset and unbound;
 * NULL with e filled on failure. */
sqlite3_stmt *sq_prep(Store *s, const char *sql, Err *e);

/* sq_bind_text binds v, or NULL when v is NULL; the string must outlive the step. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);

/* sq_col_text copies column i into a (NULL for SQL NULL). */
const char *sq_col_text(Arena *a, sqlite3_stmt *st, int i);

/* sq_step_done steps a statement that returns no rows and resets it. */
int sq_step_done(Store *s, sqlite3_stmt *st, Err *e, const char *what);

/* sq_exec runs literal SQL without parameters. */
int sq_exec(Store *s, const char *sql, Err *e);

/* New dossiers' search rows wait in a temporary table of the write connection and enter the
 * full-text index when the transaction commits: once FTS5 has been written in a transaction,
 * every later statement and savepoint makes it flush its pending terms as a new segment,
 * which would cost each group commit a segment per dossier. SQ_SEARCH_QUEUE creates the
 * table (store_open); sq_search_flush moves the rows (store_commit). */
#define SQ_SEARCH_QUEUE                                                                            \
    "CREATE TEMP TABLE search_queue (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL);"
int sq_search_flush(Store *s, Err *e);

/* sq_attempt_done records one delivery attempt of an outbox row (webhook or notification):
 * sql (a string literal) takes ?1 id, ?2 ok, ?3 error, ?4 now, ?5 next_at (0: no retry). */
int sq_attempt_done(Store *s, const char *sql, int64_t id, int ok, const char *error, int64_t now,
                    int64_t next_at, Err *e);

/* sq_collect steps st and reads every row with read_row into a growing array in a. */
int sq_collect(Store *s, Arena *a, sqlite3_stmt *st, size_t elem,
               void (*read_row)(Arena *, sqlite3_stmt *, void *), void **out, size_t *out_n,
               Err *e);

#define PREP(var, sql)                                                                             \
    sqlite3_stmt *var = sq_prep(s, sql, e);                                                        \
    if (!var)                                                                                      \
    return e ? e->code : ERR_IO

#endif

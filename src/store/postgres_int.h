/* postgres_int.h: what the PostgreSQL backend's files share: the connection structure (a Store
 * followed by the libpq connection and its prepared-statement cache), a small query object
 * with bound parameters ($1, $2, ...), and the functions through which each file fills its
 * part of the operations table. Internal to src/store/postgres*.c. */
#ifndef MOTCUA_POSTGRES_INT_H
#define MOTCUA_POSTGRES_INT_H

#include "store/store.h"

#include <libpq-fe.h>

enum { PG_CACHE_SIZE = 256, PG_MAX_PARAMS = 56 };

/* How long a delivery claimed by one node's sender (webhook or message) is left to it before
 * another node may post it (the claimer died mid-post): seconds, as SQL text. */
#define PG_CLAIM_LEASE "60"

typedef struct PgStore {
    Store base; /* first: a Store * is a PgStore * */
    PGconn *conn;
    const char *cache[PG_CACHE_SIZE]; /* statement i is prepared as "m<i>" */
    int n_cache;
    int read_only; /* STORE_READONLY: every transaction of the session is read-only */
} PgStore;

static inline PgStore *pg(Store *s)
{
    return (PgStore *)s;
}

/* One execution of a statement: its parameters, then its result. Parameters are text, or
 * binary for bytea (pq_blob); results are text (pq_blob_col decodes bytea's hex form). */
typedef struct PgQuery {
    Store *s;
    const char *sql; /* a string literal: the cache key */
    int n_params;
    const char *values[PG_MAX_PARAMS];
    int lengths[PG_MAX_PARAMS], formats[PG_MAX_PARAMS];
    char ints[PG_MAX_PARAMS][24];
    PGresult *res;
} PgQuery;

/* pg_open opens the PostgreSQL database at url in mode, or with PG_CREATE also applies the
 * pending migrations, recorded at now (store_open's and store_create's backend). */
enum { PG_CREATE = -1 };
int pg_open(const char *url, int mode, int64_t now, Store **out, Err *e);

/* Each file of the backend sets the operations it implements. */
void pg_access_ops(StoreOps *o);
void pg_agency_ops(StoreOps *o);
void pg_catalogue_ops(StoreOps *o);
void pg_chain_ops(StoreOps *o);
void pg_portal_ops(StoreOps *o);
void pg_calendar_ops(StoreOps *o);
void pg_device_ops(StoreOps *o);
void pg_signature_ops(StoreOps *o);
void pg_dossier_ops(StoreOps *o);
void pg_online_ops(StoreOps *o);
void pg_queue_ops(StoreOps *o);
void pg_stat_ops(StoreOps *o);
void pg_unitop_ops(StoreOps *o);
void pg_user_ops(StoreOps *o);
void pg_webhook_ops(StoreOps *o);

/* pq_init starts a query of sql (a string literal) on s. */
void pq_init(PgQuery *q, Store *s, const char *sql);
/* pq_text binds parameter i (from 1) to v, or NULL; v must outlive pq_run. */
void pq_text(PgQuery *q, int i, const char *v);
void pq_int(PgQuery *q, int i, int64_t v);
void pq_blob(PgQuery *q, int i, const unsigned char *v, int n);
/* pq_run executes the query (prepared once per connection) and returns the number of rows it
 * returned or changed, or a negative ERR_* with e filled (a lost connection: ERR_UNAVAILABLE,
 * and the connection is reset for the next call). what names it in messages. */
int pq_run(PgQuery *q, Err *e, const char *what);
/* pq_done frees the result. */
void pq_done(PgQuery *q);
/* pq_exec runs pq_run then pq_done: a statement whose rows are not read. */
int pq_exec(PgQuery *q, Err *e, const char *what);

/* Result columns of row r: text copied into a (NULL for SQL NULL), integers (0 for NULL). */
const char *pq_col_text(Arena *a, const PgQuery *q, int r, int c);
int64_t pq_col_int(const PgQuery *q, int r, int c);
int pq_col_null(const PgQuery *q, int r, int c);
/* pq_col_blob decodes a bytea column of n bytes into out; 0 when NULL or of another size. */
int pq_col_blob(const PgQuery *q, int r, int c, unsigned char *out, int n);
/* pq_col_bytes decodes a bytea column of any length into a (n + 1 bytes), its length in
 * out_n; NULL (out_n 0) when NULL or not hex. */
unsigned char *pq_col_bytes(Arena *a, const PgQuery *q, int r, int c, size_t *out_n);

/* pq_collect runs q and reads every row with read_row into an array in a, then frees q. */
int pq_collect(PgQuery *q, Arena *a, size_t elem,
               void (*read_row)(Arena *, const PgQuery *, int row, void *), void **out,
               size_t *out_n, Err *e, const char *what);

/* pq_one runs q and reads its first row with read_row into out, then frees q; without a row,
 * ERR_NOT_FOUND naming field with the messages vi and en. */
int pq_one(PgQuery *q, Arena *a, void (*read_row)(Arena *, const PgQuery *, int row, void *),
           void *out, const char *field, const char *vi, const char *en, Err *e);

/* pq_script runs literal SQL without parameters (transaction control, migrations). */
int pq_script(Store *s, const char *sql, Err *e);

/* pq_attempt_done records one delivery attempt of an outbox row (webhook or notification):
 * sql takes $1 id, $2 ok, $3 error, $4 now, $5 next_at (0: no retry). */
int pq_attempt_done(Store *s, const char *sql, int64_t id, int ok, const char *error, int64_t now,
                    int64_t next_at, Err *e);

#endif

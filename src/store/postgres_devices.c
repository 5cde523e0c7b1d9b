/* postgres_devices.c: the counter devices that take citizens' ratings in the PostgreSQL
 * backend (store.h): registered per unit (and at a queue counter), found by the SHA-256 of their
 * token, revoked. */
#include "store/postgres_int.h"

#include <string.h>

#define DEVICE_COLS "id, name, unit, created_by, created_at, revoked_at, counter_id"

static void read_device(Arena *a, const PgQuery *q, int r, void *v)
{
    Device *d = v;
    memset(d, 0, sizeof *d);
    d->id = pq_col_int(q, r, 0);
    d->name = pq_col_text(a, q, r, 1);
    d->unit = pq_col_text(a, q, r, 2);
    d->created_by = pq_col_text(a, q, r, 3);
    d->created_at = pq_col_int(q, r, 4);
    d->revoked_at = pq_col_int(q, r, 5);
    d->counter = pq_col_int(q, r, 6);
}

static int pg_device_add(Store *s, Device *d, const unsigned char hash[32], Err *e)
{
    static const char sql[] =
        "INSERT INTO rating_device (name, unit, token_hash, created_by, "
        "created_at, counter_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, d->name);
    pq_text(&q, 2, d->unit);
    pq_blob(&q, 3, hash, 32);
    pq_text(&q, 4, d->created_by);
    pq_int(&q, 5, d->created_at);
    if (d->counter)
        pq_int(&q, 6, d->counter);
    else
        pq_text(&q, 6, NULL);
    int n = pq_run(&q, e, "device add");
    if (n < 0)
        return n;
    d->id = n > 0 ? pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return 0;
}

/* device_one reads the one row q finds; ERR_NOT_FOUND when there is none. */
static int device_one(PgQuery *q, Arena *a, Device *out, Err *e)
{
    int n = pq_run(q, e, "device get");
    if (n < 0)
        return n;
    if (n > 0)
        read_device(a, q, 0, out);
    pq_done(q);
    return n > 0 ? 0
                 : err_set(e, ERR_NOT_FOUND, "device", "Không có thiết bị này", "no such device");
}

static int pg_device_by_token(Store *s, Arena *a, const unsigned char hash[32], Device *out, Err *e)
{
    static const char sql[] =
        "SELECT " DEVICE_COLS " FROM rating_device WHERE token_hash = $1 AND revoked_at IS NULL";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_blob(&q, 1, hash, 32);
    return device_one(&q, a, out, e);
}

static int pg_device_get(Store *s, Arena *a, int64_t id, Device *out, Err *e)
{
    static const char sql[] =
        "SELECT " DEVICE_COLS " FROM rating_device WHERE id = $1 AND revoked_at IS NULL";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    return device_one(&q, a, out, e);
}

static int pg_device_list(Store *s, Arena *a, const char *under, Device **out, size_t *out_n,
                          Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) SELECT " DEVICE_COLS " FROM rating_device WHERE revoked_at "
        "IS NULL AND ($1::text IS NULL OR unit IN (SELECT code FROM sub)) ORDER BY id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    return pq_collect(&q, a, sizeof(Device), read_device, (void **)out, out_n, e, "device list");
}

static int pg_device_revoke(Store *s, int64_t id, int64_t now, Err *e)
{
    static const char sql[] =
        "UPDATE rating_device SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    pq_int(&q, 2, now);
    int rc = pq_exec(&q, e, "device revoke");
    return rc < 0 ? rc : 0;
}

void pg_device_ops(StoreOps *o)
{
    o->device_add = pg_device_add;
    o->device_by_token = pg_device_by_token;
    o->device_get = pg_device_get;
    o->device_list = pg_device_list;
    o->device_revoke = pg_device_revoke;
}

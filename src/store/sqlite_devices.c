/* sqlite_devices.c: the counter devices that take citizens' ratings in the SQLite backend
 * (store.h): registered per unit (and at a queue counter), found by the SHA-256 of their token,
 * revoked. */
#include "store/sqlite_int.h"

#include <string.h>

#define DEVICE_COLS "id, name, unit, created_by, created_at, revoked_at, counter_id"

static void read_device(Arena *a, sqlite3_stmt *st, void *v)
{
    Device *d = v;
    memset(d, 0, sizeof *d);
    d->id = sqlite3_column_int64(st, 0);
    d->name = sq_col_text(a, st, 1);
    d->unit = sq_col_text(a, st, 2);
    d->created_by = sq_col_text(a, st, 3);
    d->created_at = sqlite3_column_int64(st, 4);
    d->revoked_at = sqlite3_column_type(st, 5) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 5);
    d->counter = sqlite3_column_type(st, 6) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 6);
}

static int sq_device_add(Store *s, Device *d, const unsigned char hash[32], Err *e)
{
    static const char sql[] = "INSERT INTO rating_device (name, unit, token_hash, created_by, "
                              "created_at, counter_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    PREP(st, sql);
    sq_bind_text(st, 1, d->name);
    sq_bind_text(st, 2, d->unit);
    sqlite3_bind_blob(st, 3, hash, 32, SQLITE_STATIC);
    sq_bind_text(st, 4, d->created_by);
    sqlite3_bind_int64(st, 5, d->created_at);
    if (d->counter)
        sqlite3_bind_int64(st, 6, d->counter);
    int rc = sq_step_done(s, st, e, "device add");
    if (rc == 0)
        d->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

/* device_one reads the one row st finds; ERR_NOT_FOUND when there is none. */
static int device_one(Store *s, Arena *a, sqlite3_stmt *st, Device *out, Err *e)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_device(a, st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "device get");
    return err_set(e, ERR_NOT_FOUND, "device", "Không có thiết bị này", "no such device");
}

static int sq_device_by_token(Store *s, Arena *a, const unsigned char hash[32], Device *out, Err *e)
{
    static const char sql[] =
        "SELECT " DEVICE_COLS " FROM rating_device WHERE token_hash = ?1 AND revoked_at IS NULL";
    PREP(st, sql);
    sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
    return device_one(s, a, st, out, e);
}

static int sq_device_get(Store *s, Arena *a, int64_t id, Device *out, Err *e)
{
    static const char sql[] =
        "SELECT " DEVICE_COLS " FROM rating_device WHERE id = ?1 AND revoked_at IS NULL";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    return device_one(s, a, st, out, e);
}

static int sq_device_list(Store *s, Arena *a, const char *under, Device **out, size_t *out_n,
                          Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub ON "
        "unit.parent = sub.code) SELECT " DEVICE_COLS " FROM rating_device WHERE revoked_at IS "
        "NULL AND (?1 IS NULL OR unit IN (SELECT code FROM sub)) ORDER BY id";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    return sq_collect(s, a, st, sizeof(Device), read_device, (void **)out, out_n, e);
}

static int sq_device_revoke(Store *s, int64_t id, int64_t now, Err *e)
{
    static const char sql[] =
        "UPDATE rating_device SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    return sq_step_done(s, st, e, "device revoke");
}

void sq_device_ops(StoreOps *o)
{
    o->device_add = sq_device_add;
    o->device_by_token = sq_device_by_token;
    o->device_get = sq_device_get;
    o->device_list = sq_device_list;
    o->device_revoke = sq_device_revoke;
}

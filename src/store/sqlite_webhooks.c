/* sqlite_webhooks.c: webhook subscriptions and the outbox of their deliveries in the SQLite
 * backend (store.h). */
#include "store/sqlite_int.h"

#include <string.h>

static int sq_webhook_add(Store *s, Webhook *w, Err *e)
{
    static const char sql[] = "INSERT INTO webhook (url, actions, unit, secret, created_by, "
                              "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    PREP(st, sql);
    sq_bind_text(st, 1, w->url);
    sq_bind_text(st, 2, w->actions);
    sq_bind_text(st, 3, w->unit);
    sq_bind_text(st, 4, w->secret);
    sq_bind_text(st, 5, w->created_by);
    sqlite3_bind_int64(st, 6, w->created_at);
    int rc = sq_step_done(s, st, e, "webhook add");
    if (rc == 0)
        w->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

#define WEBHOOK_COLS "id, url, actions, unit, secret, created_by, created_at, active"

static void read_webhook(Arena *a, sqlite3_stmt *st, void *v)
{
    Webhook *w = v;
    w->id = sqlite3_column_int64(st, 0);
    w->url = sq_col_text(a, st, 1);
    w->actions = sq_col_text(a, st, 2);
    w->unit = sq_col_text(a, st, 3);
    w->secret = sq_col_text(a, st, 4);
    w->created_by = sq_col_text(a, st, 5);
    w->created_at = sqlite3_column_int64(st, 6);
    w->active = sqlite3_column_int(st, 7);
}

static int sq_webhook_list(Store *s, Arena *a, const char *under, Webhook **out, size_t *out_n,
                           Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT unit.code FROM unit JOIN sub ON "
        "unit.parent = sub.code) SELECT " WEBHOOK_COLS " FROM webhook WHERE active = 1 AND "
        "(?1 IS NULL OR unit IN (SELECT code FROM sub)) ORDER BY id";
    PREP(st, sql);
    sq_bind_text(st, 1, under);
    return sq_collect(s, a, st, sizeof(Webhook), read_webhook, (void **)out, out_n, e);
}

static int sq_webhook_get(Store *s, Arena *a, int64_t id, Webhook *out, Err *e)
{
    static const char sql[] = "SELECT " WEBHOOK_COLS " FROM webhook WHERE id = ?1 AND active = 1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_webhook(a, st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "webhook get");
    return err_set(e, ERR_NOT_FOUND, "id", "Không có webhook này", "no such webhook");
}

static int sq_webhook_delete(Store *s, int64_t id, int64_t now, Err *e)
{
    static const char sql[] = "UPDATE webhook SET active = 0 WHERE id = ?1";
    static const char drop[] = "UPDATE outbox SET failed_at = ?2, last_error = 'unsubscribed' "
                               "WHERE webhook = ?1 AND delivered_at IS NULL AND failed_at IS NULL";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, id);
    int rc = sq_step_done(s, st, e, "webhook delete");
    if (rc < 0)
        return rc;
    PREP(sd, drop);
    sqlite3_bind_int64(sd, 1, id);
    sqlite3_bind_int64(sd, 2, now);
    return sq_step_done(s, sd, e, "outbox drop");
}

static int sq_webhooks_active(Store *s, Err *e)
{
    static const char sql[] = "SELECT EXISTS (SELECT 1 FROM webhook WHERE active = 1)";
    PREP(st, sql);
    int rc = sqlite3_step(st);
    int active = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    if (rc != SQLITE_ROW)
        rc = sq_fail(s, e, "webhooks active");
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? active : rc;
}

static int sq_outbox_enqueue(Store *s, const char *unit, const char *action, const char *code,
                             const char *body, int64_t now, Err *e)
{
    /* webhooks of the unit or a unit above it, for this action or every action */
    static const char sql[] =
        "WITH RECURSIVE up(code, depth) AS (SELECT ?1, 0 UNION ALL SELECT unit.parent, "
        "up.depth + 1 FROM unit JOIN up ON unit.code = up.code WHERE unit.parent IS NOT NULL "
        "AND up.depth < 32) "
        "INSERT INTO outbox (webhook, dossier_code, body, next_at, created_at) SELECT id, ?3, ?4, "
        "?5, ?5 FROM webhook WHERE active = 1 AND unit IN (SELECT code FROM up) AND "
        "(actions = '*' OR instr(',' || actions || ',', ',' || ?2 || ',') > 0)";
    PREP(st, sql);
    sq_bind_text(st, 1, unit);
    sq_bind_text(st, 2, action);
    sq_bind_text(st, 3, code);
    sq_bind_text(st, 4, body);
    sqlite3_bind_int64(st, 5, now);
    return sq_step_done(s, st, e, "outbox enqueue");
}

static void read_item(Arena *a, sqlite3_stmt *st, void *v)
{
    OutboxItem *o = v;
    o->id = sqlite3_column_int64(st, 0);
    o->webhook = sqlite3_column_int64(st, 1);
    o->url = sq_col_text(a, st, 2);
    o->secret = sq_col_text(a, st, 3);
    o->dossier_code = sq_col_text(a, st, 4);
    o->body = sq_col_text(a, st, 5);
    o->attempts = sqlite3_column_int(st, 6);
}

static int sq_outbox_due(Store *s, Arena *a, int64_t now, size_t limit, OutboxItem **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT o.id, o.webhook, w.url, w.secret, o.dossier_code, o.body, o.attempts FROM outbox o "
        "JOIN webhook w ON w.id = o.webhook WHERE o.delivered_at IS NULL AND o.failed_at IS NULL "
        "AND o.next_at <= ?1 ORDER BY o.next_at, o.id LIMIT ?2";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(OutboxItem), read_item, (void **)out, out_n, e);
}

static int sq_outbox_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                          int64_t next_at, Err *e)
{
    static const char sql[] = "UPDATE outbox SET attempts = attempts + 1, last_error = ?3, "
                              "delivered_at = CASE WHEN ?2 THEN ?4 END, "
                              "failed_at = CASE WHEN NOT ?2 AND ?5 = 0 THEN ?4 END, "
                              "next_at = CASE WHEN ?5 = 0 THEN next_at ELSE ?5 END WHERE id = ?1";
    return sq_attempt_done(s, sql, id, ok, error, now, next_at, e);
}

void sq_webhook_ops(StoreOps *o)
{
    o->webhook_add = sq_webhook_add;
    o->webhook_list = sq_webhook_list;
    o->webhook_get = sq_webhook_get;
    o->webhook_delete = sq_webhook_delete;
    o->webhooks_active = sq_webhooks_active;
    o->outbox_enqueue = sq_outbox_enqueue;
    o->outbox_due = sq_outbox_due;
    o->outbox_done = sq_outbox_done;
}

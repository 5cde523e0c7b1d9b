/* postgres_webhooks.c: webhook subscriptions and the outbox of their deliveries in the
 * PostgreSQL backend (store.h). With several nodes on one database each node's sender claims
 * the rows it will post (FOR UPDATE SKIP LOCKED, then a lease on next_at), so that no two
 * nodes post the same delivery. */
#include "store/postgres_int.h"

#include <string.h>

static int pg_webhook_add(Store *s, Webhook *w, Err *e)
{
    static const char sql[] = "INSERT INTO webhook (url, actions, unit, secret, created_by, "
                              "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, w->url);
    pq_text(&q, 2, w->actions);
    pq_text(&q, 3, w->unit);
    pq_text(&q, 4, w->secret);
    pq_text(&q, 5, w->created_by);
    pq_int(&q, 6, w->created_at);
    int n = pq_run(&q, e, "webhook add");
    if (n < 0)
        return n;
    w->id = n > 0 ? pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return 0;
}

#define WEBHOOK_COLS "id, url, actions, unit, secret, created_by, created_at, active"

static void read_webhook(Arena *a, const PgQuery *q, int r, void *v)
{
    Webhook *w = v;
    w->id = pq_col_int(q, r, 0);
    w->url = pq_col_text(a, q, r, 1);
    w->actions = pq_col_text(a, q, r, 2);
    w->unit = pq_col_text(a, q, r, 3);
    w->secret = pq_col_text(a, q, r, 4);
    w->created_by = pq_col_text(a, q, r, 5);
    w->created_at = pq_col_int(q, r, 6);
    w->active = (int)pq_col_int(q, r, 7);
}

static int pg_webhook_list(Store *s, Arena *a, const char *under, Webhook **out, size_t *out_n,
                           Err *e)
{
    static const char sql[] =
        "WITH RECURSIVE sub(code) AS (SELECT $1::text UNION SELECT unit.code FROM unit JOIN sub "
        "ON unit.parent = sub.code) SELECT " WEBHOOK_COLS " FROM webhook WHERE active = 1 AND "
        "($1::text IS NULL OR unit IN (SELECT code FROM sub)) ORDER BY id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, under);
    return pq_collect(&q, a, sizeof(Webhook), read_webhook, (void **)out, out_n, e, "webhook list");
}

static int pg_webhook_get(Store *s, Arena *a, int64_t id, Webhook *out, Err *e)
{
    static const char sql[] = "SELECT " WEBHOOK_COLS " FROM webhook WHERE id = $1 AND active = 1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    int n = pq_run(&q, e, "webhook get");
    if (n < 0)
        return n;
    if (n > 0)
        read_webhook(a, &q, 0, out);
    pq_done(&q);
    return n > 0 ? 0 : err_set(e, ERR_NOT_FOUND, "id", "Không có webhook này", "no such webhook");
}

static int pg_webhook_delete(Store *s, int64_t id, int64_t now, Err *e)
{
    static const char sql[] = "UPDATE webhook SET active = 0 WHERE id = $1";
    static const char drop[] = "UPDATE outbox SET failed_at = $2, last_error = 'unsubscribed' "
                               "WHERE webhook = $1 AND delivered_at IS NULL AND failed_at IS NULL";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, id);
    int rc = pq_exec(&q, e, "webhook delete");
    if (rc < 0)
        return rc;
    pq_init(&q, s, drop);
    pq_int(&q, 1, id);
    pq_int(&q, 2, now);
    rc = pq_exec(&q, e, "outbox drop");
    return rc < 0 ? rc : 0;
}

static int pg_webhooks_active(Store *s, Err *e)
{
    static const char sql[] = "SELECT EXISTS (SELECT 1 FROM webhook WHERE active = 1)::int";
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "webhooks active");
    if (n < 0)
        return n;
    int active = n > 0 ? (int)pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return active;
}

static int pg_outbox_enqueue(Store *s, const char *unit, const char *action, const char *code,
                             const char *body, int64_t now, Err *e)
{
    /* webhooks of the unit or a unit above it, for this action or every action */
    static const char sql[] =
        "WITH RECURSIVE up(code, depth) AS (SELECT $1::text, 0 UNION ALL SELECT unit.parent, "
        "up.depth + 1 FROM unit JOIN up ON unit.code = up.code WHERE unit.parent IS NOT NULL "
        "AND up.depth < 32) "
        "INSERT INTO outbox (webhook, dossier_code, body, next_at, created_at) SELECT id, $3, $4, "
        "$5, $5 FROM webhook WHERE active = 1 AND unit IN (SELECT code FROM up) AND "
        "(actions = '*' OR strpos(',' || actions || ',', ',' || $2 || ',') > 0)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, unit);
    pq_text(&q, 2, action);
    pq_text(&q, 3, code);
    pq_text(&q, 4, body);
    pq_int(&q, 5, now);
    int rc = pq_exec(&q, e, "outbox enqueue");
    return rc < 0 ? rc : 0;
}

static void read_item(Arena *a, const PgQuery *q, int r, void *v)
{
    OutboxItem *o = v;
    o->id = pq_col_int(q, r, 0);
    o->webhook = pq_col_int(q, r, 1);
    o->url = pq_col_text(a, q, r, 2);
    o->secret = pq_col_text(a, q, r, 3);
    o->dossier_code = pq_col_text(a, q, r, 4);
    o->body = pq_col_text(a, q, r, 5);
    o->attempts = (int)pq_col_int(q, r, 6);
}

/* outbox_due claims the due rows: rows another node is claiming are skipped, and the claimed
 * ones are not due again for the lease, unless outbox_done reschedules them. */
static int pg_outbox_due(Store *s, Arena *a, int64_t now, size_t limit, OutboxItem **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH due AS (SELECT id FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL "
        "AND next_at <= $1 ORDER BY next_at, id LIMIT $2 FOR UPDATE SKIP LOCKED), "
        "claimed AS (UPDATE outbox o SET next_at = $1 + " PG_CLAIM_LEASE " FROM due WHERE o.id = "
        "due.id RETURNING o.id, o.webhook, o.dossier_code, o.body, o.attempts) "
        "SELECT c.id, c.webhook, w.url, w.secret, c.dossier_code, c.body, c.attempts FROM "
        "claimed c JOIN webhook w ON w.id = c.webhook ORDER BY c.id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, now);
    pq_int(&q, 2, (int64_t)limit);
    return pq_collect(&q, a, sizeof(OutboxItem), read_item, (void **)out, out_n, e, "outbox due");
}

static int pg_outbox_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                          int64_t next_at, Err *e)
{
    static const char sql[] = "UPDATE outbox SET attempts = attempts + 1, last_error = $3, "
                              "delivered_at = CASE WHEN $2 <> 0 THEN $4::bigint END, "
                              "failed_at = CASE WHEN $2 = 0 AND $5 = 0 THEN $4::bigint END, "
                              "next_at = CASE WHEN $5 = 0 THEN next_at ELSE $5 END WHERE id = $1";
    return pq_attempt_done(s, sql, id, ok, error, now, next_at, e);
}

void pg_webhook_ops(StoreOps *o)
{
    o->webhook_add = pg_webhook_add;
    o->webhook_list = pg_webhook_list;
    o->webhook_get = pg_webhook_get;
    o->webhook_delete = pg_webhook_delete;
    o->webhooks_active = pg_webhooks_active;
    o->outbox_enqueue = pg_outbox_enqueue;
    o->outbox_due = pg_outbox_due;
    o->outbox_done = pg_outbox_done;
}

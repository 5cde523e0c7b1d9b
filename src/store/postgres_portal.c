/* postgres_portal.c: the national portal's outbox in the PostgreSQL backend (store.h,
 * migration 0029). With several nodes each sender claims the first unsent call of a dossier
 * (FOR UPDATE SKIP LOCKED, then a lease on next_at), so a dossier's calls still go one at a
 * time and in order; the portal takes a version once, so the one call a killed node had in
 * flight, sent again after the lease, changes nothing there. */
#include "store/postgres_int.h"

static int pg_portal_add(Store *s, const char *code, int version, const char *service,
                         const char *body, int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO portal_outbox (dossier_code, version, service, body, next_at, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dossier_code, version, service) DO NOTHING";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    pq_int(&q, 2, version);
    pq_text(&q, 3, service);
    pq_text(&q, 4, body);
    pq_int(&q, 5, now);
    int rc = pq_exec(&q, e, "portal add");
    return rc < 0 ? rc : 0;
}

static void read_item(Arena *a, const PgQuery *q, int r, void *v)
{
    PortalItem *p = v;
    p->id = pq_col_int(q, r, 0);
    p->dossier_code = pq_col_text(a, q, r, 1);
    p->version = (int)pq_col_int(q, r, 2);
    p->service = pq_col_text(a, q, r, 3);
    p->body = pq_col_text(a, q, r, 4);
    p->attempts = (int)pq_col_int(q, r, 5);
}

static int pg_portal_due(Store *s, Arena *a, int64_t now, size_t limit, PortalItem **out,
                         size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH due AS (SELECT o.id FROM portal_outbox o WHERE o.sent_at IS NULL AND o.next_at <= "
        "$1 AND o.id = (SELECT min(f.id) FROM portal_outbox f WHERE f.dossier_code = "
        "o.dossier_code AND f.sent_at IS NULL) ORDER BY o.next_at, o.id LIMIT $2 FOR UPDATE "
        "SKIP LOCKED), claimed AS (UPDATE portal_outbox p SET next_at = $1 + " PG_CLAIM_LEASE
        " FROM due WHERE p.id = due.id RETURNING p.id, p.dossier_code, p.version, p.service, "
        "p.body, p.attempts) SELECT * FROM claimed ORDER BY id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, now);
    pq_int(&q, 2, (int64_t)limit);
    return pq_collect(&q, a, sizeof(PortalItem), read_item, (void **)out, out_n, e, "portal due");
}

static int pg_portal_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                          int64_t next_at, Err *e)
{
    static const char sql[] = "UPDATE portal_outbox SET attempts = attempts + 1, last_error = $3, "
                              "last_try_at = $4, sent_at = CASE WHEN $2 <> 0 THEN $4::bigint END, "
                              "next_at = CASE WHEN $5 = 0 THEN next_at ELSE $5 END WHERE id = $1";
    return pq_attempt_done(s, sql, id, ok, error, now, next_at, e);
}

static int pg_portal_sync(Store *s, Arena *a, const char *code, PortalSync *out, Err *e)
{
    static const char sql[] =
        "SELECT (SELECT coalesce(max(version), 0) FROM portal_outbox WHERE dossier_code = $1 AND "
        "sent_at IS NOT NULL), (SELECT coalesce(max(sent_at), 0) FROM portal_outbox WHERE "
        "dossier_code = $1 AND sent_at IS NOT NULL), (SELECT count(*) FROM portal_outbox WHERE "
        "dossier_code = $1 AND sent_at IS NULL), (SELECT last_error FROM portal_outbox WHERE "
        "dossier_code = $1 AND sent_at IS NULL ORDER BY id LIMIT 1), (SELECT "
        "coalesce(last_try_at, 0) FROM portal_outbox WHERE dossier_code = $1 AND sent_at IS "
        "NULL ORDER BY id LIMIT 1)";
    *out = (PortalSync){0};
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, code);
    int n = pq_run(&q, e, "portal sync");
    if (n < 0)
        return n;
    if (n > 0) {
        out->sent_version = (int)pq_col_int(&q, 0, 0);
        out->sent_at = pq_col_int(&q, 0, 1);
        out->waiting = (int)pq_col_int(&q, 0, 2);
        out->last_error = pq_col_text(a, &q, 0, 3);
        out->last_try_at = pq_col_int(&q, 0, 4);
    }
    pq_done(&q);
    return 0;
}

static int pg_portal_backlog(Store *s, long *out_waiting, long *out_failing, int64_t *out_oldest,
                             Err *e)
{
    static const char sql[] =
        "SELECT count(*), count(last_error), coalesce(min(created_at), 0) FROM portal_outbox "
        "WHERE sent_at IS NULL";
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "portal backlog");
    if (n < 0)
        return n;
    *out_waiting = n > 0 ? (long)pq_col_int(&q, 0, 0) : 0;
    *out_failing = n > 0 ? (long)pq_col_int(&q, 0, 1) : 0;
    *out_oldest = n > 0 ? pq_col_int(&q, 0, 2) : 0;
    pq_done(&q);
    return 0;
}

void pg_portal_ops(StoreOps *o)
{
    o->portal_add = pg_portal_add;
    o->portal_due = pg_portal_due;
    o->portal_done = pg_portal_done;
    o->portal_sync = pg_portal_sync;
    o->portal_backlog = pg_portal_backlog;
}

/* postgres_agencies.c: the agencies of interconnected groups, this node's signing key and the
 * signed message log in the PostgreSQL backend (store.h, migration 0025). The statements are
 * SQLite's (sqlite_agencies.c); the log's chain needs no more than the write lock every write
 * transaction holds (postgres.c), and with several nodes on one database each node's sender
 * claims the deliveries it will post, as the webhook sender does (postgres_webhooks.c). */
#include "store/postgres_int.h"

#include <string.h>

static int pg_agency_put(Store *s, const Agency *g, Err *e)
{
    static const char sql[] =
        "INSERT INTO agency (kind, url, public_key, updated_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (kind) DO UPDATE SET url = $2, public_key = $3, updated_at = $4";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, g->kind);
    pq_text(&q, 2, g->url);
    pq_blob(&q, 3, g->public_key, 32);
    pq_int(&q, 4, g->updated_at);
    int rc = pq_exec(&q, e, "agency put");
    return rc < 0 ? rc : 0;
}

static void read_agency(Arena *a, const PgQuery *q, int r, void *v)
{
    Agency *g = v;
    g->kind = pq_col_text(a, q, r, 0);
    g->url = pq_col_text(a, q, r, 1);
    pq_col_blob(q, r, 2, g->public_key, 32);
    g->updated_at = pq_col_int(q, r, 3);
}

static int pg_agency_get(Store *s, Arena *a, const char *kind, Agency *out, Err *e)
{
    static const char sql[] =
        "SELECT kind, url, public_key, updated_at FROM agency WHERE kind = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, kind);
    Agency *gs;
    size_t n;
    int rc = pq_collect(&q, a, sizeof(Agency), read_agency, (void **)&gs, &n, e, "agency get");
    if (rc < 0)
        return rc;
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "agency", "Chưa khai báo cơ quan %s",
                        "no agency %s is configured", kind);
    *out = gs[0];
    return 0;
}

static int pg_agency_list(Store *s, Arena *a, Agency **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT kind, url, public_key, updated_at FROM agency ORDER BY kind COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    return pq_collect(&q, a, sizeof(Agency), read_agency, (void **)out, out_n, e, "agency list");
}

static int pg_node_key_get(Store *s, unsigned char pk[32], unsigned char sk[64], Err *e)
{
    static const char sql[] = "SELECT public_key, secret_key FROM node_key WHERE id = 1";
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "node key");
    if (n < 0)
        return n;
    int found = n > 0 && pq_col_blob(&q, 0, 0, pk, 32) && pq_col_blob(&q, 0, 1, sk, 64);
    pq_done(&q);
    return found ? 0
                 : err_set(e, ERR_NOT_FOUND, "", "Chưa có khóa ký của hệ thống (motcua agency key)",
                           "this node has no signing key yet (motcua agency key)");
}

static int pg_node_key_put(Store *s, const unsigned char pk[32], const unsigned char sk[64],
                           int64_t now, Err *e)
{
    static const char sql[] = "INSERT INTO node_key (id, public_key, secret_key, created_at) "
                              "VALUES (1, $1, $2, $3) ON CONFLICT DO NOTHING";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_blob(&q, 1, pk, 32);
    pq_blob(&q, 2, sk, 64);
    pq_int(&q, 3, now);
    int n = pq_exec(&q, e, "node key put");
    if (n < 0)
        return n;
    return n > 0 ? 0 : err_set(e, ERR_CONFLICT, "", "Hệ thống đã có khóa ký", "the node has a key");
}

static int pg_message_add(Store *s, AgencyMessage *m, Err *e)
{
    static const char sql[] =
        "INSERT INTO agency_message (message_id, direction, agency, dossier, type, body, "
        "signature, answers, prev_hash, hash, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10, $11) ON CONFLICT (message_id) DO NOTHING RETURNING seq";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, m->message_id);
    pq_text(&q, 2, m->direction);
    pq_text(&q, 3, m->agency);
    pq_text(&q, 4, m->dossier);
    pq_text(&q, 5, m->type);
    pq_text(&q, 6, m->body);
    pq_blob(&q, 7, m->signature, 64);
    pq_blob(&q, 8, m->has_answers ? m->answers : NULL, 32);
    pq_blob(&q, 9, m->has_prev ? m->prev_hash : NULL, 32);
    pq_blob(&q, 10, m->hash, 32);
    pq_int(&q, 11, m->at);
    int n = pq_run(&q, e, "message add");
    if (n < 0)
        return n;
    if (n > 0)
        m->seq = pq_col_int(&q, 0, 0);
    pq_done(&q);
    return n > 0 ? 0
                 : err_setf(e, ERR_CONFLICT, "id", "Thông điệp %s đã nhận",
                            "message %s was taken already", m->message_id);
}

static int pg_message_last(Store *s, unsigned char out[32], int *out_found, Err *e)
{
    static const char sql[] = "SELECT hash FROM agency_message ORDER BY seq DESC LIMIT 1";
    PgQuery q;
    pq_init(&q, s, sql);
    int n = pq_run(&q, e, "message last");
    if (n < 0)
        return n;
    *out_found = n > 0 && pq_col_blob(&q, 0, 0, out, 32);
    pq_done(&q);
    return 0;
}

#define MESSAGE_COLS                                                                               \
    "seq, message_id, direction, agency, dossier, type, body, signature, answers, prev_hash, "     \
    "hash, at"

static void read_message(Arena *a, const PgQuery *q, int r, void *v)
{
    AgencyMessage *m = v;
    memset(m, 0, sizeof *m);
    m->seq = pq_col_int(q, r, 0);
    m->message_id = pq_col_text(a, q, r, 1);
    m->direction = pq_col_text(a, q, r, 2);
    m->agency = pq_col_text(a, q, r, 3);
    m->dossier = pq_col_text(a, q, r, 4);
    m->type = pq_col_text(a, q, r, 5);
    m->body = pq_col_text(a, q, r, 6);
    pq_col_blob(q, r, 7, m->signature, 64);
    m->has_answers = pq_col_blob(q, r, 8, m->answers, 32);
    m->has_prev = pq_col_blob(q, r, 9, m->prev_hash, 32);
    pq_col_blob(q, r, 10, m->hash, 32);
    m->at = pq_col_int(q, r, 11);
}

static int pg_message_find(Store *s, Arena *a, const char *message_id, AgencyMessage *out, Err *e)
{
    static const char sql[] = "SELECT " MESSAGE_COLS " FROM agency_message WHERE message_id = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, message_id);
    AgencyMessage *ms;
    size_t n;
    int rc =
        pq_collect(&q, a, sizeof(AgencyMessage), read_message, (void **)&ms, &n, e, "message find");
    if (rc < 0)
        return rc;
    if (n == 0)
        return err_setf(e, ERR_NOT_FOUND, "id", "Không có thông điệp %s", "no message %s",
                        message_id);
    *out = ms[0];
    return 0;
}

static int pg_message_list(Store *s, Arena *a, const char *dossier, int64_t after, size_t limit,
                           AgencyMessage **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " MESSAGE_COLS " FROM agency_message WHERE seq > $1 AND "
                              "($2::text IS NULL OR dossier = $2) ORDER BY seq LIMIT $3";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, after);
    pq_text(&q, 2, dossier);
    pq_int(&q, 3, (int64_t)limit);
    return pq_collect(&q, a, sizeof(AgencyMessage), read_message, (void **)out, out_n, e,
                      "message list");
}

static int pg_delivery_add(Store *s, const char *message_id, const char *agency, int64_t now,
                           Err *e)
{
    static const char sql[] =
        "INSERT INTO agency_outbox (message_id, agency, next_at) VALUES ($1, $2, $3)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, message_id);
    pq_text(&q, 2, agency);
    pq_int(&q, 3, now);
    int rc = pq_exec(&q, e, "delivery add");
    return rc < 0 ? rc : 0;
}

static void read_delivery(Arena *a, const PgQuery *q, int r, void *v)
{
    AgencyDelivery *d = v;
    d->id = pq_col_int(q, r, 0);
    d->message_id = pq_col_text(a, q, r, 1);
    d->url = pq_col_text(a, q, r, 2);
    d->body = pq_col_text(a, q, r, 3);
    pq_col_blob(q, r, 4, d->signature, 64);
    d->attempts = (int)pq_col_int(q, r, 5);
}

/* delivery_due claims the due rows: rows another node is claiming are skipped, and the claimed
 * ones are not due again for the lease, unless delivery_done reschedules them. */
static int pg_delivery_due(Store *s, Arena *a, int64_t now, size_t limit, AgencyDelivery **out,
                           size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH due AS (SELECT id FROM agency_outbox WHERE sent_at IS NULL AND next_at <= $1 "
        "ORDER BY next_at, id LIMIT $2 FOR UPDATE SKIP LOCKED), "
        "claimed AS (UPDATE agency_outbox o SET next_at = $1 + " PG_CLAIM_LEASE " FROM due "
        "WHERE o.id = due.id RETURNING o.id, o.message_id, o.agency, o.attempts) "
        "SELECT c.id, c.message_id, g.url, m.body, m.signature, c.attempts FROM claimed c JOIN "
        "agency_message m ON m.message_id = c.message_id JOIN agency g ON g.kind = c.agency "
        "ORDER BY c.id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, now);
    pq_int(&q, 2, (int64_t)limit);
    return pq_collect(&q, a, sizeof(AgencyDelivery), read_delivery, (void **)out, out_n, e,
                      "delivery due");
}

static int pg_delivery_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                            int64_t next_at, Err *e)
{
    static const char sql[] =
        "UPDATE agency_outbox SET attempts = attempts + 1, sent_at = CASE WHEN $2 <> 0 THEN "
        "$4::bigint END, next_at = CASE WHEN $2 <> 0 THEN next_at ELSE $5 END, last_error = $3 "
        "WHERE id = $1 AND sent_at IS NULL";
    return pq_attempt_done(s, sql, id, ok, ok ? NULL : error, now, next_at, e);
}

void pg_agency_ops(StoreOps *o)
{
    o->agency_put = pg_agency_put;
    o->agency_get = pg_agency_get;
    o->agency_list = pg_agency_list;
    o->node_key_get = pg_node_key_get;
    o->node_key_put = pg_node_key_put;
    o->message_add = pg_message_add;
    o->message_last = pg_message_last;
    o->message_find = pg_message_find;
    o->message_list = pg_message_list;
    o->delivery_add = pg_delivery_add;
    o->delivery_due = pg_delivery_due;
    o->delivery_done = pg_delivery_done;
}

/* postgres_online.c: the notification outbox, documents, pending uploads and payments in the
 * PostgreSQL backend (store.h), and the retention sweep (store_purge). As with webhooks, each
 * node's sender claims the messages it will send (FOR UPDATE SKIP LOCKED and a lease), so that
 * no message goes out twice from two nodes. The sweep runs in the writer's transaction, under
 * the write lock: one node at a time. */
#include "store/postgres_int.h"

#include <string.h>

static int pg_notification_add(Store *s, const Notice *n, int64_t now, Err *e)
{
    /* the body as SQLite builds it: the same keys in the same order, appointment_at only when
     * there is one */
    static const char sql[] =
        "INSERT INTO notification (dossier_code, kind, body, next_at, created_at) VALUES ($1, $2, "
        "CASE WHEN $6::text IS NULL THEN json_build_object('kind', $2::text, 'dossier', "
        "$1::text, 'unit', $3::text, 'to', $4::json, 'message', $5::text) ELSE "
        "json_build_object('kind', $2::text, 'dossier', $1::text, 'unit', $3::text, 'to', "
        "$4::json, 'message', $5::text, 'appointment_at', $6::text) END::text, $7, $7)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, n->dossier_code);
    pq_text(&q, 2, n->kind);
    pq_text(&q, 3, n->unit);
    pq_text(&q, 4, n->applicant);
    pq_text(&q, 5, n->message);
    pq_text(&q, 6, n->appointment_at);
    pq_int(&q, 7, now);
    int rc = pq_exec(&q, e, "notification add");
    return rc < 0 ? rc : 0;
}

/* At most this many rows of each table are deleted per call (sqlite_online.c). */
enum { PURGE_BATCH = 5000 };

static int pg_purge(Store *s, int64_t now, long *out_rows, Err *e)
{
    static const char idem[] =
        "DELETE FROM idempotency WHERE (principal, key) IN (SELECT principal, key FROM "
        "idempotency WHERE created_at < $2 LIMIT $1)";
    static const char notification[] =
        "DELETE FROM notification WHERE id >= (SELECT min(id) FROM notification) AND id < "
        "(SELECT min(id) FROM notification) + $1 AND created_at < $2";
    static const char outbox[] =
        "DELETE FROM outbox WHERE id >= (SELECT min(id) FROM outbox) AND id < (SELECT min(id) "
        "FROM outbox) + $1 AND created_at < $2";
    const char *const sweeps[] = {idem, notification, outbox};
    const int64_t keep[] = {7 * 86400, 90 * 86400, 90 * 86400};
    long rows = 0;
    for (int i = 0; i < 3; i++) {
        PgQuery q;
        pq_init(&q, s, sweeps[i]);
        pq_int(&q, 1, PURGE_BATCH);
        pq_int(&q, 2, now - keep[i]);
        int n = pq_exec(&q, e, "purge");
        if (n < 0)
            return n;
        rows += n;
    }
    *out_rows = rows;
    return 0;
}

static void read_notification(Arena *a, const PgQuery *q, int r, void *v)
{
    Notification *n = v;
    n->id = pq_col_int(q, r, 0);
    n->dossier_code = pq_col_text(a, q, r, 1);
    n->kind = pq_col_text(a, q, r, 2);
    n->body = pq_col_text(a, q, r, 3);
    n->attempts = (int)pq_col_int(q, r, 4);
}

static int pg_notification_due(Store *s, Arena *a, int64_t now, size_t limit, Notification **out,
                               size_t *out_n, Err *e)
{
    static const char sql[] =
        "WITH due AS (SELECT id FROM notification WHERE sent_at IS NULL AND failed_at IS NULL "
        "AND next_at <= $1 ORDER BY next_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) "
        "UPDATE notification n SET next_at = $1 + " PG_CLAIM_LEASE " FROM due WHERE n.id = due.id "
        "RETURNING n.id, n.dossier_code, n.kind, n.body, n.attempts";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, now);
    pq_int(&q, 2, (int64_t)limit);
    return pq_collect(&q, a, sizeof(Notification), read_notification, (void **)out, out_n, e,
                      "notification due");
}

static int pg_notification_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                                int64_t next_at, Err *e)
{
    static const char sql[] = "UPDATE notification SET attempts = attempts + 1, last_error = $3, "
                              "sent_at = CASE WHEN $2 <> 0 THEN $4::bigint END, "
                              "failed_at = CASE WHEN $2 = 0 AND $5 = 0 THEN $4::bigint END, "
                              "next_at = CASE WHEN $5 = 0 THEN next_at ELSE $5 END WHERE id = $1";
    return pq_attempt_done(s, sql, id, ok, error, now, next_at, e);
}

static int pg_payment_add(Store *s, Arena *a, const char *unit, int year, Payment *p,
                          const char **out_receipt, Err *e)
{
    static const char counter[] =
        "INSERT INTO receipt_counter (unit, year, last) VALUES ($1, $2, 1) ON CONFLICT (unit, "
        "year) DO UPDATE SET last = receipt_counter.last + 1 RETURNING last";
    static const char insert[] = "INSERT INTO payment (dossier, amount, online, gateway_ref, "
                                 "receipt_no, paid_at) VALUES ($1, $2, $3, $4, $5, $6) "
                                 "ON CONFLICT DO NOTHING";
    PgQuery q;
    pq_init(&q, s, counter);
    pq_text(&q, 1, unit);
    pq_int(&q, 2, year);
    int n = pq_run(&q, e, "receipt counter");
    if (n < 0)
        return n;
    long long number = n > 0 ? (long long)pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    const char *receipt = arena_printf(a, "%s/%d/%06lld", unit, year, number);
    pq_init(&q, s, insert);
    pq_int(&q, 1, p->dossier);
    pq_int(&q, 2, p->amount);
    pq_int(&q, 3, p->online);
    pq_text(&q, 4, p->gateway_ref);
    pq_text(&q, 5, receipt);
    pq_int(&q, 6, p->paid_at);
    if ((n = pq_exec(&q, e, "payment add")) < 0)
        return n;
    if (n == 0)
        return err_set(e, ERR_CONFLICT, "ref", "Giao dịch này đã được ghi nhận",
                       "this transaction was recorded already");
    p->receipt_no = receipt;
    *out_receipt = receipt;
    return 0;
}

#define PAYMENT_COLS "id, dossier, amount, online, gateway_ref, receipt_no, paid_at"

static void read_payment(Arena *a, const PgQuery *q, int r, void *v)
{
    Payment *p = v;
    p->id = pq_col_int(q, r, 0);
    p->dossier = pq_col_int(q, r, 1);
    p->amount = pq_col_int(q, r, 2);
    p->online = (int)pq_col_int(q, r, 3);
    p->gateway_ref = pq_col_text(a, q, r, 4);
    p->receipt_no = pq_col_text(a, q, r, 5);
    p->paid_at = pq_col_int(q, r, 6);
}

static int pg_payment_by_ref(Store *s, Arena *a, const char *ref, Payment *out, Err *e)
{
    static const char sql[] = "SELECT " PAYMENT_COLS " FROM payment WHERE gateway_ref = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, ref);
    int n = pq_run(&q, e, "payment get");
    if (n < 0)
        return n;
    if (n > 0)
        read_payment(a, &q, 0, out);
    pq_done(&q);
    return n > 0
               ? 0
               : err_set(e, ERR_NOT_FOUND, "ref", "Không có giao dịch này", "no such transaction");
}

static int pg_payments_of(Store *s, Arena *a, int64_t dossier, Payment **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " PAYMENT_COLS " FROM payment WHERE dossier = $1 ORDER BY id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    return pq_collect(&q, a, sizeof(Payment), read_payment, (void **)out, out_n, e, "payments");
}

static int pg_payment_order_add(Store *s, const char *ref, int64_t dossier, int64_t amount,
                                int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO payment_order (ref, dossier, amount, created_at) VALUES ($1, $2, $3, $4)";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, ref);
    pq_int(&q, 2, dossier);
    pq_int(&q, 3, amount);
    pq_int(&q, 4, now);
    int rc = pq_exec(&q, e, "payment order add");
    return rc < 0 ? rc : 0;
}

static int pg_payment_order_open(Store *s, Arena *a, int64_t dossier, int64_t amount,
                                 const char **out_ref, Err *e)
{
    static const char sql[] =
        "SELECT o.ref FROM payment_order o WHERE o.dossier = $1 AND o.amount = $2 AND NOT "
        "EXISTS (SELECT 1 FROM payment p WHERE p.gateway_ref = o.ref) ORDER BY o.created_at "
        "DESC LIMIT 1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    pq_int(&q, 2, amount);
    int n = pq_run(&q, e, "payment order open");
    if (n < 0)
        return n;
    if (n > 0)
        *out_ref = pq_col_text(a, &q, 0, 0);
    pq_done(&q);
    return n > 0 ? 0
                 : err_set(e, ERR_NOT_FOUND, "ref", "Không có lệnh thanh toán đang chờ",
                           "no open payment order");
}

static int pg_payment_order_get(Store *s, Arena *a, const char *ref, const char **out_code,
                                int64_t *out_amount, Err *e)
{
    static const char sql[] = "SELECT d.code, o.amount FROM payment_order o JOIN dossier d ON "
                              "d.id = o.dossier WHERE o.ref = $1";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, ref);
    int n = pq_run(&q, e, "payment order get");
    if (n < 0)
        return n;
    if (n > 0) {
        *out_code = pq_col_text(a, &q, 0, 0);
        *out_amount = pq_col_int(&q, 0, 1);
    }
    pq_done(&q);
    return n > 0 ? 0
                 : err_set(e, ERR_NOT_FOUND, "ref", "Không có lệnh thanh toán này",
                           "no such payment order");
}

static int pg_document_put(Store *s, const Document *d, Err *e)
{
    static const char sql[] = "INSERT INTO document (sha256, size, mime, created_at) VALUES ($1, "
                              "$2, $3, $4) ON CONFLICT (sha256) DO NOTHING";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, d->sha256);
    pq_int(&q, 2, d->size);
    pq_text(&q, 3, d->mime);
    pq_int(&q, 4, d->created_at);
    int rc = pq_exec(&q, e, "document put");
    return rc < 0 ? rc : 0;
}

static void read_document(Arena *a, const PgQuery *q, int r, void *v)
{
    Document *d = v;
    d->sha256 = pq_col_text(a, q, r, 0);
    d->size = pq_col_int(q, r, 1);
    d->mime = pq_col_text(a, q, r, 2);
    d->created_at = pq_col_int(q, r, 3);
}

static int pg_document_list(Store *s, Arena *a, Document **out, size_t *out_n, Err *e)
{
    static const char sql[] =
        "SELECT sha256, size, mime, created_at FROM document ORDER BY sha256 COLLATE \"C\"";
    PgQuery q;
    pq_init(&q, s, sql);
    return pq_collect(&q, a, sizeof(Document), read_document, (void **)out, out_n, e,
                      "document list");
}

static int pg_dossier_document_add(Store *s, DossierDocument *dd, Err *e)
{
    static const char sql[] = "INSERT INTO dossier_document (dossier, kind, name, sha256, "
                              "reused_from, created_by, created_at) VALUES ($1, $2, $3, $4, $5, "
                              "$6, $7) RETURNING id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dd->dossier);
    pq_text(&q, 2, dd->kind);
    pq_text(&q, 3, dd->name);
    pq_text(&q, 4, dd->sha256);
    pq_text(&q, 5, dd->reused_from);
    pq_text(&q, 6, dd->created_by);
    pq_int(&q, 7, dd->created_at);
    int n = pq_run(&q, e, "dossier document add");
    if (n < 0)
        return n;
    dd->id = n > 0 ? pq_col_int(&q, 0, 0) : 0;
    pq_done(&q);
    return 0;
}

static void read_dossier_document(Arena *a, const PgQuery *q, int r, void *v)
{
    DossierDocument *dd = v;
    dd->id = pq_col_int(q, r, 0);
    dd->dossier = pq_col_int(q, r, 1);
    dd->kind = pq_col_text(a, q, r, 2);
    dd->name = pq_col_text(a, q, r, 3);
    dd->sha256 = pq_col_text(a, q, r, 4);
    dd->reused_from = pq_col_text(a, q, r, 5);
    dd->created_by = pq_col_text(a, q, r, 6);
    dd->created_at = pq_col_int(q, r, 7);
    dd->mime = pq_col_text(a, q, r, 8);
    dd->size = pq_col_int(q, r, 9);
}

static int pg_dossier_documents(Store *s, Arena *a, int64_t dossier, DossierDocument **out,
                                size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT dd.id, dd.dossier, dd.kind, dd.name, dd.sha256, "
                              "dd.reused_from, dd.created_by, dd.created_at, d.mime, d.size "
                              "FROM dossier_document dd JOIN document d ON d.sha256 = dd.sha256 "
                              "WHERE dd.dossier = $1 ORDER BY dd.id";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, dossier);
    return pq_collect(&q, a, sizeof(DossierDocument), read_dossier_document, (void **)out, out_n, e,
                      "dossier documents");
}

static int pg_pending_put(Store *s, const PendingUpload *u, Err *e)
{
    static const char sql[] =
        "INSERT INTO pending_upload (token, sha256, filename, size, mime, created_at) VALUES ($1, "
        "$2, $3, $4, $5, $6) ON CONFLICT (token, sha256) DO UPDATE SET filename = "
        "excluded.filename, created_at = excluded.created_at";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, u->token);
    pq_text(&q, 2, u->sha256);
    pq_text(&q, 3, u->filename);
    pq_int(&q, 4, u->size);
    pq_text(&q, 5, u->mime);
    pq_int(&q, 6, u->created_at);
    int rc = pq_exec(&q, e, "pending upload put");
    return rc < 0 ? rc : 0;
}

#define PENDING_COLS "token, sha256, filename, size, mime, created_at"

static void read_pending(Arena *a, const PgQuery *q, int r, void *v)
{
    PendingUpload *u = v;
    u->token = pq_col_text(a, q, r, 0);
    u->sha256 = pq_col_text(a, q, r, 1);
    u->filename = pq_col_text(a, q, r, 2);
    u->size = pq_col_int(q, r, 3);
    u->mime = pq_col_text(a, q, r, 4);
    u->created_at = pq_col_int(q, r, 5);
}

static int pg_pending_get(Store *s, Arena *a, const char *token, const char *sha256,
                          PendingUpload *out, Err *e)
{
    static const char sql[] =
        "SELECT " PENDING_COLS " FROM pending_upload WHERE token = $1 AND sha256 = $2";
    PgQuery q;
    pq_init(&q, s, sql);
    pq_text(&q, 1, token);
    pq_text(&q, 2, sha256);
    int n = pq_run(&q, e, "pending upload get");
    if (n < 0)
        return n;
    if (n > 0)
        read_pending(a, &q, 0, out);
    pq_done(&q);
    return n > 0 ? 0
                 : err_set(e, ERR_NOT_FOUND, "file", "Không có tệp đã tải lên này",
                           "no such pending upload");
}

static int pg_pending_expire(Store *s, Arena *a, int64_t before, size_t limit, PendingUpload **out,
                             size_t *out_n, Err *e)
{
    static const char sql[] =
        "DELETE FROM pending_upload WHERE id IN (SELECT id FROM pending_upload WHERE created_at "
        "< $1 ORDER BY created_at LIMIT $2) RETURNING " PENDING_COLS;
    PgQuery q;
    pq_init(&q, s, sql);
    pq_int(&q, 1, before);
    pq_int(&q, 2, (int64_t)limit);
    return pq_collect(&q, a, sizeof(PendingUpload), read_pending, (void **)out, out_n, e,
                      "pending expire");
}

void pg_online_ops(StoreOps *o)
{
    o->notification_add = pg_notification_add;
    o->purge = pg_purge;
    o->notification_due = pg_notification_due;
    o->notification_done = pg_notification_done;
    o->payment_add = pg_payment_add;
    o->payment_by_ref = pg_payment_by_ref;
    o->payments_of = pg_payments_of;
    o->payment_order_add = pg_payment_order_add;
    o->payment_order_open = pg_payment_order_open;
    o->payment_order_get = pg_payment_order_get;
    o->document_put = pg_document_put;
    o->document_list = pg_document_list;
    o->dossier_document_add = pg_dossier_document_add;
    o->dossier_documents = pg_dossier_documents;
    o->pending_put = pg_pending_put;
    o->pending_get = pg_pending_get;
    o->pending_expire = pg_pending_expire;
}

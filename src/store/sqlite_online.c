/* sqlite_online.c: the notification outbox, documents, pending uploads and payments in the
 * SQLite backend (store.h), and the retention sweep (store_purge). */
#include "store/sqlite_int.h"

#include <string.h>

static int sq_notification_add(Store *s, const Notice *n, int64_t now, Err *e)
{
    /* the body is built by SQLite's JSON functions: json_patch drops appointment_at when it
     * is NULL (RFC 7396) */
    static const char sql[] =
        "INSERT INTO notification (dossier_code, kind, body, next_at, created_at) VALUES (?1, ?2, "
        "json_patch(json_object('kind', ?2, 'dossier', ?1, 'unit', ?3, 'to', json(?4), "
        "'message', ?5), json_object('appointment_at', ?6)), ?7, ?7)";
    PREP(st, sql);
    sq_bind_text(st, 1, n->dossier_code);
    sq_bind_text(st, 2, n->kind);
    sq_bind_text(st, 3, n->unit);
    sq_bind_text(st, 4, n->applicant);
    sq_bind_text(st, 5, n->message);
    sq_bind_text(st, 6, n->appointment_at);
    sqlite3_bind_int64(st, 7, now);
    return sq_step_done(s, st, e, "notification add");
}

/* At most this many rows of each table are deleted per call. Messages and deliveries are
 * read by id from the lowest one up, since their ids grow with created_at: a sweep reads no
 * more than this many rows, however large the table. */
enum { PURGE_BATCH = 5000 };

static int sq_purge(Store *s, int64_t now, long *out_rows, Err *e)
{
    static const char idem[] =
        "DELETE FROM idempotency WHERE (principal, key) IN (SELECT principal, key FROM "
        "idempotency WHERE created_at < ?2 LIMIT ?1)";
    static const char notification[] =
        "DELETE FROM notification WHERE id >= (SELECT min(id) FROM notification) AND id < "
        "(SELECT min(id) FROM notification) + ?1 AND created_at < ?2";
    static const char outbox[] =
        "DELETE FROM outbox WHERE id >= (SELECT min(id) FROM outbox) AND id < (SELECT min(id) "
        "FROM outbox) + ?1 AND created_at < ?2";
    const char *const sweeps[] = {idem, notification, outbox};
    const int64_t keep[] = {7 * 86400, 90 * 86400, 90 * 86400};
    long rows = 0;
    int rc = 0;
    for (int i = 0; rc == 0 && i < 3; i++) {
        PREP(st, sweeps[i]);
        sqlite3_bind_int(st, 1, PURGE_BATCH);
        sqlite3_bind_int64(st, 2, now - keep[i]);
        if ((rc = sq_step_done(s, st, e, "purge")) == 0)
            rows += sqlite3_changes(sq(s)->db);
    }
    *out_rows = rows;
    return rc;
}

static void read_notification(Arena *a, sqlite3_stmt *st, void *v)
{
    Notification *n = v;
    n->id = sqlite3_column_int64(st, 0);
    n->dossier_code = sq_col_text(a, st, 1);
    n->kind = sq_col_text(a, st, 2);
    n->body = sq_col_text(a, st, 3);
    n->attempts = sqlite3_column_int(st, 4);
}

static int sq_notification_due(Store *s, Arena *a, int64_t now, size_t limit, Notification **out,
                               size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT id, dossier_code, kind, body, attempts FROM notification "
                              "WHERE sent_at IS NULL AND failed_at IS NULL AND next_at <= ?1 "
                              "ORDER BY next_at, id LIMIT ?2";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(Notification), read_notification, (void **)out, out_n, e);
}

static int sq_notification_done(Store *s, int64_t id, int ok, const char *error, int64_t now,
                                int64_t next_at, Err *e)
{
    static const char sql[] = "UPDATE notification SET attempts = attempts + 1, last_error = ?3, "
                              "sent_at = CASE WHEN ?2 THEN ?4 END, "
                              "failed_at = CASE WHEN NOT ?2 AND ?5 = 0 THEN ?4 END, "
                              "next_at = CASE WHEN ?5 = 0 THEN next_at ELSE ?5 END WHERE id = ?1";
    return sq_attempt_done(s, sql, id, ok, error, now, next_at, e);
}

static int sq_payment_add(Store *s, Arena *a, const char *unit, int year, Payment *p,
                          const char **out_receipt, Err *e)
{
    static const char counter[] = "INSERT INTO receipt_counter (unit, year, last) VALUES (?1, ?2, "
                                  "1) ON CONFLICT (unit, year) DO UPDATE SET last = last + 1 "
                                  "RETURNING last";
    static const char insert[] = "INSERT INTO payment (dossier, amount, online, gateway_ref, "
                                 "receipt_no, paid_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    PREP(sc, counter);
    sq_bind_text(sc, 1, unit);
    sqlite3_bind_int(sc, 2, year);
    if (sqlite3_step(sc) != SQLITE_ROW) {
        int rc = sq_fail(s, e, "receipt counter");
        sqlite3_reset(sc);
        return rc;
    }
    long long n = sqlite3_column_int64(sc, 0);
    sqlite3_reset(sc);
    const char *receipt = arena_printf(a, "%s/%d/%06lld", unit, year, n);
    PREP(st, insert);
    sqlite3_bind_int64(st, 1, p->dossier);
    sqlite3_bind_int64(st, 2, p->amount);
    sqlite3_bind_int(st, 3, p->online);
    sq_bind_text(st, 4, p->gateway_ref);
    sq_bind_text(st, 5, receipt);
    sqlite3_bind_int64(st, 6, p->paid_at);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(sq(s)->db) & 0xff) == SQLITE_CONSTRAINT)
            return err_set(e, ERR_CONFLICT, "ref", "Giao dịch này đã được ghi nhận",
                           "this transaction was recorded already");
        return sq_fail(s, e, "payment add");
    }
    p->receipt_no = receipt;
    *out_receipt = receipt;
    return 0;
}

#define PAYMENT_COLS "id, dossier, amount, online, gateway_ref, receipt_no, paid_at"

static void read_payment(Arena *a, sqlite3_stmt *st, void *v)
{
    Payment *p = v;
    p->id = sqlite3_column_int64(st, 0);
    p->dossier = sqlite3_column_int64(st, 1);
    p->amount = sqlite3_column_int64(st, 2);
    p->online = sqlite3_column_int(st, 3);
    p->gateway_ref = sq_col_text(a, st, 4);
    p->receipt_no = sq_col_text(a, st, 5);
    p->paid_at = sqlite3_column_int64(st, 6);
}

static int sq_payment_by_ref(Store *s, Arena *a, const char *ref, Payment *out, Err *e)
{
    static const char sql[] = "SELECT " PAYMENT_COLS " FROM payment WHERE gateway_ref = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, ref);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_payment(a, st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "payment get");
    return err_set(e, ERR_NOT_FOUND, "ref", "Không có giao dịch này", "no such transaction");
}

static int sq_payments_of(Store *s, Arena *a, int64_t dossier, Payment **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT " PAYMENT_COLS " FROM payment WHERE dossier = ?1 ORDER BY id";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    return sq_collect(s, a, st, sizeof(Payment), read_payment, (void **)out, out_n, e);
}

static int sq_payment_order_add(Store *s, const char *ref, int64_t dossier, int64_t amount,
                                int64_t now, Err *e)
{
    static const char sql[] =
        "INSERT INTO payment_order (ref, dossier, amount, created_at) VALUES (?1, ?2, ?3, ?4)";
    PREP(st, sql);
    sq_bind_text(st, 1, ref);
    sqlite3_bind_int64(st, 2, dossier);
    sqlite3_bind_int64(st, 3, amount);
    sqlite3_bind_int64(st, 4, now);
    return sq_step_done(s, st, e, "payment order add");
}

static int sq_payment_order_open(Store *s, Arena *a, int64_t dossier, int64_t amount,
                                 const char **out_ref, Err *e)
{
    static const char sql[] =
        "SELECT o.ref FROM payment_order o WHERE o.dossier = ?1 AND o.amount = ?2 AND NOT "
        "EXISTS (SELECT 1 FROM payment p WHERE p.gateway_ref = o.ref) ORDER BY o.created_at "
        "DESC LIMIT 1";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    sqlite3_bind_int64(st, 2, amount);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out_ref = sq_col_text(a, st, 0);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "payment order open");
    return err_set(e, ERR_NOT_FOUND, "ref", "Không có lệnh thanh toán đang chờ",
                   "no open payment order");
}

static int sq_payment_order_get(Store *s, Arena *a, const char *ref, const char **out_code,
                                int64_t *out_amount, Err *e)
{
    static const char sql[] = "SELECT d.code, o.amount FROM payment_order o JOIN dossier d ON "
                              "d.id = o.dossier WHERE o.ref = ?1";
    PREP(st, sql);
    sq_bind_text(st, 1, ref);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out_code = sq_col_text(a, st, 0);
        *out_amount = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "payment order get");
    return err_set(e, ERR_NOT_FOUND, "ref", "Không có lệnh thanh toán này",
                   "no such payment order");
}

static int sq_document_put(Store *s, const Document *d, Err *e)
{
    static const char sql[] = "INSERT INTO document (sha256, size, mime, created_at) VALUES (?1, "
                              "?2, ?3, ?4) ON CONFLICT (sha256) DO NOTHING";
    PREP(st, sql);
    sq_bind_text(st, 1, d->sha256);
    sqlite3_bind_int64(st, 2, d->size);
    sq_bind_text(st, 3, d->mime);
    sqlite3_bind_int64(st, 4, d->created_at);
    return sq_step_done(s, st, e, "document put");
}

static void read_document(Arena *a, sqlite3_stmt *st, void *v)
{
    Document *d = v;
    d->sha256 = sq_col_text(a, st, 0);
    d->size = sqlite3_column_int64(st, 1);
    d->mime = sq_col_text(a, st, 2);
    d->created_at = sqlite3_column_int64(st, 3);
}

static int sq_document_list(Store *s, Arena *a, Document **out, size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT sha256, size, mime, created_at FROM document ORDER BY sha256";
    PREP(st, sql);
    return sq_collect(s, a, st, sizeof(Document), read_document, (void **)out, out_n, e);
}

static int sq_dossier_document_add(Store *s, DossierDocument *dd, Err *e)
{
    static const char sql[] = "INSERT INTO dossier_document (dossier, kind, name, sha256, "
                              "reused_from, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                              "?6, ?7)";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dd->dossier);
    sq_bind_text(st, 2, dd->kind);
    sq_bind_text(st, 3, dd->name);
    sq_bind_text(st, 4, dd->sha256);
    sq_bind_text(st, 5, dd->reused_from);
    sq_bind_text(st, 6, dd->created_by);
    sqlite3_bind_int64(st, 7, dd->created_at);
    int rc = sq_step_done(s, st, e, "dossier document add");
    if (rc == 0)
        dd->id = sqlite3_last_insert_rowid(sq(s)->db);
    return rc;
}

static void read_dossier_document(Arena *a, sqlite3_stmt *st, void *v)
{
    DossierDocument *dd = v;
    dd->id = sqlite3_column_int64(st, 0);
    dd->dossier = sqlite3_column_int64(st, 1);
    dd->kind = sq_col_text(a, st, 2);
    dd->name = sq_col_text(a, st, 3);
    dd->sha256 = sq_col_text(a, st, 4);
    dd->reused_from = sq_col_text(a, st, 5);
    dd->created_by = sq_col_text(a, st, 6);
    dd->created_at = sqlite3_column_int64(st, 7);
    dd->mime = sq_col_text(a, st, 8);
    dd->size = sqlite3_column_int64(st, 9);
}

static int sq_dossier_documents(Store *s, Arena *a, int64_t dossier, DossierDocument **out,
                                size_t *out_n, Err *e)
{
    static const char sql[] = "SELECT dd.id, dd.dossier, dd.kind, dd.name, dd.sha256, "
                              "dd.reused_from, dd.created_by, dd.created_at, d.mime, d.size "
                              "FROM dossier_document dd JOIN document d ON d.sha256 = dd.sha256 "
                              "WHERE dd.dossier = ?1 ORDER BY dd.id";
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, dossier);
    return sq_collect(s, a, st, sizeof(DossierDocument), read_dossier_document, (void **)out, out_n,
                      e);
}

static int sq_pending_put(Store *s, const PendingUpload *u, Err *e)
{
    static const char sql[] =
        "INSERT INTO pending_upload (token, sha256, filename, size, mime, created_at) VALUES (?1, "
        "?2, ?3, ?4, ?5, ?6) ON CONFLICT (token, sha256) DO UPDATE SET filename = "
        "excluded.filename, created_at = excluded.created_at";
    PREP(st, sql);
    sq_bind_text(st, 1, u->token);
    sq_bind_text(st, 2, u->sha256);
    sq_bind_text(st, 3, u->filename);
    sqlite3_bind_int64(st, 4, u->size);
    sq_bind_text(st, 5, u->mime);
    sqlite3_bind_int64(st, 6, u->created_at);
    return sq_step_done(s, st, e, "pending upload put");
}

#define PENDING_COLS "token, sha256, filename, size, mime, created_at"

static void read_pending(Arena *a, sqlite3_stmt *st, void *v)
{
    PendingUpload *u = v;
    u->token = sq_col_text(a, st, 0);
    u->sha256 = sq_col_text(a, st, 1);
    u->filename = sq_col_text(a, st, 2);
    u->size = sqlite3_column_int64(st, 3);
    u->mime = sq_col_text(a, st, 4);
    u->created_at = sqlite3_column_int64(st, 5);
}

static int sq_pending_get(Store *s, Arena *a, const char *token, const char *sha256,
                          PendingUpload *out, Err *e)
{
    static const char sql[] =
        "SELECT " PENDING_COLS " FROM pending_upload WHERE token = ?1 AND sha256 = ?2";
    PREP(st, sql);
    sq_bind_text(st, 1, token);
    sq_bind_text(st, 2, sha256);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_pending(a, st, out);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, "pending upload get");
    return err_set(e, ERR_NOT_FOUND, "file", "Không có tệp đã tải lên này",
                   "no such pending upload");
}

static int sq_pending_expire(Store *s, Arena *a, int64_t before, size_t limit, PendingUpload **out,
                             size_t *out_n, Err *e)
{
    static const char sql[] =
        "DELETE FROM pending_upload WHERE id IN (SELECT id FROM pending_upload WHERE created_at "
        "< ?1 ORDER BY created_at LIMIT ?2) RETURNING " PENDING_COLS;
    PREP(st, sql);
    sqlite3_bind_int64(st, 1, before);
    sqlite3_bind_int64(st, 2, (int64_t)limit);
    return sq_collect(s, a, st, sizeof(PendingUpload), read_pending, (void **)out, out_n, e);
}

void sq_online_ops(StoreOps *o)
{
    o->notification_add = sq_notification_add;
    o->purge = sq_purge;
    o->notification_due = sq_notification_due;
    o->notification_done = sq_notification_done;
    o->payment_add = sq_payment_add;
    o->payment_by_ref = sq_payment_by_ref;
    o->payments_of = sq_payments_of;
    o->payment_order_add = sq_payment_order_add;
    o->payment_order_open = sq_payment_order_open;
    o->payment_order_get = sq_payment_order_get;
    o->document_put = sq_document_put;
    o->document_list = sq_document_list;
    o->dossier_document_add = sq_dossier_document_add;
    o->dossier_documents = sq_dossier_documents;
    o->pending_put = sq_pending_put;
    o->pending_get = sq_pending_get;
    o->pending_expire = sq_pending_expire;
}

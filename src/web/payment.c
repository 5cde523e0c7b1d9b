/* payment.c: starting an online payment and settling the gateway's callback (see
 * payment.h). */
#include "web/payment.h"

#include "io/html.h"
#include "app/jsonv.h"
#include "app/dossiers.h"
#include "util/secret.h"
#include "web/publicview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Order: what a started payment asks the gateway to collect, kept under its reference so
 * that the callback can be held to it. */
typedef struct Order {
    const char *ref;
    int64_t dossier, amount, now;
    Arena *arena;
} Order;

/* write_order records o, or takes over the reference of an order for the same dossier and
 * amount that is still open: a citizen who starts again (back, then pay once more) is sent
 * to the same payment, not to a second one. */
static int write_order(Store *s, void *ctx, Err *e)
{
    Order *o = ctx;
    Err nf;
    if (store_payment_order_open(s, o->arena, o->dossier, o->amount, &o->ref, &nf) == 0)
        return 0;
    return store_payment_order_add(s, o->ref, o->dossier, o->amount, o->now, e);
}

int payment_start(Request *req, const char *code, const char *key, PaymentOrder *out)
{
    PublicView v;
    int rc = publicview_lookup(req, code, key, &v);
    if (rc < 0)
        return rc;
    int64_t due = v.d.fee - v.d.p.paid_amount;
    if (due <= 0)
        return req_fail(req, ERR_SEMANTIC, "code", "Hồ sơ không còn khoản phí, lệ phí phải nộp",
                        "nothing is due on this dossier");
    if (!lookup_payable(&v))
        return req_fail(req, ERR_SEMANTIC, "code", "Hồ sơ chưa được tiếp nhận",
                        "the dossier has not been received");
    if (!req_test_gateway(req))
        return req_fail(req, ERR_UNAVAILABLE, "", "Chưa cấu hình cổng thanh toán trực tuyến",
                        "no online payment gateway is configured");
    char ref[SECRET_TOKEN_LEN + 1];
    secret_token(ref);
    Order o = {arena_strdup(req->arena, ref), v.d.id, due, req_now(req), req->arena};
    if ((rc = req_write(req, write_order, &o)) < 0)
        return rc;
    *out =
        (PaymentOrder){o.ref, v.d.code, due,
                       html_path(req->arena, "/cong-thanh-toan-thu?ref=%s&dossier=%s&amount=%lld",
                                 o.ref, v.d.code, (long long)due)};
    return 0;
}

/* Paid: a callback being settled: what it says, and what write_paid found or recorded. */
typedef struct Paid {
    Request *req;
    const char *code, *ref, *receipt;
    int64_t amount;
    int replayed;
} Paid;

static int write_paid(Store *s, void *ctx, Err *e)
{
    Paid *p = ctx;
    Payment known;
    Err nf;
    if (store_payment_by_ref(s, p->req->arena, p->ref, &known, &nf) == 0) {
        p->receipt = known.receipt_no; /* a replayed callback: already paid */
        p->replayed = 1;
        return 0;
    }
    /* the gateway collects what the citizen's browser told it: hold it to the order */
    const char *ordered_code;
    int64_t ordered;
    int found = store_payment_order_get(s, p->req->arena, p->ref, &ordered_code, &ordered, e);
    if (found == ERR_NOT_FOUND)
        return err_set(e, ERR_SEMANTIC, "ref", "Không có lệnh thanh toán với mã giao dịch này",
                       "no payment was started with this reference");
    if (found < 0)
        return found;
    if (strcmp(ordered_code, p->code) != 0 || ordered != p->amount)
        return err_set(e, ERR_SEMANTIC, "amount",
                       "Hồ sơ hoặc số tiền không khớp với lệnh thanh toán",
                       "the dossier or the amount differs from the payment started");
    /* dossiers_pay_online holds it to what is still due now (ERR_CONFLICT) */
    int rc = dossiers_pay_online(s, p->req->arena, p->code, p->amount, p->ref, req_now(p->req), e);
    if (rc == 0)
        rc = store_payment_by_ref(s, p->req->arena, p->ref, &known, e);
    if (rc == 0)
        p->receipt = known.receipt_no;
    return rc;
}

int payment_settle(Request *req, const char *body, size_t len, const char *signature,
                   PaymentSettled *out)
{
    char mac[65], want[80];
    secret_hmac_hex(req_payment_secret(req), body, len, mac);
    snprintf(want, sizeof want, "sha256=%s", mac);
    if (!signature || !secret_equal(signature, want))
        return req_fail(req, ERR_AUTH, "X-Gateway-Signature", "Chữ ký của cổng thanh toán sai",
                        "the gateway signature does not match");
    json_t *o;
    int rc = jsonv_parse(body, len, &o, &req->err);
    if (rc < 0)
        return rc;
    static const char *const keys[] = {"ref", "dossier", "amount", "status", NULL};
    static const char *const statuses[] = {"paid", "failed", NULL};
    const char *status = NULL;
    int64_t amount = 0;
    Paid p = {.req = req};
    if ((rc = jsonv_only(o, keys, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "ref", 1, 128, &p.ref, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "dossier", 1, 64, &p.code, &req->err)) == 0 &&
        (rc = jsonv_int(o, "amount", 1, 1, 1000000000000LL, &amount, &req->err)) == 0)
        rc = jsonv_enum(o, "status", 1, statuses, &status, &req->err);
    json_decref(o);
    if (rc < 0)
        return rc;
    p.amount = amount;
    if (strcmp(status, "paid") == 0 && (rc = req_write(req, write_paid, &p)) < 0)
        return rc; /* a failed payment changes nothing */
    *out = (PaymentSettled){p.ref, p.code, p.amount, p.receipt, p.replayed};
    return 0;
}

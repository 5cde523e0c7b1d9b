/* payments.c: online payment of fees (DESIGN §3 payment; Decision 766 indicator 3.6):
 * POST /api/v1/payments {code, key} starts a payment of what is still due, records it as an
 * order under a new reference and answers the gateway address; POST /api/v1/payments/callback
 * is the gateway's signed report (header X-Gateway-Signature: sha256=HMAC-SHA256(body)), held
 * to its order (the same dossier and amount); a replayed callback is answered again without
 * paying twice; the payment becomes a `pay` event with an e-receipt numbered per
 * unit and year. GET/POST /cong-thanh-toan-thu is the bundled test gateway (serve
 * --test-gateway), which signs and sends the same callback. */
#include "web/api/api.h"

#include "app/dossiers.h"
#include "util/escape.h"
#include "web/form.h"
#include "web/pages/layout.h"
#include "web/publicview.h"

#include <string.h>

/* pay_url is the address of the bundled gateway for a payment. */
static const char *pay_url(Request *req, const char *ref, const char *code, int64_t amount)
{
    StrBuf sb;
    sb_init(&sb, 4096);
    sb_puts(&sb, "/cong-thanh-toan-thu?ref=");
    esc_url(&sb, ref);
    sb_puts(&sb, "&dossier=");
    esc_url(&sb, code);
    sb_appendf(&sb, "&amount=%lld", (long long)amount);
    const char *r = arena_strdup(req->arena, sb.data ? sb.data : "");
    sb_free(&sb);
    return r;
}

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

/* start looks the dossier up by code and key, checks that something is due and a gateway is
 * configured, and records the order under a new reference (o, with ref in the arena). */
static int start(Request *req, const char *code, const char *key, Order *o, const char **out_code)
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
    *o = (Order){arena_strdup(req->arena, ref), v.d.id, due, req_now(req), req->arena};
    *out_code = v.d.code;
    return req_write(req, write_order, o);
}

int api_payments_start(Request *req, Response *res)
{
    json_t *o;
    int rc = req_json(req, &o);
    if (rc < 0)
        return rc;
    static const char *const keys[] = {"code", "key", NULL};
    const char *code = NULL, *key = NULL;
    if ((rc = jsonv_only(o, keys, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "code", 1, 64, &code, &req->err)) == 0)
        rc = jsonv_str(req->arena, o, "key", 1, 8, &key, &req->err);
    json_decref(o);
    Order order;
    if (rc < 0 || (rc = start(req, code, key, &order, &code)) < 0)
        return rc;
    res_json(res, 201,
             json_pack("{s:s, s:s, s:I, s:s}", "ref", order.ref, "dossier", code, "amount",
                       (json_int_t)order.amount, "pay_url",
                       pay_url(req, order.ref, code, order.amount)));
    return 0;
}

int page_payment_start(Request *req, Response *res)
{
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    const char *code = form_get(req, "ma"), *key = form_get(req, "key");
    Order order;
    if ((rc = start(req, code, key, &order, &code)) < 0)
        return rc;
    res_redirect(res, pay_url(req, order.ref, code, order.amount));
    return 0;
}

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
    int64_t ordered, due;
    int found = store_payment_order_get(s, p->req->arena, p->ref, &ordered_code, &ordered, &due, e);
    if (found == ERR_NOT_FOUND)
        return err_set(e, ERR_SEMANTIC, "ref", "Không có lệnh thanh toán với mã giao dịch này",
                       "no payment was started with this reference");
    if (found < 0)
        return found;
    if (strcmp(ordered_code, p->code) != 0 || ordered != p->amount)
        return err_set(e, ERR_SEMANTIC, "amount",
                       "Hồ sơ hoặc số tiền không khớp với lệnh thanh toán",
                       "the dossier or the amount differs from the payment started");
    if (p->amount > due) /* paid meanwhile, at the counter or by another order */
        return err_set(e, ERR_CONFLICT, "amount", "Hồ sơ đã nộp đủ phí, lệ phí",
                       "the fee of this dossier has been paid already");
    Event ev = {.action = ACTION_PAY, .amount = p->amount, .online = true, .receipt = p->ref};
    Actor gateway = {"cổng thanh toán", ROLE_INTEGRATION, NULL};
    int rc = dossiers_act(s, p->req->arena, p->code, &ev, &gateway, req_now(p->req), NULL, e);
    if (rc == 0)
        rc = store_payment_by_ref(s, p->req->arena, p->ref, &known, e);
    if (rc == 0)
        p->receipt = known.receipt_no;
    return rc;
}

/* payments_settle verifies a callback body's signature and records the payment once. */
static int settle(Request *req, const char *body, size_t len, const char *signature, Paid *out)
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
    if (strcmp(status, "paid") != 0) {
        *out = p;
        return 0; /* a failed payment changes nothing */
    }
    if ((rc = req_write(req, write_paid, &p)) < 0)
        return rc;
    *out = p;
    return 0;
}

int api_payments_callback(Request *req, Response *res)
{
    Paid p;
    int rc = settle(req, req->body, req->body_len, req_header(req, "X-Gateway-Signature"), &p);
    if (rc < 0)
        return rc;
    res_json(
        res, 200,
        json_pack("{s:s, s:s?, s:b}", "ref", p.ref, "receipt", p.receipt, "replayed", p.replayed));
    return 0;
}

/* ---- the bundled test gateway ---- */

int page_test_gateway(Request *req, Response *res)
{
    if (!req_test_gateway(req))
        return req_fail(req, ERR_NOT_FOUND, "", "Không có trang này", "no such page");
    const char *ref = req_query(req, "ref"), *code = req_query(req, "dossier");
    const char *amount = req_query(req, "amount");
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    if (strcmp(req->method, "POST") == 0) {
        ref = form_get(req, "ref");
        code = form_get(req, "dossier");
        amount = form_get(req, "amount");
        json_t *o = json_pack(
            "{s:s, s:s, s:I, s:s}", "ref", ref ? ref : "", "dossier", code ? code : "", "amount",
            (json_int_t)(amount ? strtoll(amount, NULL, 10) : 0), "status", "paid");
        char *body = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        char mac[65], sig[80];
        secret_hmac_hex(req_payment_secret(req), body, strlen(body), mac);
        snprintf(sig, sizeof sig, "sha256=%s", mac);
        Paid p;
        int rc = settle(req, body, strlen(body), sig, &p);
        free(body);
        page_begin(&sb, req, "Cổng thanh toán thử nghiệm", NULL);
        if (rc < 0) {
            page_notice(&sb, req->err.message, 1);
        } else {
            HTML_LIT(&sb,
                     "<p class=\"notice\" role=\"status\">Đã thanh toán. Biên lai điện tử số ");
            html_text(&sb, p.receipt);
            HTML_LIT(&sb, ".</p>");
        }
        HTML_LIT(&sb, "<p><a");
        html_url_attr(&sb, "href", "/tra-cuu", "ma", code, NULL);
        HTML_LIT(&sb, ">Quay lại tra cứu hồ sơ</a></p>");
        page_end(&sb);
        return page_send(req, res, &sb, rc < 0 ? 400 : 200);
    }
    page_begin(&sb, req, "Cổng thanh toán thử nghiệm", NULL);
    page_notice(&sb, "Đây là cổng thử nghiệm dành cho phát triển: không có tiền thật.", 0);
    HTML_LIT(&sb, "<form class=\"stack\" method=\"post\" action=\"/cong-thanh-toan-thu\">"
                  "<dl class=\"kv\"><dt>Hồ sơ</dt><dd>");
    html_text(&sb, code ? code : "");
    HTML_LIT(&sb, "</dd><dt>Số tiền</dt><dd>");
    html_text(&sb, amount ? amount : "0");
    HTML_LIT(&sb, " đồng</dd></dl><input type=\"hidden\" name=\"ref\"");
    html_attr(&sb, "value", ref ? ref : "");
    HTML_LIT(&sb, "><input type=\"hidden\" name=\"dossier\"");
    html_attr(&sb, "value", code ? code : "");
    HTML_LIT(&sb, "><input type=\"hidden\" name=\"amount\"");
    html_attr(&sb, "value", amount ? amount : "0");
    HTML_LIT(&sb, "><button type=\"submit\">Xác nhận thanh toán</button></form>");
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}

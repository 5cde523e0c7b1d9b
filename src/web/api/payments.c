/* payments.c: the JSON API of online payment (see web/payment.h, which both this and the
 * citizen's pages use): POST /api/v1/payments {code, key} starts a payment of what is still
 * due and answers its reference, amount and the gateway address; POST
 * /api/v1/payments/callback is the gateway's signed report (header X-Gateway-Signature:
 * sha256=HMAC-SHA256(body)); a replayed callback is answered again without paying twice. */
#include "web/api/api.h"

#include "web/payment.h"

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
        rc = jsonv_str(req->arena, o, "key", 1, 16, &key, &req->err);
    json_decref(o);
    PaymentOrder order;
    if (rc < 0 || (rc = payment_start(req, code, key, &order)) < 0)
        return rc;
    res_json(res, 201,
             json_pack("{s:s, s:s, s:I, s:s}", "ref", order.ref, "dossier", order.code, "amount",
                       (json_int_t)order.amount, "pay_url", order.pay_url));
    return 0;
}

int api_payments_callback(Request *req, Response *res)
{
    PaymentSettled p;
    int rc =
        payment_settle(req, req->body, req->body_len, req_header(req, "X-Gateway-Signature"), &p);
    if (rc < 0)
        return rc;
    res_json(
        res, 200,
        json_pack("{s:s, s:s?, s:b}", "ref", p.ref, "receipt", p.receipt, "replayed", p.replayed));
    return 0;
}

/* test_gateway.c: GET/POST /cong-thanh-toan-thu, the bundled test payment gateway (serve
 * --test-gateway; 404 otherwise), for development and the tests: GET shows the order it is
 * sent to (ref, dossier, amount) with a button; POST signs the callback a real gateway would
 * send for it and settles it as POST /api/v1/payments/callback does (web/payment.h), then
 * shows the e-receipt's number or the refusal. No money moves. */
#include "web/pages/pages.h"

#include "util/secret.h"
#include "web/form.h"
#include "web/pages/layout.h"
#include "web/payment.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pay signs and settles the callback for the posted order, and shows what came of it. */
static int pay(Request *req, Response *res)
{
    const char *ref = form_get(req, "ref"), *code = form_get(req, "dossier");
    const char *amount = form_get(req, "amount");
    json_t *o =
        json_pack("{s:s, s:s, s:I, s:s}", "ref", ref ? ref : "", "dossier", code ? code : "",
                  "amount", (json_int_t)(amount ? strtoll(amount, NULL, 10) : 0), "status", "paid");
    char *body = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    char mac[65], sig[80];
    secret_hmac_hex(req_payment_secret(req), body, strlen(body), mac);
    snprintf(sig, sizeof sig, "sha256=%s", mac);
    PaymentSettled p;
    int rc = payment_settle(req, body, strlen(body), sig, &p);
    free(body);
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    page_begin(&sb, req, "Cổng thanh toán thử nghiệm", NULL);
    if (rc < 0)
        page_notice(&sb, req->err.message, 1);
    else
        html(&sb, "<p class=\"notice\" role=\"status\">Đã thanh toán. Biên lai điện tử số %s.</p>",
             p.receipt);
    html(&sb, "<p><a href=\"%s\">Quay lại tra cứu hồ sơ</a></p>",
         html_url(req->arena, "/tra-cuu", "ma", code, NULL));
    page_end(&sb);
    return page_send(req, res, &sb, rc < 0 ? 400 : 200);
}

int page_test_gateway(Request *req, Response *res)
{
    if (!req_test_gateway(req))
        return req_fail(req, ERR_NOT_FOUND, "", "Không có trang này", "no such page");
    if (strcmp(req->method, "POST") == 0)
        return pay(req, res);
    const char *ref = req_query(req, "ref"), *code = req_query(req, "dossier");
    const char *amount = req_query(req, "amount");
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    page_begin(&sb, req, "Cổng thanh toán thử nghiệm", NULL);
    page_notice(&sb, "Đây là cổng thử nghiệm dành cho phát triển: không có tiền thật.", 0);
    html(&sb,
         "<form class=\"stack\" method=\"post\" action=\"/cong-thanh-toan-thu\"><dl class=\"kv\">"
         "<dt>Hồ sơ</dt><dd>%s</dd><dt>Số tiền</dt><dd>%s đồng</dd></dl>"
         "<input type=\"hidden\" name=\"ref\" value=\"%s\">"
         "<input type=\"hidden\" name=\"dossier\" value=\"%s\">"
         "<input type=\"hidden\" name=\"amount\" value=\"%s\">"
         "<button type=\"submit\">Xác nhận thanh toán</button></form>",
         code ? code : "", amount ? amount : "0", ref ? ref : "", code ? code : "",
         amount ? amount : "0");
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}

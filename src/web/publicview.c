/* publicview.c: the public look-up and rating of a dossier over HTTP (see publicview.h).
 * Shared by GET /api/v1/lookup, POST /api/v1/ratings and the pages /tra-cuu and /danh-gia, so
 * that the throttling exists once; the key check and the masking are app/lookup.c's. */
#include "web/publicview.h"

#include "app/record.h"
#include "io/dossier_json.h"
#include "web/throttle.h"

#include <string.h>

/* find_dossier loads code and checks key; every failure looks the same and counts. */
static int find_dossier(Request *req, const char *code, const char *key, Dossier *out)
{
    Throttle *t = req_throttle(req, THROTTLE_LOOKUP_IP);
    int64_t now = req_now(req), wait = throttle_blocked(t, req->client_ip, now);
    if (wait > 0) {
        req->retry_after = wait;
        return req_fail(req, ERR_THROTTLED, "", "Tra cứu sai quá nhiều lần; vui lòng thử lại sau",
                        "too many failed look-ups; try again later");
    }
    if (!code || !key || strlen(key) != 4 || strspn(key, "0123456789") != 4 || strlen(code) > 64)
        return req_fail(req, ERR_INVALID, key ? "code" : "key",
                        "Cần mã hồ sơ và 4 số cuối điện thoại hoặc số định danh",
                        "code and key (the last 4 digits of the phone or identity number) are "
                        "required");
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int rc = lookup_find(s, req->arena, code, key, out, &req->err);
    if (rc == ERR_NOT_FOUND)
        throttle_fail(t, req->client_ip, now);
    return rc;
}

/* view fills v from the store, in one read transaction (one snapshot, taken once). */
static int view(Request *req, const char *code, const char *key, PublicView *v)
{
    Dossier d;
    int rc = find_dossier(req, code, key, &d);
    return rc < 0 ? rc : lookup_view(req_store(req), req->arena, &d, v, &req->err);
}

int publicview_lookup(Request *req, const char *code, const char *key, PublicView *out)
{
    PublicView v = {0};
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int rc = store_read_begin(s, &req->err);
    if (rc < 0)
        return rc;
    rc = view(req, code, key, &v);
    store_read_end(s);
    if (rc == 0)
        *out = v;
    return rc;
}

json_t *publicview_json(const PublicView *v, int64_t now)
{
    json_t *history = json_array();
    for (size_t i = 0; i < v->n_history; i++)
        json_array_append_new(
            history, json_pack("{s:o, s:s, s:s}", "at", record_instant(v->history[i].at), "action",
                               v->history[i].action, "label", v->history[i].label));
    json_t *o = json_object();
    json_object_set_new(o, "code", json_string(v->d.code));
    json_object_set_new(o, "procedure",
                        json_pack("{s:s, s:s}", "code", v->d.procedure, "name", v->procedure_name));
    json_object_set_new(o, "unit",
                        json_pack("{s:s, s:s}", "code", v->d.unit, "name", v->unit_name));
    json_object_set_new(o, "applicant", json_string(v->applicant));
    dossier_json_status(o, &v->d, now);
    json_object_set_new(o, "fee", json_integer(v->d.fee));
    json_object_set_new(o, "can_rate", json_boolean(v->can_rate));
    json_object_set_new(o, "history", history);
    json_t *results = json_array(); /* downloaded with GET /api/v1/lookup/result */
    for (size_t i = 0; i < v->n_results; i++)
        json_array_append_new(results, json_pack("{s:s, s:s?, s:I}", "sha256", v->results[i].sha256,
                                                 "mime", v->results[i].mime, "size",
                                                 (json_int_t)v->results[i].size));
    json_object_set_new(o, "results", results);
    json_t *receipts = json_array(); /* printed with the page /tra-cuu/bien-lai */
    for (size_t i = 0; i < v->n_receipts; i++) {
        const Payment *p = &v->receipts[i];
        json_array_append_new(receipts, json_pack("{s:s, s:I, s:o, s:b}", "number", p->receipt_no,
                                                  "amount", (json_int_t)p->amount, "paid_at",
                                                  record_instant(p->paid_at), "online", p->online));
    }
    json_object_set_new(o, "receipts", receipts);
    if (v->d.p.state == STATE_SUPPLEMENT && v->requested_at) { /* what the citizen must send */
        json_t *items = json_array();
        for (size_t i = 0; i < v->missing.n; i++)
            json_array_append_new(items, json_string(v->missing.v[i]));
        json_object_set_new(o, "supplement_request",
                            json_pack("{s:o, s:s?, s:o}", "items", items, "reason",
                                      v->missing_reason, "requested_at",
                                      record_instant(v->requested_at)));
    }
    return o;
}

typedef struct Rating {
    Request *req;
    const char *code;
    Event ev;
} Rating;

static int write_rating(Store *s, void *ctx, Err *e)
{
    Rating *r = ctx;
    Actor citizen = {"công dân", ROLE_NONE, NULL};
    return dossiers_act(s, r->req->arena, r->code, &r->ev, &citizen, req_now(r->req), NULL, e);
}

int publicview_rate(Request *req, const char *code, const char *key, json_t *fields,
                    const char **out_code, const char **out_level)
{
    Rating r = {.req = req};
    json_object_set_new(fields, "action", json_string("rate"));
    int rc = record_event_read(req->arena, fields, false, &r.ev, &req->err);
    Dossier d;
    if (rc < 0 || (rc = find_dossier(req, code, key, &d)) < 0)
        return rc;
    r.code = d.code;
    if ((rc = req_write(req, write_rating, &r)) < 0)
        return rc;
    *out_code = d.code;
    *out_level = r.ev.level;
    return 0;
}

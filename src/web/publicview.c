/* publicview.c: the public look-up and rating of a dossier over HTTP (see publicview.h).
 * Shared by GET /api/v1/lookup, POST /api/v1/ratings and the pages /tra-cuu and /danh-gia, so
 * that the throttling exists once; the key check, the dossier's failure budget and the masking
 * are app/lookup.c's. */
#include "web/publicview.h"

#include "app/queue.h"
#include "app/record.h"
#include "core/lookup_key.h"
#include "io/dossier_json.h"
#include "web/limits.h"
#include "web/throttle.h"

#include <string.h>

static int write_failed(Store *s, void *ctx, Err *e)
{
    return lookup_failed(s, *(const int64_t *)ctx, e);
}

static int write_unlock(Store *s, void *ctx, Err *e)
{
    return lookup_unlock(s, *(const int64_t *)ctx, e);
}

/* find_dossier loads code and checks key; every failure looks the same and counts against
 * this address, and a wrong key against the dossier's own budget, before it is answered:
 * no more requests can be in flight between their reading the budget and counting against it
 * than there are threads answering reads. */
static int find_dossier(Request *req, const char *code, const char *key, Dossier *out)
{
    int rc = limits_lookup(req);
    if (rc < 0)
        return rc;
    Throttle *t = req_throttle(req, THROTTLE_LOOKUP_IP);
    int64_t now = req_now(req), wait = throttle_blocked(t, req->client_ip, now);
    if (wait > 0) {
        req->retry_after = wait;
        return req_fail(req, ERR_THROTTLED, "", "Tra cứu sai quá nhiều lần; vui lòng thử lại sau",
                        "too many failed look-ups; try again later");
    }
    char norm[LOOKUP_KEY_LEN + 1];
    if (!code || !key || !lookup_key_read(key, norm) || strlen(code) > 64)
        return req_fail(req, ERR_INVALID, code ? "key" : "code",
                        "Cần mã hồ sơ và mã tra cứu (8 ký tự in trên Giấy tiếp nhận hồ sơ và hẹn "
                        "trả kết quả)",
                        "code and key (the 8 characters printed on the receipt) are required");
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int64_t wrong;
    rc = lookup_find(s, req->arena, code, norm, out, &wrong, &req->err);
    if (rc == ERR_NOT_FOUND || rc == ERR_FORBIDDEN) {
        throttle_fail(t, req->client_ip, now);
        Err failed = req->err;
        if (wrong && req_write(req, write_failed, &wrong) < 0)
            return req->err.code;
        req->err = failed;
    } else if (rc == 0 && out->lookup_failures > 0) {
        rc = req_write(req, write_unlock, &out->id);
    }
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
        json_array_append_new(results, json_pack("{s:s, s:s?, s:I, s:s?}", "sha256",
                                                 v->results[i].sha256, "mime", v->results[i].mime,
                                                 "size", (json_int_t)v->results[i].size,
                                                 "signature", v->result_signatures[i]));
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

const RatingLevel publicview_levels[PUBLICVIEW_LEVELS] = {{"very_satisfied", "Rất hài lòng"},
                                                          {"satisfied", "Hài lòng"},
                                                          {"dissatisfied", "Không hài lòng"}};

const char *publicview_level_label(const char *level)
{
    for (size_t i = 0; i < PUBLICVIEW_LEVELS; i++)
        if (level && strcmp(level, publicview_levels[i].level) == 0)
            return publicview_levels[i].label;
    return NULL;
}

/* Rating: the rate event for the dossier code (NULL: none) and the queue ticket (0: none). */
typedef struct Rating {
    Request *req;
    const char *code;
    int64_t ticket;
    Event ev;
} Rating;

static int write_rating(Store *s, void *ctx, Err *e)
{
    Rating *r = ctx;
    Actor citizen = {"công dân", ROLE_NONE, NULL};
    int rc = r->code ? dossiers_act(s, r->req->arena, r->code, &r->ev, &citizen, req_now(r->req),
                                    NULL, e)
                     : 0;
    if (rc == 0 && r->ticket)
        rc = queue_rated(s, r->req->arena, r->ticket, r->ev.level, e);
    return rc;
}

/* device_dossier reads the dossier code into out when it was received by or is now at the
 * device's unit or one below it; ERR_NOT_FOUND alike for one elsewhere and one that does not
 * exist. */
static int device_dossier(Request *req, const Device *device, const char *code, Dossier *out)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int rc = code ? dossiers_get(s, req->arena, code, out, &req->err) : ERR_NOT_FOUND;
    int here = 0;
    if (rc == 0 && (rc = store_unit_within(s, out->unit, device->unit, &here, &req->err)) == 0 &&
        !here)
        rc = store_unit_within(s, out->p.current_unit, device->unit, &here, &req->err);
    if (rc == ERR_NOT_FOUND || (rc == 0 && !here))
        return err_setf(&req->err, ERR_NOT_FOUND, "code",
                        "Không có hồ sơ %s tại đơn vị của thiết bị đánh giá này",
                        "no dossier %s at this rating device's unit", code);
    return rc;
}

int publicview_rate(Request *req, const char *code, const char *key, const Device *device,
                    json_t *fields, const char **out_code, const char **out_level)
{
    Rating r = {.req = req};
    json_object_set_new(fields, "action", json_string("rate"));
    int rc = record_event_read(req->arena, fields, false, &r.ev, &req->err);
    Dossier d;
    if (rc < 0 || (rc = device ? device_dossier(req, device, code, &d)
                               : find_dossier(req, code, key, &d)) < 0)
        return rc;
    r.code = d.code;
    if ((rc = req_write(req, write_rating, &r)) < 0)
        return rc;
    *out_code = d.code;
    *out_level = r.ev.level;
    return 0;
}

int publicview_rate_ticket(Request *req, const Device *device, json_t *fields, QueueTicket *out)
{
    Rating r = {.req = req};
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    if (!device->counter)
        return req_fail(req, ERR_FORBIDDEN, "", "Thiết bị đánh giá này chưa được gắn với quầy nào",
                        "this rating device stands at no counter");
    json_object_set_new(fields, "action", json_string("rate"));
    int rc = record_event_read(req->arena, fields, false, &r.ev, &req->err);
    QueueTicket t;
    Err nf;
    if (rc < 0)
        return rc;
    if (store_queue_ticket_last(s, req->arena, device->counter, &t, &nf) < 0 || t.rating)
        return req_fail(req, ERR_NOT_FOUND, "ticket", "Quầy chưa phục vụ lượt nào cần đánh giá",
                        "the counter has served no one to rate yet");
    Dossier d;
    State ignored;
    r.ticket = t.id;
    if (t.dossier && (rc = device_dossier(req, device, t.dossier, &d)) < 0)
        return rc;
    if (t.dossier && !d.p.rating && lifecycle_next(d.p.state, ACTION_RATE, &ignored) == 0)
        r.code = d.code; /* a dossier that may be rated now takes the rating too */
    if ((rc = req_write(req, write_rating, &r)) < 0)
        return rc;
    t.rating = r.ev.level;
    *out = t;
    return 0;
}

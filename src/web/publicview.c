/* publicview.c: the public look-up and rating of a dossier (see publicview.h). Shared by
 * GET /api/v1/lookup, POST /api/v1/ratings and the pages /tra-cuu and /danh-gia, so that the
 * masking, the key check and the throttling exist once. */
#include "web/publicview.h"

#include "store/dossiers.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "web/throttle.h"

#include <string.h>

/* last4 writes the last 4 digits of s (digits only considered) into out; 0 if fewer. */
static int last4(const char *s, char out[5])
{
    if (!s)
        return 0;
    int n = 0;
    char digits[32];
    for (; *s && n < (int)sizeof digits; s++)
        if (*s >= '0' && *s <= '9')
            digits[n++] = *s;
    if (n < 4)
        return 0;
    memcpy(out, digits + n - 4, 4);
    out[4] = '\0';
    return 1;
}

/* key_matches: key is the last 4 digits of the phone or identity number in applicant. */
static int key_matches(const char *applicant, const char *key)
{
    json_t *ap = json_loads(applicant, 0, NULL);
    char a[5], b[5];
    int ok = last4(json_string_value(json_object_get(ap, "phone")), a) && strcmp(a, key) == 0;
    ok = ok ||
         (last4(json_string_value(json_object_get(ap, "id_number")), b) && strcmp(b, key) == 0);
    json_decref(ap);
    return ok;
}

/* mask_name keeps the family name and the first letter of each other word: "Nguyễn Văn Đức"
 * -> "Nguyễn V*** Đ***" (Decree 13/2023: show no more personal data than needed). */
static const char *mask_name(Arena *a, const char *name)
{
    StrBuf sb;
    sb_init(&sb, 1024);
    int word = 0, at_start = 1;
    for (const char *p = name ? name : ""; *p;) {
        size_t len = 1;
        while (((unsigned char)p[len] & 0xC0) == 0x80)
            len++;
        if (*p == ' ') {
            sb_putc(&sb, ' ');
            at_start = 1;
        } else if (at_start) {
            sb_append(&sb, p, len);
            if (word > 0)
                sb_puts(&sb, "***");
            at_start = 0;
            word++;
        } else if (word == 1) {
            sb_append(&sb, p, len);
        }
        p += len;
    }
    const char *r = arena_strdup(a, sb.data ? sb.data : "");
    sb_free(&sb);
    return r;
}

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
    Err e;
    int rc = store_dossier_get(s, req->arena, code, out, &e);
    if (rc < 0 && rc != ERR_NOT_FOUND) {
        req->err = e;
        return rc;
    }
    if (rc == ERR_NOT_FOUND || !key_matches(out->applicant, key)) {
        throttle_fail(t, req->client_ip, now);
        return req_fail(req, ERR_NOT_FOUND, "code",
                        "Không tìm thấy hồ sơ với mã và số kiểm tra này",
                        "no dossier with this code and key");
    }
    return 0;
}

/* view fills v from the store, in one read transaction (one snapshot, taken once). */
static int view(Request *req, const char *code, const char *key, PublicView *v)
{
    int rc = find_dossier(req, code, key, &v->d);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    StoredEvent *evs;
    size_t n;
    if ((rc = store_names(s, req->arena, v->d.procedure, v->d.unit, &v->procedure_name,
                          &v->unit_name, &req->err)) < 0 ||
        (rc = store_event_list(s, req->arena, v->d.id, &evs, &n, &req->err)) < 0)
        return rc;
    v->history = arena_array(req->arena, n ? n : 1, sizeof *v->history);
    for (size_t i = 0; i < n; i++) {
        int a = lifecycle_action_parse(evs[i].action);
        if (a == ACTION_COMMENT)
            continue; /* internal notes are not the citizen's */
        v->history[v->n_history++] =
            (PublicEvent){evs[i].at, evs[i].action, lifecycle_action_label((Action)a)};
    }
    if (v->d.p.state == STATE_RESOLVED || v->d.p.state == STATE_RETURNED) {
        DossierDocument *docs;
        if ((rc = store_dossier_documents(s, req->arena, v->d.id, &docs, &n, &req->err)) < 0)
            return rc;
        v->results = arena_array(req->arena, n ? n : 1, sizeof *v->results);
        for (size_t i = 0; i < n; i++)
            if (strcmp(docs[i].kind, "result") == 0)
                v->results[v->n_results++] = docs[i];
    }
    v->applicant = mask_name(req->arena, v->d.applicant_name);
    v->can_rate =
        !v->d.p.rating && (v->d.p.state == STATE_RESOLVED || v->d.p.state == STATE_RETURNED ||
                           v->d.p.state == STATE_STOPPED);
    return 0;
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

int publicview_payable(const PublicView *v)
{
    return v->d.p.state != STATE_SUBMITTED && v->d.p.state != STATE_REFUSED &&
           v->d.fee > v->d.p.paid_amount;
}

json_t *publicview_json(const PublicView *v, int64_t now)
{
    json_t *history = json_array();
    for (size_t i = 0; i < v->n_history; i++)
        json_array_append_new(
            history, json_pack("{s:o, s:s, s:s}", "at", dossier_json_instant(v->history[i].at),
                               "action", v->history[i].action, "label", v->history[i].label));
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
    return o;
}

typedef struct Rating {
    Request *req;
    const char *code, *payload;
    DossierEvent ev;
} Rating;

static int write_rating(Store *s, void *ctx, Err *e)
{
    Rating *r = ctx;
    Actor citizen = {"công dân", ROLE_NONE, NULL};
    return dossiers_act(s, r->req->arena, r->code, &r->ev, r->payload, &citizen, req_now(r->req),
                        NULL, e);
}

int publicview_rate(Request *req, const char *code, const char *key, json_t *fields,
                    const char **out_code, const char **out_level)
{
    Rating r = {.req = req};
    json_object_set_new(fields, "action", json_string("rate"));
    int rc = dossier_json_event(req->arena, fields, 0, &r.ev, &r.payload, NULL, &req->err);
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

/* dossiers.c: the dossier API: POST /api/v1/dossiers (intake), GET /api/v1/dossiers
 * (officer search), GET /api/v1/dossiers/{code} (officer view, logged), POST
 * /api/v1/dossiers/{code}/events (one lifecycle action), POST
 * /api/v1/dossiers/{code}/lookup/unlock (a public look-up that wrong keys locked). Writes honour
 * Idempotency-Key: a retry with the same key and body gets the first answer and changes nothing. */
#include "web/api/api.h"

#include "app/chains.h"
#include "app/dossiers.h"
#include "app/record.h"
#include "core/lookup_key.h"
#include "io/dossier_json.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/idem.h"
#include "web/auth.h"
#include "web/limits.h"
#include "app/search.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- intake ---- */

typedef struct Intake {
    Request *req;
    DossierInput in;
    Procedure p;
    Idem idem;
    const char *body; /* the answer, rendered inside the transaction */
} Intake;

static int write_intake(Store *s, void *ctx, Err *e)
{
    Intake *it = ctx;
    Request *req = it->req;
    int rc = idem_check(s, req->arena, &it->idem, e);
    if (rc < 0 || it->idem.replayed)
        return rc;
    Actor who = actions_actor(req);
    Dossier d;
    if ((rc = dossiers_intake(s, req->arena, &it->in, &it->p, &who, req_now(req), &d, e)) < 0)
        return rc;
    json_t *o = dossier_json_receipt(&d, arena_printf(req->arena, "/dossiers/%s/forms/01", d.code));
    Dossier *kids = NULL;
    size_t n = 0;
    if (d.chain && (rc = chains_children(s, req->arena, d.id, &kids, &n, e)) < 0) {
        json_decref(o);
        return rc;
    }
    dossier_json_group(o, &d, kids, n, NULL, req_now(req));
    return idem_store(s, req, &it->idem, 201, o, &it->body, e);
}

int api_dossiers_intake(Request *req, Response *res)
{
    Intake it = {.req = req};
    int rc;
    if ((rc = idem_begin(req, &it.idem)) < 0)
        return rc;
    json_t *o;
    if ((rc = req_json(req, &o)) < 0)
        return rc;
    rc = dossier_json_intake(req->arena, o, NULL, &it.in, &req->err);
    json_decref(o);
    if (rc < 0)
        return rc;
    if (req->who.role != ROLE_NONE && (rc = auth_require(req, PERM_DOSSIER_INTAKE, it.in.unit)) < 0)
        return rc;
    if (req->who.role == ROLE_NONE && (rc = limits_filing(req)) < 0) /* a citizen online */
        return rc;
    if ((rc = actions_intake_check(req, &it.in, &it.p)) < 0 ||
        (rc = req_write(req, write_intake, &it)) < 0)
        return rc;
    idem_respond(&it.idem, res, 201, it.body);
    return 0;
}

/* ---- one action ---- */

typedef struct Act {
    Request *req;
    Event ev;
    const char *code, *body;
    Idem idem;
} Act;

static int write_act(Store *s, void *ctx, Err *e)
{
    Act *act = ctx;
    Request *req = act->req;
    int rc = idem_check(s, req->arena, &act->idem, e);
    if (rc < 0 || act->idem.replayed)
        return rc;
    Actor who = actions_actor(req);
    Dossier d;
    if ((rc = dossiers_act(s, req->arena, act->code, &act->ev, &who, req_now(req), &d, e)) < 0)
        return rc;
    Event *evs;
    size_t n;
    if ((rc = dossiers_events(s, req->arena, d.id, &evs, &n, e)) < 0)
        return rc;
    json_t *o = dossier_json_render(&d, evs, n, req_now(req));
    return idem_store(s, req, &act->idem, 200, o, &act->body, e);
}

int api_dossiers_event(Request *req, Response *res)
{
    Act act = {.req = req, .code = req->params[0]};
    int rc = auth_require(req, PERM_DOSSIER_ACT, NULL);
    if (rc < 0 || (rc = idem_begin(req, &act.idem)) < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Dossier d;
    if ((rc = dossiers_get(s, req->arena, act.code, &d, &req->err)) < 0 ||
        (rc = auth_require_dossier(req, PERM_DOSSIER_ACT, &d)) < 0)
        return rc;
    json_t *o;
    if ((rc = req_json(req, &o)) < 0)
        return rc;
    rc = record_event_read(req->arena, o, false, &act.ev, &req->err);
    json_decref(o);
    if (rc < 0 || (rc = req_write(req, write_act, &act)) < 0)
        return rc;
    idem_respond(&act.idem, res, 200, act.body);
    return 0;
}

/* ---- officer view and search ---- */

/* load reads the dossier of the path into out when the caller may read it (401, 403, 404). */
static int load(Request *req, Dossier *out)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    int rc = auth_require(req, PERM_DOSSIER_READ, NULL);
    if (rc < 0 || (rc = dossiers_get(s, req->arena, req->params[0], out, &req->err)) < 0)
        return rc;
    return auth_require_dossier(req, PERM_DOSSIER_READ, out);
}

int api_dossiers_get(Request *req, Response *res)
{
    Dossier d;
    Event *evs;
    size_t n;
    int rc = load(req, &d);
    if (rc < 0 || (rc = dossiers_events(req_store(req), req->arena, d.id, &evs, &n, &req->err)) < 0)
        return rc;
    /* personal data was viewed: record who (docs/INTERFACES.md §3) before answering */
    if ((rc = actions_log_view(req, &d, "view")) < 0)
        return rc;
    /* an interconnected group's parent shows its steps, a step its parent */
    Dossier *kids = NULL, parent;
    size_t n_kids = 0;
    if (d.chain &&
        (rc = chains_children(req_store(req), req->arena, d.id, &kids, &n_kids, &req->err)) < 0)
        return rc;
    if (d.parent &&
        (rc = dossiers_get_id(req_store(req), req->arena, d.parent, &parent, &req->err)) < 0)
        return rc;
    json_t *o = dossier_json_render(&d, evs, n, req_now(req));
    dossier_json_group(o, &d, kids, n_kids, d.parent ? parent.code : NULL, req_now(req));
    /* the officer tells a citizen who lost it; whether wrong keys locked the public look-up */
    json_object_set_new(o, "lookup_key", json_string(d.lookup_key ? d.lookup_key : ""));
    json_object_set_new(o, "lookup_locked", json_boolean(lookup_key_locked(d.lookup_failures)));
    res_json(res, 200, o);
    return 0;
}

int api_dossiers_unlock(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, &d);
    if (rc < 0 || (rc = actions_lookup_unlock(req, d.id)) < 0)
        return rc;
    res_json(res, 200, json_pack("{s:s, s:b}", "code", d.code, "lookup_locked", 0));
    return 0;
}

int api_dossiers_search(Request *req, Response *res)
{
    DossierQuery q = {.limit = 50};
    int64_t limit = 50, overdue = 0;
    const char *due_before = req_query(req, "due_before"), *state = req_query(req, "state");
    const char *text = req_query(req, "q"), *sort = req_query(req, "sort");
    q.under = req_query(req, "unit");
    int rc = auth_require(req, PERM_DOSSIER_READ, q.under);
    if (rc < 0)
        return rc;
    if (!q.under)
        q.under = req->who.unit;
    if ((rc = req_query_int(req, "limit", 1, 500, &limit)) < 0 ||
        (rc = req_query_int(req, "cursor", 0, INT64_MAX, &q.after)) < 0 ||
        (rc = req_query_int(req, "overdue", 0, 1, &overdue)) < 0)
        return rc;
    q.limit = (size_t)limit;
    if (state && lifecycle_state_parse(state) == STATE_NONE)
        return req_fail(req, ERR_INVALID, "state", "Trạng thái không hợp lệ", "unknown state");
    q.state = state;
    if (due_before &&
        timefmt_parse_instant(due_before, strlen(due_before), &req->err, &q.due_before) < 0) {
        int32_t day;
        if (timefmt_parse_date(due_before, strlen(due_before), &req->err, &day) < 0)
            return req_fail(req, ERR_INVALID, "due_before",
                            "due_before phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601",
                            "due_before must be a date YYYY-MM-DD or an ISO 8601 instant");
        q.due_before = timefmt_local_instant(day, 0);
    }
    if (overdue) {
        q.due_before = req_now(req);
        q.overdue_at = 1;
    }
    if (sort && strcmp(sort, "due") != 0 && strcmp(sort, "newest") != 0)
        return req_fail(req, ERR_INVALID, "sort", "sort phải là due hoặc newest",
                        "sort must be due or newest");
    q.by_due = sort && strcmp(sort, "due") == 0;
    if (text && strlen(text) > 200)
        return req_fail(req, ERR_INVALID, "q", "Từ khóa tìm kiếm quá dài", "search text too long");
    search_apply_text(req->arena, &q, text, req_now(req));
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Dossier *ds;
    size_t n;
    if ((rc = dossiers_search(s, req->arena, &q, &ds, &n, &req->err)) < 0 ||
        (rc = actions_log_list(req, q.under, "search", n)) < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, dossier_json_render(&ds[i], NULL, 0, req_now(req)));
    json_t *o = json_pack("{s:o}", "dossiers", arr);
    if (n == q.limit)
        json_object_set_new(o, "next_cursor", json_integer(ds[n - 1].id));
    res_json(res, 200, o);
    return 0;
}

/* integration.c: what other systems use to stay in sync: GET /api/v1/events?after=CURSOR
 * (the change feed: ordered, paged, resumable; integration tokens and admins) and the
 * webhook subscriptions of administrators: GET/POST /api/v1/webhooks, DELETE
 * /api/v1/webhooks/{id}. */
#include "web/api/api.h"

#include "app/dossiers.h"
#include "app/record.h"
#include "io/http_post.h"
#include "web/auth.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int api_events_feed(Request *req, Response *res)
{
    int64_t after = 0, limit = 100;
    int rc = auth_require(req, PERM_EVENTS_FEED, NULL);
    if (rc < 0 || (rc = req_query_int(req, "after", 0, INT64_MAX, &after)) < 0 ||
        (rc = req_query_int(req, "limit", 1, 1000, &limit)) < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    FeedItem *fe;
    size_t n;
    if ((rc = dossiers_feed(s, req->arena, after, req->who.unit, (size_t)limit, &fe, &n,
                            &req->err)) < 0)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr,
                              json_pack("{s:I, s:s, s:s, s:s, s:i, s:o}", "cursor",
                                        (json_int_t)fe[i].cursor, "dossier", fe[i].code, "unit",
                                        fe[i].unit, "state", fe[i].state, "portal_status",
                                        lifecycle_portal_status(lifecycle_state_parse(fe[i].state)),
                                        "event", record_event_json(&fe[i].ev)));
    res_json(res, 200,
             json_pack("{s:o, s:I}", "events", arr, "next_cursor",
                       (json_int_t)(n ? fe[n - 1].cursor : after)));
    return 0;
}

static json_t *webhook_json(const Webhook *w, int with_secret)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)w->id, "url", w->url,
                          "actions", w->actions, "unit", w->unit, "created_by", w->created_by);
    if (with_secret)
        json_object_set_new(o, "secret", json_string(w->secret));
    return o;
}

int api_webhooks_list(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    Webhook *ws;
    size_t n;
    if (!s || (rc = store_webhook_list(s, req->arena, req->who.unit, &ws, &n, &req->err)) < 0)
        return s ? rc : req->err.code;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, webhook_json(&ws[i], 0));
    res_json(res, 200, json_pack("{s:o}", "webhooks", arr));
    return 0;
}

static int write_webhook(Store *s, void *ctx, Err *e)
{
    return store_webhook_add(s, ctx, e);
}

/* read_actions turns "actions" ("*" or a list of action names) into "a,b,c". */
static int read_actions(Request *req, json_t *o, const char **out)
{
    json_t *v = json_object_get(o, "actions");
    if (!v || (json_is_string(v) && strcmp(json_string_value(v), "*") == 0)) {
        *out = "*";
        return 0;
    }
    size_t i;
    json_t *x;
    StrBuf sb;
    sb_init(&sb, 1024);
    int ok = json_is_array(v) && json_array_size(v) > 0;
    json_array_foreach(v, i, x)
    {
        ok = ok && json_is_string(x) && lifecycle_action_parse(json_string_value(x)) >= 0;
        if (ok) {
            if (i)
                sb_putc(&sb, ',');
            sb_puts(&sb, json_string_value(x));
        }
    }
    if (ok && sb.data)
        *out = arena_strdup(req->arena, sb.data);
    sb_free(&sb);
    return ok ? 0
              : req_fail(req, ERR_INVALID, "actions",
                         "actions phải là \"*\" hoặc danh sách tên thao tác (receive, resolve...)",
                         "actions must be \"*\" or a list of action names");
}

int api_webhooks_add(Request *req, Response *res)
{
    json_t *o;
    int rc = req_json(req, &o);
    if (rc < 0)
        return rc;
    static const char *const keys[] = {"url", "actions", "unit", "secret", NULL};
    Webhook w = {.created_at = req_now(req)};
    if ((rc = jsonv_only(o, keys, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "url", 1, 2000, &w.url, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "unit", 0, 64, &w.unit, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "secret", 0, 200, &w.secret, &req->err)) == 0)
        rc = read_actions(req, o, &w.actions);
    json_decref(o);
    if (rc < 0)
        return rc;
    if (!w.unit)
        w.unit = req->who.unit;
    if ((rc = auth_require(req, PERM_CATALOGUE_MANAGE, w.unit)) < 0)
        return rc;
    if (!http_url_valid(w.url))
        return req_fail(req, ERR_INVALID, "url",
                        "Địa chỉ nhận phải có dạng http://máy:cổng/đường-dẫn",
                        "url must be http://host:port/path");
    if (w.secret && strlen(w.secret) < 16)
        return req_fail(req, ERR_INVALID, "secret", "Khóa bí mật cần ít nhất 16 ký tự",
                        "the secret needs at least 16 characters");
    /* not a way into the networks behind the server (checked again at each delivery) */
    if ((rc = http_target_check(w.url, req_webhook_allow(req), &req->err)) < 0)
        return rc;
    if (!w.secret) {
        char token[SECRET_TOKEN_LEN + 1];
        secret_token(token);
        w.secret = arena_strdup(req->arena, token);
    }
    w.created_by = req->who.name;
    if ((rc = req_write(req, write_webhook, &w)) < 0)
        return rc;
    res_json(res, 201, webhook_json(&w, 1)); /* the secret is shown this once */
    return 0;
}

/* Deleting a webhook: which, and when. */
typedef struct Deletion {
    int64_t id, now;
} Deletion;

static int write_delete(Store *s, void *ctx, Err *e)
{
    const Deletion *d = ctx;
    return store_webhook_delete(s, d->id, d->now, e);
}

int api_webhooks_delete(Request *req, Response *res)
{
    char *end;
    errno = 0;
    long long id = strtoll(req->params[0], &end, 10);
    if (errno || *end || id <= 0)
        return req_fail(req, ERR_NOT_FOUND, "id", "Không có webhook này", "no such webhook");
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    Store *s = req_store(req);
    Webhook w;
    if (rc < 0 || !s || (rc = store_webhook_get(s, req->arena, id, &w, &req->err)) < 0 ||
        (rc = auth_require(req, PERM_CATALOGUE_MANAGE, w.unit)) < 0)
        return rc < 0 ? rc : req->err.code;
    Deletion target = {id, req_now(req)};
    if ((rc = req_write(req, write_delete, &target)) < 0)
        return rc;
    res_json(res, 200, json_pack("{s:b}", "ok", 1));
    return 0;
}

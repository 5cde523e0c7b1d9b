/* queue.c: the counter queue's API (app/queue.h) for kiosks and boards of any maker:
 * GET /api/v1/queue/groups (public: what a kiosk offers), POST /api/v1/queue/tickets {group}
 * (public, limited per address as the look-ups are: a ticket), GET /api/v1/queue/tickets/{key}
 * (public: one's turn, from the ticket's QR), POST /api/v1/queue/call {counter, action, to,
 * ticket} (a clerk of the counter's unit: call next, recall, start, finish, skip, transfer;
 * recall with a ticket: call back one marked absent today), GET
 * /api/v1/queue/board (public: what each counter serves) and its server-sent events
 * /api/v1/queue/board/events, GET /api/v1/queue/figures (leaders: waiting and service time). */
#include "web/api/api.h"

#include "app/record.h"
#include "io/queue_json.h"
#include "io/xlsx.h"
#include "util/timefmt.h"
#include "web/auth.h"
#include "web/limits.h"
#include "web/queueweb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_queue_groups(Request *req, Response *res)
{
    Store *s = req_store(req);
    QueueGroup *groups;
    size_t n;
    if (!s ||
        store_queue_group_list(s, req->arena, req_query(req, "unit"), &groups, &n, &req->err) < 0)
        return req->err.code;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s?}", "code", groups[i].code,
                                             "prefix", groups[i].prefix, "name", groups[i].name,
                                             "unit", groups[i].unit, "field", groups[i].field));
    res_json(res, 200, json_pack("{s:o}", "groups", arr));
    return 0;
}

int api_queue_issue(Request *req, Response *res)
{
    json_t *o;
    int rc = limits_lookup(req);
    if (rc < 0 || (rc = req_json(req, &o)) < 0)
        return rc;
    static const char *const keys[] = {"group", NULL};
    const char *group = NULL;
    if ((rc = jsonv_only(o, keys, &req->err)) == 0)
        rc = jsonv_str(req->arena, o, "group", 1, 32, &group, &req->err);
    json_decref(o);
    QueueIssued is;
    if (rc < 0 || (rc = queueweb_issue(req, group, &is)) < 0)
        return rc;
    res_json(res, 201,
             json_pack("{s:s, s:s, s:I, s:o, s:s, s:s}", "number", is.ticket.number, "group", group,
                       "ahead", (json_int_t)is.ahead, "issued_at",
                       record_instant(is.ticket.issued_at), "key", is.ticket.follow_key, "follow",
                       is.follow));
    return 0;
}

int api_queue_ticket(Request *req, Response *res)
{
    QueueFollow f;
    int rc = queueweb_follow(req, req->params[0], &f);
    if (rc < 0)
        return rc;
    json_t *o = queue_ticket_json(&f.ticket, f.group, f.counter);
    json_object_set_new(o, "ahead", json_integer(f.ahead));
    res_json(res, 200, o);
    return 0;
}

int api_queue_call(Request *req, Response *res)
{
    json_t *o;
    int rc = auth_require(req, PERM_DOSSIER_INTAKE, NULL);
    if (rc < 0 || (rc = req_json(req, &o)) < 0)
        return rc;
    static const char *const keys[] = {"counter", "action", "to", "ticket", NULL};
    static const char *const acts[] = {"next", "recall",   "start", "finish",
                                       "skip", "transfer", NULL};
    const char *counter = NULL, *action = "next", *to = NULL, *ticket = NULL;
    if ((rc = jsonv_only(o, keys, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "counter", 1, 32, &counter, &req->err)) == 0 &&
        (rc = jsonv_enum(o, "action", 0, acts, &action, &req->err)) == 0 &&
        (rc = jsonv_str(req->arena, o, "to", 0, 32, &to, &req->err)) == 0)
        rc = jsonv_str(req->arena, o, "ticket", 0, 16, &ticket, &req->err);
    json_decref(o);
    QueueCalled c;
    if (rc < 0 || (rc = queueweb_call(req, counter, action, to, ticket, &c)) < 0)
        return rc;
    json_t *out = json_pack("{s:s}", "counter", c.counter.code);
    json_object_set_new(out, "ticket",
                        c.ticket.id ? queue_ticket_json(&c.ticket, c.group, c.counter.code)
                                    : json_null());
    res_json(res, 200, out);
    return 0;
}

int api_queue_board(Request *req, Response *res)
{
    QueueBoardRow *rows;
    size_t n;
    int rc = queueweb_board(req, req_query(req, "unit"), &rows, &n);
    if (rc < 0)
        return rc;
    res_json(res, 200, queue_board_json(rows, n));
    return 0;
}

int api_queue_board_events(Request *req, Response *res)
{
    QueueBoardRow *rows;
    size_t n;
    int rc = queueweb_board(req, req_query(req, "unit"), &rows, &n);
    if (rc < 0)
        return rc;
    /* The board as one event named by the SHA-256 of its text, and a reconnection after
     * QUEUEWEB_RETRY_MS: a browser's EventSource asks again at once and so sees a call within
     * a second without a thread held per board. A board that has not changed since the
     * client's Last-Event-ID answers the retry alone. */
    json_t *board = queue_board_json(rows, n);
    char *text = json_dumps(board, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(board);
    if (!text)
        return req_fail(req, ERR_IO, "", "Lỗi bộ nhớ", "out of memory");
    unsigned char hash[32];
    secret_sha256(text, strlen(text), hash);
    char id[17];
    for (int i = 0; i < 8; i++)
        snprintf(id + 2 * i, 3, "%02x", hash[i]);
    const char *seen = req_header(req, "Last-Event-ID");
    char *body = seen && strcmp(seen, id) == 0
                     ? arena_printf(req->arena, "retry: %d\n\n", QUEUEWEB_RETRY_MS)
                     : arena_printf(req->arena, "retry: %d\nid: %s\nevent: board\ndata: %s\n\n",
                                    QUEUEWEB_RETRY_MS, id, text);
    free(text);
    res_header(res, "Cache-Control", "no-store");
    res_text(res, 200, "text/event-stream; charset=utf-8", body, strlen(body));
    return 0;
}

static int write_figures(const void *ctx, const char *path, Err *e)
{
    const QueueReport *r = ctx;
    char from[TIMEFMT_DATE_SIZE], to[TIMEFMT_DATE_SIZE], period[64];
    timefmt_format_vi_date(r->from, from, sizeof from);
    timefmt_format_vi_date(r->to, to, sizeof to);
    snprintf(period, sizeof period, "Từ ngày %s đến ngày %s", from, to);
    static const char *const titles[QUEUE_DIM_COUNT] = {
        "Thời gian chờ và phục vụ theo quầy", "Thời gian chờ và phục vụ theo nhóm quầy",
        "Thời gian chờ và phục vụ theo giờ", "Thời gian chờ và phục vụ theo cán bộ"};
    return xlsx_queue_figures(r->rows, r->n, &r->total, titles[r->dim], period, path, e);
}

int api_queue_figures(Request *req, Response *res)
{
    QueueReport r;
    const char *format = req_query(req, "format");
    if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
        strcmp(format, "xlsx") != 0)
        return req_fail(req, ERR_INVALID, "format", "format phải là json, csv hoặc xlsx",
                        "format must be json, csv or xlsx");
    int rc = queueweb_figures(req, &r);
    if (rc < 0)
        return rc;
    if (format && strcmp(format, "xlsx") == 0)
        return api_send_xlsx(req, res, write_figures, &r, "thoi-gian-cho.xlsx");
    if (format && strcmp(format, "csv") == 0) {
        StrBuf sb;
        sb_init(&sb, 4 * 1024 * 1024);
        queue_figures_csv(&sb, r.dim, r.rows, r.n, &r.total);
        if (sb.err) {
            sb_free(&sb);
            return req_fail(req, ERR_IO, "", "Bảng số liệu quá lớn", "the figures are too large");
        }
        res_text(res, 200, "text/csv; charset=utf-8", sb.data ? sb.data : "", sb.len);
        res_header(res, "Content-Disposition", "attachment; filename=\"thoi-gian-cho.csv\"");
        sb_free(&sb);
        return 0;
    }
    res_json(res, 200, queue_figures_json(r.dim, r.from, r.to, r.rows, r.n, &r.total));
    return 0;
}

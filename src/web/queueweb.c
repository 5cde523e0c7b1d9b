/* queueweb.c: the counter queue as requests use it (see queueweb.h). */
#include "web/queueweb.h"

#include "core/queue.h"
#include "util/timefmt.h"
#include "web/auth.h"

#include <string.h>

/* Issue: a ticket to issue and, once written, what it became. */
typedef struct Issue {
    Request *req;
    const char *group;
    QueueTicket ticket;
    int64_t ahead;
} Issue;

static int write_issue(Store *s, void *ctx, Err *e)
{
    Issue *is = ctx;
    return queue_issue(s, is->req->arena, is->group, req_now(is->req), &is->ticket, &is->ahead, e);
}

int queueweb_issue(Request *req, const char *group, QueueIssued *out)
{
    Issue is = {.req = req, .group = group};
    int rc = req_write(req, write_issue, &is);
    if (rc < 0)
        return rc;
    out->ticket = is.ticket;
    out->ahead = is.ahead;
    out->follow = arena_printf(req->arena, "/so/%s", is.ticket.follow_key);
    return 0;
}

int queueweb_follow(Request *req, const char *key, QueueFollow *out)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    QueueFollow f = {0};
    QueueGroup g;
    QueueCounter c;
    Err nf;
    if (!key || strlen(key) > 64 ||
        store_queue_ticket_by_key(s, req->arena, key, &f.ticket, &nf) < 0)
        return req_fail(req, ERR_NOT_FOUND, "key", "Không có số thứ tự này",
                        "no such queue ticket");
    if (store_queue_group_by_id(s, req->arena, f.ticket.group, &g, &req->err) < 0 ||
        (f.ticket.counter &&
         store_queue_counter_by_id(s, req->arena, f.ticket.counter, &c, &req->err) < 0) ||
        (queue_waiting(f.ticket.state) && store_queue_ahead(s, &f.ticket, &f.ahead, &req->err) < 0))
        return req->err.code;
    Unit u;
    f.group = g.code;
    f.group_name = g.name;
    f.unit_name = store_unit_get(s, req->arena, g.unit, &u, &nf) == 0 ? u.name : g.unit;
    if (f.ticket.counter) {
        f.counter = c.code;
        f.counter_name = c.name;
    }
    *out = f;
    return 0;
}

/* Call: a counter's action and, once written, the ticket at the counter. */
typedef struct Call {
    Request *req;
    const QueueCounter *counter;
    int act; /* -1: call next */
    const char *to, *code;
    const char *number; /* a recall of the ticket marked absent numbered so */
    QueueTicket ticket;
} Call;

static int write_call(Store *s, void *ctx, Err *e)
{
    Call *c = ctx;
    Arena *a = c->req->arena;
    int64_t now = req_now(c->req);
    if (c->code)
        return queue_take_dossier(s, a, c->counter, c->code, now, e);
    if (c->number)
        return queue_recall_skipped(s, a, c->counter, c->number, c->req->who.name, now, &c->ticket,
                                    e);
    if (c->act >= 0)
        return queue_act(s, a, c->counter, (QueueAction)c->act, c->to, c->req->who.name, now,
                         &c->ticket, e);
    int rc = queue_next(s, a, c->counter, c->req->who.name, now, &c->ticket, e);
    if (rc == ERR_NOT_FOUND) { /* nobody waits: the counter's ticket is finished all the same */
        memset(&c->ticket, 0, sizeof c->ticket);
        return 0;
    }
    return rc;
}

/* counter_for reads the counter called code for a clerk of its unit. */
static int counter_for(Request *req, const char *code, QueueCounter *out)
{
    Store *s = req_store(req);
    int rc = auth_require(req, PERM_DOSSIER_INTAKE, NULL);
    if (rc < 0 || !s || (rc = queue_counter_find(s, req->arena, code, out, &req->err)) < 0)
        return rc < 0 ? rc : req->err.code;
    return auth_require(req, PERM_DOSSIER_INTAKE, out->unit);
}

int queueweb_call(Request *req, const char *counter, const char *action, const char *to,
                  const char *ticket, QueueCalled *out)
{
    QueueCounter qc;
    int rc = counter_for(req, counter, &qc);
    if (rc < 0)
        return rc;
    Call c = {.req = req, .counter = &qc, .to = to, .act = -1, .number = ticket};
    if (action && strcmp(action, "next") != 0 &&
        ((c.act = queue_action_parse(action)) < 0 || c.act == QUEUE_CALL))
        return req_fail(req, ERR_INVALID, "action", "Thao tác không hợp lệ", "invalid action");
    if (ticket && c.act != QUEUE_RECALL)
        return req_fail(req, ERR_INVALID, "ticket",
                        "Chỉ gọi lại (recall) mới chọn một số đã vắng mặt",
                        "only a recall names a ticket (one marked absent)");
    if (ticket && (!*ticket || strlen(ticket) >= QUEUE_NUMBER_SIZE))
        return req_fail(req, ERR_INVALID, "ticket", "Số thứ tự không hợp lệ",
                        "invalid ticket number");
    if (c.act == QUEUE_TRANSFER && !to)
        return req_fail(req, ERR_INVALID, "to", "Chọn nhóm quầy để chuyển số đến",
                        "give the group to transfer the ticket to");
    if ((rc = req_write(req, write_call, &c)) < 0)
        return rc;
    QueueGroup g = {.code = ""};
    Store *s = req_store(req);
    if (c.ticket.id &&
        (!s || store_queue_group_by_id(s, req->arena, c.ticket.group, &g, &req->err) < 0))
        return req->err.code;
    out->counter = qc;
    out->ticket = c.ticket;
    out->group = g.code;
    return 0;
}

int queueweb_take(Request *req, const char *counter, const char *code)
{
    QueueCounter qc;
    int rc = counter_for(req, counter, &qc);
    if (rc < 0)
        return rc;
    Call c = {.req = req, .counter = &qc, .code = code};
    return req_write(req, write_call, &c);
}

int queueweb_board(Request *req, const char *unit, QueueBoardRow **out, size_t *out_n)
{
    Store *s = req_store(req);
    if (!s || queue_board(s, req->arena, unit && *unit ? unit : NULL, out, out_n, &req->err) < 0)
        return req->err.code;
    return 0;
}

/* query_day reads query argument name as a Vietnam date into *out (left when absent). */
static int query_day(Request *req, const char *name, int32_t *out)
{
    const char *v = req_query(req, name);
    if (!v)
        return 0;
    Err e;
    if (timefmt_parse_date(v, strlen(v), &e, out) < 0)
        return req_fail(req, ERR_INVALID, name, "Ngày phải có dạng YYYY-MM-DD",
                        "the date must be YYYY-MM-DD");
    return 0;
}

int queueweb_figures(Request *req, QueueReport *out)
{
    int rc = auth_require(req, PERM_REPORT_READ, NULL);
    if (rc < 0)
        return rc;
    QueueReport r = {.dim = QUEUE_BY_COUNTER};
    r.from = r.to = queue_day(req_now(req));
    const char *by = req_query(req, "by");
    if (by && (rc = queue_dim_parse(by)) < 0)
        return req_fail(req, ERR_INVALID, "by",
                        "Chỉ tiêu phải là counter, group, hour hoặc officer",
                        "by must be counter, group, hour or officer");
    if (by)
        r.dim = (QueueDim)rc;
    if ((rc = query_day(req, "from", &r.from)) < 0 || (rc = query_day(req, "to", &r.to)) < 0)
        return rc;
    if (r.to < r.from || r.to - r.from > 366)
        return req_fail(req, ERR_INVALID, "to", "Khoảng ngày phải từ 1 đến 367 ngày",
                        "the period must be 1 to 367 days");
    Store *s = req_store(req);
    if (!s || queue_figures(s, req->arena, req->who.unit, timefmt_local_instant(r.from, 0),
                            timefmt_local_instant(r.to, 86400), r.dim, &r.rows, &r.n, &r.total,
                            &req->err) < 0)
        return req->err.code;
    *out = r;
    return 0;
}

/* queue.c: the counter queue's services (see queue.h). */
#include "app/queue.h"

#include "util/secret.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* code_valid: 1-32 characters of a-z 0-9 - _. */
static bool code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 1 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
              code[i] == '-' || code[i] == '_'))
            return false;
    return true;
}

int queue_group_save(Store *s, Arena *a, QueueGroup *g, Err *e)
{
    Unit u;
    Field f;
    QueueGroup *groups;
    size_t n;
    Err nf;
    if (!code_valid(g->code))
        return err_set(e, ERR_INVALID, "code", "Mã nhóm quầy gồm 1–32 ký tự a-z, 0-9, - và _",
                       "a counter group's code is 1-32 characters of a-z, 0-9, - and _");
    if (!queue_prefix_valid(g->prefix))
        return err_set(e, ERR_INVALID, "prefix", "Chữ đầu số thứ tự là một hoặc hai chữ in A–Z",
                       "the prefix is one or two capital letters A-Z");
    if (!g->name || !*g->name || strlen(g->name) > 200)
        return err_set(e, ERR_INVALID, "name", "Tên nhóm quầy dài 1–200 byte",
                       "the group's name must be 1-200 bytes");
    if (store_unit_get(s, a, g->unit ? g->unit : "", &u, &nf) < 0)
        return err_setf(e, ERR_INVALID, "unit", "Không có đơn vị %s", "no unit %s",
                        g->unit ? g->unit : "");
    if (g->field && store_field_get(s, a, g->field, &f, &nf) < 0)
        return err_setf(e, ERR_INVALID, "field", "Không có lĩnh vực %s", "no field %s", g->field);
    int rc = store_queue_group_list(s, a, NULL, &groups, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (strcmp(groups[i].unit, g->unit) == 0 && strcmp(groups[i].prefix, g->prefix) == 0 &&
            strcmp(groups[i].code, g->code) != 0)
            return err_setf(e, ERR_INVALID, "prefix", "Đơn vị đã có nhóm quầy dùng chữ %s",
                            "another group of the unit has the prefix %s", g->prefix);
    return rc < 0 ? rc : store_queue_group_put(s, g, e);
}

int queue_counter_save(Store *s, Arena *a, QueueCounter *c, const char *group_code, Err *e)
{
    QueueGroup g;
    Err nf;
    if (!code_valid(c->code))
        return err_set(e, ERR_INVALID, "code", "Mã quầy gồm 1–32 ký tự a-z, 0-9, - và _",
                       "a counter's code is 1-32 characters of a-z, 0-9, - and _");
    if (!c->name || !*c->name || strlen(c->name) > 200)
        return err_set(e, ERR_INVALID, "name", "Tên quầy dài 1–200 byte",
                       "the counter's name must be 1-200 bytes");
    if (store_queue_group_get(s, a, group_code ? group_code : "", &g, &nf) < 0)
        return err_setf(e, ERR_INVALID, "group", "Không có nhóm quầy %s", "no counter group %s",
                        group_code ? group_code : "");
    if (c->unit && strcmp(c->unit, g.unit) != 0)
        return err_set(e, ERR_INVALID, "unit", "Quầy phải thuộc đơn vị của nhóm quầy",
                       "a counter belongs to its group's unit");
    c->unit = g.unit;
    c->group = g.id;
    return store_queue_counter_put(s, c, e);
}

int queue_issue(Store *s, Arena *a, const char *group_code, int64_t now, QueueTicket *out,
                int64_t *out_ahead, Err *e)
{
    QueueGroup g;
    Err nf;
    int rc = store_queue_group_get(s, a, group_code ? group_code : "", &g, &nf);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "group", "Không có nhóm quầy %s", "no counter group %s",
                        group_code ? group_code : "");
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    QueueTicket t = {.issue_group = g.id,
                     .day = queue_day(now),
                     .group = g.id,
                     .state = QUEUE_ISSUED,
                     .issued_at = now,
                     .queued_at = now};
    if ((rc = store_queue_seq_last(s, g.id, t.day, &t.seq, e)) < 0)
        return rc;
    char number[QUEUE_NUMBER_SIZE];
    if (!queue_number(g.prefix, ++t.seq, number))
        return err_setf(e, ERR_CONFLICT, "group", "Nhóm %s đã phát hết số trong ngày",
                        "group %s has issued every number of the day", g.code);
    char key[SECRET_TOKEN_LEN + 1];
    secret_token(key);
    t.number = arena_strdup(a, number);
    t.follow_key = arena_strdup(a, key);
    int64_t ahead;
    if ((rc = store_queue_ticket_add(s, &t, e)) < 0 ||
        (rc = store_queue_ahead(s, &t, &ahead, e)) < 0)
        return rc;
    *out = t;
    *out_ahead = ahead;
    return 0;
}

int queue_counter_find(Store *s, Arena *a, const char *code, QueueCounter *out, Err *e)
{
    Err nf;
    int rc = store_queue_counter_get(s, a, code ? code : "", out, &nf);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "counter", "Không có quầy %s", "no counter %s",
                        code ? code : "");
    if (rc < 0)
        *e = nf;
    return rc;
}

/* at_counter reads the ticket at counter into out; ERR_NOT_FOUND (in e) when none. */
static int at_counter(Store *s, Arena *a, const QueueCounter *counter, QueueTicket *out, Err *e)
{
    Err nf;
    int rc = store_queue_ticket_at(s, a, counter->id, out, &nf);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_NOT_FOUND, "counter", "Quầy %s chưa gọi số nào",
                        "counter %s has called no ticket", counter->code);
    if (rc < 0)
        *e = nf;
    return rc;
}

/* move applies act to t, saves it and ends its leg when act ends one. */
static int move(Store *s, QueueTicket *t, QueueAction act, int64_t now, Err *e)
{
    QueueState to;
    if (!queue_apply(t->state, act, &to))
        return err_setf(e, ERR_CONFLICT, "action",
                        "Thao tác này không áp dụng cho số %s ở trạng thái hiện tại",
                        "this action does not apply to ticket %s in its present state", t->number);
    t->state = to;
    int rc = store_queue_ticket_save(s, t, e);
    if (rc == 0 && (to == QUEUE_DONE || to == QUEUE_SKIPPED || to == QUEUE_TRANSFERRED))
        rc = store_queue_leg_close(s, t->id, now, to, e);
    return rc;
}

/* finish_current finishes the ticket at counter, if any (done, its leg closed). */
static int finish_current(Store *s, Arena *a, const QueueCounter *counter, int64_t now, Err *e)
{
    QueueTicket t;
    Err nf;
    int rc = store_queue_ticket_at(s, a, counter->id, &t, &nf);
    if (rc == 0)
        return move(s, &t, QUEUE_FINISH, now, e);
    if (rc == ERR_NOT_FOUND)
        return 0;
    *e = nf;
    return rc;
}

/* call_to calls t to counter by officer at now by act (a call, or the recall of a ticket
 * marked absent) and opens its leg there; out gets it. */
static int call_to(Store *s, QueueTicket *t, QueueAction act, const QueueCounter *counter,
                   const char *officer, int64_t now, QueueTicket *out, Err *e)
{
    t->counter = counter->id;
    t->officer = officer;
    t->called_at = now;
    t->calls++;
    int rc;
    if ((rc = move(s, t, act, now, e)) < 0 || (rc = store_queue_leg_open(s, t, e)) < 0)
        return rc;
    *out = *t;
    return 0;
}

int queue_next(Store *s, Arena *a, const QueueCounter *counter, const char *officer, int64_t now,
               QueueTicket *out, Err *e)
{
    QueueTicket t;
    Err nf;
    int rc = finish_current(s, a, counter, now, e);
    if (rc < 0)
        return rc;
    rc = store_queue_ticket_next(s, a, counter->group, queue_day(now), &t, &nf);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "counter", "Không còn số nào đang chờ",
                       "no ticket is waiting");
    if (rc < 0) {
        *e = nf;
        return rc;
    }
    return call_to(s, &t, QUEUE_CALL, counter, officer, now, out, e);
}

int queue_recall_skipped(Store *s, Arena *a, const QueueCounter *counter, const char *number,
                         const char *officer, int64_t now, QueueTicket *out, Err *e)
{
    QueueTicket *skipped;
    size_t n;
    int rc = store_queue_ticket_skipped(s, a, counter->group, queue_day(now), &skipped, &n, e);
    if (rc < 0)
        return rc;
    size_t i = 0;
    while (i < n && strcmp(skipped[i].number, number) != 0)
        i++;
    if (i == n)
        return err_setf(e, ERR_INVALID, "ticket",
                        "Số %s không nằm trong các số vắng mặt hôm nay của nhóm quầy này",
                        "ticket %s is not one marked absent today in this counter's group", number);
    if ((rc = finish_current(s, a, counter, now, e)) < 0)
        return rc;
    skipped[i].queued_at = now; /* its new leg: the time away was nobody's wait */
    return call_to(s, &skipped[i], QUEUE_RECALL, counter, officer, now, out, e);
}

int queue_act(Store *s, Arena *a, const QueueCounter *counter, QueueAction act,
              const char *to_group, const char *officer, int64_t now, QueueTicket *out, Err *e)
{
    QueueTicket t;
    int rc = at_counter(s, a, counter, &t, e);
    if (rc < 0)
        return rc;
    if (act == QUEUE_TRANSFER) {
        QueueGroup g;
        Err nf;
        rc = store_queue_group_get(s, a, to_group ? to_group : "", &g, &nf);
        if (rc == ERR_NOT_FOUND || (rc == 0 && strcmp(g.unit, counter->unit) != 0))
            return err_setf(e, ERR_INVALID, "to", "Không có nhóm quầy %s tại đơn vị này",
                            "no counter group %s at this unit", to_group ? to_group : "");
        if (rc < 0) {
            *e = nf;
            return rc;
        }
        if (g.id == t.group)
            return err_set(e, ERR_INVALID, "to", "Số này đã thuộc nhóm quầy đó",
                           "the ticket is in that group already");
        if ((rc = move(s, &t, act, now, e)) < 0)
            return rc;
        t.group = g.id;
        t.queued_at = now;
        rc = store_queue_ticket_save(s, &t, e);
    } else if (act == QUEUE_RECALL) {
        t.calls++;
        t.called_at = now;
        t.officer = officer;
        rc = move(s, &t, act, now, e);
    } else if (act == QUEUE_CALL) {
        return err_set(e, ERR_INVALID, "action", "Dùng “gọi số tiếp theo” để gọi số mới",
                       "call the next ticket to call a new one");
    } else {
        rc = move(s, &t, act, now, e);
    }
    if (rc < 0)
        return rc;
    *out = t;
    return 0;
}

int queue_take_dossier(Store *s, Arena *a, const QueueCounter *counter, const char *code,
                       int64_t now, Err *e)
{
    QueueTicket t;
    int rc = at_counter(s, a, counter, &t, e);
    if (rc < 0)
        return rc;
    t.dossier = code;
    if (t.state == QUEUE_CALLED)
        return move(s, &t, QUEUE_START, now, e);
    return store_queue_ticket_save(s, &t, e);
}

int queue_rated(Store *s, Arena *a, int64_t id, const char *level, Err *e)
{
    QueueTicket t;
    int rc = store_queue_ticket_get(s, a, id, &t, e);
    if (rc < 0)
        return rc;
    if (t.rating)
        return err_setf(e, ERR_CONFLICT, "ticket", "Số %s đã được đánh giá",
                        "ticket %s was rated already", t.number);
    t.rating = level;
    return store_queue_ticket_save(s, &t, e);
}

/* group_of finds the group id among groups[0..n) (NULL when absent). */
static const QueueGroup *group_of(const QueueGroup *groups, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (groups[i].id == id)
            return &groups[i];
    return NULL;
}

/* counter_of finds the counter id among counters[0..n) (NULL when absent). */
static const QueueCounter *counter_of(const QueueCounter *counters, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (counters[i].id == id)
            return &counters[i];
    return NULL;
}

int queue_board(Store *s, Arena *a, const char *under, QueueBoardRow **out, size_t *out_n, Err *e)
{
    QueueCounter *counters;
    QueueGroup *groups;
    size_t n, n_groups;
    int rc = store_queue_counter_list(s, a, under, &counters, &n, e);
    if (rc < 0 || (rc = store_queue_group_list(s, a, NULL, &groups, &n_groups, e)) < 0)
        return rc;
    QueueBoardRow *rows = arena_array(a, n ? n : 1, sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        memset(&rows[i], 0, sizeof rows[i]);
        rows[i].counter = counters[i];
        const QueueGroup *g = group_of(groups, n_groups, counters[i].group);
        if (g)
            rows[i].group = *g;
        Err nf;
        rc = store_queue_ticket_at(s, a, counters[i].id, &rows[i].ticket, &nf);
        if (rc == ERR_NOT_FOUND)
            memset(&rows[i].ticket, 0, sizeof rows[i].ticket);
        else if (rc < 0) {
            *e = nf;
            return rc;
        }
    }
    *out = rows;
    *out_n = n;
    return 0;
}

static const char *const dims[QUEUE_DIM_COUNT] = {"counter", "group", "hour", "officer"};

const char *queue_dim_name(QueueDim dim)
{
    return (unsigned)dim < QUEUE_DIM_COUNT ? dims[dim] : "";
}

int queue_dim_parse(const char *name)
{
    for (int i = 0; name && i < QUEUE_DIM_COUNT; i++)
        if (strcmp(name, dims[i]) == 0)
            return i;
    return -1;
}

static int by_key(const void *x, const void *y)
{
    return strcmp(((const QueueFigureRow *)x)->key, ((const QueueFigureRow *)y)->key);
}

int queue_figures(Store *s, Arena *a, const char *under, int64_t from, int64_t to, QueueDim dim,
                  QueueFigureRow **out, size_t *out_n, QueueFigures *out_total, Err *e)
{
    QueueLeg *legs;
    QueueCounter *counters;
    QueueGroup *groups;
    size_t n_legs, n_counters, n_groups;
    int rc = store_queue_legs(s, a, under, from, to, &legs, &n_legs, e);
    if (rc < 0 || (rc = store_queue_counter_list(s, a, NULL, &counters, &n_counters, e)) < 0 ||
        (rc = store_queue_group_list(s, a, NULL, &groups, &n_groups, e)) < 0)
        return rc;
    QueueFigureRow *rows = arena_array(a, n_legs ? n_legs : 1, sizeof *rows);
    size_t n = 0;
    QueueFigures total = {0};
    for (size_t i = 0; i < n_legs; i++) {
        const QueueLeg *leg = &legs[i];
        const char *key = "", *label = "";
        if (dim == QUEUE_BY_COUNTER) {
            const QueueCounter *c = counter_of(counters, n_counters, leg->counter);
            key = c ? c->code : "";
            label = c ? c->name : "";
        } else if (dim == QUEUE_BY_GROUP) {
            const QueueGroup *g = group_of(groups, n_groups, leg->group);
            key = g ? g->code : "";
            label = g ? g->name : "";
        } else if (dim == QUEUE_BY_HOUR) {
            int h = queue_leg_hour(leg);
            key = arena_printf(a, "%02d", h);
            label = arena_printf(a, "%02d:00–%02d:00", h, h + 1);
        } else {
            key = label = leg->officer ? leg->officer : "";
        }
        size_t j = 0;
        while (j < n && strcmp(rows[j].key, key) != 0)
            j++;
        if (j == n)
            rows[n++] = (QueueFigureRow){.key = key, .label = label};
        queue_figures_add(&rows[j].f, leg);
        queue_figures_add(&total, leg);
    }
    qsort(rows, n, sizeof *rows, by_key);
    *out = rows;
    *out_n = n;
    *out_total = total;
    return 0;
}

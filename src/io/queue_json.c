/* queue_json.c: the counter queue's JSON (see queue_json.h). */
#include "io/queue_json.h"

#include "app/record.h"
#include "util/escape.h"
#include "util/timefmt.h"

json_t *queue_ticket_json(const QueueTicket *t, const char *group, const char *counter)
{
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:I, s:s?, s:s?, s:s?}", "number", t->number,
                     "group", group, "state", queue_state_name(t->state), "issued_at",
                     record_instant(t->issued_at), "called_at", record_instant(t->called_at),
                     "calls", (json_int_t)t->calls, "counter", counter, "dossier", t->dossier,
                     "rating", t->rating);
}

json_t *queue_board_json(const QueueBoardRow *rows, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const QueueBoardRow *r = &rows[i];
        json_t *o = json_pack("{s:s, s:s, s:s?}", "counter", r->counter.code, "name",
                              r->counter.name, "group", r->group.code);
        int serving = r->ticket.id != 0;
        char callout[256];
        json_object_set_new(o, "number", serving ? json_string(r->ticket.number) : json_null());
        json_object_set_new(o, "state",
                            serving ? json_string(queue_state_name(r->ticket.state)) : json_null());
        json_object_set_new(o, "calls", json_integer(serving ? r->ticket.calls : 0));
        json_object_set_new(o, "called_at", record_instant(serving ? r->ticket.called_at : 0));
        json_object_set_new(
            o, "callout",
            serving && queue_callout(r->ticket.number, r->counter.name, callout, sizeof callout)
                ? json_string(callout)
                : json_null());
        json_array_append_new(arr, o);
    }
    return json_pack("{s:o}", "counters", arr);
}

static json_t *figures_json(const QueueFigures *f)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "called",
                     (json_int_t)f->called, "done", (json_int_t)f->done, "skipped",
                     (json_int_t)f->skipped, "transferred", (json_int_t)f->transferred,
                     "wait_total", (json_int_t)f->wait_total, "wait_avg",
                     (json_int_t)queue_wait_avg(f), "wait_max", (json_int_t)f->wait_max,
                     "service_total", (json_int_t)f->service_total, "service_avg",
                     (json_int_t)queue_service_avg(f), "service_max", (json_int_t)f->service_max);
}

json_t *queue_figures_json(QueueDim dim, int32_t from, int32_t to, const QueueFigureRow *rows,
                           size_t n, const QueueFigures *total)
{
    char f[TIMEFMT_DATE_SIZE], t[TIMEFMT_DATE_SIZE];
    timefmt_format_date(from, f, sizeof f);
    timefmt_format_date(to, t, sizeof t);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = figures_json(&rows[i].f);
        json_object_set_new(o, "key", json_string(rows[i].key));
        json_object_set_new(o, "label", json_string(rows[i].label));
        json_array_append_new(arr, o);
    }
    return json_pack("{s:s, s:s, s:s, s:o, s:o}", "by", queue_dim_name(dim), "from", f, "to", t,
                     "rows", arr, "total", figures_json(total));
}

/* csv_line appends one line of figures after its first fields. */
static void csv_line(StrBuf *sb, const char *key, const char *label, const QueueFigures *f)
{
    esc_csv(sb, key);
    sb_append(sb, ",", 1);
    esc_csv(sb, label);
    sb_appendf(sb, ",%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld\r\n", (long long)f->called,
               (long long)f->done, (long long)f->skipped, (long long)f->transferred,
               (long long)queue_wait_avg(f), (long long)f->wait_max,
               (long long)queue_service_avg(f), (long long)f->service_max);
}

void queue_figures_csv(StrBuf *sb, QueueDim dim, const QueueFigureRow *rows, size_t n,
                       const QueueFigures *total)
{
    sb_appendf(sb,
               "%s,label,called,done,skipped,transferred,wait_avg,wait_max,service_avg,"
               "service_max\r\n",
               queue_dim_name(dim));
    for (size_t i = 0; i < n; i++)
        csv_line(sb, rows[i].key, rows[i].label, &rows[i].f);
    csv_line(sb, "total", "", total);
}

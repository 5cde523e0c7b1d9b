/* queue_json.h: the counter queue as the API answers it (docs/INTERFACES.md, "Queue"): a
 * ticket, the board (also the server-sent events' data) and the figures, these also as CSV. */
#ifndef MOTCUA_QUEUE_JSON_H
#define MOTCUA_QUEUE_JSON_H

#include "app/queue.h"

#include "util/strbuf.h"

#include <jansson.h>

/* queue_ticket_json is t as {"number", "group", "state", "issued_at", "called_at", "calls",
 * "counter", "dossier", "rating"}, with group and counter given by their codes (counter may be
 * NULL); the caller owns the result. */
json_t *queue_ticket_json(const QueueTicket *t, const char *group, const char *counter);

/* queue_board_json is the board: {"counters": [{"counter", "name", "group", "number",
 * "state", "calls", "called_at", "callout"}]}, number and the rest null where a counter
 * serves no one; the caller owns the result. */
json_t *queue_board_json(const QueueBoardRow *rows, size_t n);

/* queue_figures_json is {"by", "from", "to", "rows": [{"key", "label", "called", "done",
 * "skipped", "transferred", "wait_total", "wait_avg", "wait_max", "service_total",
 * "service_avg", "service_max"}],
 * "total": {...}} (seconds); the caller owns the result. */
json_t *queue_figures_json(QueueDim dim, int32_t from, int32_t to, const QueueFigureRow *rows,
                           size_t n, const QueueFigures *total);

/* queue_figures_csv appends the figures as CSV: a header line, one line per row and a last
 * line "total" (seconds; text fields quoted and neutralised by esc_csv). */
void queue_figures_csv(StrBuf *sb, QueueDim dim, const QueueFigureRow *rows, size_t n,
                       const QueueFigures *total);

#endif

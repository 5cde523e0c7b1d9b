/* board.c: GET /bang-goi, the call board for a TV across the room (?don-vi= one unit's
 * counters): each counter and the number it calls or serves, in large type; assets/queue.js
 * follows the board's server-sent events (GET /api/v1/queue/board/events), highlights a new
 * call and speaks its call-out in Vietnamese; without scripts the page reloads itself. */
#include "web/pages/pages.h"

#include "web/pages/queue_screen.h"

int page_board(Request *req, Response *res)
{
    QueueBoardRow *rows;
    size_t n;
    const char *unit = req_query(req, "don-vi");
    int rc = queueweb_board(req, unit, &rows, &n);
    if (rc < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    queue_screen_begin(&sb,
                       &(QueueScreen){.title = "Bảng gọi số",
                                      .body_class = "queue board",
                                      .events = html_url(req->arena, "/api/v1/queue/board/events",
                                                         "unit", unit && *unit ? unit : NULL, NULL),
                                      .refresh = 5,
                                      .refresh_noscript = 1});
    html(&sb, "<h1>Mời công dân có số thứ tự đến quầy</h1>\n"
              "<p class=\"callout\" id=\"callout\" aria-live=\"polite\"></p>\n"
              "<table><thead><tr><th scope=\"col\">Quầy</th><th scope=\"col\">Số</th>"
              "<th scope=\"col\">Lĩnh vực</th><th scope=\"col\"></th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const QueueBoardRow *r = &rows[i];
        int serving = r->ticket.id != 0;
        html(&sb,
             "<tr data-counter=\"%s\" data-seen=\"%s\"><td>%s</td><td class=\"number\">%s</td>",
             r->counter.code,
             serving
                 ? arena_printf(req->arena, "%s/%lld", r->ticket.number, (long long)r->ticket.calls)
                 : "",
             r->counter.name, serving ? r->ticket.number : "—");
        html(&sb, "<td class=\"muted\">%s</td><td class=\"state\">%s</td></tr>\n",
             r->group.name ? r->group.name : "",
             !serving                           ? ""
             : r->ticket.state == QUEUE_SERVING ? "Đang phục vụ"
                                                : "Mời đến quầy");
    }
    html(&sb, "</tbody></table>\n");
    queue_screen_end(&sb);
    return page_send(req, res, &sb, 200);
}

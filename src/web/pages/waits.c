/* waits.c: the counter queue's figures on the leader's dashboard (see waits.h). */
#include "web/pages/waits.h"

#include "app/queue.h"
#include "util/timefmt.h"
#include "web/pages/layout.h"

/* minutes writes seconds as whole minutes and seconds ("4 phút 05 giây"). */
static const char *minutes(Arena *a, int64_t seconds)
{
    return arena_printf(a, "%lld phút %02lld giây", (long long)(seconds / 60),
                        (long long)(seconds % 60));
}

int waits_section(StrBuf *sb, Request *req, const char *unit, int32_t month_from, int32_t today)
{
    Store *s = req_store(req);
    QueueCounter *counters;
    size_t n_counters, n;
    QueueFigureRow *rows;
    QueueFigures total;
    int rc = store_queue_counter_list(s, req->arena, unit, &counters, &n_counters, &req->err);
    if (rc < 0 || n_counters == 0 ||
        (rc = queue_figures(s, req->arena, unit, timefmt_local_instant(today, 0),
                            timefmt_local_instant(today, 86400), QUEUE_BY_COUNTER, &rows, &n,
                            &total, &req->err)) < 0)
        return rc;
    Arena *a = req->arena;
    html(sb, "<h2>Thời gian chờ tại quầy hôm nay</h2>\n");
    if (n == 0)
        html(sb, "<p class=\"muted\">Hôm nay chưa có lượt gọi số nào.</p>\n");
    else {
        html(sb, "<div class=\"table-wrap\"><table class=\"waits\"><thead><tr>"
                 "<th scope=\"col\">Quầy</th><th scope=\"col\" class=\"num\">Lượt gọi</th>"
                 "<th scope=\"col\" class=\"num\">Đã phục vụ</th><th scope=\"col\" "
                 "class=\"num\">Vắng mặt</th><th scope=\"col\" class=\"num\">Chờ trung bình</th>"
                 "<th scope=\"col\" class=\"num\">Chờ lâu nhất</th><th scope=\"col\" "
                 "class=\"num\">Phục vụ trung bình</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i <= n; i++) {
            const QueueFigures *f = i < n ? &rows[i].f : &total;
            html(sb,
                 "<tr data-key=\"%s\"><td>%s</td><td class=\"num\">%s</td><td "
                 "class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td "
                 "class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
                 i < n ? rows[i].key : "total", i < n ? rows[i].label : "Tổng",
                 html_num(a, f->called), html_num(a, f->done), html_num(a, f->skipped),
                 minutes(a, queue_wait_avg(f)), minutes(a, f->wait_max),
                 minutes(a, queue_service_avg(f)));
        }
        html(sb, "</tbody></table></div>\n");
    }
    char from[TIMEFMT_DATE_SIZE], to[TIMEFMT_DATE_SIZE];
    timefmt_format_date(month_from, from, sizeof from);
    timefmt_format_date(today, to, sizeof to);
    html(sb, "<p>Tháng này, tải về:");
    static const struct {
        const char *by, *label;
    } dims[] = {{"counter", "theo quầy"},
                {"group", "theo nhóm quầy"},
                {"hour", "theo giờ"},
                {"officer", "theo cán bộ"}};
    for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++)
        html(sb, " %s (<a href=\"%s\">CSV</a>, <a href=\"%s\">Excel</a>)%s", dims[i].label,
             html_url(a, "/api/v1/queue/figures", "by", dims[i].by, "from", from, "to", to,
                      "format", "csv", NULL),
             html_url(a, "/api/v1/queue/figures", "by", dims[i].by, "from", from, "to", to,
                      "format", "xlsx", NULL),
             i + 1 < sizeof dims / sizeof dims[0] ? ";" : ".");
    html(sb, "</p>\n");
    return 0;
}

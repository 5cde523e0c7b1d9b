/* kiosk.c: the ticket kiosk and the ticket: GET /lay-so (a large button per counter group;
 * ?kho=58 or 80 the printer's roll width, ?don-vi= one unit's groups), POST /lay-so (public,
 * limited per address as the look-ups are: issues a ticket and shows it), GET
 * /lay-so/ve/{key} (the ticket, printed at once on the roll's width with the time, the people
 * ahead and a QR to follow one's turn), GET /so/{key} (one's turn on a phone, from the QR).
 * Plain HTML forms: an old tablet's browser needs no script to take a ticket. */
#include "web/pages/pages.h"

#include "web/form.h"
#include "web/limits.h"
#include "web/pages/queue_screen.h"

#include <string.h>

/* roll is the printer's roll width asked for: "58" or "80" (the default). */
static const char *roll(const char *kho)
{
    return kho && strcmp(kho, "58") == 0 ? "58" : "80";
}

int page_kiosk(Request *req, Response *res)
{
    Store *s = req_store(req);
    QueueGroup *groups;
    size_t n;
    const char *unit = req_query(req, "don-vi"), *kho = roll(req_query(req, "kho"));
    if (!s || store_queue_group_list(s, req->arena, unit && *unit ? unit : NULL, &groups, &n,
                                     &req->err) < 0)
        return req->err.code;
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    queue_screen_begin(&sb, &(QueueScreen){.title = "Lấy số thứ tự", .body_class = "queue"});
    html(&sb, "<h1>Mời chọn lĩnh vực để lấy số thứ tự</h1>\n<div class=\"kiosk-groups\">\n");
    for (size_t i = 0; i < n; i++) {
        html(&sb, "<form method=\"post\" action=\"/lay-so\">");
        page_csrf(&sb, req); /* an officer's browser may serve as the kiosk too */
        html(&sb,
             "<input type=\"hidden\" name=\"group\" value=\"%s\"><input type=\"hidden\" "
             "name=\"kho\" value=\"%s\"><button type=\"submit\" id=\"group-%s\"><span "
             "class=\"prefix\">%s</span>%s</button></form>\n",
             groups[i].code, kho, groups[i].code, groups[i].prefix, groups[i].name);
    }
    if (n == 0)
        html(&sb, "<p class=\"notice\">Chưa có nhóm quầy nào được khai báo.</p>\n");
    html(&sb, "</div>\n");
    queue_screen_end(&sb);
    return page_send(req, res, &sb, 200);
}

int page_kiosk_issue(Request *req, Response *res)
{
    int rc = form_parse(req);
    QueueIssued is;
    if (rc < 0 || (rc = limits_lookup(req)) < 0 ||
        (rc = queueweb_issue(req, form_get(req, "group"), &is)) < 0)
        return rc;
    res_redirect(res, html_path(req->arena, "/lay-so/ve/%s?kho=%s", is.ticket.follow_key,
                                roll(form_get(req, "kho"))));
    return 0;
}

int page_kiosk_ticket(Request *req, Response *res)
{
    QueueFollow f;
    int rc = queueweb_follow(req, req->params[0], &f);
    if (rc < 0)
        return rc;
    const char *kho = roll(req_query(req, "kho"));
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    queue_screen_begin(
        &sb,
        &(QueueScreen){.title = arena_printf(req->arena, "Số thứ tự %s", f.ticket.number),
                       .body_class = strcmp(kho, "58") == 0 ? "queue ticket-58" : "queue ticket-80",
                       .autoprint = 1,
                       .refresh = 20,
                       .refresh_to = html_url(req->arena, "/lay-so", "kho", kho, NULL)});
    queue_screen_ticket(&sb, req, &f.ticket, f.group_name, f.unit_name, f.ahead,
                        arena_printf(req->arena, "%s%s", page_base_url(req),
                                     html_path(req->arena, "/so/%s", f.ticket.follow_key)));
    html(&sb, "<p class=\"actions no-print\"><a href=\"%s\">Lấy số khác</a></p>\n",
         html_url(req->arena, "/lay-so", "kho", kho, NULL));
    queue_screen_end(&sb);
    return page_send(req, res, &sb, 200);
}

int page_queue_follow(Request *req, Response *res)
{
    QueueFollow f;
    int rc = queueweb_follow(req, req->params[0], &f);
    if (rc < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    queue_screen_begin(
        &sb,
        &(QueueScreen){
            .title = arena_printf(req->arena, "Số %s", f.ticket.number),
            .body_class = "queue follow",
            .refresh = queue_waiting(f.ticket.state) || f.ticket.state == QUEUE_CALLED ? 15 : 0});
    html(&sb, "<h1>Lượt của bạn</h1>\n");
    if (f.ticket.state == QUEUE_CALLED)
        html(&sb, "<p class=\"state\" id=\"follow-state\">Mời bạn đến %s</p>\n",
             f.counter_name ? f.counter_name : "");
    else
        html(&sb, "<p class=\"state\" id=\"follow-state\">%s</p>\n",
             queue_state_label(f.ticket.state));
    queue_screen_ticket(&sb, req, &f.ticket, f.group_name, f.unit_name, f.ahead, NULL);
    queue_screen_end(&sb);
    return page_send(req, res, &sb, 200);
}

/* calls.c: the clerk's calls of the counter queue (see calls.h) and POST /quay/goi. */
#include "web/pages/calls.h"

#include "web/form.h"
#include "web/pages/layout.h"
#include "web/pages/pages.h"
#include "web/queueweb.h"

#include <string.h>

const char *calls_counter(Request *req)
{
    const char *code = req_query(req, "quay");
    if (!code && req->form_parsed)
        code = form_get(req, "quay");
    QueueCounter c;
    Err ignored;
    Store *s = req_store(req);
    int here = 0;
    if (!code || !*code || strlen(code) > 32 || !s ||
        store_queue_counter_get(s, req->arena, code, &c, &ignored) < 0 ||
        store_unit_within(s, c.unit, req->who.unit, &here, &ignored) < 0 || !here)
        return NULL;
    return c.code;
}

/* button writes a form posting action for counter, labelled label. */
static void button(StrBuf *sb, Request *req, const char *counter, const char *action,
                   const char *label)
{
    html(sb, "<form method=\"post\" class=\"inline\" action=\"/quay/goi\">");
    page_csrf(sb, req);
    html(sb,
         "<input type=\"hidden\" name=\"quay\" value=\"%s\"><input type=\"hidden\" "
         "name=\"action\" value=\"%s\"><button type=\"submit\" id=\"call-%s\">%s</button></form>",
         counter, action, action, label);
}

/* absent_list lists the tickets of counter c's group marked absent today, each with a button
 * that calls it back to c. */
static int absent_list(StrBuf *sb, Request *req, const QueueCounter *c)
{
    QueueTicket *skipped;
    size_t n;
    int rc = store_queue_ticket_skipped(req_store(req), req->arena, c->group,
                                        queue_day(req_now(req)), &skipped, &n, &req->err);
    if (rc < 0 || n == 0)
        return rc;
    html(sb, "<h3 id=\"absent-h\">Số vắng mặt hôm nay</h3>\n<ul class=\"absent\" "
             "aria-labelledby=\"absent-h\">");
    for (size_t i = 0; i < n; i++) {
        html(sb,
             "<li><strong>%s</strong> (gọi %s lần) <form method=\"post\" class=\"inline\" "
             "action=\"/quay/goi\">",
             skipped[i].number, html_num(req->arena, skipped[i].calls));
        page_csrf(sb, req);
        html(sb,
             "<input type=\"hidden\" name=\"quay\" value=\"%s\"><input type=\"hidden\" "
             "name=\"action\" value=\"recall\"><input type=\"hidden\" name=\"ticket\" "
             "value=\"%s\"><button type=\"submit\" class=\"secondary\" id=\"recall-%s\">Gọi "
             "lại số %s</button></form></li>",
             c->code, skipped[i].number, skipped[i].number, skipped[i].number);
    }
    html(sb, "</ul>\n");
    return 0;
}

int calls_panel(StrBuf *sb, Request *req)
{
    Store *s = req_store(req);
    QueueCounter *counters;
    QueueGroup *groups;
    size_t n, n_groups;
    int rc = store_queue_counter_list(s, req->arena, req->who.unit, &counters, &n, &req->err);
    if (rc < 0 || n == 0)
        return rc;
    const char *chosen = calls_counter(req);
    html(sb, "<section class=\"calls\" aria-labelledby=\"calls-h\"><h2 id=\"calls-h\">Gọi số "
             "thứ tự</h2>\n<form method=\"get\" action=\"/quay\" class=\"inline\">"
             "<label for=\"quay\">Quầy của tôi</label> <select id=\"quay\" name=\"quay\">");
    for (size_t i = 0; i < n; i++)
        html_option(sb, counters[i].code, counters[i].name, chosen);
    html(sb, "</select> <button type=\"submit\" class=\"secondary\">Chọn quầy</button></form>\n");
    if (!chosen) {
        html(sb, "</section>\n");
        return 0;
    }
    QueueCounter c;
    QueueTicket t;
    Err none;
    if ((rc = store_queue_counter_get(s, req->arena, chosen, &c, &req->err)) < 0 ||
        (rc = store_queue_group_list(s, req->arena, c.unit, &groups, &n_groups, &req->err)) < 0)
        return rc;
    int at = store_queue_ticket_at(s, req->arena, c.id, &t, &none) == 0;
    if (at)
        html(sb,
             "<p class=\"calls-now\">%s đang %s số <strong id=\"calls-number\">%s</strong> "
             "(gọi %s lần).</p>\n",
             c.name, t.state == QUEUE_SERVING ? "phục vụ" : "gọi", t.number,
             html_num(req->arena, t.calls));
    else
        html(sb, "<p class=\"calls-now\">%s chưa gọi số nào.</p>\n", c.name);
    html(sb, "<div class=\"actions\">");
    button(sb, req, c.code, "next", "Gọi số tiếp theo");
    if (at && t.state == QUEUE_CALLED) {
        button(sb, req, c.code, "recall", "Gọi lại");
        button(sb, req, c.code, "skip", "Vắng mặt");
    }
    if (at)
        button(sb, req, c.code, "finish", "Kết thúc phục vụ");
    html(sb, "</div>\n");
    if (at) {
        html(sb,
             "<p><a class=\"button\" id=\"intake-from-ticket\" href=\"%s\">Tiếp nhận hồ sơ "
             "từ số %s</a></p>\n",
             html_url(req->arena, "/tiep-nhan", "quay", c.code, NULL), t.number);
        html(sb, "<form method=\"post\" class=\"inline\" action=\"/quay/goi\">");
        page_csrf(sb, req);
        html(sb,
             "<input type=\"hidden\" name=\"quay\" value=\"%s\"><input type=\"hidden\" "
             "name=\"action\" value=\"transfer\"><label for=\"to\">Chuyển sang nhóm</label> "
             "<select id=\"to\" name=\"to\">",
             c.code);
        for (size_t i = 0; i < n_groups; i++)
            if (groups[i].id != t.group)
                html_option(sb, groups[i].code, groups[i].name, NULL);
        html(sb, "</select> <button type=\"submit\" id=\"call-transfer\" class=\"secondary\">"
                 "Chuyển</button></form>\n");
    }
    rc = absent_list(sb, req, &c);
    html(sb, "</section>\n");
    return rc;
}

int page_calls_post(Request *req, Response *res)
{
    int rc = form_parse(req);
    QueueCalled c;
    const char *counter = form_get(req, "quay"), *action = form_get(req, "action");
    if (rc < 0 || (rc = queueweb_call(req, counter, action, form_get(req, "to"),
                                      form_get(req, "ticket"), &c)) < 0)
        return rc;
    const char *nobody = action && strcmp(action, "next") == 0 && !c.ticket.id ? "1" : NULL;
    res_redirect(res,
                 html_url(req->arena, "/quay", "quay", c.counter.code, "khong-con", nobody, NULL));
    return 0;
}

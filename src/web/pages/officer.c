/* officer.c: helpers shared by the officers' screens (see officer.h). */
#include "web/pages/officer.h"

#include "store/calendars.h"
#include "web/auth.h"
#include "io/html.h"

#include <string.h>

const char *officer_channel_label(const char *channel)
{
    if (!channel)
        return "";
    if (strcmp(channel, "direct") == 0)
        return "Trực tiếp";
    if (strcmp(channel, "postal") == 0)
        return "Qua dịch vụ bưu chính";
    if (strcmp(channel, "online") == 0)
        return "Trực tuyến";
    return channel;
}

const char *officer_procedure_name(Request *req, const char *code)
{
    Store *s = req_store(req);
    Procedure p;
    Err ignored;
    if (s && code && store_procedure_get(s, req->arena, code, &p, &ignored) == 0)
        return p.name;
    return code;
}

int64_t officer_soon_until(Request *req)
{
    int64_t now = req_now(req), until = now + 24 * 3600;
    Store *s = req_store(req);
    Calendar cal;
    Err ignored;
    if (s && calendars_load(s, req->who.unit, &cal, &ignored) == 0) {
        int64_t t;
        if (calendar_add_working_days(&cal, now, 1, &t) == 0)
            until = t;
        calendar_free(&cal);
    }
    return until;
}

OfficerUrgency officer_urgency(const Dossier *d, int64_t now, int64_t soon_until)
{
    const DossierProjection *p = &d->p;
    if (!p->due_at || p->paused_at || lifecycle_is_final(p->state))
        return OFFICER_CALM;
    if (p->due_at < now)
        return OFFICER_OVERDUE;
    return p->due_at <= soon_until ? OFFICER_SOON : OFFICER_CALM;
}

void officer_state_badge(StrBuf *sb, State s)
{
    HTML_LIT(sb, "<span class=\"badge\"");
    html_attr(sb, "data-state", lifecycle_state_name(s));
    HTML_LIT(sb, ">");
    html_text(sb, lifecycle_state_label(s));
    HTML_LIT(sb, "</span>");
}

void officer_table_head(StrBuf *sb)
{
    HTML_LIT(sb, "<th scope=\"col\">Mã hồ sơ</th><th scope=\"col\">Người nộp</th>"
                 "<th scope=\"col\">Thủ tục</th><th scope=\"col\">Trạng thái</th>"
                 "<th scope=\"col\">Hạn giải quyết</th>");
}

void officer_row_begin(StrBuf *sb, OfficerUrgency u)
{
    if (u == OFFICER_OVERDUE)
        HTML_LIT(sb, "<tr class=\"overdue\">");
    else if (u == OFFICER_SOON)
        HTML_LIT(sb, "<tr class=\"soon\">");
    else
        HTML_LIT(sb, "<tr>");
}

void officer_table_cells(StrBuf *sb, Request *req, const Dossier *d, OfficerUrgency u)
{
    HTML_LIT(sb, "<td><a");
    html_url_attr(sb, "href", arena_printf(req->arena, "/ho-so/%s", d->code), NULL);
    HTML_LIT(sb, ">");
    html_text(sb, d->code);
    HTML_LIT(sb, "</a></td><td>");
    html_text(sb, d->applicant_name);
    HTML_LIT(sb, "</td><td>");
    html_text(sb, officer_procedure_name(req, d->procedure));
    HTML_LIT(sb, "</td><td>");
    officer_state_badge(sb, d->p.state);
    HTML_LIT(sb, "</td><td>");
    if (d->p.due_at)
        html_datetime_vi(sb, d->p.due_at);
    else
        HTML_LIT(sb, "—");
    if (u == OFFICER_OVERDUE)
        HTML_LIT(sb, " <span class=\"badge overdue\">Quá hạn</span>");
    else if (u == OFFICER_SOON)
        HTML_LIT(sb, " <span class=\"badge soon\">Sắp đến hạn</span>");
    HTML_LIT(sb, "</td>");
}

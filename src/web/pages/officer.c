/* officer.c: helpers shared by the officers' screens (see officer.h). */
#include "web/pages/officer.h"

#include "app/calendars.h"
#include "io/html.h"
#include "web/auth.h"

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
    html(sb, "<span class=\"badge\" data-state=\"%s\">%s</span>", lifecycle_state_name(s),
         lifecycle_state_label(s));
}

void officer_table_head(StrBuf *sb)
{
    html(sb, "<th scope=\"col\">Mã hồ sơ</th><th scope=\"col\">Người nộp</th>"
             "<th scope=\"col\">Thủ tục</th><th scope=\"col\">Trạng thái</th>"
             "<th scope=\"col\">Hạn giải quyết</th>");
}

void officer_row_begin(StrBuf *sb, OfficerUrgency u)
{
    if (u == OFFICER_OVERDUE)
        html(sb, "<tr class=\"overdue\">");
    else if (u == OFFICER_SOON)
        html(sb, "<tr class=\"soon\">");
    else
        html(sb, "<tr>");
}

void officer_table_cells(StrBuf *sb, Request *req, const Dossier *d, OfficerUrgency u)
{
    Arena *a = req->arena;
    html(sb, "<td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>",
         html_path(a, "/ho-so/%s", d->code), d->code, d->applicant.name,
         officer_procedure_name(req, d->procedure));
    officer_state_badge(sb, d->p.state);
    html(sb, "</td><td>%s", d->p.due_at ? html_datetime(a, d->p.due_at) : "—");
    if (u == OFFICER_OVERDUE)
        html(sb, " <span class=\"badge overdue\">Quá hạn</span>");
    else if (u == OFFICER_SOON)
        html(sb, " <span class=\"badge soon\">Sắp đến hạn</span>");
    html(sb, "</td>");
}

/* dashboard.c: GET /tong-quan, the leader's overview of a unit and everything below it
 * (clerks and specialists see their own unit): today's intake and results, this month so
 * far (the official report of the month, reports_build), the Decision 766 indicators, the
 * waiting time at the counters (waits.c), the overdue dossiers by due date, the steps of
 * interconnected groups that need chasing (not acknowledged by their agency within 2 working
 * hours, acknowledged late, or overdue), and two charts month by month for the year so far. */
#include "web/pages/pages.h"

#include "app/chains.h"
#include "app/reports.h"
#include "web/auth.h"
#include "web/pages/layout.h"
#include "web/pages/waits.h"

#include <string.h>

enum { OVERDUE_LIMIT = 20, STEPS_LOOKED_AT = 500 };

static void card(StrBuf *sb, Arena *a, const char *key, const char *label, int64_t n)
{
    html(sb, "<div class=\"card\" data-key=\"%s\"><div class=\"n\">%s</div><div>%s</div></div>\n",
         key, html_num(a, n), label);
}

static void kv_row(StrBuf *sb, Arena *a, const char *key, const char *label, int64_t n, int sub)
{
    html(sb, "<tr data-key=\"%s\"", key);
    if (sub)
        html(sb, " class=\"sub\"");
    html(sb, "><th scope=\"row\">%s</th><td class=\"num\">%s</td></tr>\n", label, html_num(a, n));
}

/* month_table appends this month's figures, in the words of the official report. */
static void month_table(StrBuf *sb, Arena *a, const ReportRow *t)
{
    html(sb, "<table class=\"month\">\n<thead><tr><th scope=\"col\">Nội dung</th>"
             "<th scope=\"col\" class=\"num\">Số hồ sơ</th></tr></thead>\n<tbody>\n");
    kv_row(sb, a, "received.total", "Tiếp nhận (kể cả kỳ trước chuyển sang)", t->received_total, 0);
    kv_row(sb, a, "received.carried_over", "Kỳ trước chuyển sang", t->carried_over, 1);
    kv_row(sb, a, "received.online", "Trực tuyến", t->online, 1);
    kv_row(sb, a, "received.direct_postal", "Trực tiếp, bưu chính", t->direct_postal, 1);
    kv_row(sb, a, "resolved.total", "Đã giải quyết", t->resolved_total, 0);
    kv_row(sb, a, "resolved.early", "Trước hạn", t->early, 1);
    kv_row(sb, a, "resolved.on_time", "Đúng hạn", t->on_time, 1);
    kv_row(sb, a, "resolved.late", "Quá hạn", t->late, 1);
    kv_row(sb, a, "in_progress.total", "Đang giải quyết", t->in_progress_total, 0);
    kv_row(sb, a, "in_progress.within_deadline", "Trong hạn", t->within_deadline, 1);
    kv_row(sb, a, "in_progress.overdue", "Quá hạn", t->overdue, 1);
    kv_row(sb, a, "stopped", "Dừng xử lý, rút hồ sơ", t->stopped, 0);
    html(sb, "</tbody>\n</table>\n");
}

/* The procedure names already looked up for the overdue list. */
typedef struct Names {
    const char *code[OVERDUE_LIMIT], *name[OVERDUE_LIMIT];
    size_t n;
} Names;

/* procedure_name finds a procedure's name (its code if unknown), once per code. */
static const char *procedure_name(Request *req, Store *s, Names *seen, const char *code)
{
    for (size_t i = 0; i < seen->n; i++)
        if (strcmp(seen->code[i], code) == 0)
            return seen->name[i];
    Procedure p;
    Err ignored;
    const char *name = store_procedure_get(s, req->arena, code, &p, &ignored) == 0 ? p.name : code;
    if (seen->n < OVERDUE_LIMIT) {
        seen->code[seen->n] = code;
        seen->name[seen->n++] = name;
    }
    return name;
}

static int overdue_list(Request *req, StrBuf *sb, Store *s, const char *unit, int64_t now)
{
    DossierQuery q = {
        .under = unit, .due_before = now, .overdue_at = 1, .by_due = 1, .limit = OVERDUE_LIMIT};
    Dossier *ds;
    size_t n;
    int rc = dossiers_search(s, req->arena, &q, &ds, &n, &req->err);
    if (rc < 0)
        return rc;
    html(sb, "<h2 id=\"qua-han\">Hồ sơ quá hạn</h2>\n");
    if (n == 0) {
        html(sb, "<p>Không có hồ sơ nào quá hạn.</p>\n");
        return 0;
    }
    html(sb, "<div class=\"table-wrap\"><table class=\"overdue-list\">\n<thead><tr>"
             "<th scope=\"col\">Mã hồ sơ</th><th scope=\"col\">Thủ tục</th>"
             "<th scope=\"col\">Hạn giải quyết</th><th scope=\"col\" class=\"num\">Quá hạn "
             "(ngày)</th><th scope=\"col\">Tình trạng</th><th scope=\"col\">Người xử lý"
             "</th></tr></thead>\n<tbody>\n");
    Arena *a = req->arena;
    int32_t today = timefmt_local_day(now);
    Names seen = {0};
    for (size_t i = 0; i < n; i++) {
        const Dossier *d = &ds[i];
        html(sb,
             "<tr class=\"overdue\"><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td>"
             "<td class=\"num\">%s</td><td>%s</td><td>%s</td></tr>\n",
             html_path(a, "/ho-so/%s", d->code), d->code,
             procedure_name(req, s, &seen, d->procedure), html_datetime(a, d->p.due_at),
             html_num(a, today - timefmt_local_day(d->p.due_at)), lifecycle_state_label(d->p.state),
             d->p.handler ? d->p.handler : "—");
    }
    html(sb, "</tbody>\n</table></div>\n");
    if (n == OVERDUE_LIMIT)
        html(sb, "<p class=\"muted\">Hiển thị 20 hồ sơ quá hạn lâu nhất.</p>\n");
    return 0;
}

/* charts appends the two monthly charts of the year so far and their figures. */
/* step_alerts appends the steps of interconnected groups that need chasing, when there are. */
static int step_alerts(Request *req, StrBuf *sb, Store *s, const char *unit, int64_t now)
{
    ChainAlert *alerts;
    size_t n;
    int rc = chains_alerts(s, req->arena, unit, now, STEPS_LOOKED_AT, &alerts, &n, &req->err);
    if (rc < 0 || n == 0)
        return rc;
    html(sb, "<h2 id=\"canh-bao-lien-thong\">Cảnh báo liên thông</h2>\n<div class=\"table-wrap\">"
             "<table class=\"alerts\"><thead><tr><th scope=\"col\">Hồ sơ</th><th "
             "scope=\"col\">Cơ quan</th><th scope=\"col\">Cảnh báo</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const ChainAlert *al = &alerts[i];
        html(sb, "<tr data-alert=\"%s\"><td><a href=\"%s\">%s</a></td><td>%s</td><td>",
             arena_printf(req->arena, "%u", al->alerts),
             html_path(req->arena, "/ho-so/%s", al->step.code), al->step.code,
             chain_agency_label(al->step.agency));
        if (al->alerts & CHAIN_ALERT_ACK_MISSING)
            html(sb, "<span class=\"badge overdue\">Chưa xác nhận đã nhận sau 2 giờ làm "
                     "việc</span> ");
        if (al->alerts & CHAIN_ALERT_ACK_LATE)
            html(sb, "<span class=\"badge\">Xác nhận muộn</span> ");
        if (al->alerts & CHAIN_ALERT_OVERDUE)
            html(sb, "<span class=\"badge overdue\">Quá hạn</span>");
        html(sb, "</td></tr>\n");
    }
    html(sb, "</tbody></table></div>\n");
    return 0;
}

/* portal_backlog appends the national portal's backlog (docs/PORTAL.md): the calls waiting in
 * the outbox of the whole store, those the portal has failed or refused, and since when. */
static int portal_backlog(Request *req, StrBuf *sb, Store *s)
{
    long waiting, failing;
    int64_t oldest;
    int rc = store_portal_backlog(s, &waiting, &failing, &oldest, &req->err);
    if (rc < 0)
        return rc;
    html(sb, "<h2 id=\"dong-bo-cong\">Đồng bộ Cổng Dịch vụ công quốc gia</h2>\n<p><a "
             "href=\"/doi-soat-cong\">Đối soát số liệu với Cổng</a></p>\n");
    if (!waiting) {
        html(sb, "<p data-portal-waiting=\"0\">Mọi thay đổi hồ sơ đã được gửi lên Cổng.</p>\n");
        return 0;
    }
    html(sb,
         "<p data-portal-waiting=\"%ld\"><strong>%s</strong> lệnh đồng bộ đang chờ gửi, cũ "
         "nhất từ %s",
         waiting, html_num(req->arena, waiting), html_datetime(req->arena, oldest));
    if (failing)
        html(sb, " · <span class=\"badge overdue\">%s lệnh bị Cổng từ chối hoặc lỗi</span>",
             html_num(req->arena, failing));
    html(sb, "</p>\n");
    return 0;
}

static void charts(Request *req, StrBuf *sb, const Report *year, int months)
{
    const char **labels = arena_array(req->arena, (size_t)months, sizeof *labels);
    int64_t *online = arena_array(req->arena, (size_t)months, sizeof(int64_t));
    int64_t *direct = arena_array(req->arena, (size_t)months, sizeof(int64_t));
    int64_t *good = arena_array(req->arena, (size_t)months, sizeof(int64_t));
    int64_t *late = arena_array(req->arena, (size_t)months, sizeof(int64_t));
    int y, m, d;
    timefmt_civil_from_days(year->q.from, &y, &m, &d);
    for (int i = 0; i < months; i++)
        labels[i] = arena_printf(req->arena, "%02d/%d", i + 1, y);
    for (size_t i = 0; i < year->n_months; i++) {
        const StatMonth *sm = &year->months[i];
        int at = sm->month - 1;
        if (sm->year != y || at < 0 || at >= months)
            continue;
        online[at] += sm->online;
        direct[at] += sm->direct_postal;
        good[at] += sm->early_on_time;
        late[at] += sm->late;
    }
    const int64_t *received[] = {online, direct}, *resolved[] = {good, late};
    const char *received_names[] = {"Trực tuyến", "Trực tiếp, bưu chính"};
    const char *resolved_names[] = {"Trước hạn, đúng hạn", "Quá hạn"};
    html(sb, "<h2>Từng tháng trong năm %d</h2>\n<div class=\"grid2\">\n<figure>", y);
    html_svg_bar_chart(sb, "Hồ sơ tiếp nhận theo tháng", labels, received, 2, (size_t)months,
                       received_names);
    html(sb, "<figcaption>Hồ sơ tiếp nhận theo tháng</figcaption></figure>\n<figure>");
    html_svg_bar_chart(sb, "Hồ sơ đã giải quyết theo tháng", labels, resolved, 2, (size_t)months,
                       resolved_names);
    html(sb, "<figcaption>Hồ sơ đã giải quyết theo tháng</figcaption></figure>\n</div>\n"
             "<div class=\"table-wrap\"><table class=\"months\">\n<thead><tr>"
             "<th scope=\"col\">Tháng</th><th scope=\"col\" class=\"num\">Tiếp nhận trực "
             "tuyến</th><th scope=\"col\" class=\"num\">Tiếp nhận trực tiếp, bưu chính</th>"
             "<th scope=\"col\" class=\"num\">Giải quyết trước hạn, đúng hạn</th>"
             "<th scope=\"col\" class=\"num\">Giải quyết quá hạn</th></tr></thead>\n"
             "<tbody>\n");
    Arena *a = req->arena;
    for (int i = 0; i < months; i++)
        html(sb,
             "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td>"
             "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
             labels[i], html_num(a, online[i]), html_num(a, direct[i]), html_num(a, good[i]),
             html_num(a, late[i]));
    html(sb, "</tbody>\n</table></div>\n");
}

int page_dashboard(Request *req, Response *res)
{
    const char *unit = req_query(req, "unit");
    if (!unit || !*unit)
        unit = req->who.unit;
    int rc = auth_require(req, PERM_REPORT_READ, unit);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    /* one instant for every figure of the page, so that they agree with each other and with
     * the report of the same period (every period here ends today: judged as of now) */
    int64_t now = req_now(req);
    int32_t today = timefmt_local_day(now);
    int y, m, d;
    timefmt_civil_from_days(today, &y, &m, &d);
    ReportQuery q_today = {today, today, unit, STAT_BY_NONE, REPORT_UNITS_DEFAULT};
    ReportQuery q_month = {timefmt_days_from_civil(y, m, 1), today, unit, STAT_BY_NONE,
                           REPORT_UNITS_DEFAULT};
    ReportQuery q_year = {timefmt_days_from_civil(y, 1, 1), today, unit, STAT_BY_NONE,
                          REPORT_UNITS_DEFAULT};
    Report r_today, r_month, r_year;
    if ((rc = reports_build(s, req->arena, &q_today, now, &r_today, &req->err)) < 0 ||
        (rc = reports_build(s, req->arena, &q_month, now, &r_month, &req->err)) < 0 ||
        (rc = reports_build(s, req->arena, &q_year, now, &r_year, &req->err)) < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Tổng quan", "/tong-quan");
    Arena *a = req->arena;
    html(&sb,
         "<p class=\"lead\"><strong>%s</strong> và các đơn vị trực thuộc · hôm nay %s</p>\n"
         "<h2>Hôm nay</h2>\n<div class=\"cards today\">\n",
         r_month.unit_name ? r_month.unit_name : unit, html_date(a, today));
    const ReportRow *t = &r_today.total;
    card(&sb, a, "today.received", "Tiếp nhận hôm nay", t->online + t->direct_postal);
    card(&sb, a, "today.resolved", "Giải quyết hôm nay", t->resolved_total);
    card(&sb, a, "today.in_progress", "Đang giải quyết", t->in_progress_total);
    card(&sb, a, "today.overdue", "Đang quá hạn", t->overdue);
    html(&sb,
         "</div>\n<h2>Tháng này</h2>\n<p class=\"period\">Từ ngày %s đến ngày %s · <a "
         "href=\"%s\">Báo cáo chi tiết</a></p>\n<div class=\"grid2\">\n<div>",
         html_date(a, q_month.from), html_date(a, q_month.to),
         html_url(a, "/bao-cao", "from", arena_printf(a, "%04d-%02d-01", y, m), "to",
                  arena_printf(a, "%04d-%02d-%02d", y, m, d), "unit", unit, NULL));
    month_table(&sb, a, &r_month.total);
    html(&sb, "</div>\n<div>");
    page_report_indicators(&sb, a, &r_month);
    html(&sb, "</div>\n</div>\n");
    if ((rc = waits_section(&sb, req, unit, q_month.from, today)) < 0 ||
        (rc = step_alerts(req, &sb, s, unit, now)) < 0 ||
        (rc = overdue_list(req, &sb, s, unit, now)) < 0 || (rc = portal_backlog(req, &sb, s)) < 0) {
        sb_free(&sb);
        return rc;
    }
    charts(req, &sb, &r_year, m);
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}

/* report.c: the leader's report screens: GET /bao-cao (the official report, Biểu
 * 06/VPCP/KSTT and the Decision 766 indicators, with a period picker, the unit and the
 * grouping, and links to the same report as xlsx, CSV for Excel, plain CSV and a printable
 * page; a period that has not ended is judged as of the request), GET /bao-cao/in
 * (that printable page, io/report_html) and GET /can-bo (per-officer figures). The figures
 * come from reports_build and store_stat_officers, as the API's; the table and indicator
 * renderings here are shared with the dashboard (dashboard.c). */
#include "web/pages/pages.h"

#include "io/report_out.h"
#include "app/reports.h"
#include "web/auth.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

/* What the picker asked for, as query strings ("" read as absent). */
typedef struct Picker {
    const char *period, *cutoff, *from, *to, *unit, *by, *units;
} Picker;

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

/* picker_read reads the query. Without any period or dates it is this month; without a
 * `by` parameter, by field (an empty `by` is no grouping). A named period and dates together
 * are the error reports_query gives (which one the user meant cannot be told). */
static Picker picker_read(Request *req)
{
    Picker p = {nonempty(req_query(req, "period")), nonempty(req_query(req, "cutoff")),
                nonempty(req_query(req, "from")),   nonempty(req_query(req, "to")),
                nonempty(req_query(req, "unit")),   req_query(req, "by"),
                nonempty(req_query(req, "units"))};
    if (!p.period && !p.from && !p.to) {
        int y, m, d;
        timefmt_civil_from_days(timefmt_local_day(req_now(req)), &y, &m, &d);
        p.period = arena_printf(req->arena, "%04d-%02d", y, m);
    }
    if (!p.by)
        p.by = "field";
    if (!p.unit)
        p.unit = req->who.unit;
    return p;
}

/* picker_query turns the picker into a ReportQuery (ERR_INVALID naming the bad input). */
static int picker_query(Request *req, const Picker *p, ReportQuery *out)
{
    int rc = reports_query(p->from, p->to, p->period, p->cutoff, p->unit, p->by, out, &req->err);
    return rc < 0 ? rc : reports_units(p->units, out, &req->err);
}

/* period_options appends the named periods of this year and the previous one. */
static void period_options(Request *req, StrBuf *sb, const char *selected)
{
    static const char *const roman[] = {"I", "II", "III", "IV"};
    Arena *a = req->arena;
    int y = page_this_year(req);
    for (int year = y; year >= y - 1; year--) {
        html(sb, "<optgroup label=\"Năm %d\">", year);
        html_option(sb, arena_printf(a, "%d", year), arena_printf(a, "Năm %d", year), selected);
        for (int h = 1; h <= 2; h++)
            html_option(sb, arena_printf(a, "%d-H%d", year, h),
                        arena_printf(a, "6 tháng %s năm %d", h == 1 ? "đầu" : "cuối", year),
                        selected);
        for (int q = 1; q <= 4; q++)
            html_option(sb, arena_printf(a, "%d-Q%d", year, q),
                        arena_printf(a, "Quý %s năm %d", roman[q - 1], year), selected);
        for (int month = 1; month <= 12; month++)
            html_option(sb, arena_printf(a, "%d-%02d", year, month),
                        arena_printf(a, "Tháng %d/%d", month, year), selected);
        html(sb, "</optgroup>");
    }
}

/* unit_options appends the caller's unit and, for roles that reach below it, every unit
 * below it. */
static int unit_options(Request *req, StrBuf *sb, const char *selected)
{
    Store *s = req_store(req);
    Unit *units;
    size_t n;
    if (!s)
        return req->err.code;
    int rc = store_unit_list(s, req->arena, &units, &n, &req->err);
    if (rc < 0)
        return rc;
    int below = access_allows(req->who.role, PERM_REPORT_READ, UNIT_BELOW);
    for (size_t i = 0; i < n; i++) {
        int in = strcmp(units[i].code, req->who.unit) == 0;
        if (!in && below &&
            (rc = store_unit_within(s, units[i].code, req->who.unit, &in, &req->err)) < 0)
            return rc;
        if (in)
            html_option(sb, units[i].code, units[i].name, selected);
    }
    return 0;
}

/* picker_form appends the GET form of the report pages (action: the page's path; with_by:
 * the grouping select). */
static int picker_form(Request *req, StrBuf *sb, const Picker *p, const char *action, int with_by)
{
    html(sb, "<form class=\"filters no-print\" method=\"get\" action=\"%s\">\n", action);
    Widget w = {.id = "period",
                .name = "period",
                .label = "Kỳ báo cáo",
                .none = "Theo khoảng ngày bên cạnh"};
    widget_select_begin(sb, &w);
    period_options(req, sb, p->period);
    widget_select_end(sb, &w);
    w = (Widget){.id = "cutoff", .name = "cutoff", .label = "Cách tính kỳ"};
    widget_select_begin(sb, &w);
    html_option(sb, "calendar", "Theo tháng dương lịch", p->cutoff);
    html_option(sb, "nd09", "Theo Nghị định 09/2019 (15 tháng trước - 14)", p->cutoff);
    widget_select_end(sb, &w);
    widget_input(sb, &(Widget){.id = "from",
                               .name = "from",
                               .label = "Từ ngày",
                               .type = "date",
                               .value = p->from ? p->from : ""});
    widget_input(sb, &(Widget){.id = "to",
                               .name = "to",
                               .label = "Đến ngày",
                               .type = "date",
                               .value = p->to ? p->to : ""});
    w = (Widget){.id = "unit", .name = "unit", .label = "Đơn vị"};
    widget_select_begin(sb, &w);
    int rc = unit_options(req, sb, p->unit);
    if (rc < 0)
        return rc;
    widget_select_end(sb, &w);
    if (with_by) {
        w = (Widget){.id = "by", .name = "by", .label = "Chi tiết theo"};
        widget_select_begin(sb, &w);
        html_option(sb, "field", "Lĩnh vực", p->by);
        html_option(sb, "unit", "Đơn vị", p->by);
        html_option(sb, "procedure", "Thủ tục", p->by);
        html_option(sb, "", "Không (chỉ tổng cộng)", p->by);
        widget_select_end(sb, &w);
    }
    w = (Widget){.id = "units",
                 .name = "units",
                 .label = "Đơn vị sau sắp xếp",
                 .none = "Mặc định (kỳ đã qua: như khi đó)"};
    widget_select_begin(sb, &w);
    html_option(sb, "historical", "Đơn vị như trong kỳ báo cáo", p->units);
    html_option(sb, "current", "Quy về đơn vị hiện nay", p->units);
    widget_select_end(sb, &w);
    html(sb, "<div><button type=\"submit\">Xem báo cáo</button></div>\n</form>\n");
    return 0;
}

/* period_line returns "Từ ngày 01/07/2025 đến ngày 31/07/2025" (arena). */
static const char *period_line(Arena *a, int32_t from, int32_t to)
{
    return arena_printf(a, "Từ ngày %s đến ngày %s", html_date(a, from), html_date(a, to));
}

static void form_row(StrBuf *sb, Arena *a, size_t no, const char *key, const char *name,
                     const ReportRow *row)
{
    int64_t v[REPORT_FORM_NUMBERS];
    report_form_values(row, v);
    if (no)
        html(sb, "<tr data-key=\"%s\"><td class=\"num\">%zu</td><th scope=\"row\">%s", key, no,
             name);
    else
        html(sb, "<tr class=\"total\" data-key=\"\"><td></td><th scope=\"row\">Tổng cộng");
    html(sb, "</th>");
    for (int i = 0; i < REPORT_FORM_NUMBERS; i++)
        html(sb, "<td class=\"num\">%s</td>", html_num(a, v[i]));
    html(sb, "</tr>\n");
}

void page_report_table(StrBuf *sb, Arena *a, const Report *r)
{
    html(sb, "<div class=\"table-wrap\"><table class=\"form06\">\n<thead>\n");
    report_html_headings(sb);
    html(sb, "</thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n_lines; i++)
        form_row(sb, a, i + 1, r->lines[i].key, r->lines[i].name, &r->lines[i].row);
    form_row(sb, a, 0, NULL, NULL, &r->total);
    html(sb,
         "</tbody>\n</table></div>\n<p class=\"muted\">Ghi chú: cột Đúng hạn gồm cả %s hồ sơ dừng "
         "xử lý, rút hồ sơ (tính cả vào cột Tổng số đã giải quyết), như Biểu 06/VPCP/KSTT không "
         "có cột riêng cho các hồ sơ này.</p>\n",
         html_num(a, r->total.stopped));
}

void page_report_indicators(StrBuf *sb, Arena *a, const Report *r)
{
    html(sb, "<div class=\"table-wrap\"><table class=\"indicators\">\n<thead><tr>"
             "<th scope=\"col\">Chỉ số</th><th scope=\"col\" class=\"num\">Giá trị</th>"
             "<th scope=\"col\" class=\"num\">Tử số / mẫu số</th>"
             "<th scope=\"col\" class=\"num\">Điểm (QĐ 766)</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < STATS_N_INDICATORS; i++) {
        const Indicator *x = &r->indicators[i];
        html(sb,
             "<tr data-key=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%s%%</td>"
             "<td class=\"num\">%s / %s</td><td class=\"num\">",
             x->key, report_indicator_label(x->key), html_decimal(a, x->value_x100, 2),
             html_num(a, x->numerator), html_num(a, x->denominator));
        if (x->scored)
            html(sb, "%s / %d", html_decimal(a, x->points_x100, 2), x->max_points);
        else
            html(sb, "—");
        html(sb, "</td></tr>\n");
    }
    html(sb, "</tbody>\n</table></div>\n");
    const char *note = report_digitization_note(a, r);
    if (note)
        html(sb, "<p class=\"muted digitization-note\">Ghi chú: %s</p>\n", note);
}

/* report_link returns the address of the same report at path, with an extra format (may be
 * NULL). */
static const char *report_link(Arena *a, const char *path, const Picker *p, const char *format)
{
    return html_url(a, path, "period", p->period, "cutoff", p->cutoff, "from", p->from, "to", p->to,
                    "unit", p->unit, "by", p->by, "units", p->units, "format", format, NULL);
}

/* picker_open reads the picker, requires the right to read reports of its unit and gives the
 * request's store: what every report page does first. */
static int picker_open(Request *req, Picker *p, Store **s)
{
    *p = picker_read(req);
    int rc = auth_require(req, PERM_REPORT_READ, p->unit);
    if (rc < 0)
        return rc;
    *s = req_store(req);
    return *s ? 0 : req->err.code;
}

/* picker_page begins a report page in sb: the layout, the period picker (with_by: the
 * grouping too) and, when bad (< 0), the error in req->err. rc < 0 (sb freed) if the picker
 * cannot be drawn. */
static int picker_page(Request *req, StrBuf *sb, Picker *p, const char *title, const char *path,
                       int with_by, int bad)
{
    sb_init(sb, 256 * 1024);
    page_begin(sb, req, title, path);
    int rc = picker_form(req, sb, p, path, with_by);
    if (rc < 0) {
        sb_free(sb);
        return rc;
    }
    if (bad < 0)
        page_notice(sb, req->err.message, 1);
    return 0;
}

int page_report(Request *req, Response *res)
{
    Picker p;
    Store *s;
    int rc = picker_open(req, &p, &s);
    if (rc < 0)
        return rc;
    ReportQuery q;
    Report r;
    int bad = picker_query(req, &p, &q);
    if (bad == 0)
        bad = reports_build(s, req->arena, &q, req_now(req), &r, &req->err);
    if (bad == ERR_NOT_FOUND)
        bad = ERR_INVALID;
    else if (bad < 0 && bad != ERR_INVALID)
        return bad;
    StrBuf sb;
    if ((rc = picker_page(req, &sb, &p, "Báo cáo tình hình giải quyết thủ tục hành chính",
                          "/bao-cao", 1, bad)) < 0)
        return rc;
    if (bad == 0) {
        Arena *a = req->arena;
        const char *api = "/api/v1/reports/official";
        html(&sb,
             "<h2>Biểu 06/VPCP/KSTT: %s</h2>\n<p class=\"period\">%s</p>\n"
             "<p class=\"actions no-print\"><a class=\"button\" href=\"%s\">Tải về Excel (xlsx)</a>"
             "<a class=\"button secondary\" href=\"%s\">Tải về CSV cho Excel</a>"
             "<a class=\"button secondary\" href=\"%s\">Tải về CSV</a>"
             "<a class=\"button secondary\" href=\"%s\">Bản in</a></p>\n",
             r.unit_name ? r.unit_name : "Tất cả đơn vị", report_period_line(a, &r),
             report_link(a, api, &p, "xlsx"), report_link(a, api, &p, "csv-excel"),
             report_link(a, api, &p, "csv"), report_link(a, "/bao-cao/in", &p, NULL));
        page_report_table(&sb, a, &r);
        html(&sb, "<h2>Chỉ số đánh giá (Quyết định 766/QĐ-TTg)</h2>\n");
        page_report_indicators(&sb, a, &r);
    }
    page_end(&sb);
    return page_send(req, res, &sb, bad < 0 ? 400 : 200);
}

int page_report_print(Request *req, Response *res)
{
    Picker p;
    Store *s;
    int rc = picker_open(req, &p, &s);
    if (rc < 0)
        return rc;
    ReportQuery q;
    Report r;
    if ((rc = picker_query(req, &p, &q)) < 0 ||
        (rc = reports_build(s, req->arena, &q, req_now(req), &r, &req->err)) < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 1024 * 1024);
    report_html(&sb, &r);
    return page_send(req, res, &sb, 200);
}

int page_officers(Request *req, Response *res)
{
    Picker p;
    Store *s;
    int rc = picker_open(req, &p, &s);
    if (rc < 0)
        return rc;
    ReportQuery q;
    OfficerRow *rows = NULL;
    size_t n = 0;
    p.by = NULL;
    int bad = picker_query(req, &p, &q);
    if (bad == 0 &&
        (rc = store_stat_officers(s, req->arena, q.unit, reports_current(&q, req_now(req)), q.from,
                                  q.to, &rows, &n, &req->err)) < 0)
        return rc;
    StrBuf sb;
    if ((rc = picker_page(req, &sb, &p, "Kết quả giải quyết theo cán bộ", "/can-bo", 0, bad)) < 0)
        return rc;
    Arena *a = req->arena;
    if (bad == 0)
        html(&sb, "<p class=\"period\">%s. <span id=\"units-line\">%s</span></p>\n",
             period_line(a, q.from, q.to),
             reports_current(&q, req_now(req)) ? "Hồ sơ quy về đơn vị hiện nay."
                                               : "Hồ sơ theo đơn vị như trong kỳ.");
    if (bad == 0 && n == 0)
        html(&sb, "<p>Chưa có cán bộ nào giải quyết hồ sơ trong kỳ này.</p>\n");
    if (bad == 0 && n > 0) {
        html(&sb, "<div class=\"table-wrap\"><table class=\"officers\">\n<thead><tr>"
                  "<th scope=\"col\">Cán bộ</th><th scope=\"col\" class=\"num\">Đã giải quyết</th>"
                  "<th scope=\"col\" class=\"num\">Trước hạn</th>"
                  "<th scope=\"col\" class=\"num\">Đúng hạn</th>"
                  "<th scope=\"col\" class=\"num\">Quá hạn</th>"
                  "<th scope=\"col\" class=\"num\">Tỷ lệ đúng hạn</th>"
                  "<th scope=\"col\" class=\"num\">Lượt đánh giá</th>"
                  "<th scope=\"col\" class=\"num\">Hài lòng</th>"
                  "<th scope=\"col\" class=\"num\">Tỷ lệ hài lòng</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < n; i++) {
            const int64_t *v = rows[i].v;
            int64_t good = v[OFFICER_EARLY] + v[OFFICER_ON_TIME];
            int64_t resolved = good + v[OFFICER_LATE];
            html(&sb,
                 "<tr data-key=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
                 "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                 "<td class=\"num\">%s%%</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                 "<td class=\"num\">%s%%</td></tr>\n",
                 rows[i].officer, rows[i].officer, html_num(a, resolved),
                 html_num(a, v[OFFICER_EARLY]), html_num(a, v[OFFICER_ON_TIME]),
                 html_num(a, v[OFFICER_LATE]), html_percent(a, good, resolved),
                 html_num(a, v[OFFICER_RATE_TOTAL]), html_num(a, v[OFFICER_RATE_GOOD]),
                 html_percent(a, v[OFFICER_RATE_GOOD], v[OFFICER_RATE_TOTAL]));
        }
        html(&sb, "</tbody>\n</table></div>\n");
    }
    page_end(&sb);
    return page_send(req, res, &sb, bad < 0 ? 400 : 200);
}

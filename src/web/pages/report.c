/* report.c: the leader's report screens: GET /bao-cao (the official report, Biểu
 * 06/VPCP/KSTT and the Decision 766 indicators, with a period picker, the unit and the
 * grouping, and links to the same report as xlsx, csv and a printable page), GET /bao-cao/in
 * (that printable page, io/report_html) and GET /can-bo (per-officer figures). The figures
 * come from reports_build and store_stat_officers, as the API's; the table and indicator
 * renderings here are shared with the dashboard (dashboard.c). */
#include "web/pages/pages.h"

#include "io/report_out.h"
#include "app/reports.h"
#include "web/auth.h"
#include "web/pages/layout.h"

#include <string.h>

/* What the picker asked for, as query strings ("" read as absent). */
typedef struct Picker {
    const char *period, *cutoff, *from, *to, *unit, *by;
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
                nonempty(req_query(req, "unit")),   req_query(req, "by")};
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
    return reports_query(p->from, p->to, p->period, p->cutoff, p->unit, p->by, out, &req->err);
}

/* period_options appends the named periods of this year and the previous one. */
static void period_options(Request *req, StrBuf *sb, const char *selected)
{
    static const char *const roman[] = {"I", "II", "III", "IV"};
    int y = page_this_year(req);
    for (int year = y; year >= y - 1; year--) {
        HTML_LIT(sb, "<optgroup");
        html_attr(sb, "label", arena_printf(req->arena, "Năm %d", year));
        HTML_LIT(sb, ">");
        html_option(sb, arena_printf(req->arena, "%d", year),
                    arena_printf(req->arena, "Năm %d", year), selected);
        for (int h = 1; h <= 2; h++)
            html_option(
                sb, arena_printf(req->arena, "%d-H%d", year, h),
                arena_printf(req->arena, "6 tháng %s năm %d", h == 1 ? "đầu" : "cuối", year),
                selected);
        for (int q = 1; q <= 4; q++)
            html_option(sb, arena_printf(req->arena, "%d-Q%d", year, q),
                        arena_printf(req->arena, "Quý %s năm %d", roman[q - 1], year), selected);
        for (int month = 1; month <= 12; month++)
            html_option(sb, arena_printf(req->arena, "%d-%02d", year, month),
                        arena_printf(req->arena, "Tháng %d/%d", month, year), selected);
        HTML_LIT(sb, "</optgroup>");
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
    HTML_LIT(sb, "<form class=\"filters no-print\" method=\"get\"");
    html_attr(sb, "action", action);
    HTML_LIT(sb, ">\n<div><label for=\"period\">Kỳ báo cáo</label><select id=\"period\" "
                 "name=\"period\"><option value=\"\">Theo khoảng ngày bên cạnh</option>");
    period_options(req, sb, p->period);
    HTML_LIT(sb, "</select></div>\n<div><label for=\"cutoff\">Cách tính kỳ</label><select "
                 "id=\"cutoff\" name=\"cutoff\">");
    html_option(sb, "calendar", "Theo tháng dương lịch", p->cutoff);
    html_option(sb, "nd09", "Theo Nghị định 09/2019 (15 tháng trước - 14)", p->cutoff);
    HTML_LIT(sb, "</select></div>\n<div><label for=\"from\">Từ ngày</label><input type=\"date\" "
                 "id=\"from\" name=\"from\"");
    html_attr(sb, "value", p->from ? p->from : "");
    HTML_LIT(sb, "></div>\n<div><label for=\"to\">Đến ngày</label><input type=\"date\" id=\"to\" "
                 "name=\"to\"");
    html_attr(sb, "value", p->to ? p->to : "");
    HTML_LIT(sb, "></div>\n<div><label for=\"unit\">Đơn vị</label><select id=\"unit\" "
                 "name=\"unit\">");
    int rc = unit_options(req, sb, p->unit);
    if (rc < 0)
        return rc;
    HTML_LIT(sb, "</select></div>\n");
    if (with_by) {
        HTML_LIT(sb, "<div><label for=\"by\">Chi tiết theo</label><select id=\"by\" "
                     "name=\"by\">");
        html_option(sb, "field", "Lĩnh vực", p->by);
        html_option(sb, "unit", "Đơn vị", p->by);
        html_option(sb, "procedure", "Thủ tục", p->by);
        html_option(sb, "", "Không (chỉ tổng cộng)", p->by);
        HTML_LIT(sb, "</select></div>\n");
    }
    HTML_LIT(sb, "<div><button type=\"submit\">Xem báo cáo</button></div>\n</form>\n");
    return 0;
}

/* period_line appends "Từ ngày 01/07/2025 đến ngày 31/07/2025". */
static void period_line(StrBuf *sb, int32_t from, int32_t to)
{
    HTML_LIT(sb, "Từ ngày ");
    html_date_vi(sb, from);
    HTML_LIT(sb, " đến ngày ");
    html_date_vi(sb, to);
}

static void form_row(StrBuf *sb, size_t no, const char *key, const char *name, const ReportRow *row)
{
    int64_t v[REPORT_FORM_NUMBERS];
    report_form_values(row, v);
    if (no) {
        HTML_LIT(sb, "<tr");
        html_attr(sb, "data-key", key);
        HTML_LIT(sb, "><td class=\"num\">");
        html_int(sb, (int64_t)no);
        HTML_LIT(sb, "</td><th scope=\"row\">");
        html_text(sb, name);
    } else {
        HTML_LIT(sb, "<tr class=\"total\" data-key=\"\"><td></td><th scope=\"row\">Tổng cộng");
    }
    HTML_LIT(sb, "</th>");
    for (int i = 0; i < REPORT_FORM_NUMBERS; i++) {
        HTML_LIT(sb, "<td class=\"num\">");
        html_num_vi(sb, v[i]);
        HTML_LIT(sb, "</td>");
    }
    HTML_LIT(sb, "</tr>\n");
}

void page_report_table(StrBuf *sb, const Report *r)
{
    HTML_LIT(sb, "<div class=\"table-wrap\"><table class=\"form06\">\n<thead>\n");
    report_html_headings(sb);
    HTML_LIT(sb, "</thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n_lines; i++)
        form_row(sb, i + 1, r->lines[i].key, r->lines[i].name, &r->lines[i].row);
    form_row(sb, 0, NULL, NULL, &r->total);
    HTML_LIT(sb, "</tbody>\n</table></div>\n<p class=\"muted\">Ghi chú: cột Đúng hạn gồm cả ");
    html_num_vi(sb, r->total.stopped);
    HTML_LIT(sb, " hồ sơ dừng xử lý, rút hồ sơ (tính cả vào cột Tổng số đã giải quyết), như "
                 "Biểu 06/VPCP/KSTT không có cột riêng cho các hồ sơ này.</p>\n");
}

void page_report_indicators(StrBuf *sb, const Report *r)
{
    HTML_LIT(sb, "<div class=\"table-wrap\"><table class=\"indicators\">\n<thead><tr>"
                 "<th scope=\"col\">Chỉ số</th><th scope=\"col\" class=\"num\">Giá trị</th>"
                 "<th scope=\"col\" class=\"num\">Tử số / mẫu số</th>"
                 "<th scope=\"col\" class=\"num\">Điểm (QĐ 766)</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < STATS_N_INDICATORS; i++) {
        const Indicator *x = &r->indicators[i];
        HTML_LIT(sb, "<tr");
        html_attr(sb, "data-key", x->key);
        HTML_LIT(sb, "><th scope=\"row\">");
        html_text(sb, report_indicator_label(x->key));
        HTML_LIT(sb, "</th><td class=\"num\">");
        html_decimal_vi(sb, x->value_x100, 2);
        HTML_LIT(sb, "%</td><td class=\"num\">");
        html_num_vi(sb, x->numerator);
        HTML_LIT(sb, " / ");
        html_num_vi(sb, x->denominator);
        HTML_LIT(sb, "</td><td class=\"num\">");
        if (x->scored) {
            html_decimal_vi(sb, x->points_x100, 2);
            HTML_LIT(sb, " / ");
            html_int(sb, x->max_points);
        } else {
            HTML_LIT(sb, "—");
        }
        HTML_LIT(sb, "</td></tr>\n");
    }
    HTML_LIT(sb, "</tbody>\n</table></div>\n");
}

/* report_link appends a link to the same report at path, with an extra format (may be
 * NULL). */
static void report_link(StrBuf *sb, const char *path, const Picker *p, const char *format,
                        const char *cls)
{
    HTML_LIT(sb, "<a");
    html_attr(sb, "class", cls);
    html_url_attr(sb, "href", path, "period", p->period, "cutoff", p->cutoff, "from", p->from, "to",
                  p->to, "unit", p->unit, "by", p->by, "format", format, NULL);
    HTML_LIT(sb, ">");
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
        bad = reports_build(s, req->arena, &q, &r, &req->err);
    if (bad == ERR_NOT_FOUND)
        bad = ERR_INVALID;
    else if (bad < 0 && bad != ERR_INVALID)
        return bad;
    StrBuf sb;
    if ((rc = picker_page(req, &sb, &p, "Báo cáo tình hình giải quyết thủ tục hành chính",
                          "/bao-cao", 1, bad)) < 0)
        return rc;
    if (bad == 0) {
        HTML_LIT(&sb, "<h2>Biểu 06/VPCP/KSTT: ");
        html_text(&sb, r.unit_name ? r.unit_name : "Tất cả đơn vị");
        HTML_LIT(&sb, "</h2>\n<p class=\"period\">");
        period_line(&sb, q.from, q.to);
        HTML_LIT(&sb, "</p>\n<p class=\"actions no-print\">");
        report_link(&sb, "/api/v1/reports/official", &p, "xlsx", "button");
        HTML_LIT(&sb, "Tải về Excel (xlsx)</a>");
        report_link(&sb, "/api/v1/reports/official", &p, "csv", "button secondary");
        HTML_LIT(&sb, "Tải về CSV</a>");
        report_link(&sb, "/bao-cao/in", &p, NULL, "button secondary");
        HTML_LIT(&sb, "Bản in</a></p>\n");
        page_report_table(&sb, &r);
        HTML_LIT(&sb, "<h2>Chỉ số đánh giá (Quyết định 766/QĐ-TTg)</h2>\n");
        page_report_indicators(&sb, &r);
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
        (rc = reports_build(s, req->arena, &q, &r, &req->err)) < 0)
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
        (rc = store_stat_officers(s, req->arena, q.unit, q.from, q.to, &rows, &n, &req->err)) < 0)
        return rc;
    StrBuf sb;
    if ((rc = picker_page(req, &sb, &p, "Kết quả giải quyết theo cán bộ", "/can-bo", 0, bad)) < 0)
        return rc;
    if (bad == 0) {
        HTML_LIT(&sb, "<p class=\"period\">");
        period_line(&sb, q.from, q.to);
        HTML_LIT(&sb, "</p>\n");
    }
    if (bad == 0 && n == 0)
        HTML_LIT(&sb, "<p>Chưa có cán bộ nào giải quyết hồ sơ trong kỳ này.</p>\n");
    if (bad == 0 && n > 0) {
        HTML_LIT(&sb,
                 "<div class=\"table-wrap\"><table class=\"officers\">\n<thead><tr>"
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
            int64_t resolved = v[OFFICER_EARLY] + v[OFFICER_ON_TIME] + v[OFFICER_LATE];
            const int64_t cells[] = {resolved, v[OFFICER_EARLY], v[OFFICER_ON_TIME],
                                     v[OFFICER_LATE]};
            HTML_LIT(&sb, "<tr");
            html_attr(&sb, "data-key", rows[i].officer);
            HTML_LIT(&sb, "><th scope=\"row\">");
            html_text(&sb, rows[i].officer);
            HTML_LIT(&sb, "</th>");
            for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
                HTML_LIT(&sb, "<td class=\"num\">");
                html_num_vi(&sb, cells[c]);
                HTML_LIT(&sb, "</td>");
            }
            HTML_LIT(&sb, "<td class=\"num\">");
            html_percent_vi(&sb, v[OFFICER_EARLY] + v[OFFICER_ON_TIME], resolved);
            HTML_LIT(&sb, "%</td><td class=\"num\">");
            html_num_vi(&sb, v[OFFICER_RATE_TOTAL]);
            HTML_LIT(&sb, "</td><td class=\"num\">");
            html_num_vi(&sb, v[OFFICER_RATE_GOOD]);
            HTML_LIT(&sb, "</td><td class=\"num\">");
            html_percent_vi(&sb, v[OFFICER_RATE_GOOD], v[OFFICER_RATE_TOTAL]);
            HTML_LIT(&sb, "%</td></tr>\n");
        }
        HTML_LIT(&sb, "</tbody>\n</table></div>\n");
    }
    page_end(&sb);
    return page_send(req, res, &sb, bad < 0 ? 400 : 200);
}

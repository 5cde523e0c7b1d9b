/* access_log.c: GET /nhat-ky-truy-cap (the access log of personal-data views, Decree 13/2023:
 * who viewed which dossier or which list, when, from where and why; for leaders and admins,
 * the rows of their units; ?don-vi=, ?tu= and ?den= narrow it, ?truoc= pages back). Read
 * through web/accesslog.h as GET /api/v1/access-log is. */
#include "web/pages/pages.h"

#include "util/timefmt.h"
#include "web/accesslog.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

static void filter_form(StrBuf *sb, Request *req, const AccessQuery *q, const AdminUnits *au)
{
    char from[16], to[16];
    timefmt_format_date(q->from_day, from, sizeof from);
    timefmt_format_date(q->to_day, to, sizeof to);
    html(sb, "<form class=\"actions\" method=\"get\" action=\"/nhat-ky-truy-cap\">");
    Widget w = {.id = "nk-don-vi", .name = "don-vi", .label = "Đơn vị (và trực thuộc)"};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, q->unit);
    widget_select_end(sb, &w);
    widget_input(sb, &(Widget){.id = "nk-tu",
                               .name = "tu",
                               .label = "Từ ngày",
                               .type = "date",
                               .value = from,
                               .err = &req->err});
    widget_input(sb, &(Widget){.id = "nk-den",
                               .name = "den",
                               .label = "Đến ngày",
                               .type = "date",
                               .value = to,
                               .err = &req->err});
    html(sb, "<div><button type=\"submit\">Xem</button></div></form>\n");
}

static void rows_table(StrBuf *sb, Arena *a, const AccessQuery *q)
{
    if (!q->n) {
        html(sb, "<p class=\"muted\">Không có lượt xem nào trong khoảng này.</p>\n");
        return;
    }
    html(sb, "<div class=\"table-wrap\"><table class=\"access-log\">\n<thead><tr>"
             "<th scope=\"col\">Thời gian</th><th scope=\"col\">Cán bộ</th>"
             "<th scope=\"col\">Địa chỉ IP</th><th scope=\"col\">Nội dung</th>"
             "<th scope=\"col\">Hồ sơ hoặc truy vấn</th><th scope=\"col\" class=\"num\">Số hồ "
             "sơ</th><th scope=\"col\">Lý do</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < q->n; i++) {
        const AccessEntry *v = &q->rows[i];
        html(sb, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", html_datetime(a, v->at),
             v->who, v->ip ? v->ip : "—", accesslog_what_label(a, v->what));
        if (v->dossier_code)
            html(sb, "<a href=\"%s\">%s</a>", html_path(a, "/ho-so/%s", v->dossier_code),
                 v->dossier_code);
        else
            html(sb, "%s", v->query ? v->query : "—");
        html(sb, "</td><td class=\"num\">%s</td><td>%s</td></tr>\n",
             v->dossier ? "1" : html_num(a, v->rows), v->why ? v->why : "—");
    }
    html(sb, "</tbody></table></div>\n");
}

int page_access_log(Request *req, Response *res)
{
    static const AccessParams params = {"don-vi", "tu", "den", "truoc"};
    AccessQuery q;
    int rc = accesslog_read(req, &params, &q);
    if (rc < 0 && rc != ERR_INVALID)
        return rc;
    AdminUnits au;
    if (admin_units_load(req, &au) < 0)
        return req->err.code;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Nhật ký truy cập dữ liệu cá nhân", "/nhat-ky-truy-cap");
    html(&sb, "<p class=\"muted\">Mỗi lần cán bộ xem hồ sơ, tài liệu, phiếu in hoặc danh sách có "
              "dữ liệu cá nhân của người nộp đều được ghi lại (Nghị định 13/2023/NĐ-CP): ai, "
              "khi nào, từ đâu, xem gì và lý do nếu có.</p>\n");
    if (rc < 0)
        page_notice(&sb, req->err.message, 1);
    filter_form(&sb, req, &q, &au);
    rows_table(&sb, req->arena, &q);
    if (q.next)
        html(&sb, "<p><a rel=\"next\" href=\"%s\">Trang sau</a></p>\n",
             html_url(req->arena, "/nhat-ky-truy-cap", "don-vi", q.unit, "tu", q.from, "den", q.to,
                      "truoc", arena_printf(req->arena, "%lld", (long long)q.next), NULL));
    page_end(&sb);
    return page_send(req, res, &sb, rc < 0 ? 400 : 200);
}

/* catalogue.c: the public catalogue of procedures, without login: GET /thu-tuc (search by
 * name or code, with or without Vietnamese diacritics, and by field, as GET
 * /api/v1/catalogue/procedures does) and GET /thu-tuc/{code} (one procedure: field, level,
 * time limit, fee, online level and the components to file). */
#include "web/pages/pages.h"

#include "core/vntext.h"
#include "web/pages/layout.h"

#include <string.h>

enum { LIST_LIMIT = 100 };

static const char *level_label(const char *level)
{
    if (!level)
        return "";
    if (strcmp(level, "province") == 0)
        return "Cấp tỉnh";
    if (strcmp(level, "district") == 0)
        return "Cấp huyện";
    if (strcmp(level, "commune") == 0)
        return "Cấp xã";
    if (strcmp(level, "central") == 0)
        return "Cấp trung ương";
    return level;
}

static const char *online_label(const char *online)
{
    if (online && strcmp(online, "full") == 0)
        return "Toàn trình";
    if (online && strcmp(online, "partial") == 0)
        return "Một phần";
    return "Không";
}

/* field_name finds a field's name in fields[0..n), or returns its code. */
static const char *field_name(const Field *fields, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (code && strcmp(fields[i].code, code) == 0)
            return fields[i].name;
    return code ? code : "";
}

/* time_limit appends "3 ngày làm việc", "8 giờ làm việc" or "10 ngày". */
static void time_limit(StrBuf *sb, const Procedure *p)
{
    html_num_vi(sb, p->limit_value);
    if (p->limit_unit && strcmp(p->limit_unit, "hours") == 0)
        HTML_LIT(sb, " giờ làm việc");
    else if (p->limit_unit && strcmp(p->limit_unit, "calendar_days") == 0)
        HTML_LIT(sb, " ngày");
    else
        HTML_LIT(sb, " ngày làm việc");
}

static void fee(StrBuf *sb, int64_t vnd)
{
    if (vnd <= 0) {
        HTML_LIT(sb, "Miễn phí");
        return;
    }
    html_num_vi(sb, vnd);
    HTML_LIT(sb, " đồng");
}

static void procedure_link(StrBuf *sb, Request *req, const Procedure *p)
{
    HTML_LIT(sb, "<a");
    html_url_attr(sb, "href", arena_printf(req->arena, "/thu-tuc/%s", p->code), NULL);
    HTML_LIT(sb, ">");
    html_text(sb, p->name);
    HTML_LIT(sb, "</a>");
}

int page_catalogue(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    const char *q = req_query(req, "q"), *field = req_query(req, "field");
    if (q && strlen(q) > 200)
        return req_fail(req, ERR_INVALID, "q", "Từ khóa tìm kiếm quá dài (tối đa 200 byte)",
                        "search text too long (200 bytes at most)");
    if (field && !*field)
        field = NULL;
    const char *folded = q ? vntext_fold(req->arena, q, strlen(q)) : NULL;
    Field *fields;
    Procedure *ps;
    size_t n_fields, n;
    int rc;
    if ((rc = store_field_list(s, req->arena, &fields, &n_fields, &req->err)) < 0 ||
        (rc = store_procedure_search(s, req->arena, folded, field, LIST_LIMIT, &ps, &n,
                                     &req->err)) < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Thủ tục hành chính", "/thu-tuc");
    HTML_LIT(&sb, "<form class=\"filters\" method=\"get\" action=\"/thu-tuc\" role=\"search\">\n"
                  "<div><label for=\"q\">Tên hoặc mã thủ tục</label><input type=\"search\" "
                  "id=\"q\" name=\"q\" maxlength=\"200\" placeholder=\"ví dụ: khai sinh\"");
    html_attr(&sb, "value", q ? q : "");
    HTML_LIT(&sb, "></div>\n<div><label for=\"field\">Lĩnh vực</label><select id=\"field\" "
                  "name=\"field\"><option value=\"\">Tất cả lĩnh vực</option>");
    for (size_t i = 0; i < n_fields; i++) {
        html_option(&sb, fields[i].code, fields[i].name, field);
    }
    HTML_LIT(&sb, "</select></div>\n<div><button type=\"submit\">Tìm kiếm</button></div>\n"
                  "</form>\n<p class=\"muted\" role=\"status\">");
    if (n == 0) {
        HTML_LIT(&sb, "Không tìm thấy thủ tục nào.");
    } else {
        HTML_LIT(&sb, "Tìm thấy ");
        html_num_vi(&sb, (int64_t)n);
        HTML_LIT(&sb, " thủ tục");
        if (n == LIST_LIMIT)
            HTML_LIT(&sb, " (hiển thị tối đa 100; hãy thu hẹp tìm kiếm)");
        HTML_LIT(&sb, ".");
    }
    HTML_LIT(&sb, "</p>\n<ul class=\"list\">\n");
    for (size_t i = 0; i < n; i++) {
        HTML_LIT(&sb, "<li>");
        procedure_link(&sb, req, &ps[i]);
        HTML_LIT(&sb, "<br><span class=\"muted\">");
        html_text(&sb, ps[i].code);
        HTML_LIT(&sb, " · ");
        html_text(&sb, field_name(fields, n_fields, ps[i].field));
        HTML_LIT(&sb, " · ");
        time_limit(&sb, &ps[i]);
        HTML_LIT(&sb, " · ");
        fee(&sb, ps[i].fee);
        HTML_LIT(&sb, "</span></li>\n");
    }
    HTML_LIT(&sb, "</ul>\n");
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}

int page_procedure(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Procedure p;
    Field f;
    int rc = store_procedure_get(s, req->arena, req->params[0], &p, &req->err);
    if (rc == ERR_NOT_FOUND)
        return req_fail(req, ERR_NOT_FOUND, "code", "Không có thủ tục với mã này",
                        "no procedure with this code");
    if (rc < 0)
        return rc;
    const char *field = p.field;
    if (store_field_get(s, req->arena, p.field, &f, &req->err) == 0)
        field = f.name;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, p.name, "/thu-tuc");
    HTML_LIT(&sb, "<dl class=\"kv\">\n<dt>Mã thủ tục</dt><dd>");
    html_text(&sb, p.code);
    HTML_LIT(&sb, "</dd>\n<dt>Lĩnh vực</dt><dd>");
    html_text(&sb, field);
    HTML_LIT(&sb, "</dd>\n<dt>Cấp thực hiện</dt><dd>");
    html_text(&sb, level_label(p.level));
    HTML_LIT(&sb, "</dd>\n<dt>Thời hạn giải quyết</dt><dd>");
    time_limit(&sb, &p);
    HTML_LIT(&sb, "</dd>\n<dt>Phí, lệ phí</dt><dd>");
    fee(&sb, p.fee);
    HTML_LIT(&sb, "</dd>\n<dt>Dịch vụ công trực tuyến</dt><dd>");
    html_text(&sb, online_label(p.online));
    HTML_LIT(&sb, "</dd>\n</dl>\n<h2>Thành phần hồ sơ</h2>\n");
    if (p.n_components == 0) {
        HTML_LIT(&sb, "<p>Không quy định thành phần hồ sơ.</p>\n");
    } else {
        HTML_LIT(&sb, "<ol>\n");
        for (size_t i = 0; i < p.n_components; i++) {
            HTML_LIT(&sb, "<li>");
            html_text(&sb, p.components[i].name);
            if (p.components[i].required)
                HTML_LIT(&sb, " <span class=\"badge\">bắt buộc</span>");
            else
                HTML_LIT(&sb, " <span class=\"muted\">(nếu có)</span>");
            HTML_LIT(&sb, "</li>\n");
        }
        HTML_LIT(&sb, "</ol>\n");
    }
    HTML_LIT(&sb, "<p class=\"actions\">");
    if (p.online && strcmp(p.online, "none") != 0) {
        HTML_LIT(&sb, "<a class=\"button\"");
        html_url_attr(&sb, "href", arena_printf(req->arena, "/thu-tuc/%s/nop-truc-tuyen", p.code),
                      NULL);
        HTML_LIT(&sb, ">Nộp hồ sơ trực tuyến</a>");
    }
    HTML_LIT(&sb, "<a class=\"button secondary\" href=\"/thu-tuc\">Danh "
                  "sách thủ tục</a><a class=\"button secondary\" href=\"/tra-cuu\">Tra cứu hồ "
                  "sơ</a></p>\n");
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}

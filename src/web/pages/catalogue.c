/* catalogue.c: the public catalogue of procedures, without login: GET /thu-tuc (search by
 * name or code, with or without Vietnamese diacritics, either i/y spelling ("ký"/"kí"), the
 * words in any order, and by field, as GET
 * /api/v1/catalogue/procedures does) and GET /thu-tuc/{code} (one procedure: field, level,
 * time limit, fee, online level and the components to file). */
#include "web/pages/pages.h"

#include "core/vntext.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

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

/* time_limit returns "3 ngày làm việc", "8 giờ làm việc" or "10 ngày" (arena). */
static const char *time_limit(Arena *a, const Procedure *p)
{
    const char *unit = "ngày làm việc";
    if (p->limit_unit && strcmp(p->limit_unit, "hours") == 0)
        unit = "giờ làm việc";
    else if (p->limit_unit && strcmp(p->limit_unit, "calendar_days") == 0)
        unit = "ngày";
    return arena_printf(a, "%s %s", html_num(a, p->limit_value), unit);
}

/* fee returns "8.000 đồng", or "Miễn phí" (arena). */
static const char *fee(Arena *a, int64_t vnd)
{
    return vnd > 0 ? arena_printf(a, "%s đồng", html_num(a, vnd)) : "Miễn phí";
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
    const char *folded = q ? vntext_search_key(req->arena, q, strlen(q)) : NULL;
    Field *fields;
    Procedure *ps;
    size_t n_fields, n;
    int rc;
    if ((rc = store_field_list(s, req->arena, &fields, &n_fields, &req->err)) < 0 ||
        (rc = store_procedure_search(s, req->arena, folded, field, LIST_LIMIT, &ps, &n,
                                     &req->err)) < 0)
        return rc;
    Arena *a = req->arena;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Thủ tục hành chính", "/thu-tuc");
    html(&sb, "<form class=\"filters\" method=\"get\" action=\"/thu-tuc\" role=\"search\">\n");
    widget_input(&sb, &(Widget){.id = "q",
                                .name = "q",
                                .label = "Tên hoặc mã thủ tục",
                                .type = "search",
                                .value = q ? q : "",
                                .placeholder = "ví dụ: khai sinh",
                                .maxlength = 200});
    Widget w = {.id = "field", .name = "field", .label = "Lĩnh vực", .none = "Tất cả lĩnh vực"};
    widget_select_begin(&sb, &w);
    for (size_t i = 0; i < n_fields; i++)
        html_option(&sb, fields[i].code, fields[i].name, field);
    widget_select_end(&sb, &w);
    html(&sb, "<div><button type=\"submit\">Tìm kiếm</button></div>\n</form>\n"
              "<p class=\"muted\" role=\"status\">");
    if (n == 0)
        html(&sb, "Không tìm thấy thủ tục nào.");
    else
        html(&sb, "Tìm thấy %s thủ tục%s.", html_num(a, (int64_t)n),
             n == LIST_LIMIT ? " (hiển thị tối đa 100; hãy thu hẹp tìm kiếm)" : "");
    html(&sb, "</p>\n<ul class=\"list\">\n");
    for (size_t i = 0; i < n; i++) {
        const Procedure *p = &ps[i];
        html(&sb,
             "<li><a href=\"%s\">%s</a><br><span class=\"muted\">%s · %s · %s · %s</span></li>\n",
             html_path(a, "/thu-tuc/%s", p->code), p->name, p->code,
             field_name(fields, n_fields, p->field), time_limit(a, p), fee(a, p->fee));
    }
    html(&sb, "</ul>\n");
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
    Arena *a = req->arena;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, p.name, "/thu-tuc");
    html(&sb,
         "<dl class=\"kv\">\n<dt>Mã thủ tục</dt><dd>%s</dd>\n<dt>Lĩnh vực</dt><dd>%s</dd>\n"
         "<dt>Cấp thực hiện</dt><dd>%s</dd>\n<dt>Thời hạn giải quyết</dt><dd>%s</dd>\n"
         "<dt>Phí, lệ phí</dt><dd>%s</dd>\n<dt>Dịch vụ công trực tuyến</dt><dd>%s</dd>\n</dl>\n"
         "<h2>Thành phần hồ sơ</h2>\n",
         p.code, field, level_label(p.level), time_limit(a, &p), fee(a, p.fee),
         online_label(p.online));
    if (p.n_components == 0) {
        html(&sb, "<p>Không quy định thành phần hồ sơ.</p>\n");
    } else {
        html(&sb, "<ol>\n");
        for (size_t i = 0; i < p.n_components; i++) {
            if (p.components[i].required)
                html(&sb, "<li>%s <span class=\"badge\">bắt buộc</span></li>\n",
                     p.components[i].name);
            else
                html(&sb, "<li>%s <span class=\"muted\">(nếu có)</span></li>\n",
                     p.components[i].name);
        }
        html(&sb, "</ol>\n");
    }
    html(&sb, "<p class=\"actions\">");
    if (p.online && strcmp(p.online, "none") != 0)
        html(&sb, "<a class=\"button\" href=\"%s\">Nộp hồ sơ trực tuyến</a>",
             html_path(a, "/thu-tuc/%s/nop-truc-tuyen", p.code));
    html(&sb, "<a class=\"button secondary\" href=\"/thu-tuc\">Danh sách thủ tục</a>"
              "<a class=\"button secondary\" href=\"/tra-cuu\">Tra cứu hồ sơ</a></p>\n");
    page_end(&sb);
    return page_send(req, res, &sb, 200);
}

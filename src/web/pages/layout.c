/* layout.c: the page chrome and page helpers (see layout.h). Dependencies point down: pages
 * -> layout -> html, http; the server reaches the error page only through routes.c. */
#include "web/pages/layout.h"

#include "core/access.h"

#include <string.h>

typedef struct NavItem {
    const char *path, *label;
} NavItem;

static const NavItem nav_public[] = {{"/thu-tuc", "Thủ tục hành chính"},
                                     {"/tra-cuu", "Tra cứu hồ sơ"},
                                     {"/dang-nhap", "Đăng nhập cán bộ"},
                                     {NULL, NULL}};
static const NavItem nav_clerk[] = {{"/quay", "Quầy một cửa"},
                                    {"/tiep-nhan", "Tiếp nhận hồ sơ"},
                                    {"/ho-so", "Tìm hồ sơ"},
                                    {"/bao-cao", "Báo cáo"},
                                    {NULL, NULL}};
static const NavItem nav_specialist[] = {{"/ho-so-cua-toi", "Hồ sơ của tôi"},
                                         {"/ho-so", "Tìm hồ sơ"},
                                         {"/bao-cao", "Báo cáo"},
                                         {NULL, NULL}};
static const NavItem nav_leader[] = {{"/tong-quan", "Tổng quan"},
                                     {"/ho-so", "Tìm hồ sơ"},
                                     {"/bao-cao", "Báo cáo"},
                                     {"/can-bo", "Cán bộ"},
                                     {"/nhat-ky-truy-cap", "Nhật ký truy cập"},
                                     {NULL, NULL}};
static const NavItem nav_admin[] = {{"/quan-tri", "Người dùng"},
                                    {"/quan-tri/ma-truy-cap", "Mã truy cập"},
                                    {"/quan-tri/quay", "Quầy"},
                                    {"/quan-tri/thiet-bi", "Thiết bị đánh giá"},
                                    {"/quan-tri/don-vi", "Đơn vị"},
                                    {"/quan-tri/chung-thu-so", "Chứng thư số"},
                                    {"/quan-tri/thu-tuc", "Thủ tục"},
                                    {"/quan-tri/lien-thong", "Liên thông"},
                                    {"/quan-tri/ngay-nghi", "Ngày nghỉ"},
                                    {"/bao-cao", "Báo cáo"},
                                    {"/nhat-ky-truy-cap", "Nhật ký truy cập"},
                                    {NULL, NULL}};

static const NavItem *nav_of(Role role)
{
    switch (role) {
    case ROLE_CLERK: return nav_clerk;
    case ROLE_SPECIALIST: return nav_specialist;
    case ROLE_LEADER: return nav_leader;
    case ROLE_ADMIN: return nav_admin;
    case ROLE_INTEGRATION: return nav_leader;
    default: return nav_public;
    }
}

int page_this_year(Request *req)
{
    int y, m, d;
    timefmt_civil_from_days(timefmt_local_day(req_now(req)), &y, &m, &d);
    return y;
}

const char *page_home(const Request *req)
{
    return nav_of(req->who.role)[0].path;
}

void page_begin(StrBuf *sb, Request *req, const char *title, const char *current)
{
    html_page_begin(sb, title);
    html(sb, "<a class=\"skip\" href=\"#noi-dung\">Bỏ qua, đến nội dung chính</a>\n"
             "<header class=\"top\"><a class=\"brand\" href=\"/\">Một cửa điện tử</a>"
             "<nav aria-label=\"Chức năng\">");
    for (const NavItem *n = nav_of(req->who.role); n->path; n++) {
        html(sb, "<a href=\"%s\"", n->path);
        if (current && strcmp(current, n->path) == 0)
            html(sb, " aria-current=\"page\"");
        html(sb, ">%s</a>", n->label);
    }
    html(sb, "</nav>");
    if (req->who.role != ROLE_NONE && req->who.via_session) {
        html(sb,
             "<div class=\"who\"><span>%s · %s</span><a href=\"/doi-mat-khau\">Đổi mật khẩu</a>"
             "<form method=\"post\" action=\"/dang-xuat\">",
             req->who.name, access_role_label(req->who.role));
        page_csrf(sb, req);
        html(sb, "<button type=\"submit\">Đăng xuất</button></form></div>");
    }
    html(sb, "</header>\n<main id=\"noi-dung\">\n<h1>%s</h1>\n", title);
}

void page_end(StrBuf *sb)
{
    html(sb, "</main>\n<footer>Hệ thống thông tin giải quyết thủ tục hành chính — motcua"
             "</footer>\n<script src=\"/assets/app.js\" defer></script>\n");
    html_page_end(sb);
}

void page_csrf(StrBuf *sb, Request *req)
{
    if (req->who.csrf)
        html(sb, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", req->who.csrf);
}

void page_notice(StrBuf *sb, const char *text, int bad)
{
    if (bad)
        html(sb, "<p class=\"notice bad\" role=\"alert\">%s</p>\n", text);
    else
        html(sb, "<p class=\"notice\" role=\"status\">%s</p>\n", text);
}

void page_field_error(StrBuf *sb, const Err *err, const char *name)
{
    if (err && err->code != 0 && strcmp(err->field, name) == 0)
        html(sb, "<p class=\"field-error\" id=\"err-%s\">%s</p>", name, err->message);
}

int page_send(Request *req, Response *res, StrBuf *sb, int status)
{
    if (sb->err) {
        sb_free(sb);
        return req_fail(req, ERR_IO, "", "Trang quá lớn", "page too large");
    }
    res_text(res, status, "text/html; charset=utf-8", sb->data ? sb->data : "", sb->len);
    res_header(res, "Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
               "frame-ancestors 'none'; form-action 'self'");
    sb_free(sb);
    return 0;
}

const char *page_base_url(Request *req)
{
    const char *host = req_header(req, "Host"), *proto = req_header(req, "X-Forwarded-Proto");
    int ok = host && *host && strlen(host) < 256;
    for (const char *p = host; ok && *p; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
             strchr(".-:[]", *p);
    return arena_printf(req->arena, "%s://%s",
                        proto && strcmp(proto, "https") == 0 ? "https" : "http",
                        ok ? host : "localhost");
}

void page_error_page(Request *req, Response *res, int status)
{
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, status == 404 ? "Không tìm thấy trang" : "Không thực hiện được", NULL);
    page_notice(&sb, req->err.message[0] ? req->err.message : "Đã có lỗi xảy ra", 1);
    html(&sb, "<p><a href=\"%s\">Về trang chính</a></p>\n", page_home(req));
    page_end(&sb);
    page_send(req, res, &sb, status);
}

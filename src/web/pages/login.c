/* login.c: GET/POST /dang-nhap (officer login), POST /dang-xuat (logout), GET/POST
 * /doi-mat-khau (change one's password) and GET / (each role's home). */
#include "web/pages/pages.h"

#include "app/accounts.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

/* safe_next keeps a redirect inside this site: a path, not "//host" or a URL. Browsers drop
 * tabs and line breaks from an address and read a backslash as a slash, so "/\t/evil" and
 * "/\\evil" are "//evil": a path with any control character, space or backslash is refused. */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/')
        return NULL;
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '\\')
            return NULL;
    return next;
}

static int login_form(Request *req, Response *res, const char *username, int status)
{
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Đăng nhập cán bộ", "/dang-nhap");
    if (req->err.code)
        page_notice(&sb, req->err.message, 1);
    html(&sb, "<form class=\"stack\" method=\"post\" action=\"/dang-nhap\">\n");
    const char *next = safe_next(req_query(req, "next"));
    if (!next)
        next = safe_next(form_get(req, "next"));
    if (next)
        html(&sb, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
    widget_input(&sb, &(Widget){.id = "username",
                                .name = "username",
                                .label = "Tên đăng nhập",
                                .value = username ? username : "",
                                .autocomplete = "username",
                                .required = 1,
                                .autofocus = 1});
    widget_input(&sb, &(Widget){.id = "password",
                                .name = "password",
                                .label = "Mật khẩu",
                                .type = "password",
                                .autocomplete = "current-password",
                                .required = 1});
    html(&sb, "<div><button type=\"submit\">Đăng nhập</button></div>\n</form>\n"
              "<p class=\"muted\">Công dân không cần đăng nhập: <a href=\"/tra-cuu\">tra cứu hồ "
              "sơ</a> hoặc <a href=\"/thu-tuc\">xem thủ tục</a>.</p>\n");
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_login(Request *req, Response *res)
{
    if (strcmp(req->method, "GET") == 0)
        return login_form(req, res, NULL, 200);
    int rc = form_parse(req);
    const char *username = form_get(req, "username"), *password = form_get(req, "password");
    const char *cookie, *csrf;
    if (rc == 0 && (!username || !*username || !password || !*password))
        rc = req_fail(req, ERR_INVALID, "username", "Hãy nhập tên đăng nhập và mật khẩu",
                      "user name and password are required");
    if (rc == 0 && strlen(username) > 64)
        rc = req_fail(req, ERR_AUTH, "password", "Sai tên đăng nhập hoặc mật khẩu",
                      "wrong user name or password");
    if (rc == 0)
        rc = auth_login(req, username, password, &cookie, &csrf);
    if (rc < 0) {
        /* any failure but these two reads as a failed login */
        int status = http_status(rc == ERR_THROTTLED || rc == ERR_INVALID ? rc : ERR_AUTH);
        return login_form(req, res, username, status);
    }
    res_header(res, "Set-Cookie", auth_cookie_header(req, cookie));
    const char *next = safe_next(form_get(req, "next"));
    res_redirect(res, next ? next : page_home(req));
    return 0;
}

int page_logout(Request *req, Response *res)
{
    if (req->who.via_session)
        auth_logout(req);
    res_header(res, "Set-Cookie", auth_cookie_header(req, NULL));
    res_redirect(res, "/dang-nhap");
    return 0;
}

int page_home_redirect(Request *req, Response *res)
{
    res_redirect(res, page_home(req));
    return 0;
}

typedef struct Change {
    const char *name, *password;
    int64_t now;
} Change;

static int write_change(Store *s, void *ctx, Err *e)
{
    Change *c = ctx;
    return accounts_set_password(s, c->name, c->password, c->now, e);
}

int page_password(Request *req, Response *res)
{
    if (!req->who.via_session)
        return req_fail(req, ERR_AUTH, "", "Cần đăng nhập", "login required");
    int done = 0;
    if (strcmp(req->method, "POST") == 0) {
        const char *old_pw = form_get(req, "old_password"), *pw = form_get(req, "new_password");
        const char *again = form_get(req, "again");
        int rc = auth_check_password(req, old_pw);
        if (rc == 0 && (!pw || !again || strcmp(pw, again) != 0))
            rc = req_fail(req, ERR_INVALID, "again", "Hai lần nhập mật khẩu mới không khớp",
                          "the new passwords do not match");
        Change c = {req->who.name, pw, req_now(req)};
        if (rc == 0 && (rc = req_write(req, write_change, &c)) == 0) {
            /* every session ended with the change: log in again */
            res_header(res, "Set-Cookie", auth_cookie_header(req, NULL));
            res_redirect(res, "/dang-nhap");
            return 0;
        }
        done = rc;
    }
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Đổi mật khẩu", NULL);
    if (done < 0)
        page_notice(&sb, req->err.message, 1);
    html(&sb, "<form class=\"stack\" method=\"post\" action=\"/doi-mat-khau\">");
    page_csrf(&sb, req);
    widget_input(&sb, &(Widget){.id = "old_password",
                                .name = "old_password",
                                .label = "Mật khẩu hiện tại",
                                .type = "password",
                                .autocomplete = "current-password",
                                .required = 1,
                                .err = &req->err});
    widget_input(&sb, &(Widget){.id = "new_password",
                                .name = "new_password",
                                .label = "Mật khẩu mới (ít nhất 8 ký tự)",
                                .type = "password",
                                .autocomplete = "new-password",
                                .minlength = 8,
                                .required = 1,
                                .err = &req->err,
                                .err_field = "password"});
    widget_input(&sb, &(Widget){.id = "again",
                                .name = "again",
                                .label = "Nhập lại mật khẩu mới",
                                .type = "password",
                                .autocomplete = "new-password",
                                .required = 1,
                                .err = &req->err});
    html(&sb, "<div><button type=\"submit\">Đổi mật khẩu</button></div></form>\n");
    page_end(&sb);
    return page_send(req, res, &sb, done == ERR_THROTTLED ? 429 : done < 0 ? 400 : 200);
}

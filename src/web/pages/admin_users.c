/* admin_users.c: the administrator's users screen: GET /quan-tri (the officers of the admin's
 * unit and the units below it, ?don-vi=CODE narrows the list, ?dat-lai=NAME opens the password
 * reset form of one), POST /quan-tri/nguoi-dung (add an officer) and POST
 * /quan-tri/nguoi-dung/{name}/mat-khau (reset a password). Writes go through accounts_add_user
 * and accounts_set_password, as `motcua user` and /api/v1/users do, with the same scope rule:
 * the target's unit lies within the admin's. */
#include "web/pages/pages.h"

#include "app/accounts.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/layout.h"

#include <stdio.h>
#include <string.h>

/* At most this many users are listed (the page stays small); narrow by unit for the rest. */
enum { USERS_SHOWN = 100 };

/* The roles an administrator gives to officers (integration is for API tokens). */
static const char *const roles[] = {"clerk", "specialist", "leader", "admin", NULL};

enum { FAILED_NONE = 0, FAILED_ADD, FAILED_RESET };

typedef struct UsersView {
    const char *under;              /* the unit whose tree is listed */
    const char *reset;              /* the user whose reset form is open, or NULL */
    const char *name, *role, *unit; /* values of the add form */
    int failed;                     /* which form the error in req->err is about */
} UsersView;

static const char *unit_name(const AdminUnits *au, const char *code)
{
    const Unit *u = page_admin_unit_find(au, code);
    return u ? u->name : code;
}

static void filter_form(StrBuf *sb, const AdminUnits *au, const UsersView *v)
{
    HTML_LIT(sb, "<h2>Danh sách người dùng</h2>\n<form class=\"actions\" method=\"get\" "
                 "action=\"/quan-tri\"><label "
                 "for=\"loc-don-vi\">Người dùng của đơn vị (và các đơn vị trực thuộc)</label>"
                 "<select id=\"loc-don-vi\" name=\"don-vi\">");
    page_admin_unit_options(sb, au, v->under, NULL);
    HTML_LIT(sb, "</select><button type=\"submit\" class=\"secondary\">Xem</button></form>\n");
}

static void users_table(StrBuf *sb, const AdminUnits *au, const UsersView *v, const User *users,
                        size_t n)
{
    HTML_LIT(sb, "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Tên đăng "
                 "nhập</th><th scope=\"col\">Vai trò</th><th scope=\"col\">Đơn vị</th><th "
                 "scope=\"col\">Trạng thái</th><th scope=\"col\"><span class=\"muted\">Thao "
                 "tác</span></th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n && i < USERS_SHOWN; i++) {
        const User *u = &users[i];
        HTML_LIT(sb, "<tr><td>");
        html_text(sb, u->name);
        HTML_LIT(sb, "</td><td>");
        Role r = access_role_parse(u->role);
        html_text(sb, r != ROLE_NONE ? access_role_label(r) : u->role);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, unit_name(au, u->unit));
        HTML_LIT(sb, "</td><td>");
        if (u->disabled)
            HTML_LIT(sb, "Đã khóa");
        else
            HTML_LIT(sb, "Đang hoạt động");
        HTML_LIT(sb, "</td><td><a");
        html_url_attr(sb, "href", "/quan-tri", "don-vi", v->under, "dat-lai", u->name, NULL);
        HTML_LIT(sb, ">Đặt lại mật khẩu</a></td></tr>\n");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
    if (n > USERS_SHOWN) {
        HTML_LIT(sb, "<p class=\"muted\">Chỉ hiển thị ");
        html_num_vi(sb, USERS_SHOWN);
        HTML_LIT(sb, " trong số ");
        html_num_vi(sb, (int64_t)n);
        HTML_LIT(sb, " người dùng; hãy chọn một đơn vị để thu hẹp danh sách.</p>\n");
    }
}

static void reset_form(StrBuf *sb, Request *req, const UsersView *v)
{
    const Err *err = v->failed == FAILED_RESET ? &req->err : NULL;
    HTML_LIT(sb, "<h2 id=\"dat-lai\">Đặt lại mật khẩu: ");
    html_text(sb, v->reset);
    HTML_LIT(sb, "</h2>\n<form class=\"stack\" method=\"post\"");
    html_url_attr(sb, "action",
                  arena_printf(req->arena, "/quan-tri/nguoi-dung/%s/mat-khau", v->reset), NULL);
    HTML_LIT(sb, ">");
    page_csrf(sb, req);
    HTML_LIT(sb, "<p class=\"muted\">Mọi phiên đăng nhập của người này kết thúc; hãy báo mật "
                 "khẩu mới cho họ và đề nghị họ đổi ngay.</p><div><label for=\"r-password\">Mật "
                 "khẩu mới (ít nhất 8 ký tự)</label><input type=\"password\" id=\"r-password\" "
                 "name=\"password\" autocomplete=\"new-password\" minlength=\"8\" required>");
    page_field_error(sb, err, "password");
    HTML_LIT(sb, "</div><div><button type=\"submit\">Đặt lại mật khẩu</button></div></form>\n");
}

static void add_form(StrBuf *sb, Request *req, const AdminUnits *au, const UsersView *v)
{
    const Err *err = v->failed == FAILED_ADD ? &req->err : NULL;
    HTML_LIT(sb, "<h2 id=\"them\">Thêm người dùng</h2>\n<form class=\"stack\" method=\"post\" "
                 "action=\"/quan-tri/nguoi-dung\">");
    page_csrf(sb, req);
    HTML_LIT(sb, "<div><label for=\"n-username\">Tên đăng nhập (chữ thường không dấu, số, dấu "
                 "chấm, gạch dưới, gạch ngang)</label><input type=\"text\" id=\"n-username\" "
                 "name=\"username\" autocomplete=\"off\" maxlength=\"64\" required");
    html_attr(sb, "value", v->name ? v->name : "");
    HTML_LIT(sb, ">");
    page_field_error(sb, err, "username");
    HTML_LIT(sb, "</div>\n<div><label for=\"n-role\">Vai trò</label><select id=\"n-role\" "
                 "name=\"role\">");
    for (int i = 0; roles[i]; i++) {
        html_option(sb, roles[i], access_role_label(access_role_parse(roles[i])), v->role);
    }
    HTML_LIT(sb, "</select>");
    page_field_error(sb, err, "role");
    HTML_LIT(sb, "</div>\n<div><label for=\"n-unit\">Đơn vị</label><select id=\"n-unit\" "
                 "name=\"unit\">");
    page_admin_unit_options(sb, au, v->unit ? v->unit : v->under, NULL);
    HTML_LIT(sb, "</select>");
    page_field_error(sb, err, "unit");
    HTML_LIT(sb, "</div>\n<div><label for=\"n-password\">Mật khẩu ban đầu (ít nhất 8 ký tự)"
                 "</label><input type=\"password\" id=\"n-password\" name=\"password\" "
                 "autocomplete=\"new-password\" minlength=\"8\" required>");
    page_field_error(sb, err, "password");
    HTML_LIT(sb, "</div>\n<div><button type=\"submit\">Thêm người dùng</button></div></form>\n");
}

static int users_page(Request *req, Response *res, const AdminUnits *au, const UsersView *v,
                      int status)
{
    User *users;
    size_t n;
    int rc = store_user_list(req_store(req), req->arena, v->under, &users, &n, &req->err);
    if (rc < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Người dùng", "/quan-tri");
    page_admin_notice(&sb, req);
    page_admin_form_error(&sb, req);
    if (v->reset)
        reset_form(&sb, req, v);
    filter_form(&sb, au, v);
    users_table(&sb, au, v, users, n);
    add_form(&sb, req, au, v);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* view_of reads the list's unit and the open reset form from the query. */
static UsersView view_of(Request *req, const AdminUnits *au)
{
    UsersView v = {.under = req->who.unit};
    const Unit *u = page_admin_unit_find(au, req_query(req, "don-vi"));
    if (u)
        v.under = u->code;
    const char *reset = req_query(req, "dat-lai");
    User target;
    Err ignore;
    if (reset && store_user_get(req_store(req), req->arena, reset, &target, &ignore) == 0 &&
        page_admin_unit_find(au, target.unit))
        v.reset = target.name;
    return v;
}

int page_admin_users(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = page_admin_units_load(req, &au)) < 0)
        return rc;
    UsersView v = view_of(req, &au);
    return users_page(req, res, &au, &v, 200);
}

int page_admin_user_add(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = page_admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    NewUser u = {form_get(req, "username"), form_get(req, "role"), form_get(req, "unit"),
                 form_get(req, "password"), req_now(req)};
    if (!u.unit || !*u.unit)
        rc = req_fail(req, ERR_INVALID, "unit", "Hãy chọn đơn vị", "the unit is required");
    else if (!page_admin_unit_find(&au, u.unit))
        rc = req_fail(req, ERR_FORBIDDEN, "unit", "Đơn vị này không thuộc phạm vi quản lý",
                      "this unit is outside your scope");
    if (rc == 0 && (!u.name || !*u.name))
        rc = req_fail(req, ERR_INVALID, "username", "Hãy nhập tên đăng nhập",
                      "the user name is required");
    if (rc == 0 && (!u.password || !*u.password))
        rc = req_fail(req, ERR_INVALID, "password", "Hãy nhập mật khẩu ban đầu",
                      "the initial password is required");
    if (rc == 0 && (rc = req_write(req, actions_write_user, &u)) == 0)
        return page_admin_redirect(req, res, "/quan-tri", "don-vi", u.unit, "them", u.name);
    if (strcmp(req->err.field, "name") == 0) /* the store names it "name": a duplicate */
        snprintf(req->err.field, sizeof req->err.field, "username");
    UsersView v = {.under = req->who.unit, .failed = FAILED_ADD};
    v.name = u.name;
    v.role = u.role;
    v.unit = page_admin_unit_find(&au, u.unit) ? u.unit : NULL;
    return users_page(req, res, &au, &v, http_status(rc));
}

int page_admin_user_password(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    User target;
    if (rc < 0 || (rc = page_admin_units_load(req, &au)) < 0 ||
        (rc = store_user_get(req_store(req), req->arena, req->params[0], &target, &req->err)) < 0 ||
        (rc = auth_require(req, PERM_USER_MANAGE, target.unit)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    PasswordReset pr = {target.name, form_get(req, "password"), req_now(req)};
    if (!pr.password || !*pr.password)
        rc = req_fail(req, ERR_INVALID, "password", "Hãy nhập mật khẩu mới",
                      "the new password is required");
    if (rc == 0 && (rc = req_write(req, actions_write_password, &pr)) == 0)
        return page_admin_redirect(req, res, "/quan-tri", "don-vi", target.unit, "mat-khau",
                                   target.name);
    UsersView v = {.under = req->who.unit, .reset = target.name, .failed = FAILED_RESET};
    return users_page(req, res, &au, &v, http_status(rc));
}

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
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

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
    const Unit *u = admin_unit_find(au, code);
    return u ? u->name : code;
}

static void filter_form(StrBuf *sb, const AdminUnits *au, const UsersView *v)
{
    html(sb, "<h2>Danh sách người dùng</h2>\n<form class=\"actions\" method=\"get\" "
             "action=\"/quan-tri\">");
    Widget w = {.id = "loc-don-vi",
                .name = "don-vi",
                .label = "Người dùng của đơn vị (và các đơn vị trực thuộc)",
                .bare = 1};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, v->under);
    widget_select_end(sb, &w);
    html(sb, "<button type=\"submit\" class=\"secondary\">Xem</button></form>\n");
}

static void users_table(StrBuf *sb, Arena *a, const AdminUnits *au, const UsersView *v,
                        const User *users, size_t n)
{
    html(sb, "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Tên đăng "
             "nhập</th><th scope=\"col\">Vai trò</th><th scope=\"col\">Đơn vị</th><th "
             "scope=\"col\">Trạng thái</th><th scope=\"col\"><span class=\"muted\">Thao "
             "tác</span></th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n && i < USERS_SHOWN; i++) {
        const User *u = &users[i];
        Role r = access_role_parse(u->role);
        html(sb,
             "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><a href=\"%s\">Đặt lại mật "
             "khẩu</a></td></tr>\n",
             u->name, r != ROLE_NONE ? access_role_label(r) : u->role, unit_name(au, u->unit),
             u->disabled ? "Đã khóa" : "Đang hoạt động",
             html_url(a, "/quan-tri", "don-vi", v->under, "dat-lai", u->name, NULL));
    }
    html(sb, "</tbody></table></div>\n");
    if (n > USERS_SHOWN)
        html(sb,
             "<p class=\"muted\">Chỉ hiển thị %s trong số %s người dùng; hãy chọn một đơn vị để "
             "thu hẹp danh sách.</p>\n",
             html_num(a, USERS_SHOWN), html_num(a, (int64_t)n));
}

static void reset_form(StrBuf *sb, Request *req, const UsersView *v)
{
    html(sb,
         "<h2 id=\"dat-lai\">Đặt lại mật khẩu: %s</h2>\n<form class=\"stack\" method=\"post\" "
         "action=\"%s\">",
         v->reset, html_path(req->arena, "/quan-tri/nguoi-dung/%s/mat-khau", v->reset));
    page_csrf(sb, req);
    html(sb, "<p class=\"muted\">Mọi phiên đăng nhập của người này kết thúc; hãy báo mật khẩu "
             "mới cho họ và đề nghị họ đổi ngay.</p>");
    widget_input(sb, &(Widget){.id = "r-password",
                               .name = "password",
                               .label = "Mật khẩu mới (ít nhất 8 ký tự)",
                               .type = "password",
                               .autocomplete = "new-password",
                               .minlength = 8,
                               .required = 1,
                               .err = v->failed == FAILED_RESET ? &req->err : NULL});
    html(sb, "<div><button type=\"submit\">Đặt lại mật khẩu</button></div></form>\n");
}

static void add_form(StrBuf *sb, Request *req, const AdminUnits *au, const UsersView *v)
{
    const Err *err = v->failed == FAILED_ADD ? &req->err : NULL;
    html(sb, "<h2 id=\"them\">Thêm người dùng</h2>\n<form class=\"stack\" method=\"post\" "
             "action=\"/quan-tri/nguoi-dung\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "n-username",
                               .name = "username",
                               .label = "Tên đăng nhập (chữ thường không dấu, số, dấu chấm, "
                                        "gạch dưới, gạch ngang)",
                               .value = v->name ? v->name : "",
                               .autocomplete = "off",
                               .maxlength = 64,
                               .required = 1,
                               .err = err});
    Widget w = {.id = "n-role", .name = "role", .label = "Vai trò", .err = err};
    widget_select_begin(sb, &w);
    for (int i = 0; roles[i]; i++)
        html_option(sb, roles[i], access_role_label(access_role_parse(roles[i])), v->role);
    widget_select_end(sb, &w);
    w = (Widget){.id = "n-unit", .name = "unit", .label = "Đơn vị", .err = err};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, v->unit ? v->unit : v->under);
    widget_select_end(sb, &w);
    widget_input(sb, &(Widget){.id = "n-password",
                               .name = "password",
                               .label = "Mật khẩu ban đầu (ít nhất 8 ký tự)",
                               .type = "password",
                               .autocomplete = "new-password",
                               .minlength = 8,
                               .required = 1,
                               .err = err});
    html(sb, "<div><button type=\"submit\">Thêm người dùng</button></div></form>\n");
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
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    if (v->reset)
        reset_form(&sb, req, v);
    filter_form(&sb, au, v);
    users_table(&sb, req->arena, au, v, users, n);
    add_form(&sb, req, au, v);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* view_of reads the list's unit and the open reset form from the query. */
static UsersView view_of(Request *req, const AdminUnits *au)
{
    UsersView v = {.under = req->who.unit};
    const Unit *u = admin_unit_find(au, req_query(req, "don-vi"));
    if (u)
        v.under = u->code;
    const char *reset = req_query(req, "dat-lai");
    User target;
    Err ignore;
    if (reset && store_user_get(req_store(req), req->arena, reset, &target, &ignore) == 0 &&
        admin_unit_find(au, target.unit))
        v.reset = target.name;
    return v;
}

int page_admin_users(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    UsersView v = view_of(req, &au);
    return users_page(req, res, &au, &v, 200);
}

int page_admin_user_add(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    NewUser u = {form_get(req, "username"), form_get(req, "role"), form_get(req, "unit"),
                 form_get(req, "password"), req_now(req)};
    if (!u.unit || !*u.unit)
        rc = req_fail(req, ERR_INVALID, "unit", "Hãy chọn đơn vị", "the unit is required");
    else if (!admin_unit_find(&au, u.unit))
        rc = req_fail(req, ERR_FORBIDDEN, "unit", "Đơn vị này không thuộc phạm vi quản lý",
                      "this unit is outside your scope");
    if (rc == 0 && (!u.name || !*u.name))
        rc = req_fail(req, ERR_INVALID, "username", "Hãy nhập tên đăng nhập",
                      "the user name is required");
    if (rc == 0 && (!u.password || !*u.password))
        rc = req_fail(req, ERR_INVALID, "password", "Hãy nhập mật khẩu ban đầu",
                      "the initial password is required");
    if (rc == 0 && (rc = req_write(req, actions_write_user, &u)) == 0)
        return admin_redirect(req, res, "/quan-tri", "don-vi", u.unit, "them", u.name);
    if (strcmp(req->err.field, "name") == 0) /* the store names it "name": a duplicate */
        snprintf(req->err.field, sizeof req->err.field, "username");
    UsersView v = {.under = req->who.unit, .failed = FAILED_ADD};
    v.name = u.name;
    v.role = u.role;
    v.unit = admin_unit_find(&au, u.unit) ? u.unit : NULL;
    return users_page(req, res, &au, &v, http_status(rc));
}

int page_admin_user_password(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    User target;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 ||
        (rc = store_user_get(req_store(req), req->arena, req->params[0], &target, &req->err)) < 0 ||
        (rc = auth_require(req, PERM_USER_MANAGE, target.unit)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    PasswordReset pr = {target.name, form_get(req, "password"), req_now(req)};
    if (!pr.password || !*pr.password)
        rc = req_fail(req, ERR_INVALID, "password", "Hãy nhập mật khẩu mới",
                      "the new password is required");
    if (rc == 0 && (rc = req_write(req, actions_write_password, &pr)) == 0)
        return admin_redirect(req, res, "/quan-tri", "don-vi", target.unit, "mat-khau",
                              target.name);
    UsersView v = {.under = req->who.unit, .reset = target.name, .failed = FAILED_RESET};
    return users_page(req, res, &au, &v, http_status(rc));
}

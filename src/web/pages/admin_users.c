/* admin_users.c: the administrator's users screen: GET /quan-tri (the officers of the admin's
 * unit and the units below it with their full names, titles and phones; ?don-vi=CODE narrows
 * the list, ?dat-lai=NAME opens the password reset form of one, ?sua=NAME the form of their
 * profile), POST /quan-tri/nguoi-dung (add an officer), POST /quan-tri/nguoi-dung/{name}/
 * mat-khau (reset a password), .../thong-tin (full name, title, phone: what the printed forms
 * show), .../khoa and .../mo-khoa (disable, which ends their sessions at once; enable). Writes
 * go through app/accounts, as `motcua user` and /api/v1/users do, with the same scope rule: the
 * target's unit lies within the admin's. */
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

enum { FAILED_NONE = 0, FAILED_ADD, FAILED_RESET, FAILED_PROFILE };

typedef struct UsersView {
    const char *under;              /* the unit whose tree is listed */
    const char *reset;              /* the user whose reset form is open, or NULL */
    const User *edit;               /* the user whose profile form is open, or NULL */
    const char *name, *role, *unit; /* values of the add form */
    UserProfile profile;            /* values of the add or profile form after a failed post */
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

/* switch_form appends the button that disables or enables user u. */
static void switch_form(StrBuf *sb, Request *req, const User *u)
{
    html(sb, "<form class=\"inline\" method=\"post\" action=\"%s\">",
         html_path(req->arena,
                   u->disabled ? "/quan-tri/nguoi-dung/%s/mo-khoa" : "/quan-tri/nguoi-dung/%s/khoa",
                   u->name));
    page_csrf(sb, req);
    html(sb, u->disabled ? "<button type=\"submit\" class=\"secondary\">Mở khóa</button></form>"
                         : "<button type=\"submit\" class=\"secondary\">Khóa</button></form>");
}

static void users_table(StrBuf *sb, Request *req, const AdminUnits *au, const UsersView *v,
                        const User *users, size_t n)
{
    Arena *a = req->arena;
    html(sb, "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Tên đăng "
             "nhập</th><th scope=\"col\">Họ và tên, chức danh</th><th scope=\"col\">Vai trò</th>"
             "<th scope=\"col\">Đơn vị</th><th scope=\"col\">Điện thoại</th><th scope=\"col\">"
             "Trạng thái</th><th scope=\"col\"><span class=\"muted\">Thao tác</span></th></tr>"
             "</thead>\n<tbody>\n");
    for (size_t i = 0; i < n && i < USERS_SHOWN; i++) {
        const User *u = &users[i];
        Role r = access_role_parse(u->role);
        html(sb,
             "<tr><td>%s</td><td>%s%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>"
             "<a href=\"%s\">Sửa thông tin</a> · <a href=\"%s\">Đặt lại mật khẩu</a> ",
             u->name, u->full_name, u->full_name && u->title ? ", " : "", u->title,
             r != ROLE_NONE ? access_role_label(r) : u->role, unit_name(au, u->unit), u->phone,
             u->disabled ? "Đã khóa" : "Đang hoạt động",
             html_url(a, "/quan-tri", "don-vi", v->under, "sua", u->name, NULL),
             html_url(a, "/quan-tri", "don-vi", v->under, "dat-lai", u->name, NULL));
        switch_form(sb, req, u);
        html(sb, "</td></tr>\n");
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

/* profile_fields appends the inputs of a profile (ids prefixed by prefix: "n" or "s"). */
static void profile_fields(StrBuf *sb, const char *prefix, const UserProfile *p, const Err *err)
{
    bool add = strcmp(prefix, "n") == 0;
    widget_input(sb, &(Widget){.id = add ? "n-full-name" : "s-full-name",
                               .name = "full_name",
                               .label = "Họ và tên (in trên các phiếu)",
                               .value = p->full_name,
                               .maxlength = 200,
                               .err = err});
    widget_input(sb, &(Widget){.id = add ? "n-title" : "s-title",
                               .name = "title",
                               .label = "Chức danh",
                               .hint = "Lãnh đạo có chức danh ký Phiếu xin lỗi (Mẫu 04) của đơn "
                                       "vị; chức danh bắt đầu bằng “Phó” là cấp phó",
                               .value = p->title,
                               .maxlength = 200,
                               .err = err});
    widget_input(sb, &(Widget){.id = add ? "n-phone" : "s-phone",
                               .name = "phone",
                               .label = "Số điện thoại liên hệ (in trên Mẫu 02, 03)",
                               .type = "tel",
                               .value = p->phone,
                               .maxlength = 20,
                               .err = err});
}

static void profile_form(StrBuf *sb, Request *req, const UsersView *v)
{
    const User *u = v->edit;
    UserProfile p =
        v->failed == FAILED_PROFILE ? v->profile : (UserProfile){u->full_name, u->title, u->phone};
    html(sb,
         "<h2 id=\"sua\">Thông tin của %s</h2>\n<form class=\"stack\" method=\"post\" "
         "action=\"%s\">",
         u->name, html_path(req->arena, "/quan-tri/nguoi-dung/%s/thong-tin", u->name));
    page_csrf(sb, req);
    profile_fields(sb, "s", &p, v->failed == FAILED_PROFILE ? &req->err : NULL);
    html(sb, "<div><button type=\"submit\">Lưu thông tin</button></div></form>\n");
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
    profile_fields(sb, "n", &v->profile, err);
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
    if (v->edit)
        profile_form(&sb, req, v);
    filter_form(&sb, au, v);
    users_table(&sb, req, au, v, users, n);
    add_form(&sb, req, au, v);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* target_in_scope reads user name (may be NULL) into out when it exists and its unit is in
 * the admin's scope: 0, else ERR_NOT_FOUND. */
static int target_in_scope(Request *req, const AdminUnits *au, const char *name, User *out)
{
    Err ignore;
    return name && store_user_get(req_store(req), req->arena, name, out, &ignore) == 0 &&
                   admin_unit_find(au, out->unit)
               ? 0
               : ERR_NOT_FOUND;
}

/* view_of reads the list's unit and the open reset or profile form from the query. */
static UsersView view_of(Request *req, const AdminUnits *au)
{
    UsersView v = {.under = req->who.unit};
    const Unit *u = admin_unit_find(au, req_query(req, "don-vi"));
    if (u)
        v.under = u->code;
    User *target = arena_array(req->arena, 2, sizeof *target);
    if (target_in_scope(req, au, req_query(req, "dat-lai"), &target[0]) == 0)
        v.reset = target[0].name;
    if (target_in_scope(req, au, req_query(req, "sua"), &target[1]) == 0)
        v.edit = &target[1];
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

/* profile_of reads the profile fields of the posted form. */
static UserProfile profile_of(Request *req)
{
    return (UserProfile){form_get(req, "full_name"), form_get(req, "title"),
                         form_get(req, "phone")};
}

int page_admin_user_add(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    NewUser u = {form_get(req, "username"), form_get(req, "role"), form_get(req, "unit"),
                 form_get(req, "password"), req_now(req),          profile_of(req)};
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
    UsersView v = {.under = req->who.unit, .failed = FAILED_ADD, .profile = u.profile};
    v.name = u.name;
    v.role = u.role;
    v.unit = admin_unit_find(&au, u.unit) ? u.unit : NULL;
    return users_page(req, res, &au, &v, http_status(rc));
}

/* target_of loads the admin's units and the user of the path, who must lie in their scope,
 * and parses the posted form. */
static int target_of(Request *req, AdminUnits *au, User *target)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    if (rc < 0 || (rc = admin_units_load(req, au)) < 0 ||
        (rc = store_user_get(req_store(req), req->arena, req->params[0], target, &req->err)) < 0 ||
        (rc = auth_require(req, PERM_USER_MANAGE, target->unit)) < 0)
        return rc;
    return form_parse(req);
}

int page_admin_user_password(Request *req, Response *res)
{
    AdminUnits au;
    User target;
    int rc = target_of(req, &au, &target);
    if (rc < 0)
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

int page_admin_user_profile(Request *req, Response *res)
{
    AdminUnits au;
    User target;
    int rc = target_of(req, &au, &target);
    if (rc < 0)
        return rc;
    ProfileSet ps = {target.name, profile_of(req)};
    if ((rc = req_write(req, actions_write_profile, &ps)) == 0)
        return admin_redirect(req, res, "/quan-tri", "don-vi", target.unit, "thong-tin",
                              target.name);
    UsersView v = {
        .under = req->who.unit, .edit = &target, .failed = FAILED_PROFILE, .profile = ps.profile};
    return users_page(req, res, &au, &v, http_status(rc));
}

/* set_disabled disables (or enables) the user of the path; an admin cannot disable their own
 * account, which would end the session they act in. */
static int set_disabled(Request *req, Response *res, bool disabled)
{
    AdminUnits au;
    User target;
    int rc = target_of(req, &au, &target);
    if (rc < 0)
        return rc;
    UserSwitch us = {target.name, disabled};
    if (disabled && strcmp(target.name, req->who.name) == 0)
        rc = req_fail(req, ERR_SEMANTIC, "", "Không thể tự khóa tài khoản đang dùng",
                      "you cannot disable your own account");
    if (rc == 0 && (rc = req_write(req, actions_write_disabled, &us)) == 0)
        return admin_redirect(req, res, "/quan-tri", "don-vi", target.unit,
                              disabled ? "khoa" : "mo-khoa", target.name);
    UsersView v = {.under = req->who.unit};
    return users_page(req, res, &au, &v, http_status(rc));
}

int page_admin_user_disable(Request *req, Response *res)
{
    return set_disabled(req, res, true);
}

int page_admin_user_enable(Request *req, Response *res)
{
    return set_disabled(req, res, false);
}

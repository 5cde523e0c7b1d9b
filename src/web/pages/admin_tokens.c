/* admin_tokens.c: the administrator's API tokens screen: GET /quan-tri/ma-truy-cap (the tokens
 * of the admin's unit and the units below it: id, name, role, unit, the day made, the last day
 * they work, their state), POST /quan-tri/ma-truy-cap (create one: the answer shows the token
 * once, as `motcua token add` prints it) and POST /quan-tri/ma-truy-cap/{id}/thu-hoi (revoke
 * one: refused from then on). Writes go through app/accounts, as `motcua token` does; a token
 * outside the admin's scope is not found. */
#include "web/pages/pages.h"

#include "app/accounts.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <inttypes.h>
#include <string.h>

/* The roles a token may carry: a system's, or an officer's own for their scripts. */
static const char *const roles[] = {"integration", "clerk", "specialist", "leader", "admin", NULL};

/* What the page shows besides the list: the token just made, or the values of a failed add. */
typedef struct TokensView {
    const TokenNew *made; /* shown once */
    const TokenNew *failed;
} TokensView;

/* day_of returns the local date of t as "06/12/2027". */
static const char *day_of(Arena *a, int64_t t)
{
    return html_date(a, timefmt_local_day(t));
}

static void tokens_table(StrBuf *sb, Request *req, const AdminUnits *au, const ApiToken *tokens,
                         size_t n)
{
    Arena *a = req->arena;
    int64_t now = req_now(req);
    html(sb, "<h2>Mã truy cập</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr>"
             "<th scope=\"col\">Số</th><th scope=\"col\">Tên</th><th scope=\"col\">Vai trò</th>"
             "<th scope=\"col\">Đơn vị</th><th scope=\"col\">Ngày tạo</th><th scope=\"col\">"
             "Dùng đến hết ngày</th><th scope=\"col\">Trạng thái</th><th scope=\"col\"><span "
             "class=\"muted\">Thao tác</span></th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const ApiToken *t = &tokens[i];
        const Unit *u = admin_unit_find(au, t->unit);
        bool live = !t->revoked_at && !(t->expires_at && now >= t->expires_at);
        html(sb,
             "<tr><td>%" PRId64 "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
             "<td>%s</td><td>%s</td><td>",
             t->id, t->name, access_role_label(access_role_parse(t->role)), u ? u->name : t->unit,
             day_of(a, t->created_at), t->expires_at ? day_of(a, t->expires_at - 1) : "không hạn",
             t->revoked_at ? "Đã thu hồi"
             : live        ? "Đang hiệu lực"
                           : "Đã hết hạn");
        if (!t->revoked_at) {
            html(sb, "<form class=\"inline\" method=\"post\" action=\"%s\">",
                 html_path(a, "/quan-tri/ma-truy-cap/%" PRId64 "/thu-hoi", t->id));
            page_csrf(sb, req);
            html(sb, "<button type=\"submit\" class=\"secondary\">Thu hồi</button></form>");
        }
        html(sb, "</td></tr>\n");
    }
    if (n == 0)
        html(sb, "<tr><td colspan=\"8\">Chưa có mã truy cập nào.</td></tr>\n");
    html(sb, "</tbody></table></div>\n");
}

static void add_form(StrBuf *sb, Request *req, const AdminUnits *au, const TokensView *v)
{
    const TokenNew *t = v->failed;
    const Err *err = t ? &req->err : NULL;
    int32_t last = timefmt_local_day(req_now(req)) + ACCOUNTS_TOKEN_DAYS;
    char day[TIMEFMT_DATE_SIZE] = "";
    timefmt_format_date(last, day, sizeof day);
    html(sb, "<h2 id=\"them\">Tạo mã truy cập</h2>\n<form class=\"stack\" method=\"post\" "
             "action=\"/quan-tri/ma-truy-cap\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "t-name",
                               .name = "name",
                               .label = "Tên (hệ thống hoặc người dùng mã)",
                               .value = t ? t->name : NULL,
                               .maxlength = 128,
                               .required = 1,
                               .err = err});
    Widget w = {.id = "t-role", .name = "role", .label = "Vai trò", .err = err};
    widget_select_begin(sb, &w);
    for (int i = 0; roles[i]; i++)
        html_option(sb, roles[i], access_role_label(access_role_parse(roles[i])),
                    t ? t->role : NULL);
    widget_select_end(sb, &w);
    w = (Widget){.id = "t-unit", .name = "unit", .label = "Đơn vị", .err = err};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, t ? t->unit : req->who.unit);
    widget_select_end(sb, &w);
    widget_input(sb, &(Widget){.id = "t-expires",
                               .name = "expires",
                               .label = "Dùng đến hết ngày",
                               .hint = "Mặc định một năm kể từ hôm nay",
                               .type = "date",
                               .value = day,
                               .required = 1,
                               .err = err});
    html(sb, "<div><button type=\"submit\">Tạo mã truy cập</button></div></form>\n");
}

static int tokens_page(Request *req, Response *res, const AdminUnits *au, const TokensView *v,
                       int status)
{
    ApiToken *tokens;
    size_t n;
    int rc = store_token_list(req_store(req), req->arena, req->who.unit, &tokens, &n, &req->err);
    if (rc < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Mã truy cập", "/quan-tri/ma-truy-cap");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    if (v->made)
        html(&sb,
             "<div class=\"notice\" role=\"status\"><p>Đã tạo mã truy cập số %" PRId64 " “%s”, "
             "dùng đến hết ngày %s. Hãy lưu mã này ngay: nó chỉ hiện một lần.</p>"
             "<p><code class=\"token\">%s</code></p></div>\n",
             v->made->id, v->made->name, day_of(req->arena, v->made->expires_at - 1),
             v->made->token);
    tokens_table(&sb, req, au, tokens, n);
    add_form(&sb, req, au, v);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_tokens(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    TokensView v = {0};
    return tokens_page(req, res, &au, &v, 200);
}

int page_admin_token_add(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    TokenNew *t = arena_array(req->arena, 1, sizeof *t);
    *t = (TokenNew){.name = form_get(req, "name"),
                    .role = form_get(req, "role"),
                    .unit = form_get(req, "unit"),
                    .now = req_now(req)};
    const char *expires = form_get(req, "expires");
    if (!t->unit || !admin_unit_find(&au, t->unit))
        rc = req_fail(req, ERR_FORBIDDEN, "unit", "Đơn vị này không thuộc phạm vi quản lý",
                      "this unit is outside your scope");
    if (rc == 0)
        rc = accounts_token_expiry(expires && *expires ? expires : NULL, t->now, &t->expires_at,
                                   &req->err);
    if (rc == 0 && (rc = req_write(req, actions_write_token, t)) == 0)
        return tokens_page(req, res, &au, &(TokensView){.made = t}, 200);
    return tokens_page(req, res, &au, &(TokensView){.failed = t}, http_status(rc));
}

int page_admin_token_revoke(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    TokenRevoke tr = {req->params[0], req->who.unit, req_now(req)};
    size_t n = strlen(tr.id);
    if (n == 0 || n > 18 || strspn(tr.id, "0123456789") != n) /* by id only, here */
        rc = req_fail(req, ERR_NOT_FOUND, "token", "Không có mã truy cập này", "no such token");
    if (rc == 0 && (rc = req_write(req, actions_write_token_revoke, &tr)) == 0)
        return admin_redirect(req, res, "/quan-tri/ma-truy-cap", NULL, NULL, "thu-hoi",
                              req->params[0]);
    return tokens_page(req, res, &au, &(TokensView){0}, http_status(rc));
}

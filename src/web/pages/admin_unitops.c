/* admin_unitops.c: the administrator's unit operations screen (app/unitops.h):
 * GET /quan-tri/sap-xep-don-vi lists the operations recorded and offers the form (merge,
 * split, rename, move, abolish a level, with the day it takes effect); POST shows the plan
 * (every unit, dossier and account it changes, and the summary) with the same fields kept
 * and a confirm button; posted again with confirm=1 it runs through the single writer. Every
 * unit named must lie in the admin's tree; abolishing a level is a province admin's. */
#include "web/pages/pages.h"

#include "app/unitops.h"
#include "core/vntext.h"
#include "util/timefmt.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

#define PATH "/quan-tri/sap-xep-don-vi"

enum { SHOWN_DOSSIERS = 200 }; /* a plan lists this many dossiers, then counts the rest */

static const char *const kinds[] = {"merge", "split", "rename", "move", "abolish", NULL};
static const char *const kind_labels[] = {"Hợp nhất (A, B → C)", "Chia tách (A → B, C)",
                                          "Đổi tên, đổi mã", "Chuyển đơn vị cấp trên",
                                          "Bãi bỏ một cấp (mọi huyện)"};
static const char *const rules[] = {"commune", "procedure", "hand", NULL};
static const char *const rule_labels[] = {"Theo xã, phường nơi cư trú của người nộp",
                                          "Theo cấp của thủ tục",
                                          "Theo danh sách (mỗi dòng: mã hồ sơ, mã đơn vị)"};
static const char *const users[] = {"move", "disable", NULL};
static const char *const user_labels[] = {"Chuyển sang đơn vị kế thừa", "Khóa tài khoản"};

/* The form's values, kept from a post. */
typedef struct OpForm {
    const char *kind, *from, *into, *name, *level, *effective, *rule, *list, *users;
} OpForm;

static OpForm form_read(Request *req)
{
    return (OpForm){form_get(req, "kind"), form_get(req, "from"),  form_get(req, "into"),
                    form_get(req, "name"), form_get(req, "level"), form_get(req, "effective"),
                    form_get(req, "rule"), form_get(req, "list"),  form_get(req, "users")};
}

/* add_codes appends the codes of a comma- or space-separated list to arr. */
static void add_codes(Arena *a, json_t *arr, const char *list)
{
    char *copy = arena_strdup(a, list ? list : "");
    for (char *p = copy; *p;) {
        size_t n = strcspn(p, ", \t\r\n");
        if (n) {
            char *code = arena_printf(a, "%.*s", (int)n, p);
            json_array_append_new(arr, json_string(code));
        }
        p += n;
        p += strspn(p, ", \t\r\n");
    }
}

static bool given(const char *s)
{
    return s && *s;
}

/* record builds the `operation` record of the form (ERR_INVALID in req->err on a bad list):
 * the level only for an abolition, the rule and list only for a split. */
static int record(Request *req, const OpForm *f, json_t **out)
{
    const char *kind = given(f->kind) ? f->kind : "";
    bool split = strcmp(kind, "split") == 0;
    json_t *o = json_pack("{s:s, s:s}", "type", "operation", "kind", kind), *from = json_array(),
           *into = json_array();
    add_codes(req->arena, from, f->from);
    add_codes(req->arena, into, f->into);
    json_object_set_new(o, "from", from);
    json_object_set_new(o, "into", into);
    if (given(f->name))
        json_object_set_new(o, "name", json_string(f->name));
    if (given(f->effective))
        json_object_set_new(o, "effective", json_string(f->effective));
    if (given(f->users))
        json_object_set_new(o, "users", json_string(f->users));
    if (given(f->level) && strcmp(kind, "abolish") == 0)
        json_object_set_new(o, "level", json_string(f->level));
    if (given(f->rule) && split)
        json_object_set_new(o, "rule", json_string(f->rule));
    if (split && given(f->rule) && strcmp(f->rule, "hand") == 0) {
        json_t *assign = json_array();
        json_object_set_new(o, "assign", assign);
        if (unitops_list(f->list, assign, &req->err) < 0) {
            json_decref(o);
            return req->err.code;
        }
    }
    *out = o;
    return 0;
}

/* check_scope: every unit the operation names lies in the admin's tree; a level is abolished
 * by a province's admin. */
static int check_scope(Request *req, const AdminUnits *au, const UnitOpSpec *sp)
{
    for (size_t i = 0; i < sp->n_from + sp->n_into; i++) {
        const char *code = i < sp->n_from ? sp->from[i] : sp->into[i - sp->n_from];
        bool fresh = i >= sp->n_from && (sp->kind == UNITOP_MERGE || sp->kind == UNITOP_RENAME);
        Unit u;
        if (fresh && store_unit_get(req_store(req), req->arena, code, &u, NULL) == ERR_NOT_FOUND)
            continue; /* a unit the operation creates, below the admin's tree like its source */
        if (!admin_unit_find(au, code))
            return req_fail(req, ERR_FORBIDDEN, i < sp->n_from ? "from" : "into",
                            "Có đơn vị không thuộc phạm vi quản lý",
                            "a unit named is outside your scope");
    }
    if (sp->kind == UNITOP_ABOLISH && !admin_is_province(req))
        return req_fail(req, ERR_FORBIDDEN, "level",
                        "Chỉ quản trị cấp tỉnh được bãi bỏ một cấp đơn vị",
                        "only a province's admin abolishes a level");
    return 0;
}

static void choice(StrBuf *sb, const char *id, const char *name, const char *label,
                   const char *const *values, const char *const *labels, const char *selected,
                   const Err *err)
{
    Widget w = {.id = id, .name = name, .label = label, .err = err};
    widget_select_begin(sb, &w);
    for (int i = 0; values[i]; i++)
        html_option(sb, values[i], labels[i], selected);
    widget_select_end(sb, &w);
}

static void op_form(StrBuf *sb, Request *req, const OpForm *f, const Err *err)
{
    char today[16];
    timefmt_format_date(timefmt_local_day(req_now(req)), today, sizeof today);
    html(sb, "<h2 id=\"thao-tac\">Sắp xếp đơn vị</h2>\n<p class=\"muted\">Mã đơn vị cách nhau "
             "bởi dấu phẩy. Hồ sơ đang giải quyết của đơn vị giải thể được chuyển giao cho đơn "
             "vị kế thừa, giữ nguyên mã và thời hạn. Trước khi thực hiện, hệ thống hiển thị kế "
             "hoạch để xác nhận.</p>\n<form class=\"stack\" method=\"post\" action=\"" PATH "\">");
    page_csrf(sb, req);
    choice(sb, "o-kind", "kind", "Thao tác", kinds, kind_labels, f->kind, err);
    widget_input(sb, &(Widget){.id = "o-from",
                               .name = "from",
                               .label = "Đơn vị (A; khi hợp nhất: A, B, ...)",
                               .value = f->from,
                               .err = err});
    widget_input(sb, &(Widget){.id = "o-into",
                               .name = "into",
                               .label = "Thành đơn vị (C; khi chia tách: B, C, ...; đổi mã: mã "
                                        "mới; chuyển: đơn vị cấp trên mới)",
                               .value = f->into,
                               .err = err});
    widget_input(sb, &(Widget){.id = "o-name",
                               .name = "name",
                               .label = "Tên mới (đơn vị mới khi hợp nhất, hoặc khi đổi tên)",
                               .value = f->name,
                               .err = err});
    static const char *const levels[] = {"district", NULL};
    static const char *const level_labels[] = {"Cấp huyện"};
    choice(sb, "o-level", "level", "Cấp bãi bỏ", levels, level_labels, f->level, err);
    widget_input(sb, &(Widget){.id = "o-effective",
                               .name = "effective",
                               .label = "Có hiệu lực từ ngày (sau hôm nay: thực hiện lúc 0 giờ "
                                        "ngày đó)",
                               .type = "date",
                               .value = given(f->effective) ? f->effective : today,
                               .required = 1,
                               .err = err});
    choice(sb, "o-rule", "rule", "Khi chia tách, giao hồ sơ", rules, rule_labels, f->rule, err);
    widget_textarea(sb, &(Widget){.id = "o-list",
                                  .name = "list",
                                  .label = "Danh sách giao hồ sơ (khi chia tách theo danh sách)",
                                  .value = f->list,
                                  .rows = 4,
                                  .no_spellcheck = 1,
                                  .err = err,
                                  .err_field = "assign"});
    choice(sb, "o-users", "users", "Tài khoản của đơn vị giải thể", users, user_labels, f->users,
           err);
    html(sb, "<div><button type=\"submit\">Xem kế hoạch</button></div></form>\n");
}

/* hidden keeps the form's values in the confirmation form. */
static void hidden(StrBuf *sb, const OpForm *f)
{
    const char *const v[][2] = {{"kind", f->kind}, {"from", f->from},   {"into", f->into},
                                {"name", f->name}, {"level", f->level}, {"effective", f->effective},
                                {"rule", f->rule}, {"list", f->list},   {"users", f->users}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (given(v[i][1]))
            html(sb, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", v[i][0], v[i][1]);
}

static void plan_view(StrBuf *sb, Request *req, const UnitPlan *p, const OpForm *f)
{
    html(sb, "<h2 id=\"ke-hoach\">Kế hoạch</h2>\n<p>%s</p>\n", unitops_summary(req->arena, p));
    if (p->planned)
        html(sb,
             "<p>Thao tác có hiệu lực sau hôm nay: được ghi lại và thực hiện lúc 0 giờ ngày "
             "%s.</p>\n",
             p->spec.effective);
    if (p->n_units) {
        html(sb, "<div class=\"table-wrap\"><table>\n<caption>Đơn vị thay đổi</caption><thead><tr>"
                 "<th>Mã</th><th>Tên</th><th>Cấp trên</th><th>Hết hiệu lực</th><th>Kế thừa</th>"
                 "</tr></thead><tbody>\n");
        for (size_t i = 0; i < p->n_units; i++) {
            const Unit *b = &p->units[i].before, *a = &p->units[i].after;
            html(sb,
                 "<tr><td>%s%s</td><td>%s</td><td>%s → %s</td><td>%s → %s</td><td>%s → %s</td>"
                 "</tr>\n",
                 a->code, b->code ? "" : " (mới)", a->name ? a->name : "",
                 b->parent ? b->parent : "–", a->parent ? a->parent : "–",
                 b->valid_to ? b->valid_to : "–", a->valid_to ? a->valid_to : "–",
                 b->successor ? b->successor : "–", a->successor ? a->successor : "–");
        }
        html(sb, "</tbody></table></div>\n");
    }
    if (p->n_dossiers) {
        html(sb, "<div class=\"table-wrap\"><table>\n<caption>Hồ sơ chuyển giao</caption><thead>"
                 "<tr><th>Mã hồ sơ</th><th>Trạng thái</th><th>Từ</th><th>Đến</th></tr></thead>"
                 "<tbody>\n");
        for (size_t i = 0; i < p->n_dossiers && i < SHOWN_DOSSIERS; i++) {
            const Handover *h = &p->dossiers[i];
            html(sb, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s%s</td></tr>\n", h->d.code,
                 lifecycle_state_label(h->d.p.state), h->d.p.current_unit, h->to,
                 h->by_default ? " (mặc định)" : "");
        }
        html(sb, "</tbody></table></div>\n");
        if (p->n_dossiers > SHOWN_DOSSIERS)
            html(sb, "<p class=\"muted\">Và %s hồ sơ khác.</p>\n",
                 vntext_number(req->arena, (int64_t)(p->n_dossiers - SHOWN_DOSSIERS)));
    }
    for (size_t i = 0; i < p->n_accounts; i++) {
        const AccountChange *ac = &p->accounts[i];
        html(sb, "<p>%s %s: %s → %s</p>\n", ac->token ? "Mã truy cập" : "Tài khoản", ac->name,
             ac->from, ac->to ? ac->to : "khóa");
    }
    html(sb, "<form method=\"post\" action=\"" PATH "\">");
    page_csrf(sb, req);
    hidden(sb, f);
    html(sb, "<input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\">Xác "
             "nhận thực hiện</button> <a href=\"" PATH "\">Hủy</a></form>\n");
}

static void ops_table(StrBuf *sb, Request *req)
{
    UnitOpRow *rows;
    size_t n;
    Store *s = req_store(req);
    if (!s || store_unit_op_list(s, req->arena, NULL, &rows, &n, NULL) < 0 || n == 0)
        return;
    html(sb, "<div class=\"table-wrap\"><table>\n<caption>Các thao tác đã ghi</caption><thead>"
             "<tr><th>Số</th><th>Thao tác</th><th>Hiệu lực</th><th>Tình trạng</th>"
             "<th>Kết quả</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++)
        html(sb, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
             arena_printf(req->arena, "%lld", (long long)rows[i].id), rows[i].kind,
             rows[i].effective, strcmp(rows[i].state, "done") == 0 ? "Đã thực hiện" : "Chờ ngày",
             rows[i].summary ? rows[i].summary : "");
    html(sb, "</tbody></table></div>\n");
}

static int ops_page(Request *req, Response *res, const OpForm *f, const UnitPlan *plan, int status)
{
    StrBuf sb;
    sb_init(&sb, 4 * 1024 * 1024);
    page_begin(&sb, req, "Sắp xếp đơn vị", "/quan-tri/don-vi");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    if (plan)
        plan_view(&sb, req, plan, f);
    ops_table(&sb, req);
    op_form(&sb, req, f, status >= 400 ? &req->err : NULL);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_unitops(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    if (rc < 0)
        return rc;
    OpForm f = {0};
    return ops_page(req, res, &f, NULL, 200);
}

/* The writer's job: run the operation as its admin entered it. */
typedef struct OpJob {
    json_t *record;
    const char *who;
    int64_t now, id;
} OpJob;

static int write_op(Store *s, void *ctx, Err *e)
{
    OpJob *job = ctx;
    Arena *a = arena_new();
    UnitOpSpec spec;
    int rc = unitops_read(a, job->record, &spec, e);
    if (rc == 0)
        rc = unitops_run(s, a, &spec, job->who, job->now, NULL, &job->id, e);
    arena_free(a);
    return rc;
}

int page_admin_unitop_post(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    OpForm f = form_read(req);
    json_t *o = NULL;
    UnitOpSpec spec;
    UnitPlan plan;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    if ((rc = record(req, &f, &o)) == 0 &&
        (rc = unitops_read(req->arena, o, &spec, &req->err)) == 0 &&
        (rc = check_scope(req, &au, &spec)) == 0 &&
        (rc = unitops_plan(s, req->arena, &spec, req_now(req), &plan, &req->err)) == 0 &&
        given(form_get(req, "confirm"))) {
        OpJob job = {.record = o, .who = req->who.name, .now = req_now(req)};
        if ((rc = req_write(req, write_op, &job)) == 0) {
            json_decref(o);
            return admin_redirect(req, res, PATH, NULL, NULL, "sap-xep",
                                  arena_printf(req->arena, "%lld", (long long)job.id));
        }
    }
    json_decref(o);
    return ops_page(req, res, &f, rc == 0 ? &plan : NULL, rc == 0 ? 200 : http_status(rc));
}

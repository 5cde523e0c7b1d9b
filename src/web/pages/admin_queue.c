/* admin_queue.c: the administrator's counter queue screen: GET /quan-tri/quay (the counter
 * groups and the counters of the admin's unit and below; ?nhom=CODE or ?quay=CODE opens one
 * in its form), POST /quan-tri/quay/nhom (add or edit a group) and POST /quan-tri/quay/quay
 * (add or edit a counter). Each post is written as the interchange record an import line
 * would be (queue_group, queue_counter), so that the page and `motcua import` share their
 * checks (app/queue.c). */
#include "web/pages/pages.h"

#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

/* What the page shows in its forms: the group and counter being edited (or kept from a failed
 * post), and which form failed. */
typedef struct QueueView {
    QueueGroup group;
    QueueCounter counter;
    const char *counter_group; /* the counter's group's code */
    enum { FAILED_NONE, FAILED_GROUP, FAILED_COUNTER } failed;
} QueueView;

/* The groups and counters of the admin's unit and below. */
typedef struct QueueLists {
    QueueGroup *groups;
    size_t n_groups;
    QueueCounter *counters;
    size_t n_counters;
} QueueLists;

static int lists_load(Request *req, QueueLists *out)
{
    Store *s = req_store(req);
    if (store_queue_group_list(s, req->arena, req->who.unit, &out->groups, &out->n_groups,
                               &req->err) < 0 ||
        store_queue_counter_list(s, req->arena, req->who.unit, &out->counters, &out->n_counters,
                                 &req->err) < 0)
        return req->err.code;
    return 0;
}

/* group_code is the code of group id among l's groups ("" when none). */
static const char *group_code(const QueueLists *l, int64_t id)
{
    for (size_t i = 0; i < l->n_groups; i++)
        if (l->groups[i].id == id)
            return l->groups[i].code;
    return "";
}

static void tables(StrBuf *sb, Request *req, const AdminUnits *au, const QueueLists *l)
{
    html(sb, "<h2>Nhóm quầy</h2>\n<div class=\"table-wrap\"><table id=\"queue-groups\">\n<thead>"
             "<tr><th scope=\"col\">Mã</th><th scope=\"col\">Chữ số</th><th scope=\"col\">Tên"
             "</th><th scope=\"col\">Đơn vị</th><th scope=\"col\">Lĩnh vực</th><th "
             "scope=\"col\"><span class=\"muted\">Thao tác</span></th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < l->n_groups; i++) {
        const QueueGroup *g = &l->groups[i];
        const Unit *u = admin_unit_find(au, g->unit);
        html(sb,
             "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><a href=\"%s\">"
             "Sửa</a></td></tr>\n",
             g->code, g->prefix, g->name, u ? u->name : g->unit, g->field ? g->field : "",
             html_url(req->arena, "/quan-tri/quay", "nhom", g->code, NULL));
    }
    if (l->n_groups == 0)
        html(sb, "<tr><td colspan=\"6\">Chưa có nhóm quầy nào.</td></tr>\n");
    html(sb, "</tbody></table></div>\n<h2>Quầy</h2>\n<div class=\"table-wrap\"><table "
             "id=\"queue-counters\">\n<thead><tr><th scope=\"col\">Mã</th><th scope=\"col\">Tên"
             "</th><th scope=\"col\">Nhóm quầy</th><th scope=\"col\"><span class=\"muted\">Thao "
             "tác</span></th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < l->n_counters; i++) {
        const QueueCounter *c = &l->counters[i];
        html(sb, "<tr><td>%s</td><td>%s</td><td>%s</td><td><a href=\"%s\">Sửa</a></td></tr>\n",
             c->code, c->name, group_code(l, c->group),
             html_url(req->arena, "/quan-tri/quay", "quay", c->code, NULL));
    }
    if (l->n_counters == 0)
        html(sb, "<tr><td colspan=\"4\">Chưa có quầy nào.</td></tr>\n");
    html(sb, "</tbody></table></div>\n");
}

static void group_form(StrBuf *sb, Request *req, const AdminUnits *au, const QueueView *v,
                       const Field *fields, size_t n_fields)
{
    const QueueGroup *g = &v->group;
    const Err *err = v->failed == FAILED_GROUP ? &req->err : NULL;
    html(sb, "<h2 id=\"nhom\">Thêm hoặc sửa nhóm quầy</h2>\n<form class=\"stack\" method=\"post\" "
             "action=\"/quan-tri/quay/nhom\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "g-code",
                               .name = "code",
                               .label = "Mã nhóm",
                               .hint = "a-z, 0-9, - và _; một mã đã có thì sửa nhóm đó",
                               .value = g->code,
                               .maxlength = 32,
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "g-prefix",
                               .name = "prefix",
                               .label = "Chữ đầu số thứ tự",
                               .hint = "một hoặc hai chữ in hoa A-Z, như A trong A007",
                               .value = g->prefix,
                               .maxlength = 2,
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "g-name",
                               .name = "name",
                               .label = "Tên nhóm",
                               .value = g->name,
                               .maxlength = 200,
                               .required = 1,
                               .err = err});
    Widget w = {.id = "g-unit", .name = "unit", .label = "Đơn vị", .err = err};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, g->unit ? g->unit : req->who.unit);
    widget_select_end(sb, &w);
    w = (Widget){
        .id = "g-field", .name = "field", .label = "Lĩnh vực (không bắt buộc)", .err = err};
    widget_select_begin(sb, &w);
    html_option(sb, "", "Nhiều lĩnh vực", g->field ? g->field : "");
    for (size_t i = 0; i < n_fields; i++)
        html_option(sb, fields[i].code, fields[i].name, g->field);
    widget_select_end(sb, &w);
    html(sb, "<div><button type=\"submit\" id=\"save-group\">Lưu nhóm quầy</button></div>"
             "</form>\n");
}

static void counter_form(StrBuf *sb, Request *req, const QueueView *v, const QueueLists *l)
{
    const QueueCounter *c = &v->counter;
    const Err *err = v->failed == FAILED_COUNTER ? &req->err : NULL;
    html(sb, "<h2 id=\"quay\">Thêm hoặc sửa quầy</h2>\n<form class=\"stack\" method=\"post\" "
             "action=\"/quan-tri/quay/quay\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "c-code",
                               .name = "code",
                               .label = "Mã quầy",
                               .hint = "a-z, 0-9, - và _; một mã đã có thì sửa quầy đó",
                               .value = c->code,
                               .maxlength = 32,
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "c-name",
                               .name = "name",
                               .label = "Tên quầy",
                               .value = c->name,
                               .maxlength = 200,
                               .required = 1,
                               .err = err});
    Widget w = {.id = "c-group", .name = "group", .label = "Phục vụ nhóm quầy", .err = err};
    widget_select_begin(sb, &w);
    for (size_t i = 0; i < l->n_groups; i++)
        html_option(sb, l->groups[i].code, l->groups[i].name, v->counter_group);
    widget_select_end(sb, &w);
    html(sb, "<div><button type=\"submit\" id=\"save-counter\">Lưu quầy</button></div></form>\n");
}

static int queue_page(Request *req, Response *res, const AdminUnits *au, const QueueView *v,
                      int status)
{
    QueueLists l;
    Field *fields;
    size_t n_fields;
    int rc = lists_load(req, &l);
    if (rc < 0 ||
        (rc = store_field_list(req_store(req), req->arena, &fields, &n_fields, &req->err)) < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Quầy và nhóm quầy", "/quan-tri/quay");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    tables(&sb, req, au, &l);
    group_form(&sb, req, au, v, fields, n_fields);
    counter_form(&sb, req, v, &l);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_queue(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    QueueView v = {0};
    Store *s = req_store(req);
    const char *g = req_query(req, "nhom"), *c = req_query(req, "quay");
    Err none;
    /* another unit's group or counter opens as if there were none */
    if (g && strlen(g) <= 32 && store_queue_group_get(s, req->arena, g, &v.group, &none) == 0 &&
        !admin_unit_find(&au, v.group.unit))
        memset(&v.group, 0, sizeof v.group);
    QueueGroup cg;
    if (c && strlen(c) <= 32 && store_queue_counter_get(s, req->arena, c, &v.counter, &none) == 0 &&
        admin_unit_find(&au, v.counter.unit) &&
        store_queue_group_by_id(s, req->arena, v.counter.group, &cg, &none) == 0)
        v.counter_group = cg.code;
    else
        memset(&v.counter, 0, sizeof v.counter);
    return queue_page(req, res, &au, &v, 200);
}

/* in_scope fails with 403 naming field unless unit is in the admin's scope. */
static int in_scope(Request *req, const AdminUnits *au, const char *unit, const char *field)
{
    if (unit && !admin_unit_find(au, unit))
        return req_fail(req, ERR_FORBIDDEN, field, "Đơn vị này không thuộc phạm vi quản lý",
                        "this unit is outside your scope");
    return 0;
}

/* write_record writes o (its reference taken) as an imported line is. */
static int write_record(Request *req, json_t *o)
{
    int rc = req_write(req, admin_write_record, o);
    json_decref(o);
    return rc;
}

int page_admin_queue_group(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    QueueView v = {.failed = FAILED_GROUP};
    QueueGroup *g = &v.group, old;
    *g = (QueueGroup){.code = admin_form_opt(req, "code"),
                      .prefix = admin_form_opt(req, "prefix"),
                      .name = admin_form_opt(req, "name"),
                      .unit = admin_form_opt(req, "unit"),
                      .field = admin_form_opt(req, "field")};
    Err none;
    rc = in_scope(req, &au, g->unit, "unit");
    /* a code of another unit's group is not the admin's to change */
    if (rc == 0 && g->code && strlen(g->code) <= 32 &&
        store_queue_group_get(req_store(req), req->arena, g->code, &old, &none) == 0)
        rc = in_scope(req, &au, old.unit, "code");
    if (rc == 0) {
        json_t *o = json_pack("{s:s}", "type", "queue_group");
        admin_set_opt(o, "code", g->code);
        admin_set_opt(o, "prefix", g->prefix);
        admin_set_opt(o, "name", g->name);
        admin_set_opt(o, "unit", g->unit);
        admin_set_opt(o, "field", g->field);
        rc = write_record(req, o);
    }
    if (rc == 0)
        return admin_redirect(req, res, "/quan-tri/quay", "nhom", g->code, "nhom-quay", g->name);
    return queue_page(req, res, &au, &v, http_status(rc));
}

int page_admin_queue_counter(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_USER_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    QueueView v = {.failed = FAILED_COUNTER, .counter_group = admin_form_opt(req, "group")};
    QueueCounter *c = &v.counter, old;
    *c = (QueueCounter){.code = admin_form_opt(req, "code"), .name = admin_form_opt(req, "name")};
    QueueGroup g;
    Err none;
    Store *s = req_store(req);
    if (v.counter_group && strlen(v.counter_group) <= 32 &&
        store_queue_group_get(s, req->arena, v.counter_group, &g, &none) == 0)
        rc = in_scope(req, &au, g.unit, "group");
    if (rc == 0 && c->code && strlen(c->code) <= 32 &&
        store_queue_counter_get(s, req->arena, c->code, &old, &none) == 0)
        rc = in_scope(req, &au, old.unit, "code");
    if (rc == 0) {
        json_t *o = json_pack("{s:s}", "type", "queue_counter");
        admin_set_opt(o, "code", c->code);
        admin_set_opt(o, "name", c->name);
        admin_set_opt(o, "group", v.counter_group);
        rc = write_record(req, o);
    }
    if (rc == 0)
        return admin_redirect(req, res, "/quan-tri/quay", "quay", c->code, "quay", c->name);
    return queue_page(req, res, &au, &v, http_status(rc));
}

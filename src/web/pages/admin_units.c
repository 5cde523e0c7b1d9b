/* admin_units.c: the administrator's units screen: GET /quan-tri/don-vi (the units of the
 * admin's tree with level, parent, validity and successor; ?unit=CODE selects one to edit),
 * POST /quan-tri/don-vi (add or update a unit, checked exactly as an interchange `unit` line)
 * and POST /quan-tri/don-vi/{code}/gio-lam-viec (a unit's weekly working windows, through
 * calendars_set_windows like PUT /api/v1/units/{code}/windows).
 *
 * It also holds what the four admin screens share (declared in pages.h, "admin"): the units
 * in the admin's scope, unit <option>s, an error's HTTP status and the notice shown after a
 * redirect. */
#include "web/pages/pages.h"

#include "core/calendar.h"
#include "io/interchange.h"
#include "app/calendars.h"
#include "util/escape.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/layout.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared by the admin screens ---- */

/* A unit's place in the parent index: children of a unit are contiguous. */
typedef struct ParentKey {
    const char *parent, *code;
    size_t index;
} ParentKey;

/* by_parent orders keys by parent code (no parent first), then by code. */
static int by_parent(const void *pa, const void *pb)
{
    const ParentKey *a = pa, *b = pb;
    int c = strcmp(a->parent, b->parent);
    return c ? c : strcmp(a->code, b->code);
}

/* first_child returns the position in keys[0..n) of the first unit whose parent is code. */
static size_t first_child(const ParentKey *keys, size_t n, const char *code)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(keys[mid].parent, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int page_admin_units_load(Request *req, AdminUnits *out)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Unit *all;
    size_t n;
    int rc = store_unit_list(s, req->arena, &all, &n, &req->err);
    if (rc < 0)
        return rc;
    /* a depth-first walk from the admin's unit, each unit at most once (parent links from an
     * import may form a cycle) */
    ParentKey *keys = arena_array(req->arena, n ? n : 1, sizeof *keys);
    size_t root = n;
    for (size_t i = 0; i < n; i++) {
        keys[i] = (ParentKey){all[i].parent ? all[i].parent : "", all[i].code, i};
        if (strcmp(all[i].code, req->who.unit) == 0)
            root = i;
    }
    qsort(keys, n, sizeof *keys, by_parent);
    AdminUnits au = {arena_array(req->arena, n ? n : 1, sizeof(Unit)),
                     arena_array(req->arena, n ? n : 1, sizeof(int)), 0};
    if (root < n) {
        unsigned char *seen = arena_alloc(req->arena, n);
        memset(seen, 0, n);
        size_t *stack = arena_array(req->arena, n, sizeof *stack);
        int *depth = arena_array(req->arena, n, sizeof *depth);
        size_t top = 0;
        stack[top] = root;
        depth[top++] = 0;
        seen[root] = 1;
        while (top) {
            top--;
            size_t u = stack[top];
            int d = depth[top];
            au.units[au.n] = all[u];
            au.depth[au.n++] = d;
            /* push the children in reverse so that they come out in code order */
            size_t from = first_child(keys, n, all[u].code), to = from;
            while (to < n && strcmp(keys[to].parent, all[u].code) == 0)
                to++;
            for (size_t k = to; k > from; k--) {
                size_t c = keys[k - 1].index;
                if (seen[c])
                    continue;
                seen[c] = 1;
                stack[top] = c;
                depth[top++] = d + 1;
            }
        }
    }
    *out = au;
    return 0;
}

const Unit *page_admin_unit_find(const AdminUnits *au, const char *code)
{
    for (size_t i = 0; code && i < au->n; i++)
        if (strcmp(au->units[i].code, code) == 0)
            return &au->units[i];
    return NULL;
}

void page_admin_unit_options(StrBuf *sb, const AdminUnits *au, const char *selected,
                             const char *none_label)
{
    if (none_label) {
        HTML_LIT(sb, "<option value=\"\">");
        html_text(sb, none_label);
        HTML_LIT(sb, "</option>");
    }
    for (size_t i = 0; i < au->n; i++) {
        const Unit *u = &au->units[i];
        HTML_LIT(sb, "<option");
        html_attr(sb, "value", u->code);
        if (selected && strcmp(selected, u->code) == 0)
            HTML_LIT(sb, " selected");
        HTML_LIT(sb, ">");
        for (int d = 0; d < au->depth[i] && d < 4; d++)
            HTML_LIT(sb, "— ");
        html_text(sb, u->name);
        HTML_LIT(sb, "</option>");
    }
}

/* What a redirect back says: the `xong` query value -> the message before the `ten` value. */
static const struct {
    const char *key, *message;
} done_messages[] = {
    {"them", "Đã thêm người dùng"}, {"mat-khau", "Đã đặt lại mật khẩu của"},
    {"don-vi", "Đã lưu đơn vị"},    {"gio", "Đã lưu giờ làm việc của đơn vị"},
    {"thu-tuc", "Đã lưu thủ tục"},  {"lich", "Đã nạp lịch nghỉ năm"},
};

void page_admin_notice(StrBuf *sb, Request *req)
{
    const char *done = req_query(req, "xong"), *name = req_query(req, "ten");
    for (size_t i = 0; done && i < sizeof done_messages / sizeof done_messages[0]; i++) {
        if (strcmp(done, done_messages[i].key) != 0)
            continue;
        HTML_LIT(sb, "<p class=\"notice\" role=\"status\">");
        html_text(sb, done_messages[i].message);
        if (name && *name) {
            HTML_LIT(sb, " ");
            html_text(sb, name);
        }
        HTML_LIT(sb, ".</p>\n");
    }
}

int page_admin_redirect(Request *req, Response *res, const char *path, const char *key,
                        const char *value, const char *done, const char *name)
{
    StrBuf to;
    sb_init(&to, 4096);
    sb_puts(&to, path);
    if (key && value) {
        sb_putc(&to, '?');
        sb_puts(&to, key);
        sb_putc(&to, '=');
        esc_url(&to, value);
    }
    sb_puts(&to, key && value ? "&xong=" : "?xong=");
    esc_url(&to, done);
    if (name) {
        sb_puts(&to, "&ten=");
        esc_url(&to, name);
    }
    const char *url = to.err || !to.data ? path : arena_strdup(req->arena, to.data);
    sb_free(&to);
    res_redirect(res, url);
    return 0;
}

void page_admin_form_error(StrBuf *sb, Request *req)
{
    if (req->err.code)
        page_notice(sb, req->err.message, 1);
}

/* ---- the units screen ---- */

static const char *const unit_levels[] = {"province", "district", "commune", "department", NULL};
static const char *const unit_level_labels[] = {"Tỉnh, thành phố", "Huyện (trước năm 2025)",
                                                "Xã, phường, đặc khu", "Cơ quan chuyên môn"};

static const char *level_label(const char *level)
{
    for (int i = 0; level && unit_levels[i]; i++)
        if (strcmp(level, unit_levels[i]) == 0)
            return unit_level_labels[i];
    return level ? level : "";
}

/* The weekdays in display order (Monday first): form name, label, calendar weekday. */
static const struct {
    const char *name, *label;
    int weekday;
} days[7] = {
    {"mon", "Thứ Hai", 1}, {"tue", "Thứ Ba", 2},  {"wed", "Thứ Tư", 3},   {"thu", "Thứ Năm", 4},
    {"fri", "Thứ Sáu", 5}, {"sat", "Thứ Bảy", 6}, {"sun", "Chủ nhật", 0},
};

enum { FAILED_NONE = 0, FAILED_UNIT, FAILED_WINDOWS };

typedef struct UnitsView {
    const char *selected; /* the unit the windows form is about */
    const Unit *edit;     /* values of the add/update form (NULL: empty) */
    const char *specs[7]; /* values of the windows form, by calendar weekday (NULL: stored) */
    int failed;           /* which form the error in req->err is about */
} UnitsView;

static void unit_date(StrBuf *sb, const char *iso)
{
    int32_t day;
    if (iso && timefmt_parse_date(iso, strlen(iso), NULL, &day) == 0)
        html_date_vi(sb, day);
}

static void units_table(StrBuf *sb, const AdminUnits *au)
{
    HTML_LIT(sb, "<div class=\"table-wrap\"><table>\n<caption class=\"muted\">Các đơn vị trong "
                 "phạm vi quản lý; bấm vào mã để sửa đơn vị và giờ làm việc của nó</caption>\n"
                 "<thead><tr><th scope=\"col\">Mã</th><th scope=\"col\">Tên đơn vị</th><th "
                 "scope=\"col\">Cấp</th><th scope=\"col\">Đơn vị cấp trên</th><th "
                 "scope=\"col\">Hiệu lực</th><th scope=\"col\">Đơn vị kế thừa</th></tr></thead>\n"
                 "<tbody>\n");
    for (size_t i = 0; i < au->n; i++) {
        const Unit *u = &au->units[i];
        HTML_LIT(sb, "<tr><td><a");
        html_url_attr(sb, "href", "/quan-tri/don-vi", "unit", u->code, NULL);
        HTML_LIT(sb, ">");
        html_text(sb, u->code);
        HTML_LIT(sb, "</a></td><td>");
        for (int d = 0; d < au->depth[i] && d < 4; d++)
            HTML_LIT(sb, "— ");
        html_text(sb, u->name);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, level_label(u->level));
        HTML_LIT(sb, "</td><td>");
        const Unit *p = page_admin_unit_find(au, u->parent);
        html_text(sb, p ? p->name : u->parent);
        HTML_LIT(sb, "</td><td>");
        if (u->valid_from || u->valid_to) {
            HTML_LIT(sb, "từ ");
            unit_date(sb, u->valid_from);
            if (u->valid_to) {
                HTML_LIT(sb, " đến ");
                unit_date(sb, u->valid_to);
            }
        }
        HTML_LIT(sb, "</td><td>");
        const Unit *succ = page_admin_unit_find(au, u->successor);
        html_text(sb, succ ? succ->name : u->successor);
        HTML_LIT(sb, "</td></tr>\n");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
}

static void windows_form(StrBuf *sb, Request *req, const AdminUnits *au, const UnitsView *v)
{
    const Unit *u = page_admin_unit_find(au, v->selected);
    if (!u)
        return;
    const char *stored[7] = {0};
    int found = 0;
    Err ignore;
    if (store_windows_get(req_store(req), req->arena, u->code, stored, &found, &ignore) < 0 ||
        !found) {
        for (int d = 0; d < 7; d++)
            stored[d] = d >= 1 && d <= 5 ? "07:00-11:30,13:30-17:00" : "";
    }
    const Err *err = v->failed == FAILED_WINDOWS ? &req->err : NULL;
    HTML_LIT(sb, "<h2 id=\"gio-lam-viec\">Giờ làm việc: ");
    html_text(sb, u->name);
    HTML_LIT(sb, "</h2>\n<form class=\"stack\" method=\"post\"");
    html_url_attr(sb, "action",
                  arena_printf(req->arena, "/quan-tri/don-vi/%s/gio-lam-viec", u->code), NULL);
    HTML_LIT(sb, ">");
    page_csrf(sb, req);
    HTML_LIT(sb, "<p class=\"muted\">Mỗi ngày ghi các khung giờ cách nhau bởi dấu phẩy, ví dụ "
                 "07:00-11:30,13:30-17:00; để trống nếu ngày đó nghỉ.");
    if (!found)
        HTML_LIT(sb, " Đơn vị đang dùng giờ làm việc mặc định.");
    HTML_LIT(sb, "</p>");
    page_field_error(sb, err, "windows");
    for (int i = 0; i < 7; i++) {
        int wd = days[i].weekday;
        HTML_LIT(sb, "<div><label");
        html_attr(sb, "for", arena_printf(req->arena, "w-%s", days[i].name));
        HTML_LIT(sb, ">");
        html_text(sb, days[i].label);
        HTML_LIT(sb, "</label><input type=\"text\"");
        html_attr(sb, "id", arena_printf(req->arena, "w-%s", days[i].name));
        html_attr(sb, "name", days[i].name);
        html_attr(sb, "value", v->specs[wd] ? v->specs[wd] : stored[wd] ? stored[wd] : "");
        HTML_LIT(sb, " maxlength=\"200\">");
        page_field_error(sb, err, days[i].name);
        HTML_LIT(sb, "</div>\n");
    }
    HTML_LIT(sb, "<div><button type=\"submit\">Lưu giờ làm việc</button></div></form>\n");
}

static void select_levels(StrBuf *sb, const char *selected)
{
    for (int i = 0; unit_levels[i]; i++) {
        html_option(sb, unit_levels[i], unit_level_labels[i], selected ? selected : "commune");
    }
}

static void unit_form(StrBuf *sb, Request *req, const AdminUnits *au, const UnitsView *v)
{
    const Unit empty = {0}, *u = v->edit ? v->edit : &empty;
    const Err *err = v->failed == FAILED_UNIT ? &req->err : NULL;
    HTML_LIT(sb, "<h2 id=\"sua\">Thêm hoặc sửa đơn vị</h2>\n<p class=\"muted\">Nhập mã của "
                 "một đơn vị đã có để sửa đơn vị đó; mã mới thì thêm đơn vị. Mã đơn vị có dạng "
                 "000.00.21.H50.</p>\n<form class=\"stack\" method=\"post\" "
                 "action=\"/quan-tri/don-vi\">");
    page_csrf(sb, req);
    page_input(sb, err, "u-code", "code", "Mã đơn vị", "text", u->code, 1);
    page_input(sb, err, "u-name", "name", "Tên đơn vị", "text", u->name, 1);
    HTML_LIT(sb, "<div><label for=\"u-level\">Cấp</label><select id=\"u-level\" name=\"level\">");
    select_levels(sb, u->level);
    HTML_LIT(sb, "</select>");
    page_field_error(sb, err, "level");
    HTML_LIT(sb, "</div>\n<div><label for=\"u-parent\">Đơn vị cấp trên</label><select "
                 "id=\"u-parent\" name=\"parent\">");
    page_admin_unit_options(sb, au, u->parent, "(không có)");
    HTML_LIT(sb, "</select>");
    page_field_error(sb, err, "parent");
    HTML_LIT(sb, "</div>\n");
    page_input(sb, err, "u-from", "valid_from", "Có hiệu lực từ ngày", "date", u->valid_from, 0);
    page_input(sb, err, "u-to", "valid_to", "Hết hiệu lực từ ngày (để trống nếu còn hoạt động)",
               "date", u->valid_to, 0);
    page_input(sb, err, "u-successor", "successor",
               "Mã đơn vị kế thừa (khi sáp nhập, chia tách; để trống nếu không có)", "text",
               u->successor, 0);
    HTML_LIT(sb, "<div><button type=\"submit\">Lưu đơn vị</button></div></form>\n");
}

static int units_page(Request *req, Response *res, const AdminUnits *au, const UnitsView *v,
                      int status)
{
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Đơn vị", "/quan-tri/don-vi");
    page_admin_notice(&sb, req);
    page_admin_form_error(&sb, req);
    units_table(&sb, au);
    windows_form(&sb, req, au, v);
    unit_form(&sb, req, au, v);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_units(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = page_admin_units_load(req, &au)) < 0)
        return rc;
    UnitsView v = {.selected = req->who.unit};
    const Unit *sel = page_admin_unit_find(&au, req_query(req, "unit"));
    if (sel) {
        v.selected = sel->code;
        v.edit = sel;
    }
    return units_page(req, res, &au, &v, 200);
}

/* form_opt returns a form value, or NULL when absent or empty (an absent JSON key). */
static const char *form_opt(Request *req, const char *name)
{
    const char *v = form_get(req, name);
    return v && *v ? v : NULL;
}

static void set_opt(json_t *o, const char *key, const char *value)
{
    if (value)
        json_object_set_new(o, key, json_string(value));
}

static int write_record(Store *s, void *ctx, Err *e)
{
    Arena *a = arena_new();
    int rc = interchange_apply_record(s, a, ctx, e);
    arena_free(a);
    return rc;
}

/* check_unit_scope: the admin may change units of their tree and place them only in it; their
 * own unit keeps its place. */
static int check_unit_scope(Request *req, const AdminUnits *au, const Unit *u)
{
    if (!u->code)
        return 0; /* the record check names the missing code */
    Unit old;
    int rc = store_unit_get(req_store(req), req->arena, u->code, &old, &req->err);
    int exists = rc == 0;
    if (rc < 0 && rc != ERR_NOT_FOUND)
        return rc;
    err_clear(&req->err);
    if (exists && !page_admin_unit_find(au, u->code))
        return req_fail(req, ERR_FORBIDDEN, "code", "Đơn vị này không thuộc phạm vi quản lý",
                        "this unit is outside your scope");
    if (strcmp(u->code, req->who.unit) == 0) {
        const char *was = old.parent ? old.parent : "", *now = u->parent ? u->parent : "";
        if (strcmp(was, now) != 0)
            return req_fail(req, ERR_FORBIDDEN, "parent",
                            "Không thể đổi đơn vị cấp trên của chính đơn vị mình",
                            "you cannot move your own unit");
    } else {
        if (!u->parent)
            return req_fail(req, ERR_INVALID, "parent", "Hãy chọn đơn vị cấp trên",
                            "choose the parent unit");
        if (!page_admin_unit_find(au, u->parent))
            return req_fail(req, ERR_FORBIDDEN, "parent",
                            "Đơn vị cấp trên không thuộc phạm vi quản lý",
                            "the parent unit is outside your scope");
        int below = 0;
        if (exists &&
            (rc = store_unit_within(req_store(req), u->parent, u->code, &below, &req->err)) < 0)
            return rc;
        if (below)
            return req_fail(req, ERR_INVALID, "parent",
                            "Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị trực "
                            "thuộc nó",
                            "a unit cannot be placed under itself or a unit below it");
    }
    if (u->successor && !page_admin_unit_find(au, u->successor))
        return req_fail(req, ERR_FORBIDDEN, "successor",
                        "Đơn vị kế thừa không thuộc phạm vi quản lý",
                        "the successor unit is outside your scope");
    return 0;
}

int page_admin_unit_save(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = page_admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    Unit *u = arena_alloc(req->arena, sizeof *u);
    *u = (Unit){form_opt(req, "code"),     form_opt(req, "name"),       form_opt(req, "level"),
                form_opt(req, "parent"),   form_opt(req, "valid_from"), form_opt(req, "valid_to"),
                form_opt(req, "successor")};
    rc = check_unit_scope(req, &au, u);
    if (rc == 0) {
        json_t *o = json_pack("{s:s}", "type", "unit");
        set_opt(o, "code", u->code);
        set_opt(o, "name", u->name);
        set_opt(o, "level", u->level);
        set_opt(o, "parent", u->parent);
        set_opt(o, "valid_from", u->valid_from);
        set_opt(o, "valid_to", u->valid_to);
        set_opt(o, "successor", u->successor);
        rc = req_write(req, write_record, o);
        json_decref(o);
    }
    if (rc == 0)
        return page_admin_redirect(req, res, "/quan-tri/don-vi", "unit", u->code, "don-vi",
                                   u->name);
    UnitsView v = {.selected = req->who.unit, .edit = u, .failed = FAILED_UNIT};
    const Unit *sel = page_admin_unit_find(&au, u->code);
    if (sel)
        v.selected = sel->code;
    return units_page(req, res, &au, &v, http_status(rc));
}

int page_admin_unit_windows(Request *req, Response *res)
{
    WindowsSet w = {.unit = req->params[0]};
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, w.unit);
    AdminUnits au;
    if (rc < 0 || (rc = page_admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    const Unit *u = page_admin_unit_find(&au, w.unit);
    if (!u)
        return req_fail(req, ERR_NOT_FOUND, "unit", "Không có đơn vị này", "no such unit");
    /* each day checked here first, so that an error stands beside its day */
    for (int i = 0; i < 7; i++) {
        const char *spec = form_get(req, days[i].name);
        w.specs[days[i].weekday] = spec ? spec : "";
    }
    for (int i = 0; rc == 0 && i < 7; i++) {
        const char *spec = w.specs[days[i].weekday];
        CalendarWindow win[CALENDAR_MAX_WINDOWS];
        int n;
        if (strlen(spec) > 200 ||
            calendar_parse_windows(spec, strlen(spec), &req->err, win, &n) < 0)
            rc = req_fail(req, ERR_INVALID, days[i].name,
                          "Khung giờ không hợp lệ: ghi dạng 07:00-11:30,13:30-17:00, các khung "
                          "tăng dần, không chồng nhau",
                          "invalid windows: write 07:00-11:30,13:30-17:00, ascending, without "
                          "overlap");
    }
    if (rc == 0)
        rc = req_write(req, actions_write_windows, &w);
    if (rc == 0)
        return page_admin_redirect(req, res, "/quan-tri/don-vi", "unit", u->code, "gio", u->name);
    UnitsView v = {.selected = u->code, .edit = u, .failed = FAILED_WINDOWS};
    memcpy(v.specs, w.specs, sizeof v.specs);
    return units_page(req, res, &au, &v, http_status(rc));
}

/* admin_units.c: the administrator's units screen: GET /quan-tri/don-vi (the units of the
 * admin's tree with level, parent, validity and successor; ?unit=CODE selects one to edit),
 * POST /quan-tri/don-vi (add or update a unit, checked exactly as an interchange `unit` line)
 * and POST /quan-tri/don-vi/{code}/gio-lam-viec (a unit's weekly working windows, through
 * calendars_set_windows like PUT /api/v1/units/{code}/windows).
 */
#include "web/pages/pages.h"

#include "core/calendar.h"
#include "app/calendars.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

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

/* unit_date returns an ISO date of a unit as dd/mm/yyyy ("" when absent or unreadable). */
static const char *unit_date(Arena *a, const char *iso)
{
    int32_t day;
    if (iso && timefmt_parse_date(iso, strlen(iso), NULL, &day) == 0)
        return html_date(a, day);
    return "";
}

static void units_table(StrBuf *sb, Arena *a, const AdminUnits *au)
{
    html(sb, "<div class=\"table-wrap\"><table>\n<caption class=\"muted\">Các đơn vị trong phạm "
             "vi quản lý; bấm vào mã để sửa đơn vị và giờ làm việc của nó</caption>\n"
             "<thead><tr><th scope=\"col\">Mã</th><th scope=\"col\">Tên đơn vị</th><th "
             "scope=\"col\">Cấp</th><th scope=\"col\">Đơn vị cấp trên</th><th "
             "scope=\"col\">Hiệu lực</th><th scope=\"col\">Đơn vị kế thừa</th></tr></thead>\n"
             "<tbody>\n");
    for (size_t i = 0; i < au->n; i++) {
        const Unit *u = &au->units[i];
        const Unit *p = admin_unit_find(au, u->parent), *succ = admin_unit_find(au, u->successor);
        html(sb, "<tr><td><a href=\"%s\">%s</a></td><td>%s%s</td><td>%s</td><td>%s</td><td>",
             html_url(a, "/quan-tri/don-vi", "unit", u->code, NULL), u->code,
             admin_unit_indent(au, i), u->name, level_label(u->level), p ? p->name : u->parent);
        if (u->valid_from || u->valid_to) {
            html(sb, "từ %s", unit_date(a, u->valid_from));
            if (u->valid_to)
                html(sb, " đến %s", unit_date(a, u->valid_to));
        }
        html(sb, "</td><td>%s</td></tr>\n", succ ? succ->name : u->successor);
    }
    html(sb, "</tbody></table></div>\n");
}

static void windows_form(StrBuf *sb, Request *req, const AdminUnits *au, const UnitsView *v)
{
    const Unit *u = admin_unit_find(au, v->selected);
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
    html(sb,
         "<h2 id=\"gio-lam-viec\">Giờ làm việc: %s</h2>\n<form class=\"stack\" method=\"post\" "
         "action=\"%s\">",
         u->name, html_path(req->arena, "/quan-tri/don-vi/%s/gio-lam-viec", u->code));
    page_csrf(sb, req);
    html(sb, "<p class=\"muted\">Mỗi ngày ghi các khung giờ cách nhau bởi dấu phẩy, ví dụ "
             "07:00-11:30,13:30-17:00; để trống nếu ngày đó nghỉ.");
    if (!found)
        html(sb, " Đơn vị đang dùng giờ làm việc mặc định.");
    html(sb, "</p>");
    page_field_error(sb, err, "windows");
    for (int i = 0; i < 7; i++) {
        int wd = days[i].weekday;
        widget_input(sb, &(Widget){.id = arena_printf(req->arena, "w-%s", days[i].name),
                                   .name = days[i].name,
                                   .label = days[i].label,
                                   .value = v->specs[wd] ? v->specs[wd]
                                            : stored[wd] ? stored[wd]
                                                         : "",
                                   .maxlength = 200,
                                   .err = err});
    }
    html(sb, "<div><button type=\"submit\">Lưu giờ làm việc</button></div></form>\n");
}

static void unit_form(StrBuf *sb, Request *req, const AdminUnits *au, const UnitsView *v)
{
    const Unit empty = {0}, *u = v->edit ? v->edit : &empty;
    const Err *err = v->failed == FAILED_UNIT ? &req->err : NULL;
    html(sb, "<h2 id=\"sua\">Thêm hoặc sửa đơn vị</h2>\n<p class=\"muted\">Nhập mã của một đơn "
             "vị đã có để sửa đơn vị đó; mã mới thì thêm đơn vị. Mã đơn vị có dạng "
             "000.00.21.H50.</p>\n<form class=\"stack\" method=\"post\" "
             "action=\"/quan-tri/don-vi\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "u-code",
                               .name = "code",
                               .label = "Mã đơn vị",
                               .value = u->code,
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "u-name",
                               .name = "name",
                               .label = "Tên đơn vị",
                               .value = u->name,
                               .required = 1,
                               .err = err});
    Widget w = {.id = "u-level", .name = "level", .label = "Cấp", .err = err};
    widget_select_begin(sb, &w);
    for (int i = 0; unit_levels[i]; i++)
        html_option(sb, unit_levels[i], unit_level_labels[i], u->level ? u->level : "commune");
    widget_select_end(sb, &w);
    w = (Widget){.id = "u-parent",
                 .name = "parent",
                 .label = "Đơn vị cấp trên",
                 .none = "(không có)",
                 .err = err};
    widget_select_begin(sb, &w);
    admin_unit_options(sb, au, u->parent);
    widget_select_end(sb, &w);
    widget_input(sb, &(Widget){.id = "u-from",
                               .name = "valid_from",
                               .label = "Có hiệu lực từ ngày",
                               .type = "date",
                               .value = u->valid_from,
                               .err = err});
    widget_input(sb, &(Widget){.id = "u-to",
                               .name = "valid_to",
                               .label = "Hết hiệu lực từ ngày (để trống nếu còn hoạt động)",
                               .type = "date",
                               .value = u->valid_to,
                               .err = err});
    widget_input(sb, &(Widget){.id = "u-successor",
                               .name = "successor",
                               .label = "Mã đơn vị kế thừa (khi sáp nhập, chia tách; để trống nếu "
                                        "không có)",
                               .value = u->successor,
                               .err = err});
    html(sb, "<div><button type=\"submit\">Lưu đơn vị</button></div></form>\n");
}

static int units_page(Request *req, Response *res, const AdminUnits *au, const UnitsView *v,
                      int status)
{
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Đơn vị", "/quan-tri/don-vi");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    html(&sb,
         "<p><a href=\"/quan-tri/sap-xep-don-vi\">Hợp nhất, chia tách, đổi tên, chuyển hoặc "
         "bãi bỏ đơn vị</a> (hồ sơ đang giải quyết được chuyển giao cho đơn vị kế thừa)</p>\n");
    units_table(&sb, req->arena, au);
    windows_form(&sb, req, au, v);
    unit_form(&sb, req, au, v);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

int page_admin_units(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0)
        return rc;
    UnitsView v = {.selected = req->who.unit};
    const Unit *sel = admin_unit_find(&au, req_query(req, "unit"));
    if (sel) {
        v.selected = sel->code;
        v.edit = sel;
    }
    return units_page(req, res, &au, &v, 200);
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
    if (exists && !admin_unit_find(au, u->code))
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
        if (!admin_unit_find(au, u->parent))
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
    if (u->successor && !admin_unit_find(au, u->successor))
        return req_fail(req, ERR_FORBIDDEN, "successor",
                        "Đơn vị kế thừa không thuộc phạm vi quản lý",
                        "the successor unit is outside your scope");
    return 0;
}

int page_admin_unit_save(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    Unit *u = arena_alloc(req->arena, sizeof *u);
    *u = (Unit){admin_form_opt(req, "code"),       admin_form_opt(req, "name"),
                admin_form_opt(req, "level"),      admin_form_opt(req, "parent"),
                admin_form_opt(req, "valid_from"), admin_form_opt(req, "valid_to"),
                admin_form_opt(req, "successor")};
    rc = check_unit_scope(req, &au, u);
    if (rc == 0) {
        json_t *o = json_pack("{s:s}", "type", "unit");
        admin_set_opt(o, "code", u->code);
        admin_set_opt(o, "name", u->name);
        admin_set_opt(o, "level", u->level);
        admin_set_opt(o, "parent", u->parent);
        admin_set_opt(o, "valid_from", u->valid_from);
        admin_set_opt(o, "valid_to", u->valid_to);
        admin_set_opt(o, "successor", u->successor);
        rc = req_write(req, admin_write_record, o);
        json_decref(o);
    }
    if (rc == 0)
        return admin_redirect(req, res, "/quan-tri/don-vi", "unit", u->code, "don-vi", u->name);
    UnitsView v = {.selected = req->who.unit, .edit = u, .failed = FAILED_UNIT};
    const Unit *sel = admin_unit_find(&au, u->code);
    if (sel)
        v.selected = sel->code;
    return units_page(req, res, &au, &v, http_status(rc));
}

int page_admin_unit_windows(Request *req, Response *res)
{
    WindowsSet w = {.unit = req->params[0]};
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, w.unit);
    AdminUnits au;
    if (rc < 0 || (rc = admin_units_load(req, &au)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    const Unit *u = admin_unit_find(&au, w.unit);
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
        return admin_redirect(req, res, "/quan-tri/don-vi", "unit", u->code, "gio", u->name);
    UnitsView v = {.selected = u->code, .edit = u, .failed = FAILED_WINDOWS};
    memcpy(v.specs, w.specs, sizeof v.specs);
    return units_page(req, res, &au, &v, http_status(rc));
}

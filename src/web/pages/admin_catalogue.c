/* admin_catalogue.c: the administrator's procedure catalogue: GET /quan-tri/thu-tuc (every
 * procedure with its field, level, time limit, fee and online level; ?ma=CODE fills the form
 * with one) and POST /quan-tri/thu-tuc (add or update a procedure). The form becomes an
 * interchange `procedure` record checked and stored by interchange_apply_record, exactly as an
 * imported line. The catalogue is shared by every unit of the store, so only an administrator
 * of a province-level unit changes it (as with the holiday schedules); others see it. */
#include "web/pages/pages.h"

#include "core/vntext.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

/* At most this many procedures are listed at once (a provincial catalogue has about two
 * thousand): the search narrows the list. */
enum { PROCEDURES_SHOWN = 50, COMPONENTS_MAX = 100 };

static const char *const levels[] = {"province", "district", "commune", NULL};
static const char *const level_labels[] = {"Cấp tỉnh", "Cấp huyện (trước năm 2025)", "Cấp xã"};
static const char *const limit_units[] = {"days", "hours", "calendar_days", NULL};
static const char *const limit_labels[] = {"ngày làm việc", "giờ làm việc", "ngày (theo lịch)"};
static const char *const onlines[] = {"full", "partial", "none", NULL};
static const char *const online_labels[] = {"Toàn trình", "Một phần", "Không trực tuyến"};

/* label_of returns the label of value among keys, or value itself. */
static const char *label_of(const char *const keys[], const char *const labels[], const char *value)
{
    for (int i = 0; value && keys[i]; i++)
        if (strcmp(keys[i], value) == 0)
            return labels[i];
    return value ? value : "";
}

/* options appends an <option> per key, labelled by labels, selecting selected. */
static void options(StrBuf *sb, const char *const keys[], const char *const labels[],
                    const char *selected)
{
    for (int i = 0; keys[i]; i++)
        html_option(sb, keys[i], labels[i], selected);
}

/* The values of the form, as typed (strings) so that a rejected form comes back unchanged. */
typedef struct ProcForm {
    const char *code, *name, *field, *level, *limit, *limit_unit, *online, *fee, *components;
    const char *approval; /* "1" when the result needs a leader's approval */
} ProcForm;

static void table(StrBuf *sb, Arena *a, const Procedure *procs, size_t n, const Field *fields,
                  size_t n_fields, int can_edit)
{
    html(sb, "<div class=\"table-wrap\"><table>\n");
    if (can_edit)
        html(sb, "<caption class=\"muted\">Bấm vào mã để sửa thủ tục</caption>\n");
    html(sb, "<thead><tr><th scope=\"col\">Mã</th><th scope=\"col\">Tên thủ tục</th><th "
             "scope=\"col\">Lĩnh vực</th><th scope=\"col\">Cấp</th><th scope=\"col\">Thời hạn "
             "giải quyết</th><th scope=\"col\" class=\"num\">Phí, lệ phí (đồng)</th><th "
             "scope=\"col\">Trực tuyến</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n && i < PROCEDURES_SHOWN; i++) {
        const Procedure *p = &procs[i];
        if (can_edit)
            html(sb, "<tr><td><a href=\"%s\">%s</a></td>",
                 html_url(a, "/quan-tri/thu-tuc", "ma", p->code, NULL), p->code);
        else
            html(sb, "<tr><td>%s</td>", p->code);
        const char *field = p->field;
        for (size_t f = 0; f < n_fields; f++)
            if (strcmp(fields[f].code, p->field) == 0)
                field = fields[f].name;
        html(sb,
             "<td>%s</td><td>%s</td><td>%s</td><td>%s %s</td><td class=\"num\">%s</td>"
             "<td>%s</td></tr>\n",
             p->name, field, label_of(levels, level_labels, p->level), html_num(a, p->limit_value),
             label_of(limit_units, limit_labels, p->limit_unit),
             p->fee ? html_num(a, p->fee) : "Miễn phí",
             label_of(onlines, online_labels, p->online));
    }
    html(sb, "</tbody></table></div>\n");
    if (n > PROCEDURES_SHOWN)
        html(sb,
             "<p class=\"muted\">Chỉ hiển thị %s thủ tục đầu tiên; hãy tìm theo tên hoặc mã để "
             "thu hẹp danh sách.</p>\n",
             html_num(a, PROCEDURES_SHOWN));
    if (n == 0)
        html(sb, "<p class=\"muted\">Không có thủ tục nào phù hợp.</p>\n");
}

static void form(StrBuf *sb, Request *req, const ProcForm *f, const Field *fields, size_t n_fields)
{
    const Err *err = req->err.code ? &req->err : NULL;
    html(sb, "<h2 id=\"sua\">Thêm hoặc sửa thủ tục</h2>\n<p class=\"muted\">Nhập mã của một thủ "
             "tục đã có để sửa thủ tục đó; mã mới thì thêm thủ tục. Mã theo Cơ sở dữ liệu quốc "
             "gia, ví dụ 1.001193.</p>\n<form class=\"stack\" method=\"post\" "
             "action=\"/quan-tri/thu-tuc\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "p-code",
                               .name = "code",
                               .label = "Mã thủ tục",
                               .value = f->code,
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "p-name",
                               .name = "name",
                               .label = "Tên thủ tục",
                               .value = f->name,
                               .required = 1,
                               .err = err});
    Widget w = {.id = "p-field", .name = "field", .label = "Lĩnh vực", .err = err};
    widget_select_begin(sb, &w);
    for (size_t i = 0; i < n_fields; i++)
        html_option(sb, fields[i].code, fields[i].name, f->field);
    widget_select_end(sb, &w);
    w = (Widget){.id = "p-level", .name = "level", .label = "Cấp thực hiện", .err = err};
    widget_select_begin(sb, &w);
    options(sb, levels, level_labels, f->level ? f->level : "commune");
    widget_select_end(sb, &w);
    /* the limit's two parts share one error, about "processing", under both */
    html(sb, "<fieldset><legend>Thời hạn giải quyết</legend>");
    widget_input(sb, &(Widget){.id = "p-limit",
                               .name = "limit",
                               .label = "Số",
                               .type = "number",
                               .value = f->limit ? f->limit : "",
                               .min = "1",
                               .max = "3650",
                               .required = 1});
    w = (Widget){.id = "p-limit-unit", .name = "limit_unit", .label = "Đơn vị thời gian"};
    widget_select_begin(sb, &w);
    options(sb, limit_units, limit_labels, f->limit_unit ? f->limit_unit : "days");
    widget_select_end(sb, &w);
    page_field_error(sb, err, "processing");
    html(sb, "</fieldset>\n");
    w = (Widget){
        .id = "p-online", .name = "online", .label = "Mức độ dịch vụ công trực tuyến", .err = err};
    widget_select_begin(sb, &w);
    options(sb, onlines, online_labels, f->online ? f->online : "partial");
    widget_select_end(sb, &w);
    widget_input(sb, &(Widget){.id = "p-fee",
                               .name = "fee",
                               .label = "Phí, lệ phí (đồng; để trống hoặc 0 nếu miễn phí)",
                               .type = "number",
                               .value = f->fee,
                               .err = err});
    html(sb, "<div>");
    widget_check(sb, &(Widget){.id = "p-approval",
                               .name = "approval",
                               .label = "Kết quả phải được lãnh đạo phê duyệt (trình ký)",
                               .value = "1",
                               .checked = f->approval && *f->approval});
    html(sb, "</div>\n");
    widget_textarea(sb, &(Widget){.id = "p-components",
                                  .name = "components",
                                  .label = "Thành phần hồ sơ: mỗi dòng một thành phần; đặt dấu "
                                           "* ở đầu dòng nếu thành phần đó bắt buộc",
                                  .value = f->components,
                                  .rows = 6,
                                  .err = err});
    html(sb, "<div><button type=\"submit\">Lưu thủ tục</button></div></form>\n");
}

/* components_text writes a procedure's checklist as the form's lines ("* " when required). */
static const char *components_text(Arena *a, const Procedure *p)
{
    StrBuf sb;
    sb_init(&sb, 64 * 1024);
    for (size_t i = 0; i < p->n_components; i++) {
        if (p->components[i].required)
            sb_puts(&sb, "* ");
        sb_puts(&sb, p->components[i].name);
        sb_putc(&sb, '\n');
    }
    const char *text = arena_strdup(a, sb.data && !sb.err ? sb.data : "");
    sb_free(&sb);
    return text;
}

static void search_form(StrBuf *sb, const char *q)
{
    html(sb, "<form class=\"actions\" method=\"get\" action=\"/quan-tri/thu-tuc\" "
             "role=\"search\">");
    widget_input(sb, &(Widget){.id = "tim",
                               .name = "q",
                               .label = "Tìm thủ tục (tên hoặc mã, có dấu hay không dấu đều "
                                        "được)",
                               .type = "search",
                               .value = q ? q : "",
                               .maxlength = 200,
                               .bare = 1});
    html(sb, "<button type=\"submit\" class=\"secondary\">Tìm</button></form>\n");
}

static int page(Request *req, Response *res, const ProcForm *f, int status)
{
    Store *s = req_store(req);
    Procedure *procs;
    Field *fields;
    size_t n, n_fields;
    int rc;
    const char *q = strcmp(req->method, "GET") == 0 ? req_query(req, "q") : NULL;
    const char *folded = q && *q ? vntext_search_key(req->arena, q, strlen(q)) : NULL;
    if ((rc = store_procedure_search(s, req->arena, folded, NULL, PROCEDURES_SHOWN + 1, &procs, &n,
                                     &req->err)) < 0 ||
        (rc = store_field_list(s, req->arena, &fields, &n_fields, &req->err)) < 0)
        return rc;
    int can_edit = admin_is_province(req);
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Thủ tục hành chính", "/quan-tri/thu-tuc");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    search_form(&sb, q);
    table(&sb, req->arena, procs, n, fields, n_fields, can_edit);
    if (can_edit)
        form(&sb, req, f, fields, n_fields);
    else
        html(&sb, "<p class=\"muted\">Danh mục thủ tục dùng chung cho cả tỉnh; chỉ quản trị cấp "
                  "tỉnh được thêm hoặc sửa.</p>\n");
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* parse_count reads a non-negative integer written with optional vi-VN grouping dots or spaces
 * ("8.000"); -1 when it is not one or exceeds max. */
static long long parse_count(const char *s, long long max)
{
    long long v = 0;
    int digits = 0;
    for (; *s; s++) {
        if (*s == '.' || *s == ' ')
            continue;
        if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
            return -1;
        v = v * 10 + (*s - '0');
        digits++;
    }
    return digits ? v : -1;
}

/* components_json turns the textarea's lines into [{"name", "required"}]; "*" marks required. */
static json_t *components_json(const char *text)
{
    json_t *arr = json_array();
    while (text && *text) {
        const char *nl = strchr(text, '\n'), *end = nl ? nl : text + strlen(text);
        const char *b = text, *e = end;
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
            b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        int required = b < e && *b == '*';
        if (required)
            for (b++; b < e && (*b == ' ' || *b == '\t'); b++)
                ;
        if (e > b) {
            json_t *name = json_stringn(b, (size_t)(e - b));
            json_array_append_new(arr, json_pack("{s:o, s:b}", "name", name ? name : json_null(),
                                                 "required", required));
        }
        text = nl ? nl + 1 : end;
    }
    return arr;
}

static int save(Request *req, const ProcForm *f)
{
    if (!admin_is_province(req))
        return req_fail(req, ERR_FORBIDDEN, "", "Chỉ quản trị cấp tỉnh được sửa danh mục thủ tục",
                        "only a provincial admin may change the procedure catalogue");
    long long limit = parse_count(f->limit ? f->limit : "", 1000000);
    long long fee = f->fee && *f->fee ? parse_count(f->fee, 1000000000000LL) : 0;
    if (limit < 0)
        return req_fail(req, ERR_INVALID, "processing",
                        "Thời hạn giải quyết phải là số nguyên dương",
                        "the time limit must be a positive whole number");
    if (fee < 0)
        return req_fail(req, ERR_INVALID, "fee", "Phí, lệ phí phải là số đồng, không âm",
                        "the fee must be a whole, non-negative number of dong");
    json_t *o = json_pack("{s:s}", "type", "procedure");
    const char *keys[] = {"code", "name", "field", "level", "online"};
    const char *values[] = {f->code, f->name, f->field, f->level, f->online};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (values[i] && *values[i])
            json_object_set_new(o, keys[i], json_string(values[i]));
    json_object_set_new(o, "processing",
                        json_pack("{s:I}", f->limit_unit && *f->limit_unit ? f->limit_unit : "days",
                                  (json_int_t)limit));
    json_object_set_new(o, "fee", json_integer(fee));
    json_object_set_new(o, "approval", json_boolean(f->approval && *f->approval));
    json_t *components = components_json(f->components);
    if (json_array_size(components) > COMPONENTS_MAX) {
        json_decref(components);
        json_decref(o);
        return req_fail(req, ERR_INVALID, "components", "Tối đa 100 thành phần hồ sơ",
                        "at most 100 components");
    }
    json_object_set_new(o, "components", components);
    int rc = req_write(req, admin_write_record, o);
    json_decref(o);
    return rc;
}

int page_admin_procedures(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    if (rc < 0)
        return rc;
    ProcForm f = {0};
    if (strcmp(req->method, "POST") == 0) {
        if ((rc = form_parse(req)) < 0)
            return rc;
        f = (ProcForm){form_get(req, "code"),       form_get(req, "name"),
                       form_get(req, "field"),      form_get(req, "level"),
                       form_get(req, "limit"),      form_get(req, "limit_unit"),
                       form_get(req, "online"),     form_get(req, "fee"),
                       form_get(req, "components"), form_get(req, "approval")};
        if ((rc = save(req, &f)) == 0)
            return admin_redirect(req, res, "/quan-tri/thu-tuc", "ma", f.code, "thu-tuc", f.code);
        if (rc == ERR_FORBIDDEN)
            return rc;
        return page(req, res, &f, http_status(rc));
    }
    const char *code = req_query(req, "ma");
    Procedure p;
    Err ignore;
    if (code && store_procedure_get(req_store(req), req->arena, code, &p, &ignore) == 0) {
        f = (ProcForm){p.code,
                       p.name,
                       p.field,
                       p.level,
                       arena_printf(req->arena, "%d", p.limit_value),
                       p.limit_unit,
                       p.online,
                       arena_printf(req->arena, "%lld", (long long)p.fee),
                       components_text(req->arena, &p),
                       p.approval ? "1" : NULL};
    }
    return page(req, res, &f, 200);
}

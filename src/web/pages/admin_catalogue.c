/* admin_catalogue.c: the administrator's procedure catalogue: GET /quan-tri/thu-tuc (every
 * procedure with its field, level, time limit, fee and online level; ?ma=CODE fills the form
 * with one) and POST /quan-tri/thu-tuc (add or update a procedure). The form becomes an
 * interchange `procedure` record checked and stored by interchange_apply_record, exactly as an
 * imported line. The catalogue is shared by every unit of the store, so only an administrator
 * of a province-level unit changes it (as with the holiday schedules); others see it. */
#include "web/pages/pages.h"

#include "core/vntext.h"
#include "io/interchange.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/layout.h"

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

static void options(StrBuf *sb, const char *const keys[], const char *const labels[],
                    const char *selected)
{
    for (int i = 0; keys[i]; i++) {
        html_option(sb, keys[i], labels[i], selected);
    }
}

/* The values of the form, as typed (strings) so that a rejected form comes back unchanged. */
typedef struct ProcForm {
    const char *code, *name, *field, *level, *limit, *limit_unit, *online, *fee, *components;
} ProcForm;

static void table(StrBuf *sb, const Procedure *procs, size_t n, const Field *fields,
                  size_t n_fields, int can_edit)
{
    HTML_LIT(sb, "<div class=\"table-wrap\"><table>\n");
    if (can_edit)
        HTML_LIT(sb, "<caption class=\"muted\">Bấm vào mã để sửa thủ tục</caption>\n");
    HTML_LIT(sb, "<thead><tr><th scope=\"col\">Mã</th><th "
                 "scope=\"col\">Tên thủ tục</th><th scope=\"col\">Lĩnh vực</th><th "
                 "scope=\"col\">Cấp</th><th scope=\"col\">Thời hạn giải quyết</th><th "
                 "scope=\"col\" class=\"num\">Phí, lệ phí (đồng)</th><th scope=\"col\">Trực "
                 "tuyến</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n && i < PROCEDURES_SHOWN; i++) {
        const Procedure *p = &procs[i];
        HTML_LIT(sb, "<tr><td>");
        if (can_edit) {
            HTML_LIT(sb, "<a");
            html_url_attr(sb, "href", "/quan-tri/thu-tuc", "ma", p->code, NULL);
            HTML_LIT(sb, ">");
            html_text(sb, p->code);
            HTML_LIT(sb, "</a>");
        } else {
            html_text(sb, p->code);
        }
        HTML_LIT(sb, "</td><td>");
        html_text(sb, p->name);
        HTML_LIT(sb, "</td><td>");
        const char *field = p->field;
        for (size_t f = 0; f < n_fields; f++)
            if (strcmp(fields[f].code, p->field) == 0)
                field = fields[f].name;
        html_text(sb, field);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, label_of(levels, level_labels, p->level));
        HTML_LIT(sb, "</td><td>");
        html_num_vi(sb, p->limit_value);
        HTML_LIT(sb, " ");
        html_text(sb, label_of(limit_units, limit_labels, p->limit_unit));
        HTML_LIT(sb, "</td><td class=\"num\">");
        if (p->fee)
            html_num_vi(sb, p->fee);
        else
            HTML_LIT(sb, "Miễn phí");
        HTML_LIT(sb, "</td><td>");
        html_text(sb, label_of(onlines, online_labels, p->online));
        HTML_LIT(sb, "</td></tr>\n");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
    if (n > PROCEDURES_SHOWN) {
        HTML_LIT(sb, "<p class=\"muted\">Chỉ hiển thị ");
        html_num_vi(sb, PROCEDURES_SHOWN);
        HTML_LIT(sb, " thủ tục đầu tiên; hãy tìm theo tên hoặc mã để thu hẹp danh sách.</p>\n");
    }
    if (n == 0)
        HTML_LIT(sb, "<p class=\"muted\">Không có thủ tục nào phù hợp.</p>\n");
}

static void form(StrBuf *sb, Request *req, const ProcForm *f, const Field *fields, size_t n_fields)
{
    const Err *err = req->err.code ? &req->err : NULL;
    HTML_LIT(sb, "<h2 id=\"sua\">Thêm hoặc sửa thủ tục</h2>\n<p class=\"muted\">Nhập mã của "
                 "một thủ tục đã có để sửa thủ tục đó; mã mới thì thêm thủ tục. Mã theo Cơ sở "
                 "dữ liệu quốc gia, ví dụ 1.001193.</p>\n<form class=\"stack\" method=\"post\" "
                 "action=\"/quan-tri/thu-tuc\">");
    page_csrf(sb, req);
    page_input(sb, err, "p-code", "code", "Mã thủ tục", "text", f->code, 1);
    page_input(sb, err, "p-name", "name", "Tên thủ tục", "text", f->name, 1);
    HTML_LIT(sb, "<div><label for=\"p-field\">Lĩnh vực</label><select id=\"p-field\" "
                 "name=\"field\">");
    for (size_t i = 0; i < n_fields; i++) {
        html_option(sb, fields[i].code, fields[i].name, f->field);
    }
    HTML_LIT(sb, "</select>");
    page_field_error(sb, err, "field");
    HTML_LIT(sb, "</div>\n<div><label for=\"p-level\">Cấp thực hiện</label><select "
                 "id=\"p-level\" name=\"level\">");
    options(sb, levels, level_labels, f->level ? f->level : "commune");
    HTML_LIT(sb, "</select>");
    page_field_error(sb, err, "level");
    HTML_LIT(sb, "</div>\n<fieldset><legend>Thời hạn giải quyết</legend><div><label "
                 "for=\"p-limit\">Số</label><input type=\"number\" id=\"p-limit\" name=\"limit\" "
                 "min=\"1\" max=\"3650\" step=\"1\" required");
    html_attr(sb, "value", f->limit ? f->limit : "");
    HTML_LIT(sb, "></div><div><label for=\"p-limit-unit\">Đơn vị thời gian</label><select "
                 "id=\"p-limit-unit\" name=\"limit_unit\">");
    options(sb, limit_units, limit_labels, f->limit_unit ? f->limit_unit : "days");
    HTML_LIT(sb, "</select></div>");
    page_field_error(sb, err, "processing");
    HTML_LIT(sb, "</fieldset>\n<div><label for=\"p-online\">Mức độ dịch vụ công trực tuyến"
                 "</label><select id=\"p-online\" name=\"online\">");
    options(sb, onlines, online_labels, f->online ? f->online : "partial");
    HTML_LIT(sb, "</select>");
    page_field_error(sb, err, "online");
    HTML_LIT(sb, "</div>\n");
    page_input(sb, err, "p-fee", "fee", "Phí, lệ phí (đồng; để trống hoặc 0 nếu miễn phí)",
               "number", f->fee, 0);
    HTML_LIT(sb, "<div><label for=\"p-components\">Thành phần hồ sơ: mỗi dòng một thành phần; "
                 "đặt dấu * ở đầu dòng nếu thành phần đó bắt buộc</label><textarea "
                 "id=\"p-components\" name=\"components\" rows=\"6\">");
    html_text(sb, f->components ? f->components : "");
    HTML_LIT(sb, "</textarea>");
    page_field_error(sb, err, "components");
    HTML_LIT(sb, "</div>\n<div><button type=\"submit\">Lưu thủ tục</button></div></form>\n");
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

/* may_edit: the catalogue is store-wide, so a province-level administrator changes it. */
static int may_edit(Request *req)
{
    Unit u;
    Err ignore;
    return store_unit_get(req_store(req), req->arena, req->who.unit, &u, &ignore) == 0 &&
           strcmp(u.level, "province") == 0;
}

static void search_form(StrBuf *sb, const char *q)
{
    HTML_LIT(sb, "<form class=\"actions\" method=\"get\" action=\"/quan-tri/thu-tuc\" "
                 "role=\"search\"><label for=\"tim\">Tìm thủ tục (tên hoặc mã, có dấu hay "
                 "không dấu đều được)</label><input type=\"search\" id=\"tim\" name=\"q\" "
                 "maxlength=\"200\"");
    html_attr(sb, "value", q ? q : "");
    HTML_LIT(sb, "><button type=\"submit\" class=\"secondary\">Tìm</button></form>\n");
}

static int page(Request *req, Response *res, const ProcForm *f, int status)
{
    Store *s = req_store(req);
    Procedure *procs;
    Field *fields;
    size_t n, n_fields;
    int rc;
    const char *q = strcmp(req->method, "GET") == 0 ? req_query(req, "q") : NULL;
    const char *folded = q && *q ? vntext_fold(req->arena, q, strlen(q)) : NULL;
    if ((rc = store_procedure_search(s, req->arena, folded, NULL, PROCEDURES_SHOWN + 1, &procs, &n,
                                     &req->err)) < 0 ||
        (rc = store_field_list(s, req->arena, &fields, &n_fields, &req->err)) < 0)
        return rc;
    int can_edit = may_edit(req);
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Thủ tục hành chính", "/quan-tri/thu-tuc");
    page_admin_notice(&sb, req);
    page_admin_form_error(&sb, req);
    search_form(&sb, q);
    table(&sb, procs, n, fields, n_fields, can_edit);
    if (can_edit)
        form(&sb, req, f, fields, n_fields);
    else
        HTML_LIT(&sb, "<p class=\"muted\">Danh mục thủ tục dùng chung cho cả tỉnh; chỉ quản trị "
                      "cấp tỉnh được thêm hoặc sửa.</p>\n");
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

static int write_record(Store *s, void *ctx, Err *e)
{
    Arena *a = arena_new();
    int rc = interchange_apply_record(s, a, ctx, e);
    arena_free(a);
    return rc;
}

static int save(Request *req, const ProcForm *f)
{
    if (!may_edit(req))
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
    json_t *components = components_json(f->components);
    if (json_array_size(components) > COMPONENTS_MAX) {
        json_decref(components);
        json_decref(o);
        return req_fail(req, ERR_INVALID, "components", "Tối đa 100 thành phần hồ sơ",
                        "at most 100 components");
    }
    json_object_set_new(o, "components", components);
    int rc = req_write(req, write_record, o);
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
        f = (ProcForm){
            form_get(req, "code"),   form_get(req, "name"),  form_get(req, "field"),
            form_get(req, "level"),  form_get(req, "limit"), form_get(req, "limit_unit"),
            form_get(req, "online"), form_get(req, "fee"),   form_get(req, "components")};
        if ((rc = save(req, &f)) == 0)
            return page_admin_redirect(req, res, "/quan-tri/thu-tuc", "ma", f.code, "thu-tuc",
                                       f.code);
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
                       components_text(req->arena, &p)};
    }
    return page(req, res, &f, 200);
}

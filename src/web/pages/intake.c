/* intake.c: the one dossier form, twice. GET/POST /tiep-nhan is the clerk's intake at the
 * counter: first the procedure (a list narrowed as one types, by assets/app.js, or by ?q= on
 * the server, with or without diacritics), then its component checklist with "digitized"
 * marks, the channel and the applicant; success leads to the printable receipt (Mẫu 01).
 * GET/POST /thu-tuc/{code}/nop-truc-tuyen is a citizen's online filing of a procedure offered
 * online, without login: the receiving unit, the components and the applicant; the dossier
 * waits as "submitted" until a clerk receives it, and the page confirms its code and how to
 * look it up. Either post is turned into the JSON intake body and read by
 * dossier_json_intake, so both validate exactly as POST /api/v1/dossiers does. */
#include "web/pages/pages.h"

#include "core/lookup_key.h"
#include "core/vntext.h"
#include "app/documents.h"
#include "io/dossier_json.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/limits.h"
#include "web/pages/layout.h"
#include "web/pages/officer.h"
#include "web/pages/widgets.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { PICKER_MAX = 200 };

static const char *limit_unit_label(const char *unit)
{
    if (unit && strcmp(unit, "hours") == 0)
        return "giờ làm việc";
    if (unit && strcmp(unit, "calendar_days") == 0)
        return "ngày";
    return "ngày làm việc";
}

static const char *online_label(const char *online)
{
    if (online && strcmp(online, "full") == 0)
        return "Dịch vụ công trực tuyến toàn trình";
    if (online && strcmp(online, "partial") == 0)
        return "Dịch vụ công trực tuyến một phần";
    return "Chưa cung cấp trực tuyến";
}

/* form_index reads v as an index below n (decimal digits only) into *out; 0 when it is not. */
static int form_index(const char *v, size_t n, size_t *out)
{
    if (!v || !*v || strspn(v, "0123456789") != strlen(v))
        return 0;
    char *end;
    errno = 0;
    unsigned long long i = strtoull(v, &end, 10);
    if (errno || i >= n)
        return 0;
    *out = (size_t)i;
    return 1;
}

/* picked reports whether index i of a component list was ticked in the form field name. */
static int picked(Request *req, const char *name, size_t i)
{
    const char **vals;
    size_t n = form_all(req, name, &vals);
    size_t k;
    for (size_t j = 0; j < n; j++)
        if (form_index(vals[j], i + 1, &k) && k == i)
            return 1;
    return 0;
}

/* ---- the procedure picker ---- */

static int render_picker(StrBuf *sb, Request *req, const char *chosen)
{
    const char *q = req_query(req, "q");
    if (q && strlen(q) > 200)
        q = NULL;
    const char *folded = q ? vntext_fold(req->arena, q, strlen(q)) : NULL;
    Procedure *ps;
    size_t n;
    int rc = store_procedure_search(req_store(req), req->arena, folded, NULL, PICKER_MAX + 1, &ps,
                                    &n, &req->err);
    if (rc < 0)
        return rc;
    html(sb, "<form class=\"stack\" method=\"get\" action=\"/tiep-nhan\"><h2>1. Thủ tục hành "
             "chính</h2>");
    widget_input(sb, &(Widget){.id = "procedure-filter",
                               .name = "q",
                               .label = "Tìm thủ tục (tên hoặc mã, gõ có dấu hay không dấu đều "
                                        "được)",
                               .type = "search",
                               .value = q ? q : "",
                               .autocomplete = "off",
                               .filter = "procedure",
                               .maxlength = 200});
    html(sb, "<div><button type=\"submit\" class=\"secondary\" name=\"loc\" value=\"1\" "
             "formnovalidate>Lọc danh sách</button></div>");
    Widget w = {.id = "procedure",
                .name = "procedure",
                .label = "Thủ tục",
                .none = "— Chọn thủ tục —",
                .required = 1};
    widget_select_begin(sb, &w);
    for (size_t i = 0; i < n && i < PICKER_MAX; i++)
        html_option(sb, ps[i].code, arena_printf(req->arena, "%s — %s", ps[i].code, ps[i].name),
                    chosen);
    html(sb, "</select>"); /* closed by hand: a note on the list goes before </div> */
    if (n == 0)
        html(sb, "<p class=\"field-error\">Không có thủ tục nào khớp từ khóa.</p>");
    else if (n > PICKER_MAX)
        html(sb, "<p class=\"muted\">Danh sách chỉ hiện một phần; hãy gõ từ khóa để lọc.</p>");
    html(sb, "</div><div><button type=\"submit\">Chọn thủ tục</button></div></form>\n");
    return 0;
}

/* ---- the dossier form ---- */

/* text_field: a labelled input named name (input id "ap-name"); the posted value is kept. */
static void text_field(StrBuf *sb, Request *req, const char *name, const char *type,
                       const char *label, const char *hint, int required)
{
    widget_input(sb, &(Widget){.id = arena_printf(req->arena, "ap-%s", name),
                               .name = name,
                               .label = label,
                               .type = type,
                               .value = form_get(req, name),
                               .hint = hint,
                               .required = required,
                               .err = &req->err});
}

/* render_components: the component checklist; the clerk also marks what is digitized, the
 * citizen (online) only ticks what is filed. */
static void render_components(StrBuf *sb, Request *req, const Procedure *p, int posted, int online)
{
    Arena *a = req->arena;
    html(sb, "<fieldset><legend>Thành phần hồ sơ %s</legend>", online ? "nộp kèm" : "đã nhận");
    if (p->n_components == 0)
        html(sb, "<p class=\"muted\">Thủ tục không quy định thành phần hồ sơ.</p>");
    for (size_t i = 0; i < p->n_components; i++) {
        const char *value = arena_printf(a, "%zu", i);
        html(sb, "<div class=\"component\">");
        widget_check(sb, &(Widget){.id = arena_printf(a, "component-%zu", i),
                                   .name = "component",
                                   .value = value,
                                   .label = p->components[i].name,
                                   .hint = p->components[i].required ? "(bắt buộc)" : NULL,
                                   .checked = posted ? picked(req, "component", i)
                                                     : p->components[i].required});
        if (!online)
            widget_check(sb, &(Widget){.id = arena_printf(a, "digitized-%zu", i),
                                       .name = "digitized",
                                       .value = value,
                                       .label = "đã số hóa",
                                       .checked = posted && picked(req, "digitized", i)});
        html(sb, "</div>");
    }
    page_field_error(sb, &req->err, "components");
    html(sb, "</fieldset>\n");
}

/* render_summary: the procedure's name, code, time limit, fee and online level. */
static void render_summary(StrBuf *sb, Arena *a, const Procedure *p)
{
    html(sb,
         "<dl class=\"kv\"><dt>Thủ tục</dt><dd>%s <span class=\"muted\">(%s)</span></dd>"
         "<dt>Thời hạn giải quyết</dt><dd>%s %s</dd><dt>Phí, lệ phí</dt><dd>%s</dd>"
         "<dt>Trực tuyến</dt><dd>%s</dd></dl>\n",
         p->name, p->code, html_num(a, p->limit_value), limit_unit_label(p->limit_unit),
         p->fee > 0 ? arena_printf(a, "%s đồng", html_num(a, p->fee)) : "Không thu",
         online_label(p->online));
}

static void render_applicant(StrBuf *sb, Request *req)
{
    html(sb, "<fieldset><legend>Người nộp hồ sơ</legend>");
    text_field(sb, req, "name", "text", "Họ và tên", NULL, 1);
    text_field(sb, req, "id_number", "text", "Số định danh cá nhân (CCCD)", NULL, 0);
    text_field(sb, req, "phone", "tel", "Số điện thoại",
               " Cần số điện thoại hoặc số định danh để tra cứu.", 0);
    text_field(sb, req, "address", "text", "Địa chỉ", NULL, 0);
    text_field(sb, req, "email", "email", "Thư điện tử", NULL, 0);
    page_field_error(sb, &req->err, "applicant");
    html(sb, "</fieldset>\n");
}

static void channel_radio(StrBuf *sb, Request *req, const char *value, const char *label,
                          const char *current)
{
    widget_check(sb, &(Widget){.type = "radio",
                               .id = arena_printf(req->arena, "channel-%s", value),
                               .name = "channel",
                               .value = value,
                               .label = label,
                               .checked = current && strcmp(current, value) == 0,
                               .required = 1});
}

static void render_dossier_form(StrBuf *sb, Request *req, const Procedure *p, int posted)
{
    html(sb, "<form class=\"stack\" method=\"post\" action=\"/tiep-nhan\"><h2>2. Hồ sơ</h2>");
    page_csrf(sb, req);
    html(sb, "<input type=\"hidden\" name=\"procedure\" value=\"%s\">", p->code);
    render_summary(sb, req->arena, p);
    render_components(sb, req, p, posted, 0);
    const char *channel = posted ? form_get(req, "channel") : "direct";
    html(sb, "<fieldset><legend>Hình thức nộp</legend>");
    channel_radio(sb, req, "direct", "Trực tiếp tại quầy", channel);
    channel_radio(sb, req, "postal", "Qua dịch vụ bưu chính", channel);
    if (p->online && strcmp(p->online, "none") != 0)
        channel_radio(sb, req, "online", "Trực tuyến (nhận hồ sơ điện tử)", channel);
    page_field_error(sb, &req->err, "channel");
    html(sb, "</fieldset>\n");
    render_applicant(sb, req);
    html(sb, "<div><button type=\"submit\">Tiếp nhận và in giấy hẹn (Mẫu 01)</button></div>"
             "</form>\n");
}

/* render sends the whole page: the picker, and the dossier form once a procedure is known. */
static int render(Request *req, Response *res, const char *chosen, const Procedure *p, int posted,
                  int status)
{
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Tiếp nhận hồ sơ", "/tiep-nhan");
    if (req->err.code)
        page_notice(&sb, req->err.message, 1);
    int rc = render_picker(&sb, req, chosen);
    if (rc < 0) {
        sb_free(&sb);
        return rc;
    }
    if (p)
        render_dossier_form(&sb, req, p, posted);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* intake_body builds the JSON intake body (docs/INTERFACES.md) of the posted form for unit; NULL
 * values and empty fields are left out. The caller owns the result. */
static json_t *intake_body(Request *req, const Procedure *p, const char *unit)
{
    json_t *o = json_object(), *ap = json_object(), *cs = json_array();
    json_object_set_new(o, "procedure", json_string(p->code));
    json_object_set_new(o, "unit", json_string(unit));
    const char *channel = form_get(req, "channel");
    if (channel && *channel)
        json_object_set_new(o, "channel", json_string(channel));
    static const char *const fields[] = {"name", "id_number", "phone", "address", "email"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = form_get(req, fields[i]);
        if (v && *v)
            json_object_set_new(ap, fields[i], json_string(v));
    }
    json_object_set_new(o, "applicant", ap);
    for (size_t i = 0; i < p->n_components; i++) {
        int dig = picked(req, "digitized", i);
        if (dig || picked(req, "component", i))
            json_array_append_new(
                cs, json_pack("{s:s, s:b}", "name", p->components[i].name, "digitized", dig));
    }
    json_object_set_new(o, "components", cs);
    return o;
}

static int status_of(int rc)
{
    if (rc == ERR_INVALID || rc == ERR_SEMANTIC || rc == ERR_FORBIDDEN || rc == ERR_MEDIA_TYPE)
        return http_status(rc);
    return 0;
}

static int intake_post(Request *req, Response *res)
{
    int rc = form_parse(req);
    if (rc < 0)
        return rc;
    const char *code = form_get(req, "procedure");
    Procedure p;
    if (!code || !*code)
        rc = req_fail(req, ERR_INVALID, "procedure", "Hãy chọn thủ tục hành chính",
                      "choose a procedure");
    else if ((rc = store_procedure_get(req_store(req), req->arena, code, &p, &req->err)) ==
             ERR_NOT_FOUND)
        rc = req_fail(req, ERR_SEMANTIC, "procedure", "Không có thủ tục này trong danh mục",
                      "no such procedure");
    if (rc < 0) {
        int status = status_of(rc);
        return status ? render(req, res, NULL, NULL, 1, status) : rc;
    }
    const char *name = form_get(req, "name"), *channel = form_get(req, "channel");
    if (!name || !*name)
        rc = req_fail(req, ERR_INVALID, "name", "Hãy nhập họ và tên người nộp",
                      "the applicant's name is required");
    else if (!channel || !*channel)
        rc = req_fail(req, ERR_INVALID, "channel", "Hãy chọn hình thức nộp",
                      "choose how the dossier was filed");
    DossierInput in = {0};
    Dossier d;
    if (rc == 0) {
        json_t *o = intake_body(req, &p, req->who.unit);
        rc = dossier_json_intake(req->arena, o, NULL, &in, &req->err);
        json_decref(o);
    }
    if (rc == 0)
        rc = auth_require(req, PERM_DOSSIER_INTAKE, in.unit);
    if (rc == 0 && (rc = actions_intake(req, &in, &d)) == 0) {
        res_redirect(res, arena_printf(req->arena, "/dossiers/%s/forms/01", d.code));
        return 0;
    }
    int status = status_of(rc);
    return status ? render(req, res, p.code, &p, 1, status) : rc;
}

int page_intake(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_DOSSIER_INTAKE, NULL);
    if (rc < 0)
        return rc;
    if (!req_store(req))
        return req->err.code;
    if (strcmp(req->method, "POST") == 0)
        return intake_post(req, res);
    const char *code = req_query(req, "procedure");
    Procedure p;
    int have = 0;
    if (code && *code && !req_query(req, "loc")) {
        rc = store_procedure_get(req_store(req), req->arena, code, &p, &req->err);
        if (rc == ERR_NOT_FOUND)
            req_fail(req, ERR_NOT_FOUND, "procedure", "Không có thủ tục này trong danh mục",
                     "no such procedure");
        else if (rc < 0)
            return rc;
        have = rc == 0;
    }
    return render(req, res, have ? p.code : NULL, have ? &p : NULL, 0, req->err.code ? 404 : 200);
}

/* ---- online filing by a citizen ---- */

/* receiving_unit: u may receive p's dossiers online today: a commune for a commune-level
 * procedure, else a provincial unit, within its validity (docs/DOMAIN.md §11). */
static int receiving_unit(const Unit *u, const Procedure *p, int64_t now)
{
    int commune = strcmp(p->level, "commune") == 0;
    return commune == (strcmp(u->level, "commune") == 0) && dossiers_unit_open(u, now) == 0;
}

/* render_file: the electronic copy of one component (PDF, JPEG or PNG, judged by content). */
static void render_file(StrBuf *sb, Request *req, const Procedure *p)
{
    if (p->n_components == 0)
        return;
    html(sb, "<fieldset><legend>Bản điện tử</legend>");
    widget_input(sb, &(Widget){.id = "ap-file",
                               .name = "file",
                               .type = "file",
                               .label = "Tệp PDF, JPEG hoặc PNG (tối đa 20 MB)",
                               .accept = "application/pdf,image/jpeg,image/png",
                               .err = &req->err});
    Widget w = {
        .id = "ap-file-for", .name = "file_for", .label = "Là bản điện tử của", .err = &req->err};
    widget_select_begin(sb, &w);
    for (size_t i = 0; i < p->n_components; i++)
        html_option(sb, arena_printf(req->arena, "%zu", i), p->components[i].name,
                    form_get(req, "file_for"));
    widget_select_end(sb, &w);
    html(sb, "</fieldset>\n");
}

static int render_online(Request *req, Response *res, const Procedure *p, int posted, int status)
{
    Unit *units;
    size_t n;
    int rc = store_unit_list(req_store(req), req->arena, &units, &n, &req->err);
    if (rc < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Nộp hồ sơ trực tuyến", "/thu-tuc");
    if (req->err.code)
        page_notice(&sb, req->err.message, 1);
    html(&sb,
         "<form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" action=\"%s\">",
         html_path(req->arena, "/thu-tuc/%s/nop-truc-tuyen", p->code));
    page_csrf(&sb, req);
    render_summary(&sb, req->arena, p);
    Widget w = {.id = "ap-unit",
                .name = "unit",
                .label = "Nộp tại",
                .none = "Chọn cơ quan tiếp nhận",
                .required = 1,
                .err = &req->err};
    widget_select_begin(&sb, &w);
    for (size_t i = 0; i < n; i++)
        if (receiving_unit(&units[i], p, req_now(req)))
            html_option(&sb, units[i].code, units[i].name, posted ? form_get(req, "unit") : NULL);
    widget_select_end(&sb, &w);
    render_components(&sb, req, p, posted, 1);
    render_applicant(&sb, req);
    render_file(&sb, req, p);
    html(&sb, "<div><button type=\"submit\">Nộp hồ sơ</button></div></form>\n");
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

static int online_done(Request *req, Response *res, const Dossier *d)
{
    char key[LOOKUP_KEY_SHOWN_LEN + 1];
    lookup_key_show(d->lookup_key, key);
    Unit u;
    const char *to = d->unit;
    if (store_unit_get(req_store(req), req->arena, d->unit, &u, &req->err) == 0)
        to = u.name;
    StrBuf sb;
    sb_init(&sb, 16 * 1024);
    page_begin(&sb, req, "Đã nộp hồ sơ trực tuyến", "/thu-tuc");
    html(&sb,
         "<p>Hồ sơ của Ông/Bà đã được gửi tới %s. Mã hồ sơ: <strong class=\"dossier-code\">%s"
         "</strong>. Mã tra cứu: <strong class=\"lookup-key\">%s</strong>.</p>\n<p>Xin Ông/Bà "
         "ghi lại hai mã này: cùng nhau, chúng mở trang tra cứu hồ sơ; mã tra cứu không ai đoán "
         "được và chỉ người nộp có. Cán bộ một cửa sẽ kiểm tra và tiếp nhận hồ sơ; thời hạn giải "
         "quyết được tính từ khi hồ sơ được tiếp nhận. Ông/Bà sẽ nhận được thông báo qua số điện "
         "thoại hoặc thư điện tử đã khai.</p>\n<p><a class=\"button\" href=\"%s\">Tra cứu hồ "
         "sơ</a></p>\n",
         to, d->code, key,
         html_url(req->arena, "/tra-cuu", "ma", d->code, "key", d->lookup_key, NULL));
    page_end(&sb);
    return page_send(req, res, &sb, 201);
}

/* Filing: an online filing and the electronic copy of one of its components (doc.sha256
 * NULL: none), written in one transaction. */
typedef struct Filing {
    Request *req;
    DossierInput in;
    Procedure p;
    Document doc;
    const char *component;
    Dossier out;
} Filing;

static int write_filing(Store *s, void *ctx, Err *e)
{
    Filing *f = ctx;
    Actor who = actions_actor(f->req);
    int64_t now = req_now(f->req);
    int rc = dossiers_intake(s, f->req->arena, &f->in, &f->p, &who, now, &f->out, e);
    if (rc == 0 && f->doc.sha256)
        rc = documents_attach(s, f->req->arena, f->out.code, &f->doc, f->doc.sha256, "component",
                              f->component, NULL, &who, now, NULL, e);
    return rc;
}

/* keep_file checks the component the uploaded file is for, one of those ticked, and keeps
 * the file (actions_keep_upload). */
static int keep_file(Request *req, const Procedure *p, Filing *f)
{
    size_t i;
    if (!form_index(form_get(req, "file_for"), p->n_components, &i) || !picked(req, "component", i))
        return req_fail(req, ERR_INVALID, "file_for",
                        "Hãy chọn thành phần hồ sơ (đã đánh dấu nộp kèm) của tệp đính kèm",
                        "choose which filed component the file is");
    f->component = p->components[i].name;
    return actions_keep_upload(req, &f->doc, NULL);
}

int page_online_filing(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Procedure p;
    int rc = store_procedure_get(s, req->arena, req->params[0], &p, &req->err);
    if (rc < 0)
        return rc;
    if (!p.online || strcmp(p.online, "none") == 0)
        return req_fail(req, ERR_NOT_FOUND, "procedure",
                        "Thủ tục này chưa được cung cấp trực tuyến; xin nộp tại bộ phận một cửa",
                        "this procedure is not offered online");
    if (strcmp(req->method, "POST") != 0)
        return render_online(req, res, &p, 0, 200);
    if ((rc = limits_filing(req)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    const char *unit = form_get(req, "unit"), *name = form_get(req, "name");
    if (!unit || !*unit)
        rc = req_fail(req, ERR_INVALID, "unit", "Hãy chọn cơ quan tiếp nhận",
                      "choose the receiving office");
    else if (!name || !*name)
        rc = req_fail(req, ERR_INVALID, "name", "Hãy nhập họ và tên người nộp",
                      "the applicant's name is required");
    Unit u;
    if (rc == 0 && (store_unit_get(s, req->arena, unit, &u, &req->err) < 0 ||
                    !receiving_unit(&u, &p, req_now(req))))
        rc = req_fail(req, ERR_SEMANTIC, "unit",
                      "Cơ quan này không tiếp nhận trực tuyến hồ sơ của thủ tục này",
                      "this office does not receive this procedure online");
    Filing f = {.req = req};
    if (rc == 0) {
        json_t *o = intake_body(req, &p, unit);
        json_object_set_new(o, "channel", json_string("online"));
        rc = dossier_json_intake(req->arena, o, NULL, &f.in, &req->err);
        json_decref(o);
    }
    if (rc == 0 && req->upload.path && req->upload.size > 0) /* browsers send an empty part */
        rc = keep_file(req, &p, &f);
    if (rc == 0 && (rc = actions_intake_check(req, &f.in, &f.p)) == 0 &&
        (rc = req_write(req, write_filing, &f)) == 0)
        return online_done(req, res, &f.out);
    int status = status_of(rc);
    return status ? render_online(req, res, &p, 1, status) : rc;
}

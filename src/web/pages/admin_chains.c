/* admin_chains.c: the administrator's interconnected groups (liên thông): GET
 * /quan-tri/lien-thong (every group with its limit, cut-off and steps; ?ma=CODE fills the form
 * with one; the agencies the steps go to, with their keys, and motcua's own public key) and
 * POST /quan-tri/lien-thong (add or update a group). The form becomes an interchange `chain`
 * record checked and stored by interchange_apply_record, exactly as an imported line. POST
 * /quan-tri/co-quan registers an agency as `motcua agency add` does (app/agencies.h). The
 * catalogue is shared by the whole store: only an administrator of a province-level unit
 * changes it; others see it. */
#include "web/pages/pages.h"

#include "app/agencies.h"
#include "io/interchange.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/admin.h"
#include "web/pages/layout.h"
#include "web/pages/widgets.h"

#include <string.h>

/* The values of the form, as typed, so that a rejected form comes back unchanged. */
typedef struct ChainForm {
    const char *code, *name, *days, *cutoff, *steps;
} ChainForm;

/* after_text is the steps a step waits for, as the form's 1-based numbers ("1, 2"). */
static const char *after_text(Arena *a, uint32_t after)
{
    StrBuf sb;
    sb_init(&sb, 256);
    for (int k = 0; k < CHAIN_STEPS_MAX; k++)
        if (after & (1u << k))
            sb_appendf(&sb, "%s%d", sb.len ? ", " : "", k + 1);
    const char *text = arena_strdup(a, sb.data && !sb.err ? sb.data : "");
    sb_free(&sb);
    return text;
}

static void table(StrBuf *sb, Arena *a, const Chain *chains, size_t n, int can_edit)
{
    if (n == 0) {
        html(sb, "<p class=\"muted\">Chưa có nhóm thủ tục liên thông nào.</p>\n");
        return;
    }
    html(sb, "<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Mã nhóm</th><th "
             "scope=\"col\">Tên nhóm</th><th scope=\"col\">Thời hạn</th><th scope=\"col\">Giờ "
             "chốt</th><th scope=\"col\">Các bước</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const Chain *c = &chains[i];
        char cutoff[6];
        chain_cutoff_format(c->cutoff, cutoff);
        if (can_edit)
            html(sb, "<tr><td><a href=\"%s\">%s</a></td>",
                 html_url(a, "/quan-tri/lien-thong", "ma", c->code, NULL), c->code);
        else
            html(sb, "<tr><td>%s</td>", c->code);
        html(sb, "<td>%s</td><td>%s ngày làm việc</td><td>%s</td><td><ol>", c->name,
             html_num(a, c->limit_days), *cutoff ? cutoff : "không");
        for (size_t k = 0; k < c->n_steps; k++) {
            const ChainStep *st = &c->steps[k];
            html(sb, "<li>%s — %s", st->procedure, chain_agency_label(st->agency));
            if (st->after)
                html(sb, " (sau bước %s)", after_text(a, st->after));
            html(sb, "</li>");
        }
        html(sb, "</ol></td></tr>\n");
    }
    html(sb, "</tbody></table></div>\n");
}

static void form(StrBuf *sb, Request *req, const ChainForm *f)
{
    const Err *err = req->err.code ? &req->err : NULL;
    html(sb, "<h2 id=\"sua\">Thêm hoặc sửa nhóm liên thông</h2>\n<p class=\"muted\">Nhập mã của "
             "một nhóm đã có để sửa nhóm đó; mã mới thì thêm nhóm.</p>\n<form class=\"stack\" "
             "method=\"post\" action=\"/quan-tri/lien-thong\">");
    page_csrf(sb, req);
    widget_input(sb, &(Widget){.id = "c-code",
                               .name = "code",
                               .label = "Mã nhóm",
                               .value = f->code,
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "c-name",
                               .name = "name",
                               .label = "Tên nhóm",
                               .value = f->name,
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "c-days",
                               .name = "days",
                               .label = "Thời hạn của cả nhóm (ngày làm việc)",
                               .type = "number",
                               .value = f->days ? f->days : "",
                               .min = "1",
                               .max = "365",
                               .required = 1,
                               .err_field = "limit",
                               .err = err});
    widget_input(sb, &(Widget){.id = "c-cutoff",
                               .name = "cutoff",
                               .label = "Giờ chốt: hồ sơ nhận sau giờ này tính từ ngày làm việc "
                                        "tiếp theo (HH:MM; để trống nếu không có)",
                               .value = f->cutoff ? f->cutoff : "15:00",
                               .maxlength = 5,
                               .err = err});
    widget_textarea(sb, &(Widget){.id = "c-steps",
                                  .name = "steps",
                                  .label = "Các bước: mỗi dòng một bước, dạng “mã thủ tục; cơ "
                                           "quan; các bước phải chờ” (cơ quan: civil_status, "
                                           "residence, insurance hoặc social; bước đánh số từ 1)",
                                  .value = f->steps,
                                  .rows = 6,
                                  .err = err});
    html(sb, "<div><button type=\"submit\">Lưu nhóm liên thông</button></div></form>\n");
}

/* steps_text writes a group's steps as the form's lines. */
static const char *steps_text(Arena *a, const Chain *c)
{
    StrBuf sb;
    sb_init(&sb, 16 * 1024);
    for (size_t i = 0; i < c->n_steps; i++)
        sb_appendf(&sb, "%s; %s; %s\n", c->steps[i].procedure, c->steps[i].agency,
                   after_text(a, c->steps[i].after));
    const char *text = arena_strdup(a, sb.data && !sb.err ? sb.data : "");
    sb_free(&sb);
    return text;
}

/* agencies appends the agencies with their endpoints and keys, motcua's own public key, and
 * for a provincial admin the form that registers one. */
static int agencies(StrBuf *sb, Request *req, int can_edit)
{
    Agency *gs;
    size_t n;
    unsigned char pk[32], sk[64];
    Err nf;
    int rc = store_agency_list(req_store(req), req->arena, &gs, &n, &req->err);
    if (rc < 0)
        return rc;
    html(sb, "<h2 id=\"co-quan\">Cơ quan liên thông</h2>\n");
    if (store_node_key_get(req_store(req), pk, sk, &nf) == 0) {
        char key[SECRET_B64_MAX];
        secret_b64(pk, 32, key);
        html(sb,
             "<p>Khóa công khai của hệ thống (cơ quan dùng để kiểm tra biên nhận): "
             "<code>%s</code></p>\n",
             key);
    }
    memset(sk, 0, sizeof sk);
    html(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Cơ quan</th><th "
             "scope=\"col\">Địa chỉ</th><th scope=\"col\">Khóa công khai (Ed25519)</th></tr>"
             "</thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        char key[SECRET_B64_MAX];
        secret_b64(gs[i].public_key, 32, key);
        html(sb, "<tr><td>%s</td><td>%s</td><td><code>%s</code></td></tr>",
             chain_agency_label(gs[i].kind), gs[i].url, key);
    }
    if (n == 0)
        html(sb, "<tr><td colspan=\"3\" class=\"muted\">Chưa khai báo cơ quan nào.</td></tr>");
    html(sb, "</tbody></table></div>\n");
    if (!can_edit)
        return 0;
    const Err *err = req->err.code ? &req->err : NULL;
    html(sb, "<form class=\"stack\" method=\"post\" action=\"/quan-tri/co-quan\">");
    page_csrf(sb, req);
    Widget w = {.id = "g-kind", .name = "kind", .label = "Loại cơ quan", .err = err};
    widget_select_begin(sb, &w);
    for (int i = 0; chain_agencies[i]; i++)
        html_option(sb, chain_agencies[i], chain_agency_label(chain_agencies[i]),
                    form_get(req, "kind"));
    html_option(sb, AGENCY_POPULATION, chain_agency_label(AGENCY_POPULATION),
                form_get(req, "kind"));
    widget_select_end(sb, &w);
    widget_input(sb, &(Widget){.id = "g-url",
                               .name = "url",
                               .label = "Địa chỉ tiếp nhận (http:// hoặc https://)",
                               .value = form_get(req, "url"),
                               .required = 1,
                               .err = err});
    widget_input(sb, &(Widget){.id = "g-key",
                               .name = "public_key",
                               .label = "Khóa công khai Ed25519 (base64)",
                               .value = form_get(req, "public_key"),
                               .required = 1,
                               .err_field = "public-key",
                               .no_spellcheck = 1,
                               .err = err});
    html(sb, "<div><button type=\"submit\">Lưu cơ quan</button></div></form>\n");
    return 0;
}

static int page(Request *req, Response *res, const ChainForm *f, int status)
{
    Chain *chains;
    size_t n;
    int rc = store_chain_list(req_store(req), req->arena, &chains, &n, &req->err);
    if (rc < 0)
        return rc;
    int can_edit = admin_is_province(req);
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, "Nhóm thủ tục liên thông", "/quan-tri/lien-thong");
    admin_notice(&sb, req);
    admin_form_error(&sb, req);
    table(&sb, req->arena, chains, n, can_edit);
    if (can_edit)
        form(&sb, req, f);
    else
        html(&sb, "<p class=\"muted\">Danh mục nhóm liên thông dùng chung cho cả tỉnh; chỉ quản "
                  "trị cấp tỉnh được thêm hoặc sửa.</p>\n");
    if ((rc = agencies(&sb, req, can_edit)) < 0) {
        sb_free(&sb);
        return rc;
    }
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* trimmed is [b, e) without spaces and tabs at either end, from a. */
static const char *trimmed(Arena *a, const char *b, const char *e)
{
    while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
        b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    return arena_strndup(a, b, (size_t)(e - b));
}

/* after_json reads "1, 2" (1-based step numbers) into [0, 1]; NULL when a number is bad. */
static json_t *after_json(const char *text)
{
    json_t *arr = json_array();
    const char *p = text;
    while (*p) {
        if (*p == ',' || *p == ' ') {
            p++;
            continue;
        }
        long v = 0;
        int digits = 0;
        for (; *p >= '0' && *p <= '9' && v < 1000; p++, digits++)
            v = v * 10 + (*p - '0');
        if (!digits || v < 1 || (*p && *p != ',' && *p != ' ')) {
            json_decref(arr);
            return NULL;
        }
        json_array_append_new(arr, json_integer(v - 1));
    }
    return arr;
}

/* steps_json turns the textarea's lines into the record's steps; NULL with req->err set when
 * a line is not "procedure; agency; after". */
static json_t *steps_json(Request *req, const char *text)
{
    json_t *arr = json_array();
    for (int line = 1; text && *text; line++) {
        const char *nl = strchr(text, '\n'), *end = nl ? nl : text + strlen(text);
        const char *parts[3] = {"", "", ""};
        int n = 0;
        for (const char *b = text; b <= end && n < 3;) {
            const char *semi = memchr(b, ';', (size_t)(end - b));
            const char *stop = semi && n < 2 ? semi : end;
            parts[n++] = trimmed(req->arena, b, stop);
            b = stop + 1;
        }
        text = nl ? nl + 1 : end;
        if (n == 1 && !*parts[0])
            continue; /* a blank line */
        json_t *after = n < 2 ? NULL : after_json(parts[2]);
        if (!after) {
            json_decref(arr);
            char no[16];
            snprintf(no, sizeof no, "%d", line);
            req_fail(req, ERR_INVALID, "steps",
                     arena_printf(req->arena,
                                  "Dòng %s của các bước phải có dạng “mã thủ tục; cơ quan; "
                                  "các bước phải chờ”",
                                  no),
                     arena_printf(req->arena,
                                  "line %s of the steps must be \"procedure; agency; after\"", no));
            return NULL;
        }
        json_array_append_new(arr, json_pack("{s:s, s:s, s:o}", "procedure", parts[0], "agency",
                                             parts[1], "after", after));
    }
    return arr;
}

static int save(Request *req, const ChainForm *f)
{
    if (!admin_is_province(req))
        return req_fail(req, ERR_FORBIDDEN, "", "Chỉ quản trị cấp tỉnh được sửa nhóm liên thông",
                        "only a provincial admin may change the interconnected groups");
    long days = 0;
    for (const char *p = f->days ? f->days : ""; *p && days <= 365; p++)
        days = *p >= '0' && *p <= '9' ? days * 10 + (*p - '0') : 1000;
    if (days < 1 || days > 365)
        return req_fail(req, ERR_INVALID, "limit", "Thời hạn của nhóm từ 1 đến 365 ngày làm việc",
                        "the group's limit is 1 to 365 working days");
    json_t *steps = steps_json(req, f->steps);
    if (!steps)
        return ERR_INVALID;
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:{s:i}, s:o}", "type", "chain", "code", f->code ? f->code : "",
                  "name", f->name ? f->name : "", "limit", "days", (int)days, "steps", steps);
    if (f->cutoff && *f->cutoff)
        json_object_set_new(o, "cutoff", json_string(f->cutoff));
    int rc = req_write(req, admin_write_record, o);
    json_decref(o);
    /* a step's procedure, agency or waits are all typed in the steps' box */
    static const char *const step_fields[] = {"procedure", "agency", "after"};
    for (size_t i = 0; rc < 0 && i < sizeof step_fields / sizeof step_fields[0]; i++)
        if (strcmp(req->err.field, step_fields[i]) == 0)
            snprintf(req->err.field, sizeof req->err.field, "steps");
    return rc;
}

int page_admin_chains(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    if (rc < 0)
        return rc;
    ChainForm f = {0};
    if (strcmp(req->method, "POST") == 0) {
        if ((rc = form_parse(req)) < 0)
            return rc;
        f = (ChainForm){form_get(req, "code"), form_get(req, "name"), form_get(req, "days"),
                        form_get(req, "cutoff"), form_get(req, "steps")};
        if ((rc = save(req, &f)) == 0)
            return admin_redirect(req, res, "/quan-tri/lien-thong", "ma", f.code, "lien-thong",
                                  f.code);
        if (rc == ERR_FORBIDDEN)
            return rc;
        return page(req, res, &f, http_status(rc));
    }
    const char *code = req_query(req, "ma");
    Chain c;
    Err ignore;
    if (code && store_chain_get(req_store(req), req->arena, code, &c, &ignore) == 0) {
        char cutoff[6];
        chain_cutoff_format(c.cutoff, cutoff);
        f = (ChainForm){c.code, c.name, arena_printf(req->arena, "%d", c.limit_days),
                        arena_strdup(req->arena, cutoff), steps_text(req->arena, &c)};
    }
    return page(req, res, &f, 200);
}

/* AgencyForm: the posted agency, for the writer. */
typedef struct AgencyForm {
    const char *kind, *url, *key;
    int64_t now;
} AgencyForm;

static int write_agency(Store *s, void *ctx, Err *e)
{
    const AgencyForm *g = ctx;
    return agencies_add(s, g->kind, g->url, g->key, g->now, e);
}

int page_admin_agency(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_CATALOGUE_MANAGE, NULL);
    if (rc < 0 || (rc = form_parse(req)) < 0)
        return rc;
    if (!admin_is_province(req))
        return req_fail(req, ERR_FORBIDDEN, "", "Chỉ quản trị cấp tỉnh được khai báo cơ quan",
                        "only a provincial admin may configure agencies");
    AgencyForm g = {form_get(req, "kind"), form_get(req, "url"), form_get(req, "public_key"),
                    req_now(req)};
    if ((rc = req_write(req, write_agency, &g)) == 0)
        return admin_redirect(req, res, "/quan-tri/lien-thong", NULL, NULL, "co-quan", g.kind);
    ChainForm f = {0};
    return rc == ERR_INVALID ? page(req, res, &f, http_status(rc)) : rc;
}

/* intake.c: the one dossier form, twice. GET/POST /tiep-nhan is the clerk's intake at the
 * counter: first the procedure (a list narrowed as one types, by assets/app.js, or by ?q= on
 * the server, with or without diacritics), then its component checklist, the channel and the
 * applicant; receiving leads to the printable receipt (Mẫu 01), guiding or refusing the walk-in
 * (after a confirmation) to Mẫu 02 or 03.
 * GET/POST /thu-tuc/{code}/nop-truc-tuyen is a citizen's online filing of a procedure offered
 * online, without login: the receiving unit, the applicant, and one upload slot per component
 * (web/pages/slots.h: a required component needs its file; a failed post keeps every field and
 * every file; the form's one-time token files it once, however often it is posted). The
 * dossier waits as "submitted" until a clerk receives it, and the page confirms its code and
 * the key to look it up with. Either post is turned into the JSON intake body and read by
 * dossier_json_intake, so both validate exactly as POST /api/v1/dossiers does.
 * Either takes an interconnected group (liên thông) in place of a procedure: the counter's list
 * offers the groups first, and /thu-tuc/{group}/nop-truc-tuyen files one online; the form
 * lists every step's papers once (app/chains.h chains_as_procedure). */
#include "web/pages/pages.h"

#include "core/lookup_key.h"
#include "core/vntext.h"
#include "app/chains.h"
#include "app/documents.h"
#include "app/lookup.h"
#include "core/vntext.h"
#include "io/dossier_json.h"
#include "util/log.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/queueweb.h"
#include "web/form.h"
#include "web/idem.h"
#include "web/limits.h"
#include "web/pages/calls.h"
#include "web/pages/layout.h"
#include "web/pages/officer.h"
#include "web/pages/slots.h"
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

/* ticket_field carries the counter whose called ticket this intake serves (?quay=, from the
 * calls on /quay) and, when say, says which ticket it is. */
static void ticket_field(StrBuf *sb, Request *req, int say)
{
    const char *counter = calls_counter(req);
    QueueCounter c;
    QueueTicket t;
    Err ignored;
    if (!counter || store_queue_counter_get(req_store(req), req->arena, counter, &c, &ignored) < 0)
        return;
    html(sb, "<input type=\"hidden\" name=\"quay\" value=\"%s\">", counter);
    if (say && store_queue_ticket_at(req_store(req), req->arena, c.id, &t, &ignored) == 0)
        html(sb,
             "<p class=\"notice\" id=\"intake-ticket\">Tiếp nhận cho số thứ tự <strong>%s"
             "</strong> tại %s.</p>",
             t.number, c.name);
}

static int render_picker(StrBuf *sb, Request *req, const char *chosen)
{
    const char *q = req_query(req, "q");
    if (q && strlen(q) > 200)
        q = NULL;
    const char *folded = q ? vntext_search_key(req->arena, q, strlen(q)) : NULL;
    Procedure *ps;
    size_t n;
    int rc = store_procedure_search(req_store(req), req->arena, folded, NULL, PICKER_MAX + 1, &ps,
                                    &n, &req->err);
    if (rc < 0)
        return rc;
    html(sb, "<form class=\"stack\" method=\"get\" action=\"/tiep-nhan\"><h2>1. Thủ tục hành "
             "chính</h2>");
    ticket_field(sb, req, 1);
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
    Chain *cs;
    size_t n_cs;
    if ((rc = store_chain_list(req_store(req), req->arena, &cs, &n_cs, &req->err)) < 0)
        return rc;
    if (n_cs) /* a group is filed once, in place of its procedures */
        html(sb, "<optgroup label=\"Nhóm thủ tục liên thông\">");
    for (size_t i = 0; i < n_cs; i++)
        html_option(sb, cs[i].code, arena_printf(req->arena, "%s — %s", cs[i].code, cs[i].name),
                    chosen);
    if (n_cs)
        html(sb, "</optgroup><optgroup label=\"Thủ tục\">");
    for (size_t i = 0; i < n && i < PICKER_MAX; i++)
        html_option(sb, ps[i].code, arena_printf(req->arena, "%s — %s", ps[i].code, ps[i].name),
                    chosen);
    if (n_cs)
        html(sb, "</optgroup>");
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

/* render_components: the clerk's component checklist: what is filed, and for each paper a scan
 * the clerk may take at once (a paper is digitized when its scan is attached: here, or later on
 * the dossier's page). */
static void render_components(StrBuf *sb, Request *req, const Procedure *p, int posted)
{
    Arena *a = req->arena;
    html(sb, "<fieldset><legend>Thành phần hồ sơ đã nhận</legend>");
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
        const char *file = arena_printf(a, "file-%zu", i);
        widget_input(sb, &(Widget){.id = file,
                                   .name = file,
                                   .type = "file",
                                   .label = "Bản quét",
                                   .hint = "PDF, JPEG hoặc PNG; không bắt buộc",
                                   .accept = "application/pdf,image/jpeg,image/png",
                                   .err = &req->err});
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

/* render_applicant: the applicant's fields. The identity number comes first: when the
 * population register knows it, the intake takes the name, birth date and address from the
 * register whatever is typed (web/people.h); at the counter a button (assets/app.js, hidden
 * without it) fills them at once from GET /api/v1/people/{id}. */
static void render_applicant(StrBuf *sb, Request *req, bool counter)
{
    html(sb, "<fieldset><legend>Người nộp hồ sơ</legend>");
    text_field(sb, req, "id_number", "text", "Số định danh cá nhân (CCCD)",
               " Nếu CSDL quốc gia về dân cư có số này, họ tên, ngày sinh và địa chỉ được lấy "
               "từ đó.",
               0);
    if (counter)
        html(sb, "<div><button type=\"button\" class=\"secondary\" hidden "
                 "data-people=\"ap-id_number\" data-status=\"people-status\">Tra cứu CSDL dân "
                 "cư</button> <span id=\"people-status\" class=\"muted\" "
                 "aria-live=\"polite\"></span></div>");
    text_field(sb, req, "name", "text", "Họ và tên", NULL, 1);
    text_field(sb, req, "birth_date", "date", "Ngày sinh", NULL, 0);
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

/* render_decision: the walk-in whose dossier is not received: guided to complete it (Mẫu 02:
 * the papers to bring) or refused (Mẫu 03: why); either is recorded, counted nowhere, after
 * the clerk confirms it. */
static void render_decision(StrBuf *sb, Request *req, int posted)
{
    const char *chosen = posted ? form_get(req, "intake") : NULL;
    int deciding = chosen && (strcmp(chosen, "guide") == 0 || strcmp(chosen, "refuse") == 0);
    const char *confirm = posted ? form_get(req, "confirm") : NULL;
    html(sb,
         "<details class=\"action\"%s><summary>Không tiếp nhận: hướng dẫn bổ sung hoặc từ "
         "chối</summary><div class=\"stack\">",
         deciding ? " open" : "");
    widget_textarea(sb, &(Widget){.id = "intake-items",
                                  .name = "items",
                                  .label = "Giấy tờ cần bổ sung",
                                  .hint = "mỗi dòng một giấy tờ; in trên Mẫu 02",
                                  .value = posted ? form_get(req, "items") : NULL,
                                  .rows = 3,
                                  .err = &req->err});
    widget_textarea(sb, &(Widget){.id = "intake-reason",
                                  .name = "reason",
                                  .label = "Lý do, hướng dẫn",
                                  .hint = "bắt buộc khi từ chối; in trên Mẫu 02 hoặc Mẫu 03",
                                  .value = posted ? form_get(req, "reason") : NULL,
                                  .rows = 3,
                                  .err = &req->err});
    if (deciding && !req->err.code && (!confirm || strcmp(confirm, chosen) != 0)) {
        /* the same form again, asking to confirm what cannot be undone */
        html(sb,
             "<p class=\"notice bad\" role=\"alert\" id=\"xac-nhan\">Xác nhận %s: hồ sơ sẽ không "
             "được tiếp nhận và không thể hoàn tác.</p><input type=\"hidden\" name=\"confirm\" "
             "value=\"%s\">",
             strcmp(chosen, "guide") == 0 ? "hướng dẫn bổ sung" : "từ chối tiếp nhận", chosen);
    }
    html(sb, "<div><button type=\"submit\" name=\"intake\" value=\"guide\" class=\"danger\">"
             "Hướng dẫn bổ sung, không tiếp nhận (in Mẫu 02)</button> <button type=\"submit\" "
             "name=\"intake\" value=\"refuse\" class=\"danger\">Từ chối tiếp nhận (in Mẫu 03)"
             "</button></div></div></details>\n");
}

static void render_dossier_form(StrBuf *sb, Request *req, const Procedure *p, int posted)
{
    html(sb, "<form class=\"stack\" method=\"post\" enctype=\"multipart/form-data\" "
             "action=\"/tiep-nhan\"><h2>2. Hồ sơ</h2>");
    page_csrf(sb, req);
    html(sb, "<input type=\"hidden\" name=\"procedure\" value=\"%s\">", p->code);
    ticket_field(sb, req, 0);
    render_summary(sb, req->arena, p);
    render_components(sb, req, p, posted);
    const char *channel = posted ? form_get(req, "channel") : "direct";
    html(sb, "<fieldset><legend>Hình thức nộp</legend>");
    channel_radio(sb, req, "direct", "Trực tiếp tại quầy", channel);
    channel_radio(sb, req, "postal", "Qua dịch vụ bưu chính", channel);
    if (p->online && strcmp(p->online, "none") != 0)
        channel_radio(sb, req, "online", "Trực tuyến (nhận hồ sơ điện tử)", channel);
    page_field_error(sb, &req->err, "channel");
    html(sb, "</fieldset>\n");
    render_applicant(sb, req, true);
    html(sb, "<div><button type=\"submit\" name=\"intake\" value=\"receive\">Tiếp nhận và in giấy "
             "hẹn (Mẫu 01)</button></div>\n");
    render_decision(sb, req, posted);
    html(sb, "</form>\n");
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

/* choice reads what the counter chose, code: a procedure, or an interconnected group as
 * chains_as_procedure presents it (*group set); ERR_NOT_FOUND when it is neither. */
static int choice(Request *req, const char *code, Procedure *p, bool *group)
{
    Err nf;
    int rc = store_procedure_get(req_store(req), req->arena, code, p, &nf);
    *group = rc == ERR_NOT_FOUND;
    if (*group)
        rc = chains_as_procedure(req_store(req), req->arena, code, p, &nf);
    if (rc < 0 && rc != ERR_NOT_FOUND)
        req->err = nf;
    return rc;
}

/* intake_body builds the JSON intake body (docs/INTERFACES.md) of the posted form for unit:
 * p (a group's `chain` when group is set), the applicant's fields (empty ones left out), the
 * components i of p that filed[i] marks, and
 * the counter's decision when it guides or refuses. The caller owns the result. */
static json_t *intake_body(Request *req, const Procedure *p, bool group, const char *unit,
                           const bool *filed)
{
    json_t *o = json_object(), *ap = json_object(), *cs = json_array();
    json_object_set_new(o, group ? "chain" : "procedure", json_string(p->code));
    json_object_set_new(o, "unit", json_string(unit));
    const char *channel = form_get(req, "channel");
    if (channel && *channel)
        json_object_set_new(o, "channel", json_string(channel));
    static const char *const fields[] = {"name",  "id_number", "birth_date",
                                         "phone", "address",   "email"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const char *v = form_get(req, fields[i]);
        if (v && *v)
            json_object_set_new(ap, fields[i], json_string(v));
    }
    json_object_set_new(o, "applicant", ap);
    for (size_t i = 0; i < p->n_components; i++)
        if (filed[i])
            json_array_append_new(cs, json_pack("{s:s}", "name", p->components[i].name));
    json_object_set_new(o, "components", cs);
    const char *decision = form_get(req, "intake");
    if (decision && (strcmp(decision, "guide") == 0 || strcmp(decision, "refuse") == 0)) {
        json_t *ev = json_pack("{s:s}", "action", decision);
        const char *reason = form_get(req, "reason"), *items = form_get(req, "items");
        if (reason && *reason)
            json_object_set_new(ev, "reason", json_string(reason));
        json_t *list = actions_lines(items ? items : "");
        if (strcmp(decision, "guide") == 0 && json_array_size(list))
            json_object_set_new(ev, "items", list);
        else
            json_decref(list);
        json_object_set_new(o, "intake_action", ev);
    }
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
    bool group = false;
    if (!code || !*code)
        rc = req_fail(req, ERR_INVALID, "procedure", "Hãy chọn thủ tục hành chính",
                      "choose a procedure");
    else if ((rc = choice(req, code, &p, &group)) == ERR_NOT_FOUND)
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
    /* each paper's scan, if the clerk took one at the counter: checked now, stored once the
     * rest holds, attached with the receipt */
    Upload **scan = arena_array(req->arena, p.n_components + 1, sizeof *scan);
    size_t n_scans = 0;
    for (size_t i = 0; i < p.n_components; i++) {
        const char *field = arena_printf(req->arena, "file-%zu", i), *mime;
        Upload *u = req_upload(req, field);
        if (!u || !u->path)
            continue;
        if (rc == 0)
            rc = actions_check_upload(req, u, field, &mime);
        scan[i] = u;
        n_scans++;
    }
    if (rc == 0) {
        bool *filed = arena_array(req->arena, p.n_components + 1, sizeof *filed);
        for (size_t i = 0; i < p.n_components; i++)
            filed[i] = picked(req, "component", i) || scan[i];
        json_t *o = intake_body(req, &p, group, req->who.unit, filed);
        rc = dossier_json_intake(req->arena, o, NULL, &in, &req->err);
        json_decref(o);
    }
    if (rc == 0)
        rc = auth_require(req, PERM_DOSSIER_INTAKE, in.unit);
    /* a dossier not received is recorded once the clerk confirms it (render_decision) */
    const char *confirm = form_get(req, "confirm");
    if (rc == 0 && in.decision &&
        (!confirm || strcmp(confirm, lifecycle_action_name(in.decision->action)) != 0)) {
        Procedure checked;
        if ((rc = actions_intake_check(req, &in, &checked)) == 0)
            return render(req, res, p.code, &p, 1, 200);
    }
    Scan *scans = arena_array(req->arena, n_scans + 1, sizeof *scans);
    size_t kept = 0;
    for (size_t i = 0; rc == 0 && !in.decision && i < p.n_components; i++)
        if (scan[i] &&
            (rc = actions_keep_upload(req, scan[i], scan[i]->field, &scans[kept].doc, NULL)) == 0)
            scans[kept++].name = p.components[i].name;
    if (rc == 0 && (rc = actions_intake(req, &in, scans, kept, &d)) == 0) {
        const char *counter = calls_counter(req); /* the ticket keeps the dossier it brought */
        if (counter && !in.decision && queueweb_take(req, counter, d.code) < 0)
            LOG_WARN("intake: dossier %s not linked to the ticket at %s: %s", d.code, counter,
                     req->err.message_en);
        const char *form = !in.decision ? "01" : in.decision->action == ACTION_GUIDE ? "02" : "03";
        res_redirect(res, arena_printf(req->arena, "/dossiers/%s/forms/%s", d.code, form));
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
    bool group;
    if (code && *code && !req_query(req, "loc")) {
        rc = choice(req, code, &p, &group);
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

/* online_slots prepares the upload slots of p's components, one each. */
static void online_slots(Request *req, const Procedure *p, SlotForm *f)
{
    slots_begin(req, f, p->n_components);
    for (size_t i = 0; i < p->n_components; i++) {
        f->slots[i].name = p->components[i].name;
        f->slots[i].required = p->components[i].required;
    }
}

static int render_online(Request *req, Response *res, const Procedure *p, const SlotForm *f,
                         int posted, int status)
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
    slots_token_field(&sb, f);
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
    render_applicant(&sb, req, false);
    html(&sb, "<h2>Thành phần hồ sơ</h2>\n");
    if (f->n == 0)
        html(&sb, "<p class=\"muted\">Thủ tục không quy định thành phần hồ sơ.</p>\n");
    else
        html(&sb, "<p class=\"muted\">Mỗi giấy tờ một tệp: bản scan PDF, hoặc ảnh chụp rõ nét "
                  "bằng điện thoại. Giấy tờ không bắt buộc thì để trống nếu không có.</p>\n");
    for (size_t i = 0; i < f->n; i++)
        slots_render(&sb, req, f, i);
    page_field_error(&sb, &req->err, "components");
    html(&sb, "<div><button type=\"submit\">Nộp hồ sơ</button></div></form>\n");
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* online_done answers the confirmation of the dossier called code, just filed or filed by an
 * earlier post of the same form: where it went, the code and the key to look it up with, the
 * papers received. */
static int online_done(Request *req, Response *res, const char *code, int status)
{
    Store *s = req_store(req);
    Arena *a = req->arena;
    Dossier d;
    DossierDocument *docs;
    size_t n;
    int rc;
    if (!s)
        return req->err.code;
    if ((rc = dossiers_get(s, a, code, &d, &req->err)) < 0 ||
        (rc = store_dossier_documents(s, a, d.id, &docs, &n, &req->err)) < 0)
        return rc;
    char key[LOOKUP_KEY_SHOWN_LEN + 1];
    lookup_key_show(d.lookup_key, key);
    Unit u;
    const char *to = d.unit;
    if (store_unit_get(s, a, d.unit, &u, &req->err) == 0)
        to = u.name;
    StrBuf sb;
    sb_init(&sb, 32 * 1024);
    page_begin(&sb, req, "Đã nộp hồ sơ trực tuyến", "/thu-tuc");
    html(&sb,
         "<p>Hồ sơ của Ông/Bà đã được gửi tới <strong>%s</strong>.</p>\n<section class=\"filed\" "
         "aria-labelledby=\"h-tra-cuu\"><h2 id=\"h-tra-cuu\">Thông tin để tra cứu hồ sơ</h2>\n"
         "<dl class=\"kv\"><dt>Mã hồ sơ</dt><dd><strong class=\"dossier-code\">%s</strong></dd>"
         "<dt>Mã tra cứu</dt><dd><strong class=\"lookup-key\">%s</strong></dd></dl>\n"
         "<p>Xin Ông/Bà ghi lại hoặc chụp màn hình hai mã này: cùng nhau, chúng mở trang "
         "<a href=\"/tra-cuu\">Tra cứu hồ sơ</a>; mã tra cứu không ai đoán được và chỉ người nộp "
         "có.</p>\n<p><a class=\"button\" href=\"%s\">Tra cứu hồ sơ này</a></p></section>\n",
         to, d.code, key, html_url(a, "/tra-cuu", "ma", d.code, "key", d.lookup_key, NULL));
    if (n) {
        html(&sb, "<h2>Giấy tờ đã nộp</h2>\n<ul class=\"papers\">");
        for (size_t i = 0; i < n; i++)
            html(&sb, "<li>%s <span class=\"muted\">(%s)</span></li>", docs[i].name,
                 slots_size(a, docs[i].size));
        html(&sb, "</ul>\n");
    }
    html(&sb, "<p>Cán bộ một cửa sẽ kiểm tra và tiếp nhận hồ sơ; thời hạn giải quyết được tính "
              "từ khi hồ sơ được tiếp nhận. Ông/Bà sẽ nhận được thông báo qua số điện thoại hoặc "
              "thư điện tử đã khai.</p>\n");
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* Filing: an online filing and its papers' files, written in one transaction, once per form
 * token (code: the dossier it filed, or the one an earlier post of the form filed). */
typedef struct Filing {
    Request *req;
    DossierInput in;
    Procedure p;
    const SlotForm *form;
    Idem idem;
    const char *code;
} Filing;

/* replayed_code is the dossier code of a replayed first answer ({"code"}); "" (no dossier)
 * if it holds none. */
static const char *replayed_code(Request *req, const Idem *im)
{
    json_t *o = json_loads(im->body, 0, NULL);
    const char *code = json_string_value(json_object_get(o, "code"));
    code = arena_strdup(req->arena, code ? code : "");
    json_decref(o);
    return code;
}

static int write_filing(Store *s, void *ctx, Err *e)
{
    Filing *f = ctx;
    Request *req = f->req;
    int rc = idem_check(s, req->arena, &f->idem, e);
    if (rc < 0 || f->idem.replayed)
        return rc;
    Actor who = actions_actor(req);
    int64_t now = req_now(req);
    Dossier d;
    rc = dossiers_intake(s, req->arena, &f->in, &f->p, &who, now, &d, e);
    for (size_t i = 0; rc == 0 && i < f->form->n; i++) {
        const Slot *slot = &f->form->slots[i];
        if (slot_filled(slot))
            rc = documents_attach(s, req->arena, d.code, &slot->doc, slot->doc.sha256, "component",
                                  slot->name, NULL, &who, now, NULL, e);
    }
    if (rc < 0)
        return rc;
    f->code = d.code;
    const char *body;
    return idem_store(s, req, &f->idem, 201, json_pack("{s:s}", "code", d.code), &body, e);
}

/* check_online checks the posted filing of p: the form's token, the receiving unit, the
 * applicant, each paper's file (read whatever else fails, so that a failed post keeps them),
 * and the intake as the API checks it; f->in gets the intake. */
static int check_online(Request *req, const Procedure *p, bool group, SlotForm *form, Filing *f)
{
    const char *unit = form_get(req, "unit"), *name = form_get(req, "name");
    int rc = slots_token_posted(req, form);
    if (rc == 0 && (!unit || !*unit))
        rc = req_fail(req, ERR_INVALID, "unit", "Hãy chọn cơ quan tiếp nhận",
                      "choose the receiving office");
    else if (rc == 0 && (!name || !*name))
        rc = req_fail(req, ERR_INVALID, "name", "Hãy nhập họ và tên người nộp",
                      "the applicant's name is required");
    Unit u;
    Err ignored;
    if (rc == 0 && (store_unit_get(req_store(req), req->arena, unit, &u, &ignored) < 0 ||
                    !receiving_unit(&u, p, req_now(req))))
        rc = req_fail(req, ERR_SEMANTIC, "unit",
                      "Cơ quan này không tiếp nhận trực tuyến hồ sơ của thủ tục này",
                      "this office does not receive this procedure online");
    int files = slots_read(req, form);
    if (rc == 0 && (rc = files) == 0)
        rc = slots_require(req, form);
    if (rc == 0) {
        bool *filed = arena_array(req->arena, form->n + 1, sizeof *filed);
        for (size_t i = 0; i < form->n; i++)
            filed[i] = slot_filled(&form->slots[i]);
        json_t *o = intake_body(req, p, group, unit, filed);
        json_object_set_new(o, "channel", json_string("online"));
        rc = dossier_json_intake(req->arena, o, NULL, &f->in, &req->err);
        json_decref(o);
    }
    return rc == 0 ? actions_intake_check(req, &f->in, &f->p) : rc;
}

int page_online_filing(Request *req, Response *res)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Procedure p;
    bool group;
    int rc = choice(req, req->params[0], &p, &group);
    if (rc == ERR_NOT_FOUND)
        return req_fail(req, ERR_NOT_FOUND, "procedure", "Không có thủ tục này trong danh mục",
                        "no such procedure");
    if (rc < 0)
        return rc;
    if (!p.online || strcmp(p.online, "none") == 0)
        return req_fail(req, ERR_NOT_FOUND, "procedure",
                        "Thủ tục này chưa được cung cấp trực tuyến; xin nộp tại bộ phận một cửa",
                        "this procedure is not offered online");
    SlotForm form;
    online_slots(req, &p, &form);
    if (strcmp(req->method, "POST") != 0)
        return render_online(req, res, &p, &form, 0, 200);
    if ((rc = limits_filing(req)) < 0 || (rc = form_parse(req)) < 0)
        return rc;
    /* F5 or a second click once the form has filed: its confirmation, at once; a second click
     * while the first post is being written is replayed by the writer */
    Filing f = {.req = req, .form = &form};
    if (slots_replayed(req, &form, &f.idem))
        return online_done(req, res, replayed_code(req, &f.idem), f.idem.status);
    if ((rc = check_online(req, &p, group, &form, &f)) == 0 &&
        (rc = slots_store(req, &form)) == 0 && (rc = req_write(req, write_filing, &f)) == 0)
        return f.idem.replayed ? online_done(req, res, replayed_code(req, &f.idem), f.idem.status)
                               : online_done(req, res, f.code, 201);
    int status = status_of(rc);
    if (!status)
        return rc;
    slots_park(req, &form);
    return render_online(req, res, &p, &form, 1, status);
}

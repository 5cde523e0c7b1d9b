/* dossier.c: GET /ho-so/{code} (one dossier for officers: what was filed, where it stands
 * against its deadline, its history, the printable forms that apply, and exactly the actions
 * the lifecycle allows the caller's role in its state) and POST /ho-so/{code}/thao-tac (one
 * action from those forms, through the same function as the JSON API); POST
 * /ho-so/{code}/mo-khoa-tra-cuu unlocks a public look-up that wrong keys locked. The action forms,
 * the history's details and the forms offered all come from the action table (core/lifecycle).
 * Every view of the page is recorded in the access log, as the API's officer view is
 * (docs/INTERFACES.md §3). */
#include "web/pages/pages.h"

#include "app/documents.h"
#include "core/deadline.h"
#include "core/lookup_key.h"
#include "io/html.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/dossier_group.h"
#include "web/pages/forms.h"
#include "web/pages/layout.h"
#include "web/pages/officer.h"
#include "web/pages/widgets.h"

#include <string.h>

enum { HISTORY_MAX_ROWS = 150 };

/* What the page shows, loaded once. */
typedef struct Page {
    Request *req;
    Arena *a;
    const Dossier *d;
    const Event *evs;
    size_t n_evs;
    const Unit *units;
    size_t n_units;
    const DossierDocument *docs; /* its electronic papers and results */
    const char **doc_signatures; /* parallel: a signed result's signature token, else NULL */
    size_t n_docs;
    const Payment *pays; /* its payments, each with its e-receipt */
    size_t n_pays;
    const char *posted; /* the action of a post that failed or waits for confirmation (its
                           form keeps the values) */
    const Err *err;     /* that post's error, or NULL */
    int confirming;     /* the posted action is irreversible: the page asks to confirm it */
    int may_file;       /* the caller may attach files to this dossier (scans, results) */
    const ReusableDocument *reusable; /* the applicant's earlier results, to reuse */
    size_t n_reusable;
    PortalSync sync; /* its sync with the national portal (docs/PORTAL.md) */
} Page;

static const char *unit_name(const Page *pg, const char *code)
{
    for (size_t i = 0; code && i < pg->n_units; i++)
        if (strcmp(pg->units[i].code, code) == 0 && pg->units[i].name)
            return pg->units[i].name;
    return code;
}

/* ---- the facts ---- */

/* kv appends one term and its description, when there is one. */
static void kv(StrBuf *sb, const char *label, const char *value)
{
    if (value && *value)
        html(sb, "<dt>%s</dt><dd>%s</dd>", label, value);
}

/* kv_time appends a term and an instant ("08:12 16/10/2023"), when there is one. */
static void kv_time(StrBuf *sb, const Page *pg, const char *label, int64_t t)
{
    if (t)
        kv(sb, label, html_datetime(pg->a, t));
}

/* render_lookup_key shows the citizen's look-up key (to tell an applicant who lost it) and,
 * when wrong keys have locked the public look-up, the button that unlocks it. */
static void render_lookup_key(StrBuf *sb, const Page *pg)
{
    char key[LOOKUP_KEY_SHOWN_LEN + 1];
    lookup_key_show(pg->d->lookup_key, key);
    html(sb, "<dt>Mã tra cứu</dt><dd><span class=\"lookup-key\">%s</span>", key);
    if (lookup_key_locked(pg->d->lookup_failures)) {
        html(sb,
             " <strong class=\"badge overdue\">Tra cứu trực tuyến đã bị khóa</strong> "
             "<span class=\"muted\">(mã tra cứu bị nhập sai %d lần)</span>"
             "<form class=\"actions\" method=\"post\" action=\"%s\">",
             pg->d->lookup_failures, html_path(pg->a, "/ho-so/%s/mo-khoa-tra-cuu", pg->d->code));
        page_csrf(sb, pg->req);
        html(sb, "<button type=\"submit\">Mở khóa tra cứu</button></form>");
    }
    html(sb, "</dd>");
}

/* render_sync shows the dossier's sync with the national portal: the last version the portal
 * took and when, the calls still waiting and why the first of them failed, if it did. A step
 * of a group is not sent (its parent is). */
static void render_sync(StrBuf *sb, const Page *pg)
{
    const PortalSync *y = &pg->sync;
    if (pg->d->parent)
        return;
    html(sb, "<dt>Đồng bộ Cổng DVCQG</dt><dd data-portal-version=\"%d\">", y->sent_version);
    if (y->sent_version)
        html(sb, "Đã gửi phiên bản %d lúc %s", y->sent_version, html_datetime(pg->a, y->sent_at));
    else
        html(sb, "Chưa gửi");
    if (y->waiting)
        html(sb, " · còn %d lệnh chờ gửi", y->waiting);
    if (y->last_error)
        html(sb,
             "<br><strong class=\"badge overdue\">Lỗi đồng bộ</strong> <span "
             "class=\"portal-error\">%s</span> <span class=\"muted\">(lần thử lúc %s)</span>",
             y->last_error, html_datetime(pg->a, y->last_try_at));
    html(sb, "</dd>");
}

static void render_facts(StrBuf *sb, const Page *pg)
{
    const Dossier *d = pg->d;
    const DossierProjection *p = &d->p;
    const Applicant *ap = &d->applicant;
    html(sb, "<div class=\"grid2\"><section aria-labelledby=\"h-ho-so\">"
             "<h2 id=\"h-ho-so\">Thông tin hồ sơ</h2><dl class=\"kv\">");
    kv(sb, "Mã hồ sơ", d->code);
    html(sb, "<dt>Trạng thái</dt><dd>");
    officer_state_badge(sb, p->state);
    html(sb, "</dd><dt>Thủ tục</dt><dd>%s <span class=\"muted\">(%s)</span></dd>",
         officer_procedure_name(pg->req, d->procedure), d->procedure);
    kv(sb, "Hình thức nộp", officer_channel_label(d->channel));
    kv(sb, "Đơn vị tiếp nhận", unit_name(pg, d->unit));
    if (p->current_unit && strcmp(p->current_unit, d->unit) != 0)
        kv(sb, "Đơn vị đang xử lý", unit_name(pg, p->current_unit));
    kv(sb, "Cán bộ xử lý", p->handler);
    kv_time(sb, pg, "Nộp trực tuyến lúc", p->submitted_at);
    kv_time(sb, pg, "Nộp hồ sơ lúc", d->filed_at);
    kv_time(sb, pg, "Tiếp nhận lúc", p->received_at);
    kv_time(sb, pg, "Hạn giải quyết", p->due_at);
    if (p->appointment_at && p->appointment_at != p->due_at)
        kv_time(sb, pg, "Hẹn trả kết quả", p->appointment_at);
    if (p->apology_late) /* docs/INTERFACES.md §2: later than one working day before the due date */
        kv(sb, "Thư xin lỗi", "Gửi muộn: chưa đủ 01 ngày làm việc trước hạn giải quyết");
    int cls = dossier_classify(p, req_now(pg->req));
    if (cls >= 0)
        html(sb, "<dt>Tiến độ</dt><dd><span class=\"%s\">%s</span></dd>",
             cls == DEADLINE_LATE || cls == DEADLINE_OVERDUE ? "badge overdue" : "badge ok",
             deadline_class_label_vi((DeadlineClass)cls));
    kv_time(sb, pg, "Có kết quả lúc", p->resolved_at);
    kv(sb, "Kết quả", lifecycle_outcome_label(p->outcome));
    kv_time(sb, pg, "Trả kết quả lúc", p->returned_at);
    kv_time(sb, pg, "Dừng xử lý lúc", p->stopped_at);
    html(sb, "<dt>Phí, lệ phí</dt><dd>%s đồng", html_num(pg->a, d->fee));
    if (p->paid_amount)
        html(sb, " (đã nộp %s đồng)", html_num(pg->a, p->paid_amount));
    html(sb, "</dd>");
    kv(sb, "Đánh giá", lifecycle_rating_label(p->rating));
    render_sync(sb, pg);
    render_lookup_key(sb, pg);
    html(sb, "</dl></section>\n<section aria-labelledby=\"h-nguoi-nop\">"
             "<h2 id=\"h-nguoi-nop\">Người nộp</h2><dl class=\"kv\">");
    kv(sb, "Họ và tên", ap->name);
    kv(sb, "Số định danh", ap->id_number);
    kv(sb, "Điện thoại", ap->phone);
    kv(sb, "Địa chỉ", ap->address);
    kv(sb, "Thư điện tử", ap->email);
    html(sb, "</dl></section></div>\n");
}

/* file_form opens a form that uploads a file to the dossier (multipart, to /tai-lieu). */
static void file_form(StrBuf *sb, const Page *pg, const char *kind, const char *name)
{
    html(sb,
         "<form method=\"post\" class=\"inline\" enctype=\"multipart/form-data\" "
         "action=\"%s\">",
         html_path(pg->a, "/ho-so/%s/tai-lieu", pg->d->code));
    page_csrf(sb, pg->req);
    html(sb, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", kind);
    if (name)
        html(sb, "<input type=\"hidden\" name=\"name\" value=\"%s\">", name);
}

/* file_input is the file control of an upload form: PDF, JPEG or PNG (a phone photo). */
static void file_input(StrBuf *sb, const Page *pg, const char *id, const char *label, int required)
{
    widget_input(sb, &(Widget){.id = id,
                               .name = "file",
                               .label = label,
                               .type = "file",
                               .accept = "application/pdf,image/jpeg,image/png",
                               .required = required,
                               .bare = 1,
                               .err = pg->err});
}

/* current_scan: the latest document of d attached as component name (NULL: none). */
static const DossierDocument *current_scan(const Page *pg, const char *name)
{
    const DossierDocument *found = NULL;
    for (size_t i = 0; i < pg->n_docs; i++)
        if (strcmp(pg->docs[i].kind, "component") == 0 && pg->docs[i].name &&
            strcmp(pg->docs[i].name, name) == 0)
            found = &pg->docs[i];
    return found;
}

/* render_components lists what was filed: each paper, whether a file backs it (a paper is
 * digitized when its scan is here), and, for who may, a slot to upload or replace its scan. */
static void render_components(StrBuf *sb, const Page *pg)
{
    html(sb, "<h2>Thành phần hồ sơ</h2>");
    if (pg->d->n_components == 0) {
        html(sb, "<p class=\"muted\">Không ghi nhận thành phần hồ sơ.</p>\n");
        return;
    }
    html(sb,
         "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Giấy tờ</th>"
         "<th scope=\"col\">Bản điện tử</th>%s</tr></thead><tbody>",
         pg->may_file ? "<th scope=\"col\">Tải bản quét</th>" : "");
    for (size_t i = 0; i < pg->d->n_components; i++) {
        const DossierComponent *c = &pg->d->components[i];
        const DossierDocument *scan = current_scan(pg, c->name);
        html(sb, "<tr><td>%s</td><td>", c->name);
        if (scan)
            html(sb, "<a href=\"%s\">Có (mở tệp)</a>",
                 html_path(pg->a, "/api/v1/dossiers/%s/documents/%s", pg->d->code, scan->sha256));
        else
            html(sb, "%s", c->digitized ? "Có (theo dữ liệu nguồn)" : "Chưa");
        html(sb, "</td>");
        if (pg->may_file) {
            html(sb, "<td>");
            file_form(sb, pg, "component", c->name);
            file_input(sb, pg, arena_printf(pg->a, "scan-%zu", i),
                       scan ? "Thay bản quét" : "Bản quét", 1);
            html(sb, "<button type=\"submit\">%s</button></form></td>", scan ? "Thay" : "Tải lên");
        }
        html(sb, "</tr>");
    }
    html(sb, "</tbody></table></div>\n");
}

/* render_documents lists the dossier's files (filed online, scanned, results, reused), each
 * to open: what the clerk checks before receiving an online filing. A scan replaced by a
 * later one of the same paper says so. */
static void render_documents(StrBuf *sb, const Page *pg)
{
    if (!pg->n_docs)
        return;
    html(sb, "<h2 id=\"tai-lieu\">Tài liệu điện tử</h2><div class=\"table-wrap\"><table><thead>"
             "<tr><th scope=\"col\">Tài liệu</th><th scope=\"col\">Loại</th>"
             "<th scope=\"col\">Dung lượng (byte)</th><th scope=\"col\">Tệp</th>"
             "</tr></thead><tbody>");
    for (size_t i = 0; i < pg->n_docs; i++) {
        const DossierDocument *dd = &pg->docs[i];
        int result = strcmp(dd->kind, "result") == 0;
        html(sb, "<tr><td>%s", dd->name ? dd->name : "Kết quả giải quyết");
        if (dd->reused_from)
            html(sb, " <span class=\"muted\">(dùng lại từ hồ sơ %s)</span>", dd->reused_from);
        if (!result && dd->name && current_scan(pg, dd->name) != dd)
            html(sb, " <span class=\"muted\">(đã thay bằng bản mới)</span>");
        const char *path =
            html_path(pg->a, "/api/v1/dossiers/%s/documents/%s", pg->d->code, dd->sha256);
        html(sb, "</td><td>%s</td><td>%s</td><td><a href=\"%s\">Mở tệp</a>",
             result ? "Kết quả" : "Thành phần hồ sơ", html_num(pg->a, dd->size), path);
        if (pg->doc_signatures[i]) /* signed by the deciding unit (app/signing.h) */
            html(sb, " · <a href=\"%s\">Chữ ký số (.p7s)</a> · <a href=\"%s\">Xác thực</a>",
                 arena_printf(pg->a, "%s?format=p7s", path),
                 html_url(pg->a, "/xac-thuc", "ma", pg->doc_signatures[i], NULL));
        html(sb, "</td></tr>");
    }
    html(sb, "</tbody></table></div>\n");
}

/* render_reusable offers the applicant's earlier electronic results (the same identity number,
 * other dossiers of the caller's units) as one of this dossier's papers, with one click and no
 * new paper (Decree 45/2020: what the State holds is not asked again). */
static void render_reusable(StrBuf *sb, const Page *pg)
{
    size_t shown = 0;
    for (size_t i = 0; pg->may_file && i < pg->n_reusable; i++) {
        const ReusableDocument *r = &pg->reusable[i];
        if (strcmp(r->dossier_code, pg->d->code) == 0 || pg->d->n_components == 0)
            continue;
        if (shown++ == 0)
            html(sb, "<h2>Kết quả điện tử đã có của người nộp</h2><ul class=\"reuse\">");
        html(sb, "<li><form method=\"post\" class=\"inline\" action=\"%s\">%s (hồ sơ %s) ",
             html_path(pg->a, "/ho-so/%s/dung-lai", pg->d->code),
             r->doc.name ? r->doc.name : "Kết quả giải quyết", r->dossier_code);
        page_csrf(sb, pg->req);
        html(sb,
             "<input type=\"hidden\" name=\"from\" value=\"%s\"><input type=\"hidden\" "
             "name=\"sha256\" value=\"%s\">",
             r->dossier_code, r->doc.sha256);
        Widget w = {.id = arena_printf(pg->a, "reuse-%zu", i),
                    .name = "name",
                    .label = "dùng làm",
                    .bare = 1};
        widget_select_begin(sb, &w);
        for (size_t c = 0; c < pg->d->n_components; c++)
            html_option(sb, pg->d->components[c].name, pg->d->components[c].name, NULL);
        widget_select_end(sb, &w);
        html(sb, "<button type=\"submit\">Dùng lại</button></form></li>");
    }
    if (shown)
        html(sb, "</ul>\n");
}

/* ---- printable forms ---- */

/* render_forms offers, in the set of the dossier's circular, the forms its actions issued
 * (the action table's printed form, or the one the set prints in its place; a rejection is a
 * refusal too), the process control sheet, and every e-receipt. */
static void render_forms(StrBuf *sb, const Page *pg)
{
    FormBasis basis = formset_basis(pg->d, pg->evs, pg->n_evs);
    bool issued[FORM_KIND_COUNT] = {0};
    for (size_t i = 0; i < pg->n_evs; i++)
        issued[formset_printed(basis, lifecycle_action(pg->evs[i].action)->form)] = true;
    issued[FORM_REFUSAL] |= pg->d->p.outcome && strcmp(pg->d->p.outcome, "rejected") == 0;
    issued[FORM_CONTROL] = true;
    html(sb, "<h2>Phiếu in</h2><ul class=\"forms\">");
    for (int number = 1; number < 10; number++) {
        FormKind k = formset_by_number(basis, number);
        const char *no = form_number(basis, k);
        if (k && k != FORM_LEDGER && issued[k])
            html(sb, "<li><a href=\"%s\">Mẫu %s: %s</a></li>",
                 html_path(pg->a, "/dossiers/%s/forms/%s", pg->d->code, no), no,
                 form_title(basis, k));
    }
    for (size_t i = 0; i < pg->n_pays; i++) /* every receipt stays printable */
        html(sb, "<li><a href=\"%s\">%s số %s</a></li>",
             html_url(pg->a, arena_printf(pg->a, "/dossiers/%s/forms/bien-lai", pg->d->code), "so",
                      pg->pays[i].receipt_no, NULL),
             form_title(basis, FORM_FEE_RECEIPT), pg->pays[i].receipt_no);
    html(sb, "</ul>\n");
}

/* ---- history ---- */

/* field_words is one given field of ev in words ("Lý do: ..."), or NULL when it is not given. */
static const char *field_words(const Page *pg, const Event *ev, const ActionField *f)
{
    const void *at = (const char *)ev + f->offset;
    switch (f->kind) {
    case FIELD_FLAG: return *(const bool *)at ? f->label : NULL;
    case FIELD_LIST: {
        const TextList *l = at;
        if (!l->n)
            return NULL;
        const char *all = l->v[0];
        for (size_t i = 1; i < l->n; i++)
            all = arena_printf(pg->a, "%s, %s", all, l->v[i]);
        return arena_printf(pg->a, "%s: %s", f->label, all);
    }
    case FIELD_MONEY: {
        int64_t n = *(const int64_t *)at;
        return n ? arena_printf(pg->a, "%s: %s đồng", f->label, html_num(pg->a, n)) : NULL;
    }
    case FIELD_INSTANT: {
        int64_t t = *(const int64_t *)at;
        return t ? arena_printf(pg->a, "%s: %s", f->label, html_datetime(pg->a, t)) : NULL;
    }
    default: {
        const char *text = *(const char *const *)at;
        if (!text)
            return NULL;
        return arena_printf(pg->a, "%s: %s", f->label,
                            f->kind == FIELD_UNIT ? unit_name(pg, text)
                                                  : lifecycle_choice_label(f, text));
    }
    }
}

static void render_history(StrBuf *sb, const Page *pg)
{
    size_t from = pg->n_evs > HISTORY_MAX_ROWS ? pg->n_evs - HISTORY_MAX_ROWS : 0;
    html(sb, "<h2>Quá trình xử lý</h2>");
    if (from)
        html(sb, "<p class=\"muted\">Chỉ hiện các sự kiện gần nhất; xem đủ ở Mẫu 05.</p>");
    html(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Thời gian</th>"
             "<th scope=\"col\">Thao tác</th><th scope=\"col\">Người thực hiện</th>"
             "<th scope=\"col\">Chi tiết</th></tr></thead><tbody>");
    for (size_t i = from; i < pg->n_evs; i++) {
        const Event *ev = &pg->evs[i];
        const ActionSpec *spec = lifecycle_action(ev->action);
        html(sb, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", html_datetime(pg->a, ev->at),
             spec->label, ev->by);
        const char *sep = "";
        for (size_t k = 0; k < spec->n_fields; k++) {
            const char *words = field_words(pg, ev, &spec->fields[k]);
            if (words) {
                html(sb, "%s%s", sep, words);
                sep = "; ";
            }
        }
        html(sb, "</td></tr>");
    }
    html(sb, "</tbody></table></div>\n");
}

/* ---- action forms: one per action the lifecycle offers, its fields from the action table ---- */

/* Widgets of one action form: the failed post's values and error when it was this form. */
typedef struct ActionForm {
    const Page *pg;
    const ActionSpec *spec;
    int posted;
} ActionForm;

/* widget_of is the widget of field f: its id "<action>-<field>", its label, the value the
 * failed post gave and its error. */
static Widget widget_of(const ActionForm *af, const ActionField *f)
{
    Request *req = af->pg->req;
    return (Widget){.id = arena_printf(af->pg->a, "%s-%s", af->spec->name, f->name),
                    .name = f->name,
                    .label = f->label,
                    .hint = f->hint,
                    .value = af->posted ? form_get(req, f->name) : NULL,
                    .required = f->required,
                    .err = af->posted ? af->pg->err : NULL};
}

static int unit_is_valid(const Unit *u, const char *today)
{
    return !u->valid_to || strcmp(u->valid_to, today) >= 0;
}

/* unit_options: every unit in operation. */
static void unit_options(StrBuf *sb, const Page *pg, const char *selected)
{
    char today[TIMEFMT_DATE_SIZE];
    timefmt_format_date(timefmt_local_day(req_now(pg->req)), today, sizeof today);
    for (size_t i = 0; i < pg->n_units; i++)
        if (unit_is_valid(&pg->units[i], today))
            html_option(sb, pg->units[i].code, pg->units[i].name, selected);
}

/* officer_options: the officers of the caller's unit and below, grouped by unit. */
static void officer_options(StrBuf *sb, const Page *pg, const char *selected)
{
    Request *req = pg->req;
    User *users = NULL;
    size_t n_users = 0;
    Err ignored;
    Store *s = req_store(req);
    if (s)
        store_user_list(s, pg->a, req->who.unit, &users, &n_users, &ignored);
    for (size_t i = 0; i < pg->n_units; i++) {
        const Unit *u = &pg->units[i];
        const char *group = NULL;
        for (size_t j = 0; j < n_users; j++) {
            const User *w = &users[j];
            Role r = access_role_parse(w->role);
            if (w->disabled || strcmp(w->unit, u->code) != 0 ||
                (r != ROLE_SPECIALIST && r != ROLE_LEADER && r != ROLE_CLERK))
                continue;
            if (!group)
                html(sb, "<optgroup label=\"%s\">", group = u->name);
            html_option(sb, w->name, arena_printf(pg->a, "%s (%s)", w->name, access_role_label(r)),
                        selected);
        }
        if (group)
            html(sb, "</optgroup>");
    }
}

/* field_control writes the control of field f, as its kind asks. */
static void field_control(StrBuf *sb, const ActionForm *af, const ActionField *f)
{
    const Page *pg = af->pg;
    Widget w = widget_of(af, f);
    switch (f->kind) {
    case FIELD_CHOICE:
        html(sb, "<fieldset><legend>%s</legend>", f->label);
        for (size_t i = 0; f->choices[i]; i++)
            widget_check(
                sb, &(Widget){.type = "radio",
                              .id = arena_printf(pg->a, "%s-%s", af->spec->name, f->choices[i]),
                              .name = f->name,
                              .label = f->choice_labels[i],
                              .value = f->choices[i],
                              .required = f->required && i == 0,
                              .checked = w.value && strcmp(w.value, f->choices[i]) == 0});
        page_field_error(sb, w.err, f->name);
        html(sb, "</fieldset>");
        return;
    case FIELD_FLAG:
        w.checked = w.value && *w.value;
        w.value = "1";
        html(sb, "<div>");
        widget_check(sb, &w);
        html(sb, "</div>");
        return;
    case FIELD_PARAGRAPH:
    case FIELD_LIST:
        w.rows = 3;
        widget_textarea(sb, &w);
        return;
    case FIELD_UNIT:
    case FIELD_OFFICER:
    case FIELD_COMPONENT:
        w.none = f->kind == FIELD_OFFICER     ? "— Không chỉ định —"
                 : f->kind == FIELD_COMPONENT ? "— Không chọn —"
                                              : NULL;
        widget_select_begin(sb, &w);
        if (f->kind == FIELD_UNIT)
            unit_options(sb, pg, w.value ? w.value : pg->d->p.current_unit);
        else if (f->kind == FIELD_OFFICER)
            officer_options(sb, pg, w.value);
        else
            for (size_t i = 0; i < pg->d->n_components; i++)
                html_option(sb, pg->d->components[i].name, pg->d->components[i].name, w.value);
        widget_select_end(sb, &w);
        return;
    case FIELD_MONEY: w.type = "number"; break;
    case FIELD_INSTANT: w.type = "datetime-local"; break;
    case FIELD_TEXT: break;
    }
    widget_input(sb, &w);
}

static void action_form(StrBuf *sb, const Page *pg, Action a)
{
    ActionForm af = {.pg = pg, .spec = lifecycle_action(a)};
    af.posted = pg->posted && strcmp(pg->posted, af.spec->name) == 0;
    if (af.spec->n_fields) /* folded in a <details> that opens without script */
        html(sb, "<details class=\"action\"%s><summary>%s</summary>", af.posted ? " open" : "",
             af.spec->label);
    if (af.spec->result_file && pg->may_file) /* the result's file comes with it */
        html(sb,
             "<form method=\"post\" class=\"stack action-form\" enctype=\"multipart/form-data\" "
             "action=\"%s\"><fieldset><legend>%s</legend>",
             html_path(pg->a, "/ho-so/%s/tai-lieu", pg->d->code), af.spec->label);
    else
        html(sb,
             "<form method=\"post\" class=\"stack action-form\" action=\"%s\"><fieldset>"
             "<legend>%s</legend>",
             html_path(pg->a, "/ho-so/%s/thao-tac", pg->d->code), af.spec->label);
    page_csrf(sb, pg->req);
    html(sb, "<input type=\"hidden\" name=\"action\" value=\"%s\">", af.spec->name);
    const char *next = af.posted ? form_get(pg->req, "next") : NULL;
    if (next && strcmp(next, "/quay") == 0) /* confirming what the counter's queue posted */
        html(sb, "<input type=\"hidden\" name=\"next\" value=\"/quay\">");
    for (size_t i = 0; i < af.spec->n_fields; i++)
        if (!af.spec->fields[i].gateway && !af.spec->fields[i].source_only)
            field_control(sb, &af, &af.spec->fields[i]); /* gateway: never an officer's */
    if (af.spec->result_file && pg->may_file) {
        html(sb, "<div>");
        file_input(sb, pg, arena_printf(pg->a, "%s-file", af.spec->name),
                   "Tệp kết quả điện tử (PDF; không bắt buộc)", 0);
        html(sb, "</div>");
    }
    if (af.posted && pg->confirming) {
        html(sb,
             "<p class=\"notice bad\" role=\"alert\" id=\"xac-nhan\">Xác nhận “%s” cho hồ sơ %s: "
             "việc này không thể hoàn tác. Kiểm tra lại rồi bấm nút dưới đây, hoặc "
             "<a href=\"%s\">hủy</a>.</p><input type=\"hidden\" name=\"confirm\" value=\"%s\">"
             "<div><button type=\"submit\" class=\"danger\">Xác nhận: %s</button></div>"
             "</fieldset></form>",
             af.spec->label, pg->d->code, html_path(pg->a, "/ho-so/%s", pg->d->code), af.spec->name,
             af.spec->label);
    } else {
        html(sb,
             af.spec->irreversible
                 ? "<div><button type=\"submit\" class=\"danger\">%s</button></div></fieldset>"
                   "</form>"
                 : "<div><button type=\"submit\">%s</button></div></fieldset></form>",
             af.spec->label);
    }
    if (af.spec->n_fields)
        html(sb, "</details>");
    html(sb, "\n");
}

/* render_actions: exactly what the lifecycle offers this role in this state, when the caller
 * may act on this dossier at all. */
static void render_actions(StrBuf *sb, const Page *pg)
{
    Request *req = pg->req;
    Err saved = req->err;
    int may = auth_require_dossier(req, PERM_DOSSIER_ACT, pg->d) == 0;
    req->err = saved;
    int shown = 0;
    html(sb, "<h2>Thao tác</h2>\n");
    for (int i = 0; may && i < ACTION_COUNT; i++) {
        if (!lifecycle_offered(req->who.role, pg->d->p.state, pg->d->p.approval, (Action)i))
            continue;
        action_form(sb, pg, (Action)i);
        shown++;
    }
    if (!shown)
        html(sb, "<p class=\"muted\">Không có thao tác nào bạn được thực hiện ở trạng thái "
                 "này.</p>\n");
}

/* ---- the page ---- */

/* render loads what the page shows of d, logs the view and sends the page with status; posted
 * and err (may be NULL) are a post that failed, or with confirming one that waits for the
 * officer's confirmation. */
static int render(Request *req, Response *res, const Dossier *d, int status, const char *posted,
                  const Err *err, int confirming)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Page pg = {.req = req,
               .a = req->arena,
               .d = d,
               .posted = posted,
               .err = err,
               .confirming = confirming};
    Event *evs;
    Unit *units;
    int rc;
    Err e;
    DossierDocument *docs;
    Payment *pays;
    if ((rc = dossiers_events(s, req->arena, d->id, &evs, &pg.n_evs, &e)) < 0 ||
        (rc = store_unit_list(s, req->arena, &units, &pg.n_units, &e)) < 0 ||
        (rc = store_dossier_documents(s, req->arena, d->id, &docs, &pg.n_docs, &e)) < 0 ||
        (rc = store_payments_of(s, req->arena, d->id, &pays, &pg.n_pays, &e)) < 0) {
        req->err = e;
        return rc;
    }
    const char **sigs = arena_array(req->arena, pg.n_docs + 1, sizeof *sigs);
    for (size_t i = 0; i < pg.n_docs; i++) {
        Signature g;
        int found = strcmp(docs[i].kind, "result") == 0
                        ? store_signature_of(s, req->arena, d->id, docs[i].sha256, &g, &e)
                        : ERR_NOT_FOUND;
        if (found == 0)
            sigs[i] = g.token;
        else if (found != ERR_NOT_FOUND)
            return req->err = e, found;
    }
    pg.evs = evs;
    pg.units = units;
    pg.docs = docs;
    pg.doc_signatures = sigs;
    pg.pays = pays;
    Err saved = req->err;
    pg.may_file = lifecycle_role_may(req->who.role, ACTION_DIGITIZE) &&
                  auth_require_dossier(req, PERM_DOSSIER_ACT, d) == 0;
    req->err = saved;
    ReusableDocument *reusable = NULL;
    if (pg.may_file && d->applicant.id_number &&
        documents_reusable(s, req->arena, d->applicant.id_number, req->who.unit, &reusable,
                           &pg.n_reusable, &e) < 0)
        pg.n_reusable = 0; /* an identity number reuse cannot search (too short): none offered */
    pg.reusable = reusable;
    if ((rc = store_portal_sync(s, req->arena, d->code, &pg.sync, &e)) < 0) {
        req->err = e;
        return rc;
    }
    if ((rc = actions_log_view(req, d, "view")) < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, arena_printf(req->arena, "Hồ sơ %s", d->code), NULL);
    if (err && err->code)
        page_notice(&sb, err->message, 1);
    render_facts(&sb, &pg);
    if ((rc = dossier_group_render(&sb, req, d)) < 0) {
        sb_free(&sb);
        return rc;
    }
    render_components(&sb, &pg);
    render_documents(&sb, &pg);
    render_reusable(&sb, &pg);
    render_forms(&sb, &pg);
    render_actions(&sb, &pg);
    render_history(&sb, &pg);
    page_end(&sb);
    return page_send(req, res, &sb, status);
}

/* load finds the dossier of the path and checks the caller may use perm on it. */
static int load(Request *req, Permission perm, Dossier *out)
{
    int rc = auth_require(req, perm, NULL);
    if (rc < 0)
        return rc;
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    if ((rc = dossiers_get(s, req->arena, req->params[0], out, &req->err)) < 0)
        return rc;
    return auth_require_dossier(req, perm, out);
}

int page_dossier_unlock(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_READ, &d);
    if (rc < 0 || (rc = actions_lookup_unlock(req, d.id)) < 0)
        return rc;
    res_redirect(res, html_path(req->arena, "/ho-so/%s", d.code));
    return 0;
}

int page_dossier(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_READ, &d);
    if (rc < 0)
        return rc;
    return render(req, res, &d, 200, NULL, NULL, 0);
}

/* status_of: the status of a failed action shown on the page again; 0 for failures that are
 * not the user's to fix (they get the error page). */
static int status_of(int rc)
{
    if (rc == ERR_INVALID || rc == ERR_FORBIDDEN || rc == ERR_CONFLICT || rc == ERR_SEMANTIC)
        return http_status(rc);
    return 0;
}

/* success_location: where a done action leads: its printable form when it has one, the
 * counter's queue when it was taken there, else the dossier page. */
static const char *success_location(Request *req, const Dossier *d, Action a)
{
    const char *next = form_get(req, "next");
    if (next && strcmp(next, "/quay") == 0)
        return arena_printf(req->arena, "/quay?xong=%s&thao-tac=%s", d->code,
                            lifecycle_action_name(a));
    FormBasis basis = formset_basis(d, NULL, 0);
    FormKind form = formset_printed(basis, lifecycle_action(a)->form);
    if (form && form != FORM_RECEIPT && form != FORM_FEE_RECEIPT)
        return arena_printf(req->arena, "/dossiers/%s/forms/%s", d->code, form_number(basis, form));
    return arena_printf(req->arena, "/ho-so/%s", d->code);
}

/* failed_again shows the dossier page again with the failure of a post (when it is the user's
 * to fix), as page_dossier_act does. */
static int failed_again(Request *req, Response *res, Dossier *d, int rc, const char *posted)
{
    int status = status_of(rc);
    if (!status)
        return rc;
    Err failed = req->err;
    err_clear(&req->err);
    if ((rc = dossiers_get(req_store(req), req->arena, d->code, d, &req->err)) < 0)
        return rc;
    return render(req, res, d, status, posted, &failed, 0);
}

int page_dossier_act(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_ACT, &d);
    if (rc < 0)
        return rc;
    Event ev;
    rc = actions_event_from_form(req, &ev);
    /* an irreversible action is taken when the officer confirms it, once what it needs is
     * given: the page asks, with the values kept (no script needed) */
    const char *confirm = form_get(req, "confirm");
    if (rc == 0 && lifecycle_action(ev.action)->irreversible &&
        (!confirm || strcmp(confirm, lifecycle_action_name(ev.action)) != 0) &&
        (rc = dossier_allows(&d.p, ev.action, &req->err)) == 0 &&
        (rc = lifecycle_check_live(&ev, &req->err)) == 0)
        return render(req, res, &d, 200, lifecycle_action_name(ev.action), NULL, 1);
    if (rc == 0 && (rc = actions_act(req, d.code, &ev, NULL)) == 0) {
        res_redirect(res, success_location(req, &d, ev.action));
        return 0;
    }
    return failed_again(req, res, &d, rc, form_get(req, "action"));
}

int page_dossier_upload(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_ACT, &d);
    if (rc < 0)
        return rc;
    const char *kind = form_get(req, "kind"), *name = form_get(req, "name"),
               *action = form_get(req, "action");
    Event ev;
    Document doc;
    int with_action = action && *action, duplicate;
    if (!lifecycle_role_may(req->who.role, ACTION_DIGITIZE))
        rc = req_fail(req, ERR_FORBIDDEN, "file", "Vai trò của bạn không tải tài liệu lên",
                      "your role may not attach documents");
    else if (with_action && ((rc = actions_event_from_form(req, &ev)) == 0 &&
                             !lifecycle_action(ev.action)->result_file))
        rc = req_fail(req, ERR_INVALID, "action", "Thao tác này không kèm tệp kết quả",
                      "this action takes no result file");
    if (rc < 0)
        return failed_again(req, res, &d, rc, action);
    if (with_action)
        kind = "result", name = NULL;
    else if (!kind || (strcmp(kind, "result") != 0 && (strcmp(kind, "component") != 0 || !name)))
        return failed_again(req, res, &d,
                            req_fail(req, ERR_INVALID, "kind", "Thiếu loại hoặc tên giấy tờ",
                                     "kind (component with its name, or result) is missing"),
                            NULL);
    Upload *file = req_upload(req, "file");
    int has_file = file && file->path;
    if (has_file || !with_action)
        rc = actions_keep_upload(req, file, "file", &doc, &duplicate);
    if (rc == 0)
        rc = actions_attach(req, d.code, has_file || !with_action ? &doc : NULL, kind,
                            name ? name : "Kết quả giải quyết thủ tục hành chính", NULL,
                            with_action ? &ev : NULL);
    if (rc < 0)
        return failed_again(req, res, &d, rc, action);
    res_redirect(res, with_action ? success_location(req, &d, ev.action)
                                  : arena_printf(req->arena, "/ho-so/%s#tai-lieu", d.code));
    return 0;
}

int page_dossier_reuse(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_ACT, &d);
    if (rc < 0 || (rc = form_parse(req)) < 0)
        return rc;
    const char *from = form_get(req, "from"), *sha256 = form_get(req, "sha256"),
               *name = form_get(req, "name");
    Document doc = {.sha256 = sha256};
    if (!from || !sha256 || !name || !*name)
        rc = req_fail(req, ERR_INVALID, "name", "Chọn giấy tờ được dùng lại",
                      "from, sha256 and name are required");
    else
        rc = actions_attach(req, d.code, &doc, "component", name, from, NULL);
    if (rc < 0)
        return failed_again(req, res, &d, rc, NULL);
    res_redirect(res, arena_printf(req->arena, "/ho-so/%s#tai-lieu", d.code));
    return 0;
}

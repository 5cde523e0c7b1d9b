/* dossier.c: GET /ho-so/{code} (one dossier for officers: what was filed, where it stands
 * against its deadline, its history, the printable forms that apply, and exactly the actions
 * the lifecycle allows the caller's role in its state) and POST /ho-so/{code}/thao-tac (one
 * action from those forms, through the same function as the JSON API). Every view of the page
 * is recorded in the access log, as the API's officer view is (DESIGN §6). */
#include "web/pages/pages.h"

#include "core/deadline.h"
#include "util/timefmt.h"
#include "web/actions.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages/forms.h"
#include "web/pages/layout.h"
#include "web/pages/officer.h"

#include <string.h>

enum { HISTORY_MAX_ROWS = 150 };

/* What the page shows, loaded once. */
typedef struct Page {
    Request *req;
    const Dossier *d;
    const Event *evs;
    size_t n_evs;
    const Unit *units;
    size_t n_units;
    const DossierDocument *docs; /* its electronic papers and results */
    size_t n_docs;
    const Payment *pays; /* its payments, each with its e-receipt */
    size_t n_pays;
    const char *posted; /* the action of a post that failed (its form keeps the values) */
    const Err *err;     /* that post's error, or NULL */
} Page;

static const char *unit_name(const Page *pg, const char *code)
{
    for (size_t i = 0; code && i < pg->n_units; i++)
        if (strcmp(pg->units[i].code, code) == 0 && pg->units[i].name)
            return pg->units[i].name;
    return code;
}

/* ---- the facts ---- */

static void kv_text(StrBuf *sb, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    HTML_LIT(sb, "<dt>");
    html_text(sb, label);
    HTML_LIT(sb, "</dt><dd>");
    html_text(sb, value);
    HTML_LIT(sb, "</dd>");
}

static void kv_time(StrBuf *sb, const char *label, int64_t t)
{
    if (!t)
        return;
    HTML_LIT(sb, "<dt>");
    html_text(sb, label);
    HTML_LIT(sb, "</dt><dd>");
    html_datetime_vi(sb, t);
    HTML_LIT(sb, "</dd>");
}

static void render_facts(StrBuf *sb, const Page *pg)
{
    Request *req = pg->req;
    const Dossier *d = pg->d;
    const DossierProjection *p = &d->p;
    const Applicant *ap = &d->applicant;
    HTML_LIT(sb, "<div class=\"grid2\"><section aria-labelledby=\"h-ho-so\">"
                 "<h2 id=\"h-ho-so\">Thông tin hồ sơ</h2><dl class=\"kv\">");
    kv_text(sb, "Mã hồ sơ", d->code);
    HTML_LIT(sb, "<dt>Trạng thái</dt><dd>");
    officer_state_badge(sb, p->state);
    HTML_LIT(sb, "</dd><dt>Thủ tục</dt><dd>");
    html_text(sb, officer_procedure_name(req, d->procedure));
    HTML_LIT(sb, " <span class=\"muted\">(");
    html_text(sb, d->procedure);
    HTML_LIT(sb, ")</span></dd>");
    kv_text(sb, "Hình thức nộp", officer_channel_label(d->channel));
    kv_text(sb, "Đơn vị tiếp nhận", unit_name(pg, d->unit));
    if (p->current_unit && strcmp(p->current_unit, d->unit) != 0)
        kv_text(sb, "Đơn vị đang xử lý", unit_name(pg, p->current_unit));
    kv_text(sb, "Cán bộ xử lý", p->handler);
    kv_time(sb, "Nộp trực tuyến lúc", p->submitted_at);
    kv_time(sb, "Tiếp nhận lúc", p->received_at);
    kv_time(sb, "Hạn giải quyết", p->due_at);
    if (p->appointment_at && p->appointment_at != p->due_at)
        kv_time(sb, "Hẹn trả kết quả", p->appointment_at);
    if (p->apology_late) /* DESIGN §4: later than one working day before the due date */
        kv_text(sb, "Thư xin lỗi", "Gửi muộn: chưa đủ 01 ngày làm việc trước hạn giải quyết");
    int cls = dossier_classify(p, req_now(req));
    if (cls >= 0) {
        HTML_LIT(sb, "<dt>Tiến độ</dt><dd><span");
        html_attr(sb, "class",
                  cls == DEADLINE_LATE || cls == DEADLINE_OVERDUE ? "badge overdue" : "badge ok");
        HTML_LIT(sb, ">");
        html_text(sb, deadline_class_label_vi((DeadlineClass)cls));
        HTML_LIT(sb, "</span></dd>");
    }
    kv_time(sb, "Có kết quả lúc", p->resolved_at);
    kv_text(sb, "Kết quả", lifecycle_outcome_label(p->outcome));
    kv_time(sb, "Trả kết quả lúc", p->returned_at);
    kv_time(sb, "Dừng xử lý lúc", p->stopped_at);
    HTML_LIT(sb, "<dt>Phí, lệ phí</dt><dd>");
    html_num_vi(sb, d->fee);
    HTML_LIT(sb, " đồng");
    if (p->paid_amount) {
        HTML_LIT(sb, " (đã nộp ");
        html_num_vi(sb, p->paid_amount);
        HTML_LIT(sb, " đồng)");
    }
    HTML_LIT(sb, "</dd>");
    kv_text(sb, "Đánh giá", lifecycle_rating_label(p->rating));
    HTML_LIT(sb, "</dl></section>\n<section aria-labelledby=\"h-nguoi-nop\">"
                 "<h2 id=\"h-nguoi-nop\">Người nộp</h2><dl class=\"kv\">");
    kv_text(sb, "Họ và tên", ap->name);
    kv_text(sb, "Số định danh", ap->id_number);
    kv_text(sb, "Điện thoại", ap->phone);
    kv_text(sb, "Địa chỉ", ap->address);
    kv_text(sb, "Thư điện tử", ap->email);
    HTML_LIT(sb, "</dl></section></div>\n");
}

static void render_components(StrBuf *sb, const Page *pg)
{
    HTML_LIT(sb, "<h2>Thành phần hồ sơ</h2>");
    if (pg->d->n_components == 0) {
        HTML_LIT(sb, "<p class=\"muted\">Không ghi nhận thành phần hồ sơ.</p>\n");
        return;
    }
    HTML_LIT(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Giấy tờ</th>"
                 "<th scope=\"col\">Đã số hóa</th></tr></thead><tbody>");
    for (size_t i = 0; i < pg->d->n_components; i++) {
        HTML_LIT(sb, "<tr><td>");
        html_text(sb, pg->d->components[i].name);
        HTML_LIT(sb, "</td><td>");
        if (pg->d->components[i].digitized)
            HTML_LIT(sb, "Có");
        else
            HTML_LIT(sb, "Không");
        HTML_LIT(sb, "</td></tr>");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
}

/* render_documents lists the dossier's files (filed online, scanned, results, reused), each
 * to open: what the clerk checks before receiving an online filing. */
static void render_documents(StrBuf *sb, const Page *pg)
{
    if (!pg->n_docs)
        return;
    HTML_LIT(sb, "<h2>Tài liệu điện tử</h2><div class=\"table-wrap\"><table><thead><tr>"
                 "<th scope=\"col\">Tài liệu</th><th scope=\"col\">Loại</th>"
                 "<th scope=\"col\">Dung lượng (byte)</th><th scope=\"col\">Tệp</th>"
                 "</tr></thead><tbody>");
    for (size_t i = 0; i < pg->n_docs; i++) {
        const DossierDocument *dd = &pg->docs[i];
        HTML_LIT(sb, "<tr><td>");
        html_text(sb, dd->name ? dd->name : "Kết quả giải quyết");
        if (dd->reused_from) {
            HTML_LIT(sb, " <span class=\"muted\">(dùng lại từ hồ sơ ");
            html_text(sb, dd->reused_from);
            HTML_LIT(sb, ")</span>");
        }
        HTML_LIT(sb, "</td><td>");
        html_text(sb, strcmp(dd->kind, "result") == 0 ? "Kết quả" : "Thành phần hồ sơ");
        HTML_LIT(sb, "</td><td>");
        html_num_vi(sb, dd->size);
        HTML_LIT(sb, "</td><td><a");
        html_attr(sb, "href",
                  arena_printf(pg->req->arena, "/api/v1/dossiers/%s/documents/%s", pg->d->code,
                               dd->sha256));
        HTML_LIT(sb, ">Mở tệp</a></td></tr>");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
}

/* ---- printable forms ---- */

static void form_link(StrBuf *sb, const Page *pg, FormKind kind)
{
    char number[4];
    snprintf(number, sizeof number, "%02d", (int)kind);
    HTML_LIT(sb, "<li><a");
    html_url_attr(sb, "href",
                  arena_printf(pg->req->arena, "/dossiers/%s/forms/%s", pg->d->code, number), NULL);
    HTML_LIT(sb, ">Mẫu ");
    html_text(sb, number);
    HTML_LIT(sb, ": ");
    html_text(sb, form_title(kind));
    HTML_LIT(sb, "</a></li>");
}

/* render_forms offers the forms the dossier's actions issued (the action table's printed
 * form; a rejection is a refusal too), the process control sheet, and every e-receipt. */
static void render_forms(StrBuf *sb, const Page *pg)
{
    bool issued[FORM_FEE_RECEIPT + 1] = {0};
    for (size_t i = 0; i < pg->n_evs; i++)
        issued[lifecycle_action(pg->evs[i].action)->form] = true;
    issued[FORM_REFUSAL] |= pg->d->p.outcome && strcmp(pg->d->p.outcome, "rejected") == 0;
    issued[FORM_CONTROL] = true;
    HTML_LIT(sb, "<h2>Phiếu in</h2><ul class=\"forms\">");
    for (int k = FORM_RECEIPT; k < FORM_FEE_RECEIPT; k++)
        if (issued[k])
            form_link(sb, pg, (FormKind)k);
    for (size_t i = 0; i < pg->n_pays; i++) { /* every receipt stays printable */
        HTML_LIT(sb, "<li><a");
        html_url_attr(sb, "href",
                      arena_printf(pg->req->arena, "/dossiers/%s/forms/bien-lai", pg->d->code),
                      "so", pg->pays[i].receipt_no, NULL);
        HTML_LIT(sb, ">");
        html_text(sb, form_title(FORM_FEE_RECEIPT));
        HTML_LIT(sb, " số ");
        html_text(sb, pg->pays[i].receipt_no);
        HTML_LIT(sb, "</a></li>");
    }
    HTML_LIT(sb, "</ul>\n");
}

/* ---- history ---- */

/* render_field writes one given field of ev in words ("Lý do: ..."); 0 when it is not given. */
static int render_field(StrBuf *sb, const Page *pg, const Event *ev, const ActionField *f)
{
    const void *at = (const char *)ev + f->offset;
    const char *text = f->kind == FIELD_LIST || f->kind == FIELD_MONEY || f->kind == FIELD_FLAG ||
                               f->kind == FIELD_INSTANT
                           ? NULL
                           : *(const char *const *)at;
    switch (f->kind) {
    case FIELD_FLAG:
        if (!*(const bool *)at)
            return 0;
        html_text(sb, f->label);
        return 1;
    case FIELD_LIST: {
        const TextList *l = at;
        if (!l->n)
            return 0;
        html_text(sb, f->label);
        HTML_LIT(sb, ": ");
        for (size_t i = 0; i < l->n; i++) {
            if (i)
                HTML_LIT(sb, ", ");
            html_text(sb, l->v[i]);
        }
        return 1;
    }
    case FIELD_MONEY:
    case FIELD_INSTANT: {
        int64_t n = *(const int64_t *)at;
        if (!n)
            return 0;
        html_text(sb, f->label);
        HTML_LIT(sb, ": ");
        if (f->kind == FIELD_INSTANT) {
            html_datetime_vi(sb, n);
        } else {
            html_num_vi(sb, n);
            HTML_LIT(sb, " đồng");
        }
        return 1;
    }
    default:
        if (!text)
            return 0;
        html_text(sb, f->label);
        HTML_LIT(sb, ": ");
        html_text(sb,
                  f->kind == FIELD_UNIT ? unit_name(pg, text) : lifecycle_choice_label(f, text));
        return 1;
    }
}

static void render_history(StrBuf *sb, const Page *pg)
{
    size_t from = pg->n_evs > HISTORY_MAX_ROWS ? pg->n_evs - HISTORY_MAX_ROWS : 0;
    HTML_LIT(sb, "<h2>Quá trình xử lý</h2>");
    if (from)
        HTML_LIT(sb, "<p class=\"muted\">Chỉ hiện các sự kiện gần nhất; xem đủ ở Mẫu 05.</p>");
    HTML_LIT(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Thời gian</th>"
                 "<th scope=\"col\">Thao tác</th><th scope=\"col\">Người thực hiện</th>"
                 "<th scope=\"col\">Chi tiết</th></tr></thead><tbody>");
    for (size_t i = from; i < pg->n_evs; i++) {
        const Event *ev = &pg->evs[i];
        const ActionSpec *spec = lifecycle_action(ev->action);
        HTML_LIT(sb, "<tr><td>");
        html_datetime_vi(sb, ev->at);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, spec->label);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, ev->by);
        HTML_LIT(sb, "</td><td>");
        for (size_t k = 0, shown = 0; k < spec->n_fields; k++) {
            size_t mark = sb->len;
            if (shown)
                HTML_LIT(sb, "; ");
            if (render_field(sb, pg, ev, &spec->fields[k]))
                shown++;
            else
                sb->len = mark;
        }
        HTML_LIT(sb, "</td></tr>");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
}

/* ---- action forms: one per action the lifecycle offers, its fields from the action table ---- */

/* kept: the value the failed post gave field, when this is the form that was posted. */
static const char *kept(const Page *pg, Action a, const char *field)
{
    if (!pg->posted || strcmp(pg->posted, lifecycle_action_name(a)) != 0)
        return NULL;
    return form_get(pg->req, field);
}

static void field_error(StrBuf *sb, const Page *pg, Action a, const char *field)
{
    if (pg->posted && strcmp(pg->posted, lifecycle_action_name(a)) == 0)
        page_field_error(sb, pg->err, field);
}

/* label_for writes the field's label, with its hint in parentheses. */
static void label_for(StrBuf *sb, const char *id, const ActionField *f)
{
    HTML_LIT(sb, "<label");
    html_attr(sb, "for", id);
    HTML_LIT(sb, ">");
    html_text(sb, f->label);
    if (f->hint) {
        HTML_LIT(sb, " (");
        html_text(sb, f->hint);
        HTML_LIT(sb, ")");
    }
    HTML_LIT(sb, "</label>");
}

static int unit_is_valid(const Unit *u, const char *today)
{
    return !u->valid_to || strcmp(u->valid_to, today) >= 0;
}

/* unit_options: every unit in operation, the current one preselected. */
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
    HTML_LIT(sb, "<option value=\"\">— Không chỉ định —</option>");
    User *users = NULL;
    size_t n_users = 0;
    Err ignored;
    Store *s = req_store(req);
    if (s)
        store_user_list(s, req->arena, req->who.unit, &users, &n_users, &ignored);
    for (size_t i = 0; i < pg->n_units; i++) {
        const Unit *u = &pg->units[i];
        int opened = 0;
        for (size_t j = 0; j < n_users; j++) {
            const User *w = &users[j];
            Role r = access_role_parse(w->role);
            if (w->disabled || strcmp(w->unit, u->code) != 0 ||
                (r != ROLE_SPECIALIST && r != ROLE_LEADER && r != ROLE_CLERK))
                continue;
            if (!opened) {
                HTML_LIT(sb, "<optgroup");
                html_attr(sb, "label", u->name);
                HTML_LIT(sb, ">");
                opened = 1;
            }
            html_option(sb, w->name,
                        arena_printf(req->arena, "%s (%s)", w->name, access_role_label(r)),
                        selected);
        }
        if (opened)
            HTML_LIT(sb, "</optgroup>");
    }
}

/* choice_field writes a CHOICE field as radio buttons in a fieldset. */
static void choice_field(StrBuf *sb, const Page *pg, Action a, const ActionField *f)
{
    const char *v = kept(pg, a, f->name);
    HTML_LIT(sb, "<fieldset><legend>");
    html_text(sb, f->label);
    HTML_LIT(sb, "</legend>");
    for (size_t i = 0; f->choices[i]; i++) {
        HTML_LIT(sb, "<label class=\"check\"><input type=\"radio\"");
        html_attr(sb, "id",
                  arena_printf(pg->req->arena, "%s-%s", lifecycle_action_name(a), f->choices[i]));
        html_attr(sb, "name", f->name);
        html_attr(sb, "value", f->choices[i]);
        if (f->required && i == 0)
            HTML_LIT(sb, " required");
        if (v && strcmp(v, f->choices[i]) == 0)
            HTML_LIT(sb, " checked");
        HTML_LIT(sb, "> ");
        html_text(sb, f->choice_labels[i]);
        HTML_LIT(sb, "</label>");
    }
    field_error(sb, pg, a, f->name);
    HTML_LIT(sb, "</fieldset>");
}

/* field_input writes the widget of field f of action a, its kept value and its error. */
static void field_input(StrBuf *sb, const Page *pg, Action a, const ActionField *f)
{
    if (f->kind == FIELD_CHOICE) {
        choice_field(sb, pg, a, f);
        return;
    }
    const char *id = arena_printf(pg->req->arena, "%s-%s", lifecycle_action_name(a), f->name);
    const char *v = kept(pg, a, f->name);
    HTML_LIT(sb, "<div>");
    if (f->kind == FIELD_FLAG) {
        HTML_LIT(sb, "<label class=\"check\"><input type=\"checkbox\" value=\"1\"");
        html_attr(sb, "id", id);
        html_attr(sb, "name", f->name);
        if (v && *v)
            HTML_LIT(sb, " checked");
        HTML_LIT(sb, "> ");
        html_text(sb, f->label);
        HTML_LIT(sb, "</label>");
    } else if (f->kind == FIELD_PARAGRAPH || f->kind == FIELD_LIST) {
        label_for(sb, id, f);
        HTML_LIT(sb, "<textarea rows=\"3\"");
        html_attr(sb, "id", id);
        html_attr(sb, "name", f->name);
        if (f->required)
            HTML_LIT(sb, " required");
        HTML_LIT(sb, ">");
        html_text(sb, v);
        HTML_LIT(sb, "</textarea>");
    } else if (f->kind == FIELD_UNIT || f->kind == FIELD_OFFICER || f->kind == FIELD_COMPONENT) {
        label_for(sb, id, f);
        HTML_LIT(sb, "<select");
        html_attr(sb, "id", id);
        html_attr(sb, "name", f->name);
        HTML_LIT(sb, ">");
        if (f->kind == FIELD_UNIT)
            unit_options(sb, pg, v ? v : pg->d->p.current_unit);
        else if (f->kind == FIELD_OFFICER)
            officer_options(sb, pg, v);
        else {
            HTML_LIT(sb, "<option value=\"\">— Không chọn —</option>");
            for (size_t i = 0; i < pg->d->n_components; i++)
                html_option(sb, pg->d->components[i].name, pg->d->components[i].name, v);
        }
        HTML_LIT(sb, "</select>");
    } else {
        label_for(sb, id, f);
        HTML_LIT(sb, "<input");
        html_attr(sb, "type",
                  f->kind == FIELD_MONEY     ? "number"
                  : f->kind == FIELD_INSTANT ? "datetime-local"
                                             : "text");
        html_attr(sb, "id", id);
        html_attr(sb, "name", f->name);
        if (f->kind == FIELD_MONEY)
            HTML_LIT(sb, " min=\"0\" step=\"1\"");
        if (v)
            html_attr(sb, "value", v);
        if (f->required)
            HTML_LIT(sb, " required");
        HTML_LIT(sb, ">");
    }
    field_error(sb, pg, a, f->name);
    HTML_LIT(sb, "</div>");
}

static void action_form(StrBuf *sb, const Page *pg, Action a)
{
    Request *req = pg->req;
    const ActionSpec *spec = lifecycle_action(a);
    if (spec->n_fields) { /* folded in a <details> that opens without script */
        HTML_LIT(sb, "<details class=\"action\"");
        if (pg->posted && strcmp(pg->posted, spec->name) == 0)
            HTML_LIT(sb, " open");
        HTML_LIT(sb, "><summary>");
        html_text(sb, spec->label);
        HTML_LIT(sb, "</summary>");
    }
    HTML_LIT(sb, "<form method=\"post\" class=\"stack action-form\"");
    html_url_attr(sb, "action", arena_printf(req->arena, "/ho-so/%s/thao-tac", pg->d->code), NULL);
    HTML_LIT(sb, "><fieldset><legend>");
    html_text(sb, spec->label);
    HTML_LIT(sb, "</legend>");
    page_csrf(sb, req);
    HTML_LIT(sb, "<input type=\"hidden\" name=\"action\"");
    html_attr(sb, "value", spec->name);
    HTML_LIT(sb, ">");
    for (size_t i = 0; i < spec->n_fields; i++)
        if (strcmp(spec->fields[i].name, "receipt") != 0) /* the gateway's, not an officer's */
            field_input(sb, pg, a, &spec->fields[i]);
    HTML_LIT(sb, "<div><button type=\"submit\"");
    if (spec->irreversible)
        HTML_LIT(sb, " class=\"danger\"");
    HTML_LIT(sb, ">");
    html_text(sb, spec->label);
    HTML_LIT(sb, "</button></div></fieldset></form>");
    if (spec->n_fields)
        HTML_LIT(sb, "</details>");
    HTML_LIT(sb, "\n");
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
    HTML_LIT(sb, "<h2>Thao tác</h2>\n");
    for (int i = 0; may && i < ACTION_COUNT; i++) {
        if (!lifecycle_offered(req->who.role, pg->d->p.state, (Action)i))
            continue;
        action_form(sb, pg, (Action)i);
        shown++;
    }
    if (!shown)
        HTML_LIT(sb, "<p class=\"muted\">Không có thao tác nào bạn được thực hiện ở trạng thái "
                     "này.</p>\n");
}

/* ---- the page ---- */

/* render loads what the page shows of d, logs the view and sends the page with status. */
static int render(Request *req, Response *res, const Dossier *d, int status, const char *posted,
                  const Err *err)
{
    Store *s = req_store(req);
    if (!s)
        return req->err.code;
    Page pg = {.req = req, .d = d, .posted = posted, .err = err};
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
    pg.evs = evs;
    pg.units = units;
    pg.docs = docs;
    pg.pays = pays;
    if ((rc = actions_log_view(req, d->id, "view")) < 0)
        return rc;
    StrBuf sb;
    sb_init(&sb, 256 * 1024);
    page_begin(&sb, req, arena_printf(req->arena, "Hồ sơ %s", d->code), NULL);
    if (err && err->code)
        page_notice(&sb, err->message, 1);
    render_facts(&sb, &pg);
    render_components(&sb, &pg);
    render_documents(&sb, &pg);
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

int page_dossier(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_READ, &d);
    if (rc < 0)
        return rc;
    return render(req, res, &d, 200, NULL, NULL);
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
    FormKind form = lifecycle_action(a)->form;
    if (form && form != FORM_RECEIPT && form != FORM_FEE_RECEIPT)
        return arena_printf(req->arena, "/dossiers/%s/forms/%02d", d->code, (int)form);
    return arena_printf(req->arena, "/ho-so/%s", d->code);
}

int page_dossier_act(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_ACT, &d);
    if (rc < 0)
        return rc;
    Event ev;
    rc = actions_event_from_form(req, &ev);
    if (rc == 0 && (rc = actions_act(req, d.code, &ev, NULL)) == 0) {
        res_redirect(res, success_location(req, &d, ev.action));
        return 0;
    }
    int status = status_of(rc);
    if (!status)
        return rc;
    Err failed = req->err;
    err_clear(&req->err);
    if ((rc = dossiers_get(req_store(req), req->arena, d.code, &d, &req->err)) < 0)
        return rc;
    return render(req, res, &d, status, form_get(req, "action"), &failed);
}

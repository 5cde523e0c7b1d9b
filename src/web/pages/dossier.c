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
    const StoredEvent *evs;
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

static const char *outcome_label(const char *outcome)
{
    if (outcome && strcmp(outcome, "approved") == 0)
        return "Chấp thuận";
    if (outcome && strcmp(outcome, "rejected") == 0)
        return "Từ chối giải quyết";
    return outcome;
}

static const char *rating_label(const char *level)
{
    if (!level)
        return "";
    if (strcmp(level, "very_satisfied") == 0)
        return "Rất hài lòng";
    if (strcmp(level, "satisfied") == 0)
        return "Hài lòng";
    if (strcmp(level, "dissatisfied") == 0)
        return "Không hài lòng";
    return level;
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

/* classification as dossier_json_render reports it; -1 when none applies. */
static int classification(const Dossier *d, int64_t now)
{
    const DossierProjection *p = &d->p;
    if (!p->due_at)
        return -1;
    if (p->resolved_at)
        return (int)deadline_classify_resolved(p->due_at, p->resolved_at);
    if (p->state == STATE_STOPPED || p->state == STATE_REFUSED)
        return -1;
    if (p->paused_at)
        return DEADLINE_WITHIN;
    return (int)deadline_classify_unfinished(p->due_at, now);
}

static void render_facts(StrBuf *sb, const Page *pg)
{
    Request *req = pg->req;
    const Dossier *d = pg->d;
    const DossierProjection *p = &d->p;
    json_t *ap = json_loads(d->applicant ? d->applicant : "{}", 0, NULL);
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
    int cls = classification(d, req_now(req));
    if (cls >= 0) {
        HTML_LIT(sb, "<dt>Tiến độ</dt><dd><span");
        html_attr(sb, "class",
                  cls == DEADLINE_LATE || cls == DEADLINE_OVERDUE ? "badge overdue" : "badge ok");
        HTML_LIT(sb, ">");
        html_text(sb, deadline_class_label_vi((DeadlineClass)cls));
        HTML_LIT(sb, "</span></dd>");
    }
    kv_time(sb, "Có kết quả lúc", p->resolved_at);
    kv_text(sb, "Kết quả", outcome_label(p->outcome));
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
    kv_text(sb, "Đánh giá", p->rating ? rating_label(p->rating) : NULL);
    HTML_LIT(sb, "</dl></section>\n<section aria-labelledby=\"h-nguoi-nop\">"
                 "<h2 id=\"h-nguoi-nop\">Người nộp</h2><dl class=\"kv\">");
    kv_text(sb, "Họ và tên", json_string_value(json_object_get(ap, "name")));
    kv_text(sb, "Số định danh", json_string_value(json_object_get(ap, "id_number")));
    kv_text(sb, "Điện thoại", json_string_value(json_object_get(ap, "phone")));
    kv_text(sb, "Địa chỉ", json_string_value(json_object_get(ap, "address")));
    kv_text(sb, "Thư điện tử", json_string_value(json_object_get(ap, "email")));
    HTML_LIT(sb, "</dl></section></div>\n");
    json_decref(ap);
}

static void render_components(StrBuf *sb, const Page *pg)
{
    json_t *cs = json_loads(pg->d->components ? pg->d->components : "[]", 0, NULL);
    size_t i;
    json_t *c;
    HTML_LIT(sb, "<h2>Thành phần hồ sơ</h2>");
    if (json_array_size(cs) == 0) {
        HTML_LIT(sb, "<p class=\"muted\">Không ghi nhận thành phần hồ sơ.</p>\n");
        json_decref(cs);
        return;
    }
    HTML_LIT(sb, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Giấy tờ</th>"
                 "<th scope=\"col\">Đã số hóa</th></tr></thead><tbody>");
    json_array_foreach(cs, i, c)
    {
        HTML_LIT(sb, "<tr><td>");
        html_text(sb, json_string_value(json_object_get(c, "name")));
        HTML_LIT(sb, "</td><td>");
        if (json_is_true(json_object_get(c, "digitized")))
            HTML_LIT(sb, "Có");
        else
            HTML_LIT(sb, "Không");
        HTML_LIT(sb, "</td></tr>");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
    json_decref(cs);
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

static int has_event(const Page *pg, const char *action)
{
    for (size_t i = 0; i < pg->n_evs; i++)
        if (strcmp(pg->evs[i].action, action) == 0)
            return 1;
    return 0;
}

static void form_link(StrBuf *sb, const Page *pg, FormKind kind, const char *number)
{
    HTML_LIT(sb, "<li><a");
    html_url_attr(sb, "href",
                  arena_printf(pg->req->arena, "/dossiers/%s/forms/%s", pg->d->code, number), NULL);
    HTML_LIT(sb, ">Mẫu ");
    html_text(sb, number);
    HTML_LIT(sb, ": ");
    html_text(sb, form_title(kind));
    HTML_LIT(sb, "</a></li>");
}

static void render_forms(StrBuf *sb, const Page *pg)
{
    const DossierProjection *p = &pg->d->p;
    HTML_LIT(sb, "<h2>Phiếu in</h2><ul class=\"forms\">");
    if (p->received_at)
        form_link(sb, pg, FORM_RECEIPT, "01");
    if (has_event(pg, "request_supplement"))
        form_link(sb, pg, FORM_SUPPLEMENT, "02");
    if (has_event(pg, "refuse") || has_event(pg, "stop") ||
        (p->outcome && strcmp(p->outcome, "rejected") == 0))
        form_link(sb, pg, FORM_REFUSAL, "03");
    if (p->apologies > 0)
        form_link(sb, pg, FORM_APOLOGY, "04");
    form_link(sb, pg, FORM_CONTROL, "05");
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

static void detail(StrBuf *sb, int *first, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    if (!*first)
        HTML_LIT(sb, "; ");
    *first = 0;
    html_text(sb, label);
    html_text(sb, value);
}

/* render_payload writes an event's own fields in words. */
static void render_payload(StrBuf *sb, const Page *pg, const StoredEvent *ev)
{
    json_t *o = json_loads(ev->payload ? ev->payload : "{}", 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return;
    }
    int first = 1;
    const char *to = json_string_value(json_object_get(o, "to"));
    detail(sb, &first, "Chuyển đến: ", to ? unit_name(pg, to) : NULL);
    detail(sb, &first, "Người xử lý: ", json_string_value(json_object_get(o, "handler")));
    detail(sb, &first,
           "Kết quả: ", outcome_label(json_string_value(json_object_get(o, "outcome"))));
    detail(sb, &first, "Lý do: ", json_string_value(json_object_get(o, "reason")));
    json_t *items = json_object_get(o, "items");
    if (json_array_size(items) > 0) {
        if (!first)
            HTML_LIT(sb, "; ");
        first = 0;
        HTML_LIT(sb, "Giấy tờ cần bổ sung: ");
        size_t i;
        json_t *v;
        json_array_foreach(items, i, v)
        {
            if (i)
                HTML_LIT(sb, ", ");
            html_text(sb, json_string_value(v));
        }
    }
    json_t *amount = json_object_get(o, "amount");
    if (json_is_integer(amount)) {
        if (!first)
            HTML_LIT(sb, "; ");
        first = 0;
        HTML_LIT(sb, "Số tiền: ");
        html_num_vi(sb, json_integer_value(amount));
        HTML_LIT(sb, " đồng");
    }
    if (json_is_true(json_object_get(o, "online")))
        detail(sb, &first, "", "nộp trực tuyến");
    const char *appt = json_string_value(json_object_get(o, "new_appointment"));
    int64_t t;
    Err ignored;
    if (appt && timefmt_parse_instant(appt, strlen(appt), &ignored, &t) == 0) {
        if (!first)
            HTML_LIT(sb, "; ");
        first = 0;
        HTML_LIT(sb, "Hẹn trả mới: ");
        html_datetime_vi(sb, t);
    }
    detail(sb, &first, "Thành phần: ", json_string_value(json_object_get(o, "component")));
    if (json_is_true(json_object_get(o, "result")))
        detail(sb, &first, "", "kết quả giải quyết");
    if (json_is_true(json_object_get(o, "result_digitized")))
        detail(sb, &first, "", "kết quả điện tử");
    detail(sb, &first, "Mức: ",
           json_object_get(o, "level")
               ? rating_label(json_string_value(json_object_get(o, "level")))
               : NULL);
    detail(sb, &first, "Biên lai: ", json_string_value(json_object_get(o, "receipt")));
    detail(sb, &first, "", json_string_value(json_object_get(o, "note")));
    detail(sb, &first, "", json_string_value(json_object_get(o, "comment")));
    detail(sb, &first, "", json_string_value(json_object_get(o, "text")));
    json_decref(o);
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
        const StoredEvent *ev = &pg->evs[i];
        int a = lifecycle_action_parse(ev->action);
        HTML_LIT(sb, "<tr><td>");
        html_datetime_vi(sb, ev->at);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, a >= 0 ? lifecycle_action_label((Action)a) : ev->action);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, ev->by);
        HTML_LIT(sb, "</td><td>");
        render_payload(sb, pg, ev);
        HTML_LIT(sb, "</td></tr>");
    }
    HTML_LIT(sb, "</tbody></table></div>\n");
}

/* ---- action forms ---- */

/* kept: the value the failed post gave field, when this is the form that was posted. */
static const char *kept(const Page *pg, Action a, const char *field)
{
    if (!pg->posted || strcmp(pg->posted, lifecycle_action_name(a)) != 0)
        return NULL;
    return form_get(pg->req, field);
}

static const char *field_id(const Page *pg, Action a, const char *field)
{
    return arena_printf(pg->req->arena, "%s-%s", lifecycle_action_name(a), field);
}

static void field_error(StrBuf *sb, const Page *pg, Action a, const char *field)
{
    if (pg->posted && strcmp(pg->posted, lifecycle_action_name(a)) == 0)
        page_field_error(sb, pg->err, field);
}

static void label_for(StrBuf *sb, const char *id, const char *label)
{
    HTML_LIT(sb, "<label");
    html_attr(sb, "for", id);
    HTML_LIT(sb, ">");
    html_text(sb, label);
    HTML_LIT(sb, "</label>");
}

static void input(StrBuf *sb, const Page *pg, Action a, const char *field, const char *type,
                  const char *label, int required)
{
    const char *id = field_id(pg, a, field), *v = kept(pg, a, field);
    HTML_LIT(sb, "<div>");
    label_for(sb, id, label);
    HTML_LIT(sb, "<input");
    html_attr(sb, "type", type);
    html_attr(sb, "id", id);
    html_attr(sb, "name", field);
    if (strcmp(type, "number") == 0)
        HTML_LIT(sb, " min=\"0\" step=\"1\"");
    if (v)
        html_attr(sb, "value", v);
    if (required)
        HTML_LIT(sb, " required");
    HTML_LIT(sb, ">");
    field_error(sb, pg, a, field);
    HTML_LIT(sb, "</div>");
}

static void textarea(StrBuf *sb, const Page *pg, Action a, const char *field, const char *label,
                     int required)
{
    const char *id = field_id(pg, a, field), *v = kept(pg, a, field);
    HTML_LIT(sb, "<div>");
    label_for(sb, id, label);
    HTML_LIT(sb, "<textarea rows=\"3\"");
    html_attr(sb, "id", id);
    html_attr(sb, "name", field);
    if (required)
        HTML_LIT(sb, " required");
    HTML_LIT(sb, ">");
    html_text(sb, v);
    HTML_LIT(sb, "</textarea>");
    field_error(sb, pg, a, field);
    HTML_LIT(sb, "</div>");
}

static void checkbox(StrBuf *sb, const Page *pg, Action a, const char *field, const char *label)
{
    const char *id = field_id(pg, a, field), *v = kept(pg, a, field);
    HTML_LIT(sb, "<div><label class=\"check\"><input type=\"checkbox\" value=\"1\"");
    html_attr(sb, "id", id);
    html_attr(sb, "name", field);
    if (v && *v)
        HTML_LIT(sb, " checked");
    HTML_LIT(sb, "> ");
    html_text(sb, label);
    HTML_LIT(sb, "</label>");
    field_error(sb, pg, a, field);
    HTML_LIT(sb, "</div>");
}

static int unit_is_valid(const Unit *u, const char *today)
{
    return !u->valid_to || strcmp(u->valid_to, today) >= 0;
}

/* transfer_fields: the unit (every unit in operation; the current one preselected) and the
 * officer (those of the caller's unit and below, grouped by unit). */
static void transfer_fields(StrBuf *sb, const Page *pg)
{
    Request *req = pg->req;
    const char *to = kept(pg, ACTION_TRANSFER, "to"),
               *handler = kept(pg, ACTION_TRANSFER, "handler");
    if (!to)
        to = pg->d->p.current_unit;
    char today[TIMEFMT_DATE_SIZE];
    timefmt_format_date(timefmt_local_day(req_now(req)), today, sizeof today);
    HTML_LIT(sb, "<div><label for=\"transfer-to\">Chuyển đến đơn vị</label>"
                 "<select id=\"transfer-to\" name=\"to\">");
    for (size_t i = 0; i < pg->n_units; i++) {
        const Unit *u = &pg->units[i];
        if (!unit_is_valid(u, today))
            continue;
        html_option(sb, u->code, u->name, to);
    }
    HTML_LIT(sb, "</select>");
    field_error(sb, pg, ACTION_TRANSFER, "to");
    HTML_LIT(sb, "</div><div><label for=\"transfer-handler\">Cán bộ xử lý</label>"
                 "<select id=\"transfer-handler\" name=\"handler\">"
                 "<option value=\"\">— Không chỉ định —</option>");
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
            HTML_LIT(sb, "<option");
            html_attr(sb, "value", w->name);
            if (handler && strcmp(handler, w->name) == 0)
                HTML_LIT(sb, " selected");
            HTML_LIT(sb, ">");
            html_text(sb, w->name);
            HTML_LIT(sb, " (");
            html_text(sb, access_role_label(r));
            HTML_LIT(sb, ")</option>");
        }
        if (opened)
            HTML_LIT(sb, "</optgroup>");
    }
    HTML_LIT(sb, "</select>");
    field_error(sb, pg, ACTION_TRANSFER, "handler");
    HTML_LIT(sb, "</div>");
}

static void resolve_fields(StrBuf *sb, const Page *pg)
{
    const char *o = kept(pg, ACTION_RESOLVE, "outcome");
    HTML_LIT(sb, "<fieldset><legend>Kết quả giải quyết</legend>"
                 "<label class=\"check\"><input type=\"radio\" id=\"resolve-approved\" "
                 "name=\"outcome\" value=\"approved\" required");
    if (o && strcmp(o, "approved") == 0)
        HTML_LIT(sb, " checked");
    HTML_LIT(sb, "> Chấp thuận (cấp kết quả)</label><label class=\"check\"><input type=\"radio\" "
                 "id=\"resolve-rejected\" name=\"outcome\" value=\"rejected\"");
    if (o && strcmp(o, "rejected") == 0)
        HTML_LIT(sb, " checked");
    HTML_LIT(sb, "> Từ chối giải quyết (nêu lý do)</label>");
    field_error(sb, pg, ACTION_RESOLVE, "outcome");
    HTML_LIT(sb, "</fieldset>");
    textarea(sb, pg, ACTION_RESOLVE, "reason", "Lý do (bắt buộc khi từ chối)", 0);
    checkbox(sb, pg, ACTION_RESOLVE, "result_digitized", "Kết quả điện tử (đã số hóa kết quả)");
}

static void digitize_fields(StrBuf *sb, const Page *pg)
{
    const char *v = kept(pg, ACTION_DIGITIZE, "component");
    json_t *cs = json_loads(pg->d->components ? pg->d->components : "[]", 0, NULL);
    size_t i;
    json_t *c;
    HTML_LIT(sb, "<div><label for=\"digitize-component\">Thành phần hồ sơ đã số hóa</label>"
                 "<select id=\"digitize-component\" name=\"component\">"
                 "<option value=\"\">— Không chọn —</option>");
    json_array_foreach(cs, i, c)
    {
        const char *name = json_string_value(json_object_get(c, "name"));
        if (!name)
            continue;
        html_option(sb, name, name, v);
    }
    json_decref(cs);
    HTML_LIT(sb, "</select>");
    field_error(sb, pg, ACTION_DIGITIZE, "component");
    HTML_LIT(sb, "</div>");
    checkbox(sb, pg, ACTION_DIGITIZE, "result", "Kết quả giải quyết đã được số hóa");
}

/* has_fields: actions whose form asks for more than the button (shown folded, in a
 * <details> that opens without script). */
static int has_fields(Action a)
{
    return a != ACTION_RECEIVE && a != ACTION_SUPPLEMENT && a != ACTION_RETURN;
}

static void action_form(StrBuf *sb, const Page *pg, Action a)
{
    Request *req = pg->req;
    if (has_fields(a)) {
        HTML_LIT(sb, "<details class=\"action\"");
        if (pg->posted && strcmp(pg->posted, lifecycle_action_name(a)) == 0)
            HTML_LIT(sb, " open");
        HTML_LIT(sb, "><summary>");
        html_text(sb, lifecycle_action_label(a));
        HTML_LIT(sb, "</summary>");
    }
    HTML_LIT(sb, "<form method=\"post\" class=\"stack action-form\"");
    html_url_attr(sb, "action", arena_printf(req->arena, "/ho-so/%s/thao-tac", pg->d->code), NULL);
    HTML_LIT(sb, "><fieldset><legend>");
    html_text(sb, lifecycle_action_label(a));
    HTML_LIT(sb, "</legend>");
    page_csrf(sb, req);
    HTML_LIT(sb, "<input type=\"hidden\" name=\"action\"");
    html_attr(sb, "value", lifecycle_action_name(a));
    HTML_LIT(sb, ">");
    switch (a) {
    case ACTION_TRANSFER: transfer_fields(sb, pg); break;
    case ACTION_REQUEST_SUPPLEMENT:
        textarea(sb, pg, a, "items", "Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)", 1);
        textarea(sb, pg, a, "reason", "Lý do", 0);
        break;
    case ACTION_REQUEST_PAYMENT:
        input(sb, pg, a, "amount", "number", "Số tiền (đồng)", 0);
        textarea(sb, pg, a, "reason", "Nội dung nghĩa vụ tài chính", 0);
        break;
    case ACTION_PAY:
        input(sb, pg, a, "amount", "number", "Số tiền đã nộp (đồng)", 1);
        checkbox(sb, pg, a, "online", "Thanh toán trực tuyến");
        break;
    case ACTION_RESOLVE: resolve_fields(sb, pg); break;
    case ACTION_APOLOGIZE:
        textarea(sb, pg, a, "reason", "Lý do chậm trả kết quả", 1);
        input(sb, pg, a, "new_appointment", "datetime-local", "Ngày giờ hẹn trả mới", 1);
        break;
    case ACTION_REFUSE: textarea(sb, pg, a, "reason", "Lý do từ chối", 1); break;
    case ACTION_STOP: textarea(sb, pg, a, "reason", "Lý do dừng xử lý", 0); break;
    case ACTION_REQUEST_WITHDRAWAL: textarea(sb, pg, a, "reason", "Lý do rút hồ sơ", 0); break;
    case ACTION_COMMENT: textarea(sb, pg, a, "text", "Nội dung ghi chú", 1); break;
    case ACTION_DIGITIZE: digitize_fields(sb, pg); break;
    default: break; /* receive, supplement, return: the button is all */
    }
    HTML_LIT(sb, "<div><button type=\"submit\"");
    if (a == ACTION_REFUSE || a == ACTION_STOP)
        HTML_LIT(sb, " class=\"danger\"");
    HTML_LIT(sb, ">");
    html_text(sb, lifecycle_action_label(a));
    HTML_LIT(sb, "</button></div></fieldset></form>");
    if (has_fields(a))
        HTML_LIT(sb, "</details>");
    HTML_LIT(sb, "\n");
}

/* render_actions: exactly what the lifecycle allows this role in this state, when the caller
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
        Action a = (Action)i;
        State to;
        if (a == ACTION_SUBMIT || a == ACTION_RATE || lifecycle_next(pg->d->p.state, a, &to) < 0 ||
            !lifecycle_role_may(req->who.role, a))
            continue;
        action_form(sb, pg, a);
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
    StoredEvent *evs;
    Unit *units;
    int rc;
    Err e;
    DossierDocument *docs;
    Payment *pays;
    if ((rc = store_event_list(s, req->arena, d->id, &evs, &pg.n_evs, &e)) < 0 ||
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
    if ((rc = store_dossier_get(s, req->arena, req->params[0], out, &req->err)) < 0)
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
    const char *form = a == ACTION_REFUSE               ? "03"
                       : a == ACTION_REQUEST_SUPPLEMENT ? "02"
                       : a == ACTION_APOLOGIZE          ? "04"
                                                        : NULL;
    if (form)
        return arena_printf(req->arena, "/dossiers/%s/forms/%s", d->code, form);
    return arena_printf(req->arena, "/ho-so/%s", d->code);
}

int page_dossier_act(Request *req, Response *res)
{
    Dossier d;
    int rc = load(req, PERM_DOSSIER_ACT, &d);
    if (rc < 0)
        return rc;
    DossierEvent ev;
    const char *payload;
    rc = actions_event_from_form(req, &ev, &payload);
    if (rc == 0 && (rc = actions_act(req, d.code, &ev, payload, NULL)) == 0) {
        res_redirect(res, success_location(req, &d, ev.action));
        return 0;
    }
    int status = status_of(rc);
    if (!status)
        return rc;
    Err failed = req->err;
    err_clear(&req->err);
    if ((rc = store_dossier_get(req_store(req), req->arena, d.code, &d, &req->err)) < 0)
        return rc;
    return render(req, res, &d, status, form_get(req, "action"), &failed);
}

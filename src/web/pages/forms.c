/* forms.c: the printable forms' entry points and the parts every form is made of (see forms.h
 * and forms_int.h): the check of what a form records before anything is written, the page
 * frame (print button, form number, national heading, title), labelled lines, Vietnamese
 * times, officers by their full names, and the signature blocks. The numbers, titles and
 * paper come from the set of the dossier's circular (core/formset.c). */
#include "web/pages/forms_int.h"

#include "core/vntext.h"
#include "io/html.h"
#include "io/qr.h"
#include "util/timefmt.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- values ---- */

const char *forms_or_dots(const char *s)
{
    return s && *s ? s : FORMS_DOTS;
}

const char *forms_time(Form *f, int64_t t)
{
    if (!t)
        return "…… giờ …… phút, ngày ……";
    int32_t second = timefmt_local_second(t);
    return arena_printf(f->a, "%02d giờ %02d phút, ngày %s", second / 3600, second / 60 % 60,
                        html_date(f->a, timefmt_local_day(t)));
}

const char *forms_date(Form *f, int64_t t)
{
    return t ? html_date(f->a, timefmt_local_day(t)) : FORMS_DOTS;
}

const FormPerson *forms_person(Form *f, const char *login)
{
    if (!login)
        return NULL;
    for (size_t i = 0; i < f->fd->n_people; i++)
        if (f->fd->people[i].login && strcmp(f->fd->people[i].login, login) == 0)
            return &f->fd->people[i];
    FormPerson *p = arena_array(f->a, 1, sizeof *p);
    p->login = login;
    return p;
}

const char *forms_name(const FormPerson *p)
{
    return !p ? NULL : p->full_name && *p->full_name ? p->full_name : p->login;
}

const char *forms_unit(const FormData *fd, const char *code)
{
    for (size_t i = 0; code && i < fd->n_units; i++)
        if (fd->units[i].code && strcmp(fd->units[i].code, code) == 0 && fd->units[i].name)
            return fd->units[i].name;
    return code;
}

const char *forms_limit(Form *f)
{
    int value = f->d->limit_value;
    const char *unit = f->d->limit_unit;
    if (!unit && f->fd->procedure) {
        value = f->fd->procedure->limit_value;
        unit = f->fd->procedure->limit_unit;
    }
    if (!unit)
        return NULL;
    return arena_printf(f->a, "%d %s", value,
                        strcmp(unit, "hours") == 0           ? "giờ làm việc"
                        : strcmp(unit, "calendar_days") == 0 ? "ngày"
                                                             : "ngày làm việc");
}

/* ---- parts ---- */

void forms_line(Form *f, const char *label, const char *value)
{
    html(f->sb, "<div>%s: %s</div>\n", label, forms_or_dots(value));
}

void forms_code(Form *f)
{
    html(f->sb, "<div>Mã hồ sơ: <strong class=\"dossier-code\">%s</strong></div>\n",
         forms_or_dots(f->d->code));
}

void forms_received(Form *f, const char *whom)
{
    forms_code(f);
    html(f->sb, "<div>%s tiếp nhận hồ sơ của%s: <strong class=\"applicant\">%s</strong></div>\n",
         forms_or_dots(f->fd->unit_name), whom, forms_or_dots(f->ap->name));
}

void forms_applicant(Form *f)
{
    forms_line(f, "Địa chỉ", f->ap->address);
    html(f->sb, "<div>Số điện thoại: %s; Email: %s</div>\n", forms_or_dots(f->ap->phone),
         forms_or_dots(f->ap->email));
}

void forms_contact(Form *f, const char *why, const FormPerson *p)
{
    html(f->sb, "<div>%s Ông/Bà liên hệ với %s, số điện thoại %s để được hướng dẫn.</div>\n", why,
         forms_or_dots(forms_name(p)), forms_or_dots(p ? p->phone : NULL));
}

/* sign_cell appends one signature block: the heading in bold capitals, the hint in italics,
 * room for the signature (with stamp, the digital signature's mark: forms_verify_qr), then
 * the name in bold and, below it, the title unless the heading already is the title. */
static void sign_cell(Form *f, const char *heading, const char *hint, const char *name,
                      const char *title, bool stamp)
{
    html(f->sb, "<td class=\"form-signer\">");
    if (heading) {
        html(f->sb, "<strong>%s</strong><br><em>%s</em>", heading, hint);
        if (stamp) {
            html(f->sb, "<div class=\"form-sign-room form-stamp\">");
            forms_verify_qr(f);
            html(f->sb, "</div>");
            f->stamped = true;
        } else {
            html(f->sb, "<div class=\"form-sign-room\"></div>");
        }
        if (name && *name)
            html(f->sb, "<strong class=\"signer\">%s</strong>", name);
        if (title && *title)
            html(f->sb, "<br><em class=\"signer-title\">%s</em>", title);
    }
    html(f->sb, "</td>");
}

void forms_sign(Form *f, const char *left, const char *left_name, const char *right,
                const char *right_hint, const FormPerson *p, bool right_is_title)
{
    const char *title = p ? p->title : NULL;
    if (right_is_title && title && *title) {
        right = vntext_upper(f->a, title, strlen(title));
        title = NULL;
    }
    html(f->sb, "<table class=\"form-sign\"><tr>");
    sign_cell(f, left, "(Ký và ghi rõ họ tên)", left_name, NULL, false);
    sign_cell(f, right, right_hint, forms_name(p), title, f->fd->verify_url != NULL);
    html(f->sb, "</tr></table>\n");
}

const FormPerson *forms_signer(Form *f)
{
    return f->ev ? forms_person(f, f->ev->by) : f->fd->officer;
}

/* corner returns the form number of the top corner: "Mẫu số 05"; for a ledger whose rows
 * span both sets, both numbers; NULL for the fee receipt. */
static const char *corner(Form *f)
{
    if (f->spec->kind == FORM_LEDGER) {
        bool seen[FORM_BASIS_COUNT] = {0};
        for (size_t i = 0; i < f->fd->n_ledger; i++)
            seen[formset_basis(&f->fd->ledger[i], NULL, 0)] = true;
        if (seen[FORM_BASIS_TT01_2018] && seen[FORM_BASIS_TT03_2025])
            return arena_printf(f->a, "Mẫu số %02d và %02d",
                                formset_form(FORM_BASIS_TT01_2018, FORM_LEDGER)->number,
                                formset_form(FORM_BASIS_TT03_2025, FORM_LEDGER)->number);
    }
    return f->spec->number ? arena_printf(f->a, "Mẫu số %02d", f->spec->number) : NULL;
}

/* page_begin appends the page head, the print button, the form number in the top corner,
 * the national heading and the title in bold capitals. */
static void page_begin(Form *f)
{
    const FormData *fd = f->fd;
    const char *title = f->d && f->d->code
                            ? arena_printf(f->a, "%s – %s", f->spec->title, f->d->code)
                            : f->spec->title;
    html_print_begin(f->sb, title, f->spec->landscape ? HTML_PAPER_A4_LANDSCAPE : HTML_PAPER_A5);
    html(f->sb, "<div class=\"no-print\" style=\"text-align: right; margin-bottom: 3mm\">"
                "<button type=\"button\" onclick=\"window.print()\">In</button></div>\n");
    const char *number = corner(f);
    if (number)
        html(f->sb,
             "<div class=\"form-no\" style=\"text-align: right; font-size: 10pt\">"
             "<strong>%s</strong></div>\n",
             number);
    HtmlHeading h = {
        .parent_agency = fd->parent_unit_name,
        .agency = forms_or_dots(fd->unit_name),
        .place = fd->place,
        .day = fd->now ? timefmt_local_day(fd->now) : INT32_MIN, /* INT32_MIN: blank date */
    };
    html_national_heading(f->sb, &h);
    html(f->sb, "<h1 class=\"form-title\">%s</h1>\n", f->spec->heading);
}

/* ---- the event a form records ---- */

/* last_event returns the latest event of fd whose action is a, or NULL. */
static const Event *last_event(const FormData *fd, Action a)
{
    for (size_t i = fd->n_events; i-- > 0;)
        if (fd->events[i].action == a)
            return &fd->events[i];
    return NULL;
}

/* rejecting: ev rejected the dossier's request: a resolve, or a proposal the leader approved
 * (the dossier's outcome is then the proposal's), with the outcome "rejected". */
static bool rejecting(const FormData *fd, const Event *ev)
{
    const char *outcome = fd->dossier ? fd->dossier->p.outcome : NULL;
    return ev->outcome && strcmp(ev->outcome, "rejected") == 0 &&
           (ev->action == ACTION_RESOLVE ||
            (ev->action == ACTION_PROPOSE && outcome && strcmp(outcome, "rejected") == 0));
}

/* last_issuing returns the latest event of fd whose action prints form kind (the action
 * table's form: a supplement request or a guidance at the counter for the supplement form, a
 * refusal for the refusal form, ...); a rejection prints the refusal form too, and with stops
 * (Circular 01/2018 notified a stop on its refusal form) so does a stop. NULL if none. */
static const Event *last_issuing(const FormData *fd, FormKind kind, bool stops)
{
    for (size_t i = fd->n_events; i-- > 0;) {
        const Event *ev = &fd->events[i];
        if (lifecycle_action(ev->action)->form == kind ||
            (kind == FORM_REFUSAL && (rejecting(fd, ev) || (stops && ev->action == ACTION_STOP))))
            return ev;
    }
    return NULL;
}

/* check finds the event f's form records and returns 0, or fills e and returns the error of
 * a dossier that lacks it (see form_render). */
static int check(Form *f, Err *e)
{
    const FormData *fd = f->fd;
    switch (f->spec->kind) {
    case FORM_RECEIPT:
        f->ev = last_event(fd, ACTION_RECEIVE);
        if (!f->d->p.received_at)
            return err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa được tiếp nhận",
                           "the dossier has not been received");
        break;
    case FORM_SUPPLEMENT:
        if (!(f->ev = last_issuing(fd, FORM_SUPPLEMENT, false)))
            return err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa có yêu cầu bổ sung",
                           "the dossier has no supplement request");
        break;
    case FORM_REFUSAL:
        if (!(f->ev = last_issuing(fd, FORM_REFUSAL, !formset_form(f->basis, FORM_STOP_NOTICE))))
            return err_set(e, ERR_SEMANTIC, "form",
                           "Hồ sơ không bị từ chối tiếp nhận hay giải quyết",
                           "the dossier was not refused or rejected");
        break;
    case FORM_APOLOGY:
        if (!(f->ev = last_issuing(fd, FORM_APOLOGY, false)))
            return err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa có thư xin lỗi",
                           "the dossier has no apology");
        break;
    case FORM_STOP_NOTICE:
        if (!(f->ev = last_issuing(fd, FORM_STOP_NOTICE, false)))
            return err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa bị dừng giải quyết",
                           "the dossier has not been stopped");
        break;
    case FORM_FEE_RECEIPT:
        if (!fd->payment)
            return err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa nộp phí, lệ phí",
                           "the dossier has no payment");
        break;
    default: break;
    }
    if (f->spec->kind == FORM_RECEIPT && fd->lookup_url && *fd->lookup_url) {
        StrBuf trial; /* qr_svg fails only on its input: try it aside first */
        sb_init(&trial, 0);
        int rc = qr_svg(&trial, fd->lookup_url, FORMS_QR_MODULE_PX, e);
        sb_free(&trial);
        return rc;
    }
    return 0;
}

void forms_verify_qr(Form *f)
{
    if (!f->fd->verify_url)
        return;
    Err ignored; /* setup() tried the URL */
    qr_svg(f->sb, f->fd->verify_url, FORMS_QR_MODULE_PX, &ignored);
    html(f->sb,
         "<div><em>Đã ký số: <span class=\"signed-by\">%s</span>. Quét mã để <a "
         "class=\"verify-url\" href=\"%s\">xác thực</a></em></div>",
         forms_or_dots(f->fd->signed_by), f->fd->verify_url);
}

/* ---- entry points ---- */

/* setup starts f for form kind of fd and runs check(): 0, or the error of form_render. */
static int setup(Form *f, StrBuf *sb, FormBasis basis, FormKind kind, const FormData *fd, Err *e)
{
    const FormSpec *spec = basis < FORM_BASIS_COUNT ? formset_form(basis, kind) : NULL;
    if (!fd || kind <= FORM_NONE || kind >= FORM_KIND_COUNT || basis >= FORM_BASIS_COUNT)
        return err_set(e, ERR_INVALID, "form", "Mẫu phiếu không hợp lệ", "unknown form");
    if (!spec)
        return err_setf(e, ERR_NOT_FOUND, "form", "%s không có mẫu phiếu này",
                        "%s has no such form", formset_of(basis)->name);
    if (kind != FORM_LEDGER && !fd->dossier)
        return err_set(e, ERR_INVALID, "form", "Thiếu hồ sơ để in phiếu",
                       "the form needs a dossier");
    *f = (Form){.sb = sb, .fd = fd, .basis = basis, .spec = spec, .a = arena_new()};
    if (kind != FORM_LEDGER) {
        f->d = fd->dossier;
        f->ap = &f->d->applicant;
        f->procedure_name =
            fd->procedure && fd->procedure->name ? fd->procedure->name : f->d->procedure;
        if (fd->group_name)
            f->procedure_name = fd->group_name;
    }
    int rc = check(f, e); /* everything that can fail, before anything is appended */
    if (rc == 0 && fd->verify_url) {
        StrBuf trial;
        sb_init(&trial, 0);
        rc = qr_svg(&trial, fd->verify_url, FORMS_QR_MODULE_PX, e);
        sb_free(&trial);
    }
    if (rc < 0)
        arena_free(f->a);
    return rc;
}

/* instant is t in ISO 8601 (Vietnam time), or JSON null for 0. */
static json_t *instant(int64_t t)
{
    char buf[TIMEFMT_INSTANT_SIZE];
    return t && timefmt_format_instant(t, buf, sizeof buf) > 0 ? json_string(buf) : json_null();
}

static json_t *event_json(const Event *ev)
{
    return json_pack("{s:s?, s:s, s:o, s:s?}", "id", ev->id, "action",
                     lifecycle_action_name(ev->action), "at", instant(ev->at), "by", ev->by);
}

int form_content(Arena *a, FormBasis basis, FormKind kind, const FormData *fd,
                 const char **out_what, const char **out, Err *e)
{
    if (kind == FORM_LEDGER)
        return err_set(e, ERR_INVALID, "form", "Sổ theo dõi không được ký theo từng hồ sơ",
                       "the ledger is not signed per dossier");
    Form f;
    int rc = setup(&f, NULL, basis, kind, fd, e);
    if (rc < 0)
        return rc;
    const DossierProjection *p = &f.d->p;
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o, s:o, s:o}", "form",
                          form_number(basis, kind), "title", f.spec->title, "basis",
                          formset_of(basis)->name, "dossier", f.d->code, "unit", f.d->unit,
                          "unit_name", fd->unit_name, "applicant", f.ap->name, "procedure",
                          f.procedure_name, "received_at", instant(p->received_at), "due_at",
                          instant(p->due_at), "appointment_at", instant(p->appointment_at));
    if (f.ev)
        json_object_set_new(o, "event", event_json(f.ev));
    if (kind == FORM_CONTROL) {
        json_t *evs = json_array();
        for (size_t i = 0; i < fd->n_events; i++)
            json_array_append_new(evs, event_json(&fd->events[i]));
        json_object_set_new(o, "events", evs);
    }
    const char *what = arena_printf(a, "form-%s", form_number(basis, kind));
    if (kind == FORM_FEE_RECEIPT) {
        json_object_set_new(o, "payment",
                            json_pack("{s:s?, s:I, s:o, s:b}", "receipt", fd->payment->receipt_no,
                                      "amount", (json_int_t)fd->payment->amount, "paid_at",
                                      instant(fd->payment->paid_at), "online",
                                      fd->payment->online));
        what =
            arena_printf(a, "receipt-%s", fd->payment->receipt_no ? fd->payment->receipt_no : "");
    }
    char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    *out = arena_strdup(a, text);
    *out_what = what;
    free(text);
    arena_free(f.a);
    return 0;
}

int form_render(StrBuf *sb, FormBasis basis, FormKind kind, const FormData *fd, Err *e)
{
    Form f;
    int rc = setup(&f, sb, basis, kind, fd, e);
    if (rc < 0)
        return rc;
    page_begin(&f);
    switch (kind) {
    case FORM_RECEIPT: forms_receipt(&f); break;
    case FORM_SUPPLEMENT: forms_supplement(&f); break;
    case FORM_REFUSAL: forms_refusal(&f); break;
    case FORM_APOLOGY: forms_apology(&f); break;
    case FORM_STOP_NOTICE: forms_stop(&f); break;
    case FORM_CONTROL: forms_control(&f); break;
    case FORM_LEDGER: forms_ledger(&f); break;
    case FORM_FEE_RECEIPT: forms_fee_receipt(&f); break;
    default: break; /* refused above */
    }
    if (fd->verify_url && !f.stamped) { /* a form without the unit's signature block */
        html(sb, "<div class=\"form-stamp\">");
        forms_verify_qr(&f);
        html(sb, "</div>\n");
    }
    html_print_end(sb);
    if (sb->err)
        rc = err_set(e, ERR_TOO_LARGE, "form", "Phiếu quá lớn để tạo",
                     "the form is larger than the output buffer allows");
    arena_free(f.a);
    return rc;
}

FormKind form_kind_parse(FormBasis basis, const char *s)
{
    if (!s || basis >= FORM_BASIS_COUNT)
        return FORM_NONE;
    if (strcmp(s, "bien-lai") == 0)
        return FORM_FEE_RECEIPT;
    if (strncmp(s, "mau-", 4) == 0)
        s += 4;
    if (s[0] == '0')
        s++;
    if (s[0] >= '1' && s[0] <= '9' && s[1] == '\0')
        return formset_by_number(basis, s[0] - '0');
    return FORM_NONE;
}

const char *form_title(FormBasis basis, FormKind kind)
{
    const FormSpec *spec = basis < FORM_BASIS_COUNT ? formset_form(basis, kind) : NULL;
    return spec ? spec->title : "";
}

const char *form_number(FormBasis basis, FormKind kind)
{
    static const char *const numbers[] = {"", "01", "02", "03", "04", "05", "06", "07", "08", "09"};
    const FormSpec *spec = basis < FORM_BASIS_COUNT ? formset_form(basis, kind) : NULL;
    if (!spec)
        return NULL;
    return spec->number > 0 && spec->number < 10 ? numbers[spec->number] : "bien-lai";
}

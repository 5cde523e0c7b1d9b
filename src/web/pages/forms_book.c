/* forms_book.c: the forms that follow the whole dossier or the whole year (see forms.h): the
 * process control sheet (one row per hand-over, with its timeliness) and the ledger (one row
 * per dossier received in a year, in the columns of the dossier's own set: a year that spans
 * 1 July 2025 prints two parts, numbered on from one to the other). */
#include "web/pages/forms_int.h"

#include "core/deadline.h"
#include "io/html.h"

#include <string.h>

static const char one_stop[] = "Bộ phận tiếp nhận và trả kết quả";

/* ---- the process control sheet ---- */

/* party_transfer returns the label of a transfer's destination: the unit's name (or code) and
 * the handler by name, or NULL when the event names neither. */
static const char *party_transfer(Form *f, const Event *ev)
{
    const char *unit = forms_unit(f->fd, ev->to);
    const char *handler = forms_name(forms_person(f, ev->handler));
    if (unit && handler)
        return arena_printf(f->a, "%s – %s", unit, handler);
    return unit ? unit : handler;
}

/* step_row appends one hand-over row of the control sheet. result and note may be NULL. */
static void step_row(Form *f, const char *from, const char *to, int64_t at, const char *from_who,
                     const char *to_who, const char *result, const char *note)
{
    html(f->sb,
         "<tr class=\"step\"><td>1. Giao: %s<br>2. Nhận: %s</td><td>%s<br>Người giao: %s<br>"
         "Người nhận: %s</td><td class=\"result\">%s</td><td>%s</td></tr>\n",
         forms_or_dots(from), forms_or_dots(to), forms_time(f, at), forms_or_dots(from_who),
         forms_or_dots(to_who), result, note);
}

/* channel_label returns the Vietnamese name of a filing channel, or NULL. */
static const char *channel_label(const char *channel)
{
    if (!channel)
        return NULL;
    if (strcmp(channel, "online") == 0)
        return "Nộp trực tuyến";
    if (strcmp(channel, "direct") == 0)
        return "Nộp trực tiếp";
    if (strcmp(channel, "postal") == 0)
        return "Nộp qua bưu chính";
    return NULL;
}

/* control_units appends the deciding unit (the first transfer's destination other than the
 * receiving unit) and the co-operating units (the later distinct destinations). */
static void control_units(Form *f)
{
    const FormData *fd = f->fd;
    const char **seen = arena_array(f->a, fd->n_events + 1, sizeof *seen);
    size_t n_seen = 0;
    for (size_t i = 0; i < fd->n_events; i++) {
        const char *to = fd->events[i].to;
        if (fd->events[i].action != ACTION_TRANSFER || !to ||
            (f->d->unit && strcmp(to, f->d->unit) == 0))
            continue;
        int dup = 0;
        for (size_t k = 0; k < n_seen; k++)
            dup |= strcmp(seen[k], to) == 0;
        if (!dup)
            seen[n_seen++] = to;
    }
    const char *others = n_seen < 2 ? NULL : forms_unit(fd, seen[1]);
    for (size_t k = 2; k < n_seen; k++)
        others = arena_printf(f->a, "%s; %s", others, forms_unit(fd, seen[k]));
    forms_line(f, "Cơ quan (bộ phận) giải quyết hồ sơ",
               n_seen ? forms_unit(fd, seen[0]) : fd->unit_name);
    forms_line(f, "Cơ quan phối hợp giải quyết hồ sơ", others);
}

/* step_result is the timeliness of a hand-over at `at` (resolved: of the resolution). */
static const char *step_result(const Form *f, int64_t at, bool resolved)
{
    int64_t due = f->d->p.due_at;
    if (!due)
        return NULL;
    return deadline_class_label_vi(resolved ? deadline_classify_resolved(due, at)
                                            : deadline_classify_unfinished(due, at));
}

void forms_control(Form *f)
{
    const FormData *fd = f->fd;
    const DossierProjection *dp = &f->d->p;
    forms_code(f);
    html(f->sb, "<div>(Kèm theo hồ sơ của: <strong class=\"applicant\">%s</strong>)</div>\n",
         forms_or_dots(f->ap->name));
    forms_line(f, "Số điện thoại", f->ap->phone);
    forms_line(f, "Nội dung yêu cầu giải quyết", f->procedure_name);
    forms_line(f, "Ngày nhận hồ sơ", forms_time(f, dp->received_at));
    forms_line(f, "Ngày hẹn trả kết quả", forms_time(f, dp->due_at));
    control_units(f);
    html(f->sb, "<table class=\"form-table\" style=\"margin-top: 2mm; font-size: 10.5pt\"><tr>"
                "<th>TÊN CƠ QUAN</th><th>THỜI GIAN GIAO, NHẬN HỒ SƠ</th>"
                "<th>KẾT QUẢ GIẢI QUYẾT HỒ SƠ<br>(Trước hạn/Đúng hạn/Quá hạn)</th>"
                "<th>GHI CHÚ</th></tr>\n");
    const char *applicant =
        f->ap->name ? arena_printf(f->a, "Tổ chức, cá nhân (%s)", f->ap->name) : "Tổ chức, cá nhân";
    const char *holder = one_stop; /* who has the dossier */
    int rows = 0;
    for (size_t i = 0; i < fd->n_events; i++) {
        const Event *ev = &fd->events[i];
        const char *by = forms_name(forms_person(f, ev->by));
        if (ev->action == ACTION_RECEIVE) {
            step_row(f, applicant, one_stop, ev->at, f->ap->name, by, NULL,
                     channel_label(f->d->channel));
            holder = one_stop;
        } else if (ev->action == ACTION_TRANSFER) {
            const char *to = party_transfer(f, ev);
            step_row(f, holder, to, ev->at, by, forms_name(forms_person(f, ev->handler)),
                     step_result(f, ev->at, false), ev->note);
            holder = to ? to : holder;
        } else if (ev->action == ACTION_HANDOVER) { /* a unit merged, split or renamed */
            const char *to = forms_unit(fd, ev->to);
            step_row(f, holder, to, ev->at, by, NULL, step_result(f, ev->at, false),
                     "Chuyển giao do sắp xếp đơn vị hành chính");
            holder = to;
        } else if (ev->action == ACTION_PROPOSE) {
            step_row(f, holder, "Lãnh đạo cơ quan", ev->at, by, NULL, step_result(f, ev->at, false),
                     "Trình phê duyệt kết quả");
            holder = "Lãnh đạo cơ quan";
        } else if (ev->action == ACTION_SEND_BACK) {
            const char *back = forms_unit(fd, f->d->p.current_unit);
            step_row(f, holder, back, ev->at, by, NULL, step_result(f, ev->at, false),
                     ev->reason ? arena_printf(f->a, "Trả lại: %s", ev->reason) : "Trả lại");
            holder = back;
        } else if (ev->action == ACTION_RESOLVE || ev->action == ACTION_APPROVE) {
            const char *outcome = ev->action == ACTION_APPROVE ? f->d->p.outcome : ev->outcome;
            const char *note =
                outcome && strcmp(outcome, "rejected") == 0
                    ? (ev->reason ? arena_printf(f->a, "Từ chối giải quyết: %s", ev->reason)
                                  : "Từ chối giải quyết")
                    : "Đã có kết quả giải quyết";
            step_row(f, holder, one_stop, ev->at, by, NULL, step_result(f, ev->at, true), note);
            holder = one_stop;
        } else if (ev->action == ACTION_RETURN) {
            step_row(f, one_stop, applicant, ev->at, by, f->ap->name, NULL, "Trả kết quả");
        } else {
            continue;
        }
        rows++;
    }
    if (rows == 0)
        step_row(f, NULL, NULL, 0, NULL, NULL, NULL, NULL);
    html(f->sb, "</table>\n");
}

/* ---- the ledger ---- */

/* when returns the instant t as "08:12 16/10/2023", "" when t is 0. */
static const char *when(const Form *f, int64_t t)
{
    return t ? html_datetime(f->a, t) : "";
}

/* ledger_note is a row's last column: the state and, once resolved, its timeliness. */
static const char *ledger_note(const Form *f, const DossierProjection *p)
{
    const char *state = lifecycle_state_label(p->state);
    if (!p->resolved_at || !p->due_at)
        return state;
    return arena_printf(
        f->a, "%s (%s)", state,
        deadline_class_label_vi(deadline_classify_resolved(p->due_at, p->resolved_at)));
}

/* return_method is the Circular 03 ledger's "phương thức trả kết quả" of a returned dossier.
 * motcua does not record how a result went back; the filing channel stands for it [P]. */
static const char *return_method(const Dossier *d)
{
    if (!d->p.returned_at || !d->channel)
        return "";
    return strcmp(d->channel, "online") == 0   ? "Trực tuyến"
           : strcmp(d->channel, "postal") == 0 ? "Qua bưu chính"
                                               : "Trực tiếp";
}

/* ledger_row appends the row of dossier d, number stt, in the columns of basis. */
static void ledger_row(Form *f, FormBasis basis, const Dossier *d, const char *procedure_name,
                       size_t stt)
{
    const DossierProjection *p = &d->p;
    const Applicant *ap = &d->applicant;
    html(f->sb,
         "<tr class=\"ledger-row\"><td style=\"text-align: center\">%zu</td><td>%s</td>"
         "<td>%s</td>",
         stt, forms_or_dots(d->code),
         forms_or_dots(procedure_name ? procedure_name : d->procedure));
    if (basis == FORM_BASIS_TT01_2018)
        html(f->sb, "<td style=\"text-align: center\">01</td>");
    html(f->sb, "<td>%s</td>", forms_or_dots(ap->name));
    if (ap->address && ap->phone)
        html(f->sb, "<td>%s<br>%s</td>", ap->address, ap->phone);
    else
        html(f->sb, "<td>%s</td>", ap->address ? ap->address : ap->phone);
    if (basis == FORM_BASIS_TT03_2025)
        html(f->sb, "<td>%s</td>", forms_unit(f->fd, p->current_unit ? p->current_unit : d->unit));
    html(f->sb, "<td>%s</td><td>%s</td>", when(f, p->received_at),
         when(f, p->appointment_at ? p->appointment_at : p->due_at));
    if (basis == FORM_BASIS_TT01_2018)
        html(f->sb, "<td>%s</td><td>%s</td>", when(f, p->resolved_at), when(f, p->returned_at));
    else
        html(f->sb, "<td>%s</td><td>%s</td>", when(f, p->returned_at), return_method(d));
    html(f->sb, "<td></td><td>%s</td></tr>\n", ledger_note(f, p));
}

/* ledger_head appends the column heads of basis (12 columns in both sets). */
static void ledger_head(Form *f, FormBasis basis)
{
    html(f->sb, "<table class=\"form-table\" style=\"font-size: 10pt\"><tr>"
                "<th>STT</th><th>Mã hồ sơ</th><th>Tên thủ tục hành chính</th>");
    if (basis == FORM_BASIS_TT01_2018)
        html(f->sb, "<th>Số lượng hồ sơ (bộ)</th><th>Tên tổ chức, cá nhân</th>"
                    "<th>Địa chỉ, số điện thoại</th><th>Ngày nhận hồ sơ</th>"
                    "<th>Ngày hẹn trả kết quả</th><th>Ngày có kết quả</th>"
                    "<th>Ngày trả kết quả</th>");
    else
        html(f->sb, "<th>Tên tổ chức, cá nhân</th><th>Địa chỉ, số điện thoại</th>"
                    "<th>Cơ quan chủ trì giải quyết</th><th>Ngày nhận hồ sơ</th>"
                    "<th>Ngày hẹn trả kết quả</th><th>Ngày trả kết quả</th>"
                    "<th>Phương thức trả kết quả</th>");
    html(f->sb, "<th>Ký nhận</th><th>Ghi chú</th></tr>\n");
}

void forms_ledger(Form *f)
{
    const FormData *fd = f->fd;
    if (fd->ledger_year > 0)
        html(f->sb,
             "<div style=\"text-align: center; margin-bottom: 3mm\"><strong>Năm %d</strong>"
             "</div>\n",
             fd->ledger_year);
    FormBasis *bases = arena_array(f->a, fd->n_ledger + 1, sizeof *bases);
    bool seen[FORM_BASIS_COUNT] = {0};
    for (size_t i = 0; i < fd->n_ledger; i++)
        seen[bases[i] = formset_basis(&fd->ledger[i], NULL, 0)] = true;
    bool parts = seen[FORM_BASIS_TT01_2018] && seen[FORM_BASIS_TT03_2025];
    size_t stt = fd->ledger_first;
    for (int b = 0; b < FORM_BASIS_COUNT; b++) {
        if (!seen[b] && (fd->n_ledger || b != (int)f->basis))
            continue;
        const FormSet *set = formset_of((FormBasis)b);
        if (parts) /* the year of the switch: each part names its circular and its days */
            html(f->sb,
                 "<h2 class=\"ledger-part\">%s: hồ sơ tiếp nhận %s ngày %s (Mẫu số %s, %s)</h2>\n",
                 b == FORM_BASIS_TT01_2018 ? "Phần I" : "Phần II",
                 b == FORM_BASIS_TT01_2018 ? "đến trước" : "từ",
                 html_date(f->a, formset_of(FORM_BASIS_TT03_2025)->first_day),
                 form_number((FormBasis)b, FORM_LEDGER), set->name);
        ledger_head(f, (FormBasis)b);
        for (size_t i = 0; i < fd->n_ledger; i++)
            if (bases[i] == (FormBasis)b)
                ledger_row(f, (FormBasis)b, &fd->ledger[i],
                           fd->ledger_procedure_names ? fd->ledger_procedure_names[i] : NULL,
                           ++stt);
        if (fd->n_ledger == 0)
            html(f->sb, "<tr><td colspan=\"12\" style=\"text-align: center\">Không có hồ sơ"
                        "</td></tr>\n");
        html(f->sb, "</table>\n");
    }
}

/* forms.c: the printable forms of Circular 01/2018/TT-VPCP (see forms.h). One static function
 * per form, on top of shared parts: the page frame (print button, form number, national heading,
 * title), labelled lines, Vietnamese times and the signature blocks. The dossier and its events
 * come typed; a scratch arena lives for one form_render call; nothing is kept. The wording
 * follows the forms of the Circular's appendix (docs/DOMAIN.md §4). */
#include "web/pages/forms.h"

#include "core/deadline.h"
#include "core/lifecycle.h"
#include "core/lookup_key.h"
#include "io/qr.h"
#include "util/arena.h"
#include "util/timefmt.h"
#include "io/html.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What a paper form leaves for the hand to fill in. */
#define DOTS "…………"

/* The size of one QR module in CSS pixels: a look-up URL of ~80 bytes gives a symbol of about
 * 45 modules with its quiet zone, 90 px (24 mm), which phones read from A5 paper. */
enum { FORM_QR_MODULE_PX = 2 };

static const char *const titles[] = {
    "",
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "Sổ theo dõi hồ sơ",
    "Biên lai thu phí, lệ phí",
};

static const char *const titles_upper[] = {
    "",
    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "SỔ THEO DÕI HỒ SƠ",
    "BIÊN LAI THU PHÍ, LỆ PHÍ",
};

static const char one_stop[] = "Bộ phận tiếp nhận và trả kết quả";

/* Everything one form_render call works with. */
typedef struct Form {
    StrBuf *sb;
    const FormData *fd;
    const Dossier *d; /* fd->dossier (NULL for the ledger) */
    Arena *a;         /* scratch, freed when form_render returns */
    const Applicant *ap;
    const char *procedure_name;
} Form;

/* ---- reading the history ---- */

/* last_event returns the latest event of fd whose action is a, or NULL. */
static const Event *last_event(const FormData *fd, Action a)
{
    for (size_t i = fd->n_events; i-- > 0;)
        if (fd->events[i].action == a)
            return &fd->events[i];
    return NULL;
}

/* last_refusal returns the latest refuse, stop or rejecting resolve event of fd, or NULL. */
static const Event *last_refusal(const FormData *fd)
{
    for (size_t i = fd->n_events; i-- > 0;) {
        const Event *ev = &fd->events[i];
        if (ev->action == ACTION_REFUSE || ev->action == ACTION_STOP ||
            (ev->action == ACTION_RESOLVE && ev->outcome && strcmp(ev->outcome, "rejected") == 0))
            return ev;
    }
    return NULL;
}

/* unit_label returns the name of unit code in fd->units, else the code itself. */
static const char *unit_label(const FormData *fd, const char *code)
{
    for (size_t i = 0; code && i < fd->n_units; i++)
        if (fd->units[i].code && strcmp(fd->units[i].code, code) == 0 && fd->units[i].name)
            return fd->units[i].name;
    return code;
}

/* ---- small parts ---- */

/* text_or_dots appends s escaped, or the dotted line when s is NULL or empty. */
static void text_or_dots(StrBuf *sb, const char *s)
{
    if (s && *s)
        html_text(sb, s);
    else
        HTML_LIT(sb, DOTS);
}

/* two_digits appends n (0..99) with a leading zero below 10. */
static void two_digits(StrBuf *sb, int n)
{
    if (n >= 0 && n < 10)
        HTML_LIT(sb, "0");
    html_int(sb, n);
}

/* time_vi appends the instant t as "08 giờ 12 phút, ngày 16/10/2023" (Vietnam time), or the
 * blank "…… giờ …… phút, ngày ……" when t is 0. */
static void time_vi(StrBuf *sb, int64_t t)
{
    if (!t) {
        HTML_LIT(sb, "…… giờ …… phút, ngày ……");
        return;
    }
    int32_t second = timefmt_local_second(t);
    two_digits(sb, second / 3600);
    HTML_LIT(sb, " giờ ");
    two_digits(sb, second / 60 % 60);
    HTML_LIT(sb, " phút, ngày ");
    html_date_vi(sb, timefmt_local_day(t));
}

/* date_vi appends the local date of t as "16/10/2023", or the dotted line when t is 0. */
static void date_vi(StrBuf *sb, int64_t t)
{
    if (t)
        html_date_vi(sb, timefmt_local_day(t));
    else
        HTML_LIT(sb, DOTS);
}

/* line appends one labelled line "<label>: <value>" (value escaped, dots when absent). */
static void line(StrBuf *sb, const char *label, const char *value)
{
    HTML_LIT(sb, "<div>");
    html_text(sb, label);
    HTML_LIT(sb, ": ");
    text_or_dots(sb, value);
    HTML_LIT(sb, "</div>\n");
}

/* line_time appends "<label>: 08 giờ 12 phút, ngày 16/10/2023". */
static void line_time(StrBuf *sb, const char *label, int64_t t)
{
    HTML_LIT(sb, "<div>");
    html_text(sb, label);
    HTML_LIT(sb, ": ");
    time_vi(sb, t);
    HTML_LIT(sb, "</div>\n");
}

/* line_code appends the dossier code line, the code in bold. */
static void line_code(Form *f)
{
    HTML_LIT(f->sb, "<div>Mã hồ sơ: <strong class=\"dossier-code\">");
    text_or_dots(f->sb, f->d->code);
    HTML_LIT(f->sb, "</strong></div>\n");
}

/* line_received opens a form with the dossier code and "UNIT tiếp nhận hồ sơ của WHOM NAME". */
static void line_received(Form *f, const char *whom)
{
    line_code(f);
    HTML_LIT(f->sb, "<div>");
    text_or_dots(f->sb, f->fd->unit_name);
    HTML_LIT(f->sb, " tiếp nhận hồ sơ của");
    html_text(f->sb, whom);
    HTML_LIT(f->sb, ": <strong class=\"applicant\">");
    text_or_dots(f->sb, f->ap->name);
    HTML_LIT(f->sb, "</strong></div>\n");
}

/* applicant_lines appends the applicant's address, telephone and e-mail. */
static void applicant_lines(Form *f)
{
    line(f->sb, "Địa chỉ", f->ap->address);
    HTML_LIT(f->sb, "<div>Số điện thoại: ");
    text_or_dots(f->sb, f->ap->phone);
    HTML_LIT(f->sb, "; Email: ");
    text_or_dots(f->sb, f->ap->email);
    HTML_LIT(f->sb, "</div>\n");
}

/* sign_cell appends one signature block: the title in bold capitals, the hint in italics, room
 * for the signature, then the signer's name when known. */
static void sign_cell(StrBuf *sb, const char *title, const char *hint, const char *name)
{
    HTML_LIT(sb, "<td style=\"width: 50%; text-align: center; vertical-align: top\">");
    if (title) {
        HTML_LIT(sb, "<strong>");
        html_text(sb, title);
        HTML_LIT(sb, "</strong><br><em>");
        html_text(sb, hint);
        HTML_LIT(sb, "</em><div style=\"height: 20mm\"></div>");
        if (name && *name) {
            HTML_LIT(sb, "<strong>");
            html_text(sb, name);
            HTML_LIT(sb, "</strong>");
        }
    }
    HTML_LIT(sb, "</td>");
}

/* signatures appends the signature row: left block (may have a NULL title: empty) and right. */
static void signatures(StrBuf *sb, const char *left, const char *left_name, const char *right,
                       const char *right_hint, const char *right_name)
{
    HTML_LIT(sb, "<table class=\"form-sign\" style=\"width: 100%; margin-top: 4mm;"
                 " border-collapse: collapse\"><tr>");
    sign_cell(sb, left, "(Ký và ghi rõ họ tên)", left_name);
    sign_cell(sb, right, right_hint, right_name);
    HTML_LIT(sb, "</tr></table>\n");
}

/* page_begin appends the page head, the print button, "Mẫu số 0N" in the top corner, the
 * national heading and the title in bold capitals. */
static void page_begin(Form *f, FormKind kind)
{
    const FormData *fd = f->fd;
    char title[320];
    if (f->d && f->d->code)
        snprintf(title, sizeof title, "%s – %s", titles[kind], f->d->code);
    else
        snprintf(title, sizeof title, "%s", titles[kind]);
    html_print_begin(f->sb, title, kind == FORM_LEDGER ? HTML_PAPER_A4_LANDSCAPE : HTML_PAPER_A5);
    HTML_LIT(f->sb, "<div class=\"no-print\" style=\"text-align: right; margin-bottom: 3mm\">"
                    "<button type=\"button\" onclick=\"window.print()\">In</button></div>\n");
    if (kind != FORM_FEE_RECEIPT) {
        HTML_LIT(f->sb, "<div class=\"form-no\" style=\"text-align: right; font-size: 10pt\">"
                        "<strong>Mẫu số ");
        two_digits(f->sb, (int)kind);
        HTML_LIT(f->sb, "</strong></div>\n");
    }
    HtmlHeading h = {
        .parent_agency = fd->parent_unit_name,
        .agency = fd->unit_name && *fd->unit_name ? fd->unit_name : DOTS,
        .place = fd->place,
        .day = fd->now ? timefmt_local_day(fd->now) : INT32_MIN, /* INT32_MIN: blank date */
    };
    html_national_heading(f->sb, &h);
    HTML_LIT(f->sb, "<h1 class=\"form-title\">");
    html_text(f->sb, titles_upper[kind]);
    HTML_LIT(f->sb, "</h1>\n");
}

/* ---- Mẫu 01 ---- */

/* components_table appends the dossier's components (JSON [{name, digitized}]) as a table. */
static void components_table(Form *f)
{
    StrBuf *sb = f->sb;
    HTML_LIT(sb, "<table class=\"form-table\"><tr><th>TT</th><th>Tên giấy tờ</th>"
                 "<th>Hình thức</th></tr>\n");
    size_t n = f->d->n_components;
    for (size_t i = 0; i < n; i++) {
        const DossierComponent *c = &f->d->components[i];
        HTML_LIT(sb, "<tr><td style=\"text-align: center\">");
        html_int(sb, (int64_t)i + 1);
        HTML_LIT(sb, "</td><td>");
        text_or_dots(sb, c->name);
        if (c->digitized)
            HTML_LIT(sb, "</td><td>Bản điện tử</td></tr>\n");
        else
            HTML_LIT(sb, "</td><td>Bản giấy</td></tr>\n");
    }
    if (n == 0)
        HTML_LIT(sb, "<tr><td></td><td>" DOTS "</td><td></td></tr>\n");
    HTML_LIT(sb, "</table>\n");
}

/* limit_text appends the legal time limit: "3 ngày làm việc", "4 giờ làm việc", "10 ngày". */
static void limit_text(Form *f)
{
    int value = f->d->limit_value;
    const char *unit = f->d->limit_unit;
    if (!unit && f->fd->procedure) {
        value = f->fd->procedure->limit_value;
        unit = f->fd->procedure->limit_unit;
    }
    if (!unit) {
        HTML_LIT(f->sb, DOTS);
        return;
    }
    html_int(f->sb, value);
    if (strcmp(unit, "hours") == 0)
        HTML_LIT(f->sb, " giờ làm việc");
    else if (strcmp(unit, "calendar_days") == 0)
        HTML_LIT(f->sb, " ngày");
    else
        HTML_LIT(f->sb, " ngày làm việc");
}

static void render_receipt(Form *f)
{
    StrBuf *sb = f->sb;
    const Dossier *d = f->d;
    const DossierProjection *p = &d->p;
    line_received(f, "");
    if (f->ap->id_number)
        line(sb, "Số định danh", f->ap->id_number);
    applicant_lines(f);
    line(sb, "Nội dung yêu cầu giải quyết", f->procedure_name);
    HTML_LIT(sb, "<div>1. Thành phần hồ sơ nộp gồm:</div>\n");
    components_table(f);
    HTML_LIT(sb, "<div>2. Số lượng hồ sơ: 01 (bộ)</div>\n"
                 "<div>3. Thời gian giải quyết hồ sơ theo quy định là: ");
    limit_text(f);
    HTML_LIT(sb, "</div>\n");
    line_time(sb, "4. Thời gian nhận hồ sơ", p->received_at);
    line_time(sb, "5. Thời gian trả kết quả giải quyết hồ sơ",
              p->appointment_at ? p->appointment_at : p->due_at);
    line(sb, "6. Đăng ký nhận kết quả tại", f->fd->unit_name);
    if (d->fee > 0) {
        HTML_LIT(sb, "<div>7. Phí, lệ phí: ");
        html_num_vi(sb, d->fee);
        if (p->paid_amount >= d->fee)
            HTML_LIT(sb, " đồng (đã nộp)</div>\n");
        else
            HTML_LIT(sb, " đồng (chưa nộp)</div>\n");
    }
    HTML_LIT(sb, "<div>Vào Sổ theo dõi hồ sơ, Quyển số: " DOTS " Số thứ tự: " DOTS "</div>\n");
    char key[LOOKUP_KEY_SHOWN_LEN + 1];
    lookup_key_show(d->lookup_key, key);
    line(sb, "Mã tra cứu hồ sơ (cùng mã hồ sơ, để tra cứu, thanh toán, đánh giá trực tuyến)", key);
    if (f->fd->lookup_url && *f->fd->lookup_url) {
        HTML_LIT(sb, "<div class=\"form-qr\" style=\"text-align: center; margin-top: 3mm\">");
        Err ignored; /* form_render checked that the URL encodes */
        qr_svg(sb, f->fd->lookup_url, FORM_QR_MODULE_PX, &ignored);
        HTML_LIT(sb, "<div><em>Quét mã để tra cứu hồ sơ</em></div></div>\n");
    }
    signatures(sb, "NGƯỜI NỘP HỒ SƠ", f->ap->name, "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)",
               f->fd->officer);
}

/* ---- Mẫu 02 ---- */

/* contact_line appends the sentence telling the applicant whom to ask. */
static void contact_line(Form *f, const char *why)
{
    StrBuf *sb = f->sb;
    HTML_LIT(sb, "<div>");
    html_text(sb, why);
    HTML_LIT(sb, " Ông/Bà liên hệ với ");
    text_or_dots(sb, f->fd->officer);
    HTML_LIT(sb, ", số điện thoại ");
    text_or_dots(sb, f->fd->officer_phone);
    HTML_LIT(sb, " để được hướng dẫn.</div>\n");
}

static void render_supplement(Form *f, const Event *ev)
{
    StrBuf *sb = f->sb;
    line_received(f, " Ông/Bà");
    line(sb, "Nội dung yêu cầu giải quyết", f->procedure_name);
    applicant_lines(f);
    HTML_LIT(sb, "<div>Ngày yêu cầu bổ sung: ");
    time_vi(sb, ev->at);
    HTML_LIT(sb, "</div>\n<div>Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:</div>\n"
                 "<table class=\"form-table\"><tr><th>STT</th>"
                 "<th>Thành phần hồ sơ cần bổ sung, hoàn thiện</th></tr>\n");
    for (size_t i = 0; i < ev->items.n; i++) {
        HTML_LIT(sb, "<tr class=\"item\"><td style=\"text-align: center\">");
        html_int(sb, (int64_t)i + 1);
        HTML_LIT(sb, "</td><td>");
        html_text(sb, ev->items.v[i]);
        HTML_LIT(sb, "</td></tr>\n");
    }
    if (ev->items.n == 0)
        HTML_LIT(sb, "<tr><td></td><td>" DOTS "</td></tr>\n");
    HTML_LIT(sb, "</table>\n");
    line(sb, "Lý do", ev->reason);
    contact_line(f, "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc,");
    signatures(sb, NULL, NULL, "NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", f->fd->officer);
}

/* ---- Mẫu 03 ---- */

static void render_refusal(Form *f, const Event *ev)
{
    StrBuf *sb = f->sb;
    line_received(f, "");
    line(sb, "Nội dung yêu cầu giải quyết", f->procedure_name);
    applicant_lines(f);
    HTML_LIT(sb, "<div>Sau khi xem xét, đối chiếu thành phần hồ sơ, yêu cầu giải quyết thủ tục "
                 "hành chính, ");
    text_or_dots(sb, f->fd->unit_name);
    HTML_LIT(sb, " thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
                 "<span class=\"reason\">");
    text_or_dots(sb, ev->reason);
    HTML_LIT(sb, "</span></div>\n<div>Ngày thông báo: ");
    time_vi(sb, ev->at);
    HTML_LIT(sb, "</div>\n<div>Xin thông báo để Ông/Bà được biết và thực hiện./.</div>\n");
    contact_line(f, "Nếu có vướng mắc,");
    signatures(sb, "NGƯỜI NỘP HỒ SƠ", f->ap->name, "NGƯỜI TỪ CHỐI", "(Ký và ghi rõ họ tên)",
               f->fd->officer);
}

/* ---- Mẫu 04 ---- */

static void render_apology(Form *f, const Event *ev)
{
    StrBuf *sb = f->sb;
    const DossierProjection *dp = &f->d->p;
    int64_t new_at = ev->new_appointment;
    if (!new_at)
        new_at = dp->appointment_at != dp->due_at ? dp->appointment_at : 0;
    HTML_LIT(sb, "<div style=\"text-align: center; margin-bottom: 2mm\">Kính gửi: Ông/Bà "
                 "<strong class=\"applicant\">");
    text_or_dots(sb, f->ap->name);
    HTML_LIT(sb, "</strong></div>\n<div>Ngày ");
    date_vi(sb, dp->received_at);
    HTML_LIT(sb, ", ");
    text_or_dots(sb, f->fd->unit_name);
    HTML_LIT(sb, " tiếp nhận giải quyết hồ sơ đề nghị: ");
    text_or_dots(sb, f->procedure_name);
    HTML_LIT(sb, " của Ông/Bà.</div>\n");
    line_code(f);
    HTML_LIT(sb, "<div>Thời gian hẹn trả kết quả giải quyết hồ sơ: <span class=\"due\">");
    time_vi(sb, dp->due_at);
    HTML_LIT(sb, "</span></div>\n<div>Tuy nhiên đến nay, ");
    text_or_dots(sb, f->fd->unit_name);
    HTML_LIT(sb, " chưa trả kết quả giải quyết hồ sơ của Ông/Bà.</div>\n");
    line(sb, "Lý do", ev->reason);
    HTML_LIT(sb, "<div>Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ");
    text_or_dots(sb, f->fd->unit_name);
    HTML_LIT(sb, " xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào "
                 "<strong class=\"new-appointment\">");
    time_vi(sb, new_at);
    HTML_LIT(sb, "</strong>.</div>\n");
    line(sb, "Địa điểm trả kết quả", f->fd->unit_name);
    HTML_LIT(sb, "<div>Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.</div>\n");
    signatures(sb, NULL, NULL, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "(Ký, ghi rõ họ tên và đóng dấu)",
               f->fd->head_name);
}

/* ---- Mẫu 05 ---- */

/* party_transfer returns the label of a transfer's destination: the unit's name (or code) and
 * the handler as given, or NULL when the payload names neither. Allocates in a. */
static const char *party_transfer(Form *f, const Event *ev)
{
    const char *unit = unit_label(f->fd, ev->to);
    if (unit && ev->handler)
        return arena_printf(f->a, "%s – %s", unit, ev->handler);
    return unit ? unit : ev->handler;
}

/* step_row appends one hand-over row of the control sheet. result and note may be NULL. */
static void step_row(StrBuf *sb, const char *from, const char *to, int64_t at, const char *from_who,
                     const char *to_who, const char *result, const char *note)
{
    HTML_LIT(sb, "<tr class=\"step\"><td>1. Giao: ");
    text_or_dots(sb, from);
    HTML_LIT(sb, "<br>2. Nhận: ");
    text_or_dots(sb, to);
    HTML_LIT(sb, "</td><td>");
    time_vi(sb, at);
    HTML_LIT(sb, "<br>Người giao: ");
    text_or_dots(sb, from_who);
    HTML_LIT(sb, "<br>Người nhận: ");
    text_or_dots(sb, to_who);
    HTML_LIT(sb, "</td><td class=\"result\">");
    html_text(sb, result);
    HTML_LIT(sb, "</td><td>");
    html_text(sb, note);
    HTML_LIT(sb, "</td></tr>\n");
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
    HTML_LIT(f->sb, "<div>Cơ quan (bộ phận) giải quyết hồ sơ: ");
    text_or_dots(f->sb, n_seen ? unit_label(fd, seen[0]) : fd->unit_name);
    HTML_LIT(f->sb, "</div>\n<div>Cơ quan phối hợp giải quyết hồ sơ: ");
    for (size_t k = 1; k < n_seen; k++) {
        if (k > 1)
            HTML_LIT(f->sb, "; ");
        html_text(f->sb, unit_label(fd, seen[k]));
    }
    if (n_seen < 2)
        HTML_LIT(f->sb, DOTS);
    HTML_LIT(f->sb, "</div>\n");
}

static void render_control(Form *f)
{
    StrBuf *sb = f->sb;
    const FormData *fd = f->fd;
    const DossierProjection *dp = &f->d->p;
    line_code(f);
    HTML_LIT(sb, "<div>(Kèm theo hồ sơ của: <strong class=\"applicant\">");
    text_or_dots(sb, f->ap->name);
    HTML_LIT(sb, "</strong>)</div>\n");
    line(sb, "Số điện thoại", f->ap->phone);
    line(sb, "Nội dung yêu cầu giải quyết", f->procedure_name);
    line_time(sb, "Ngày nhận hồ sơ", dp->received_at);
    line_time(sb, "Ngày hẹn trả kết quả", dp->due_at);
    control_units(f);
    HTML_LIT(sb, "<table class=\"form-table\" style=\"margin-top: 2mm; font-size: 10.5pt\"><tr>"
                 "<th>TÊN CƠ QUAN</th><th>THỜI GIAN GIAO, NHẬN HỒ SƠ</th>"
                 "<th>KẾT QUẢ GIẢI QUYẾT HỒ SƠ<br>(Trước hạn/Đúng hạn/Quá hạn)</th>"
                 "<th>GHI CHÚ</th></tr>\n");
    const char *applicant =
        f->ap->name ? arena_printf(f->a, "Tổ chức, cá nhân (%s)", f->ap->name) : "Tổ chức, cá nhân";
    const char *holder = one_stop; /* who has the dossier */
    int rows = 0;
    for (size_t i = 0; i < fd->n_events; i++) {
        const Event *ev = &fd->events[i];
        if (ev->action == ACTION_RECEIVE) {
            step_row(sb, applicant, one_stop, ev->at, f->ap->name, ev->by, NULL,
                     channel_label(f->d->channel));
            holder = one_stop;
        } else if (ev->action == ACTION_TRANSFER) {
            const char *to = party_transfer(f, ev);
            const char *result =
                dp->due_at
                    ? deadline_class_label_vi(deadline_classify_unfinished(dp->due_at, ev->at))
                    : NULL;
            step_row(sb, holder, to, ev->at, ev->by, ev->handler, result, ev->note);
            holder = to ? to : holder;
        } else if (ev->action == ACTION_RESOLVE) {
            const char *result =
                dp->due_at ? deadline_class_label_vi(deadline_classify_resolved(dp->due_at, ev->at))
                           : NULL;
            const char *note =
                ev->outcome && strcmp(ev->outcome, "rejected") == 0
                    ? (ev->reason ? arena_printf(f->a, "Từ chối giải quyết: %s", ev->reason)
                                  : "Từ chối giải quyết")
                    : "Đã có kết quả giải quyết";
            step_row(sb, holder, one_stop, ev->at, ev->by, NULL, result, note);
            holder = one_stop;
        } else if (ev->action == ACTION_RETURN) {
            step_row(sb, one_stop, applicant, ev->at, ev->by, f->ap->name, NULL, "Trả kết quả");
        } else {
            continue;
        }
        rows++;
    }
    if (rows == 0)
        step_row(sb, NULL, NULL, 0, NULL, NULL, NULL, NULL);
    HTML_LIT(sb, "</table>\n");
}

/* ---- Mẫu 06 ---- */

/* ledger_row appends the row of dossier d, number stt. */
static void ledger_row(Form *f, const Dossier *d, const char *procedure_name, size_t stt)
{
    StrBuf *sb = f->sb;
    const DossierProjection *p = &d->p;
    const Applicant *ap = &d->applicant;
    HTML_LIT(sb, "<tr class=\"ledger-row\"><td style=\"text-align: center\">");
    html_int(sb, (int64_t)stt);
    HTML_LIT(sb, "</td><td>");
    text_or_dots(sb, d->code);
    HTML_LIT(sb, "</td><td>");
    text_or_dots(sb, procedure_name ? procedure_name : d->procedure);
    HTML_LIT(sb, "</td><td style=\"text-align: center\">01</td><td>");
    text_or_dots(sb, ap->name);
    HTML_LIT(sb, "</td><td>");
    html_text(sb, ap->address);
    if (ap->address && ap->phone)
        HTML_LIT(sb, "<br>");
    html_text(sb, ap->phone);
    HTML_LIT(sb, "</td><td>");
    if (p->received_at)
        html_datetime_vi(sb, p->received_at);
    HTML_LIT(sb, "</td><td>");
    int64_t appointment = p->appointment_at ? p->appointment_at : p->due_at;
    if (appointment)
        html_datetime_vi(sb, appointment);
    HTML_LIT(sb, "</td><td>");
    if (p->resolved_at)
        html_datetime_vi(sb, p->resolved_at);
    HTML_LIT(sb, "</td><td>");
    if (p->returned_at)
        html_datetime_vi(sb, p->returned_at);
    HTML_LIT(sb, "</td><td></td><td>");
    html_text(sb, lifecycle_state_label(p->state));
    if (p->resolved_at && p->due_at) {
        HTML_LIT(sb, " (");
        html_text(sb,
                  deadline_class_label_vi(deadline_classify_resolved(p->due_at, p->resolved_at)));
        HTML_LIT(sb, ")");
    }
    HTML_LIT(sb, "</td></tr>\n");
}

static void render_ledger(Form *f)
{
    StrBuf *sb = f->sb;
    const FormData *fd = f->fd;
    if (fd->ledger_year > 0) {
        HTML_LIT(sb, "<div style=\"text-align: center; margin-bottom: 3mm\"><strong>Năm ");
        html_int(sb, fd->ledger_year);
        HTML_LIT(sb, "</strong></div>\n");
    }
    HTML_LIT(sb, "<table class=\"form-table\" style=\"font-size: 10pt\"><tr>"
                 "<th>STT</th><th>Mã hồ sơ</th><th>Tên thủ tục hành chính</th>"
                 "<th>Số lượng hồ sơ (bộ)</th><th>Tên tổ chức, cá nhân</th>"
                 "<th>Địa chỉ, số điện thoại</th><th>Ngày nhận hồ sơ</th>"
                 "<th>Ngày hẹn trả kết quả</th><th>Ngày có kết quả</th>"
                 "<th>Ngày trả kết quả</th><th>Ký nhận</th><th>Ghi chú</th></tr>\n");
    for (size_t i = 0; i < fd->n_ledger; i++)
        ledger_row(f, &fd->ledger[i],
                   fd->ledger_procedure_names ? fd->ledger_procedure_names[i] : NULL,
                   fd->ledger_first + i + 1);
    if (fd->n_ledger == 0)
        HTML_LIT(sb, "<tr><td colspan=\"12\" style=\"text-align: center\">"
                     "Không có hồ sơ</td></tr>\n");
    HTML_LIT(sb, "</table>\n");
}

/* ---- entry points ---- */

/* ---- the fee receipt ---- */

static void render_fee_receipt(Form *f)
{
    StrBuf *sb = f->sb;
    const Payment *pay = f->fd->payment;
    HTML_LIT(sb, "<div style=\"text-align: center\">Số: <strong class=\"receipt-no\">");
    text_or_dots(sb, pay->receipt_no);
    HTML_LIT(sb, "</strong></div>\n");
    line_code(f);
    line(sb, "Họ và tên người nộp tiền", f->ap->name);
    line(sb, "Địa chỉ", f->ap->address);
    HTML_LIT(sb, "<div>Nội dung thu: phí, lệ phí giải quyết thủ tục hành chính ");
    text_or_dots(sb, f->procedure_name);
    HTML_LIT(sb, "</div>\n<div>Số tiền: <strong class=\"amount\">");
    html_num_vi(sb, pay->amount);
    HTML_LIT(sb, " đồng</strong></div>\n<div>Hình thức thanh toán: ");
    if (pay->online)
        HTML_LIT(sb, "trực tuyến");
    else
        HTML_LIT(sb, "tại bộ phận một cửa");
    HTML_LIT(sb, "</div>\n<div>Thời điểm thu: ");
    time_vi(sb, pay->paid_at);
    HTML_LIT(sb, "</div>\n");
    signatures(sb, "NGƯỜI NỘP TIỀN", f->ap->name, "NGƯỜI THU TIỀN", "(Ký và ghi rõ họ tên)",
               f->fd->officer);
}

int form_render(StrBuf *sb, FormKind kind, const FormData *fd, Err *e)
{
    if (kind < FORM_RECEIPT || kind > FORM_FEE_RECEIPT || !fd)
        return err_set(e, ERR_INVALID, "form", "Mẫu phiếu không hợp lệ", "unknown form");
    const Dossier *d = fd->dossier;
    if (kind != FORM_LEDGER && !d)
        return err_set(e, ERR_INVALID, "form", "Thiếu hồ sơ để in phiếu",
                       "the form needs a dossier");
    Form f = {.sb = sb, .fd = fd, .d = kind == FORM_LEDGER ? NULL : d, .a = arena_new()};
    const Event *ev = NULL;
    int rc = 0;
    /* check everything that can fail before appending anything */
    switch (kind) {
    case FORM_RECEIPT:
        if (!d->p.received_at)
            rc = err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa được tiếp nhận",
                         "the dossier has not been received");
        break;
    case FORM_SUPPLEMENT:
        if (!(ev = last_event(fd, ACTION_REQUEST_SUPPLEMENT)))
            rc = err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa có yêu cầu bổ sung",
                         "the dossier has no supplement request");
        break;
    case FORM_REFUSAL:
        if (!(ev = last_refusal(fd)))
            rc = err_set(e, ERR_SEMANTIC, "form", "Hồ sơ không bị từ chối hay dừng giải quyết",
                         "the dossier was not refused, stopped or rejected");
        break;
    case FORM_APOLOGY:
        if (!(ev = last_event(fd, ACTION_APOLOGIZE)))
            rc = err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa có thư xin lỗi",
                         "the dossier has no apology");
        break;
    case FORM_FEE_RECEIPT:
        if (!fd->payment)
            rc = err_set(e, ERR_SEMANTIC, "form", "Hồ sơ chưa nộp phí, lệ phí",
                         "the dossier has no payment");
        break;
    default: break;
    }
    if (rc == 0 && kind == FORM_RECEIPT && fd->lookup_url && *fd->lookup_url) {
        StrBuf trial; /* qr_svg fails only on its input: try it aside first */
        sb_init(&trial, 0);
        rc = qr_svg(&trial, fd->lookup_url, FORM_QR_MODULE_PX, e);
        sb_free(&trial);
    }
    if (rc < 0) {
        arena_free(f.a);
        return rc;
    }
    if (f.d) {
        f.ap = &d->applicant;
        f.procedure_name =
            fd->procedure && fd->procedure->name ? fd->procedure->name : d->procedure;
    }
    page_begin(&f, kind);
    switch (kind) {
    case FORM_RECEIPT: render_receipt(&f); break;
    case FORM_SUPPLEMENT: render_supplement(&f, ev); break;
    case FORM_REFUSAL: render_refusal(&f, ev); break;
    case FORM_APOLOGY: render_apology(&f, ev); break;
    case FORM_CONTROL: render_control(&f); break;
    case FORM_LEDGER: render_ledger(&f); break;
    case FORM_FEE_RECEIPT: render_fee_receipt(&f); break;
    case FORM_NONE: break; /* refused above */
    }
    html_print_end(sb);
    arena_free(f.a);
    if (sb->err)
        return err_set(e, ERR_TOO_LARGE, "form", "Phiếu quá lớn để tạo",
                       "the form is larger than the output buffer allows");
    return 0;
}

FormKind form_kind_parse(const char *s)
{
    if (!s)
        return 0;
    if (strcmp(s, "bien-lai") == 0)
        return FORM_FEE_RECEIPT;
    if (strncmp(s, "mau-", 4) == 0)
        s += 4;
    if (s[0] == '0')
        s++;
    if (s[0] >= '1' && s[0] <= '6' && s[1] == '\0')
        return (FormKind)(s[0] - '0');
    return 0;
}

const char *form_title(FormKind kind)
{
    return kind >= FORM_RECEIPT && kind <= FORM_FEE_RECEIPT ? titles[kind] : "";
}

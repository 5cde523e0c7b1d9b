/* forms_notice.c: the forms of one dossier that record one event (see forms.h): the receipt and
 * appointment, the supplement request, the refusal, the apology, the stop notice and the fee
 * receipt, each in the wording of its set (Circular 01/2018, or Circular 03/2025 where its
 * forms differ: the receipt's identity number, authorised person and digital signature, the
 * refusal of intake apart from the rejection, the apology that asks for an extension, the stop
 * notice). Where the wording of Circular 03/2025 is not confirmed, core/formset.c says so. */
#include "web/pages/forms_int.h"

#include "core/lookup_key.h"
#include "io/html.h"
#include "io/qr.h"

static bool tt03(const Form *f)
{
    return f->basis == FORM_BASIS_TT03_2025;
}

/* ---- the receipt (01) ---- */

/* components appends the dossier's components as a table: number, name, paper or electronic. */
static void components(Form *f)
{
    html(f->sb, "<table class=\"form-table\"><tr><th>TT</th><th>Tên giấy tờ</th>"
                "<th>Hình thức</th></tr>\n");
    for (size_t i = 0; i < f->d->n_components; i++) {
        const DossierComponent *c = &f->d->components[i];
        html(f->sb, "<tr><td style=\"text-align: center\">%zu</td><td>%s</td><td>%s</td></tr>\n",
             i + 1, forms_or_dots(c->name), c->digitized ? "Bản điện tử" : "Bản giấy");
    }
    if (f->d->n_components == 0)
        html(f->sb, "<tr><td></td><td>%s</td><td></td></tr>\n", FORMS_DOTS);
    html(f->sb, "</table>\n");
}

/* steps appends the steps of an interconnected group: each step's procedure, the agency that
 * does it, its own dossier code and deadline (the group's appointment is line 5). */
static void steps(Form *f)
{
    const FormData *fd = f->fd;
    html(f->sb, "<div>Các thủ tục liên thông (mỗi thủ tục có mã hồ sơ riêng):</div>\n"
                "<table class=\"form-table\"><tr><th>TT</th><th>Thủ tục</th><th>Cơ quan giải "
                "quyết</th><th>Mã hồ sơ</th><th>Hạn giải quyết</th></tr>\n");
    for (size_t i = 0; i < fd->n_steps; i++) {
        const Dossier *s = &fd->steps[i];
        html(f->sb,
             "<tr><td style=\"text-align: center\">%zu</td><td>%s</td><td>%s</td><td>%s</td>"
             "<td>%s</td></tr>\n",
             i + 1, fd->step_names && fd->step_names[i] ? fd->step_names[i] : s->procedure,
             chain_agency_label(s->agency), s->code, forms_time(f, s->p.due_at));
    }
    html(f->sb, "</table>\n");
}

/* qr appends the look-up QR code with its caption, floated beside the first lines. */
static void qr(Form *f)
{
    if (!f->fd->lookup_url || !*f->fd->lookup_url)
        return;
    html(f->sb, "<div class=\"form-qr\">");
    Err ignored; /* form_render checked that the URL encodes */
    qr_svg(f->sb, f->fd->lookup_url, FORMS_QR_MODULE_PX, &ignored);
    html(f->sb, "<div><em>Quét mã để tra cứu hồ sơ</em></div></div>\n");
}

void forms_receipt(Form *f)
{
    const Dossier *d = f->d;
    const DossierProjection *p = &d->p;
    html(f->sb, "<div class=\"form-compact\">\n");
    qr(f);
    forms_received(f, "");
    if (tt03(f)) /* Circular 03/2025 asks for it, and for the authorised person [P] */
        forms_line(f, "Số định danh cá nhân/tổ chức", f->ap->id_number);
    else if (f->ap->id_number)
        forms_line(f, "Số định danh", f->ap->id_number);
    forms_applicant(f);
    if (tt03(f)) /* motcua does not record an authorised person: the hand fills it in */
        forms_line(f, "Người được ủy quyền (nếu có)", NULL);
    forms_line(f, "Nội dung yêu cầu giải quyết", f->procedure_name);
    html(f->sb, "<div>1. Thành phần hồ sơ nộp gồm:</div>\n");
    components(f);
    html(f->sb, "<div>2. Số lượng hồ sơ: 01 (bộ)</div>\n");
    forms_line(f, "3. Thời gian giải quyết hồ sơ theo quy định là", forms_limit(f));
    if (f->fd->n_steps)
        steps(f);
    forms_line(f, "4. Thời gian nhận hồ sơ", forms_time(f, p->received_at));
    forms_line(f, "5. Thời gian trả kết quả giải quyết hồ sơ",
               forms_time(f, p->appointment_at ? p->appointment_at : p->due_at));
    forms_line(f, "6. Đăng ký nhận kết quả tại", f->fd->unit_name);
    if (d->fee > 0)
        html(f->sb, "<div>7. Phí, lệ phí: %s đồng (%s)</div>\n", html_num(f->a, d->fee),
             p->paid_amount >= d->fee ? "đã nộp" : "chưa nộp");
    html(f->sb, "<div>Vào Sổ theo dõi hồ sơ, Quyển số: %s Số thứ tự: %s</div>\n", FORMS_DOTS,
         FORMS_DOTS);
    char key[LOOKUP_KEY_SHOWN_LEN + 1];
    lookup_key_show(d->lookup_key, key);
    forms_line(f, "Mã tra cứu hồ sơ (cùng mã hồ sơ, để tra cứu, thanh toán, đánh giá trực tuyến)",
               key);
    forms_sign(f, "NGƯỜI NỘP HỒ SƠ", f->ap->name, "NGƯỜI TIẾP NHẬN HỒ SƠ",
               tt03(f) ? "(Ký và ghi rõ họ tên; ký số nếu là biểu mẫu điện tử)"
                       : "(Ký và ghi rõ họ tên)",
               forms_signer(f), false);
    html(f->sb, "</div>\n");
}

/* ---- the supplement request (02) ---- */

void forms_supplement(Form *f)
{
    const Event *ev = f->ev;
    forms_received(f, " Ông/Bà");
    forms_line(f, "Nội dung yêu cầu giải quyết", f->procedure_name);
    forms_applicant(f);
    forms_line(f, "Ngày yêu cầu bổ sung", forms_time(f, ev->at));
    html(f->sb, "<div>Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:</div>\n"
                "<table class=\"form-table\"><tr><th>STT</th>"
                "<th>Thành phần hồ sơ cần bổ sung, hoàn thiện</th></tr>\n");
    for (size_t i = 0; i < ev->items.n; i++)
        html(f->sb,
             "<tr class=\"item\"><td style=\"text-align: center\">%zu</td><td>%s</td></tr>\n",
             i + 1, ev->items.v[i]);
    if (ev->items.n == 0)
        html(f->sb, "<tr><td></td><td>%s</td></tr>\n", FORMS_DOTS);
    html(f->sb, "</table>\n");
    forms_line(f, "Lý do", ev->reason);
    forms_contact(f, "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc,", forms_signer(f));
    forms_sign(f, NULL, NULL, "NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", forms_signer(f), false);
}

/* ---- the refusal (03) and the stop notice ---- */

/* notice_end appends what a refusal and a stop notice share after their sentence: the reason, the
 * day of the notice, the closing, whom to ask. */
static void notice_end(Form *f)
{
    html(f->sb,
         "<span class=\"reason\">%s</span></div>\n<div>Ngày thông báo: %s</div>\n"
         "<div>Xin thông báo để Ông/Bà được biết và thực hiện./.</div>\n",
         forms_or_dots(f->ev->reason), forms_time(f, f->ev->at));
    forms_contact(f, "Nếu có vướng mắc,", forms_signer(f));
}

void forms_refusal(Form *f)
{
    /* Circular 01/2018 refuses "tiếp nhận, giải quyết" in one phrase, for a refusal at intake,
     * a rejection and a stop alike; Circular 03/2025 refuses intake, and a rejection is not an
     * intake refused */
    const char *what = !tt03(f)                         ? "không tiếp nhận, giải quyết"
                       : f->ev->action == ACTION_REFUSE ? "không tiếp nhận"
                                                        : "không giải quyết";
    forms_received(f, "");
    forms_line(f, "Nội dung yêu cầu giải quyết", f->procedure_name);
    forms_applicant(f);
    html(f->sb,
         "<div>Sau khi xem xét, đối chiếu thành phần hồ sơ, yêu cầu giải quyết thủ tục hành "
         "chính, %s thông báo %s hồ sơ này với lý do cụ thể như sau: ",
         forms_or_dots(f->fd->unit_name), what);
    notice_end(f);
    forms_sign(f, "NGƯỜI NỘP HỒ SƠ", f->ap->name, "NGƯỜI TỪ CHỐI", "(Ký và ghi rõ họ tên)",
               forms_signer(f), false);
}

/* withdrawn: the applicant asked to withdraw before the stop f->ev. */
static bool withdrawn(const Form *f)
{
    for (const Event *ev = f->fd->events; ev && ev < f->ev; ev++)
        if (ev->action == ACTION_REQUEST_WITHDRAWAL)
            return true;
    return false;
}

void forms_stop(Form *f)
{
    forms_received(f, " Ông/Bà");
    forms_line(f, "Nội dung yêu cầu giải quyết", f->procedure_name);
    forms_line(f, "Thời gian nhận hồ sơ", forms_time(f, f->d->p.received_at));
    forms_applicant(f);
    html(f->sb, "<div>%s thông báo dừng giải quyết hồ sơ nêu trên%s với lý do cụ thể như sau: ",
         forms_or_dots(f->fd->unit_name), withdrawn(f) ? " theo đề nghị rút hồ sơ của Ông/Bà" : "");
    notice_end(f);
    forms_sign(f, NULL, NULL, "NGƯỜI THÔNG BÁO", "(Ký và ghi rõ họ tên)", forms_signer(f), false);
}

/* ---- the apology (04) ---- */

void forms_apology(Form *f)
{
    const DossierProjection *dp = &f->d->p;
    const char *unit = forms_or_dots(f->fd->unit_name);
    int64_t new_at = f->ev->new_appointment;
    if (!new_at)
        new_at = dp->appointment_at != dp->due_at ? dp->appointment_at : 0;
    html(f->sb,
         "<div style=\"text-align: center; margin-bottom: 2mm\">Kính gửi: Ông/Bà "
         "<strong class=\"applicant\">%s</strong></div>\n"
         "<div>Ngày %s, %s tiếp nhận giải quyết hồ sơ đề nghị: %s của Ông/Bà.</div>\n",
         forms_or_dots(f->ap->name), forms_date(f, dp->received_at), unit,
         forms_or_dots(f->procedure_name));
    forms_code(f);
    html(f->sb,
         "<div>Thời gian hẹn trả kết quả giải quyết hồ sơ: <span class=\"due\">%s</span></div>\n"
         "<div>Tuy nhiên đến nay, %s chưa trả kết quả giải quyết hồ sơ của Ông/Bà.</div>\n",
         forms_time(f, dp->due_at), unit);
    forms_line(f, "Lý do", f->ev->reason);
    html(f->sb,
         "<div>Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. %s xin lỗi "
         "Ông/Bà %s <strong class=\"new-appointment\">%s</strong>.</div>\n",
         unit,
         tt03(f) ? "và đề nghị Ông/Bà đồng ý gia hạn thời gian giải quyết hồ sơ, hẹn trả kết quả "
                   "vào"
                 : "và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào",
         forms_time(f, new_at));
    forms_line(f, "Địa điểm trả kết quả", f->fd->unit_name);
    html(f->sb, "<div>Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.</div>\n");
    forms_sign(f, NULL, NULL, "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "(Ký, ghi rõ họ tên và đóng dấu)",
               f->fd->head, true);
}

/* ---- the fee receipt ---- */

void forms_fee_receipt(Form *f)
{
    const Payment *pay = f->fd->payment;
    html(f->sb,
         "<div style=\"text-align: center\">Số: <strong class=\"receipt-no\">%s</strong>"
         "</div>\n",
         forms_or_dots(pay->receipt_no));
    forms_code(f);
    forms_line(f, "Họ và tên người nộp tiền", f->ap->name);
    forms_line(f, "Địa chỉ", f->ap->address);
    html(f->sb,
         "<div>Nội dung thu: phí, lệ phí giải quyết thủ tục hành chính %s</div>\n"
         "<div>Số tiền: <strong class=\"amount\">%s đồng</strong></div>\n"
         "<div>Hình thức thanh toán: %s</div>\n",
         forms_or_dots(f->procedure_name), html_num(f->a, pay->amount),
         pay->online ? "trực tuyến" : "tại bộ phận một cửa");
    forms_line(f, "Thời điểm thu", forms_time(f, pay->paid_at));
    forms_sign(f, "NGƯỜI NỘP TIỀN", f->ap->name, "NGƯỜI THU TIỀN", "(Ký và ghi rõ họ tên)",
               f->fd->officer, false);
}

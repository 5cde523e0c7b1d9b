/* formset.c: the two sets of printed forms and the date rule between them (see formset.h).
 * The sources are those of docs/DOMAIN.md §4 (Circular 01/2018) and §18 (Circular 03/2025),
 * with the same tags: [C] confirmed in the text or an official copy, [P] seen in practice
 * (provincial and ministry decisions, real systems), [U] unconfirmed. */
#include "core/formset.h"

#include "util/timefmt.h"

#define N(a) (sizeof a / sizeof a[0])

/* motcua's own e-receipt of a payment, the same in both sets. */
#define FEE_RECEIPT                                                                                \
    {                                                                                              \
        FORM_FEE_RECEIPT, 0, "Biên lai thu phí, lệ phí", "BIÊN LAI THU PHÍ, LỆ PHÍ", false, true,  \
            "not a form of the circular: motcua's e-receipt of one payment"                        \
    }

static const FormSpec tt01[] = {
    {FORM_RECEIPT, 1, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
     "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", false, true,
     "TT 01/2018 Art 9 [C PD]; fields as the provincial templates built on its appendix [P TH]"},
    {FORM_SUPPLEMENT, 2, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
     "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", false, true, "TT 01/2018 Art 9 [C PD]"},
    {FORM_REFUSAL, 3, "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
     "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", false, true,
     "TT 01/2018 Art 9 [C PD]; also notifies a stop and a rejection (motcua's practice)"},
    {FORM_APOLOGY, 4, "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
     "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", false, true, "TT 01/2018 Art 9 [C PD]"},
    {FORM_CONTROL, 5, "Phiếu kiểm soát quá trình giải quyết hồ sơ",
     "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", false, true,
     "TT 01/2018 Art 9 [C PD]; columns as provincial templates [P]"},
    {FORM_LEDGER, 6, "Sổ theo dõi hồ sơ", "SỔ THEO DÕI HỒ SƠ", true, true,
     "TT 01/2018 Art 9 [C PD]; columns [U], as provincial exports [P TH]"},
    FEE_RECEIPT,
};

static const FormSpec tt03[] = {
    {FORM_RECEIPT, 1, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
     "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", false, true,
     "TT 03/2025 Phụ lục I: number and title [C Nghệ An QĐ 3857/2025]; fields (identity "
     "number, authorised person, times to the minute, where to collect, ledger book and number, "
     "digital signature) [P QĐ 3621/QĐ-BYT]"},
    {FORM_SUPPLEMENT, 2, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
     "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", false, true,
     "TT 03/2025 Phụ lục I: number and title [C Nghệ An QĐ 3857/2025]; fields as TT 01/2018 [U]"},
    {FORM_REFUSAL, 3, "Phiếu từ chối tiếp nhận hồ sơ", "PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ", false, true,
     "TT 03/2025 Phụ lục I: number and title [C Nghệ An QĐ 3857/2025]; fields as TT 01/2018 [U]"},
    {FORM_APOLOGY, 4, "Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết",
     "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", false, false,
     "title [P Ministry of Health's copy] (a third-party list says \"Văn bản ...\"); number [U "
     "third-party list]; fields as TT 01/2018 Mẫu 04 [U]"},
    {FORM_STOP_NOTICE, 5, "Thông báo dừng giải quyết hồ sơ", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
     false, false,
     "name [C TT 03/2025 Art 7, applying ND 118/2025 Art 21]; number [U third-party list]; "
     "wording [U] motcua's, on the pattern of Mẫu 03"},
    {FORM_CONTROL, 6, "Phiếu kiểm soát quá trình giải quyết hồ sơ",
     "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", false, false,
     "number [U third-party list]; trail kept automatically [P]; columns as TT 01/2018 [P]"},
    {FORM_LEDGER, 7, "Sổ theo dõi hồ sơ", "SỔ THEO DÕI HỒ SƠ", true, false,
     "number [U third-party list]; columns: code, procedure, applicant, lead agency, received, "
     "appointment, returned, return method, signature [P]"},
    FEE_RECEIPT,
};

static const FormSet sets[FORM_BASIS_COUNT] = {
    {FORM_BASIS_TT01_2018, "Thông tư 01/2018/TT-VPCP", INT32_MIN, tt01, N(tt01)},
    /* Decree 118/2025 in force from 1/7/2025 [C]; Circular 03/2025 of 15/9/2025 guides it */
    {FORM_BASIS_TT03_2025, "Thông tư 03/2025/TT-VPCP", 20270 /* 2025-07-01 */, tt03, N(tt03)},
};

const FormSet *formset_of(FormBasis b)
{
    return &sets[b];
}

FormBasis formset_basis_at(int64_t t)
{
    return timefmt_local_day(t) >= sets[FORM_BASIS_TT03_2025].first_day ? FORM_BASIS_TT03_2025
                                                                        : FORM_BASIS_TT01_2018;
}

FormBasis formset_basis(const Dossier *d, const Event *evs, size_t n_evs)
{
    const DossierProjection *p = &d->p;
    int64_t t = p->received_at ? p->received_at : p->submitted_at ? p->submitted_at : d->filed_at;
    for (size_t i = 0; !t && i < n_evs; i++) /* refused or guided at the counter */
        if (evs[i].action == ACTION_REFUSE || evs[i].action == ACTION_GUIDE)
            t = evs[i].at;
    return formset_basis_at(t ? t : d->created_at);
}

const FormSpec *formset_form(FormBasis b, FormKind kind)
{
    const FormSet *set = formset_of(b);
    for (size_t i = 0; i < set->n_forms; i++)
        if (set->forms[i].kind == kind)
            return &set->forms[i];
    return NULL;
}

FormKind formset_printed(FormBasis b, FormKind kind)
{
    if (formset_form(b, kind))
        return kind;
    if (kind == FORM_STOP_NOTICE && formset_form(b, FORM_REFUSAL))
        return FORM_REFUSAL;
    return FORM_NONE;
}

FormKind formset_by_number(FormBasis b, int number)
{
    const FormSet *set = formset_of(b);
    for (size_t i = 0; number > 0 && i < set->n_forms; i++)
        if (set->forms[i].number == number)
            return set->forms[i].kind;
    return FORM_NONE;
}

int formset_number_everywhere(FormKind kind)
{
    int number = 0;
    for (int b = 0; b < FORM_BASIS_COUNT; b++) {
        const FormSpec *f = formset_form((FormBasis)b, formset_printed((FormBasis)b, kind));
        if (f && number && f->number != number)
            return 0;
        if (f)
            number = f->number;
    }
    return number;
}

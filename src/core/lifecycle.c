/* lifecycle.c: the action table and the transitions (see lifecycle.h). */
#include "core/lifecycle.h"

#include "core/formset.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char *const state_names[STATE_COUNT] = {
    "",           "submitted",  "received",         "refused",
    "processing", "supplement", "awaiting_payment", "withdrawal_requested",
    "stopped",    "resolved",   "returned",         "awaiting_approval",
    "guided"};

/* The national portal's TrangThaiHoSo of each state (DOMAIN §2.2): waiting for approval is
 * still processing there, and a dossier guided at the counter was not received. */
static const unsigned char portal_status[STATE_COUNT] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 4, 3};

static const char *const state_labels[STATE_COUNT] = {"",
                                                      "Mới đăng ký",
                                                      "Được tiếp nhận",
                                                      "Không được tiếp nhận",
                                                      "Đang xử lý",
                                                      "Yêu cầu bổ sung giấy tờ",
                                                      "Yêu cầu thực hiện nghĩa vụ tài chính",
                                                      "Công dân yêu cầu rút hồ sơ",
                                                      "Dừng xử lý",
                                                      "Đã xử lý xong",
                                                      "Đã trả kết quả",
                                                      "Chờ lãnh đạo phê duyệt",
                                                      "Hướng dẫn bổ sung, chưa tiếp nhận"};

/* ---- the fields of each action ---- */

static const char *const outcomes[] = {"approved", "rejected", NULL};
static const char *const outcome_labels[] = {"Chấp thuận", "Từ chối giải quyết", NULL};
static const char *const levels[] = {"very_satisfied", "satisfied", "dissatisfied", NULL};
static const char *const level_labels[] = {"Rất hài lòng", "Hài lòng", "Không hài lòng", NULL};

enum { TEXT_MAX = 2000, NAME_MAX = 500, CODE_MAX = 64 };

/* F(name, label, hint, kind, member, max, required); CHOICE(name, label, member, max, choices,
 * labels), required */
#define F(n, l, h, k, m, x, r)                                                                     \
    {                                                                                              \
        .name = n, .label = l, .hint = h, .kind = k, .offset = offsetof(Event, m), .max = x,       \
        .required = r                                                                              \
    }
#define CHOICE(n, l, m, x, c, cl)                                                                  \
    {                                                                                              \
        .name = n, .label = l, .kind = FIELD_CHOICE, .offset = offsetof(Event, m), .max = x,       \
        .required = true, .choices = c, .choice_labels = cl                                        \
    }

static const ActionField refuse_fields[] = {
    F("reason", "Lý do từ chối", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, true)};
static const ActionField transfer_fields[] = {
    F("to", "Chuyển đến đơn vị", NULL, FIELD_UNIT, to, CODE_MAX, false),
    F("handler", "Người xử lý", NULL, FIELD_OFFICER, handler, CODE_MAX, false),
    F("note", "Ghi chú", NULL, FIELD_PARAGRAPH, note, TEXT_MAX, false)};
static const ActionField request_supplement_fields[] = {
    F("items", "Giấy tờ cần bổ sung", "mỗi dòng một giấy tờ", FIELD_LIST, items, 100, true),
    F("reason", "Lý do", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, false)};
static const ActionField supplement_fields[] = {
    F("items", "Giấy tờ đã bổ sung", "mỗi dòng một giấy tờ", FIELD_LIST, items, 100, false),
    F("online", "Công dân nộp bổ sung trực tuyến", NULL, FIELD_FLAG, online, 0, false)};
static const ActionField request_payment_fields[] = {
    F("amount", "Số tiền", "đồng", FIELD_MONEY, amount, 0, false),
    F("reason", "Nội dung nghĩa vụ tài chính", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, false)};
/* G(name, label, kind, member, max): a field only the payment gateway gives */
#define G(n, l, k, m, x)                                                                           \
    {                                                                                              \
        .name = n, .label = l, .kind = k, .offset = offsetof(Event, m), .max = x, .gateway = true  \
    }

static const ActionField pay_fields[] = {
    F("amount", "Số tiền đã nộp", "đồng", FIELD_MONEY, amount, 0, false),
    G("online", "Thanh toán trực tuyến", FIELD_FLAG, online, 0),
    G("receipt", "Mã giao dịch", FIELD_TEXT, receipt, CODE_MAX)};
static const ActionField request_withdrawal_fields[] = {
    F("reason", "Lý do rút hồ sơ", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, false)};
static const ActionField stop_fields[] = {
    F("reason", "Lý do dừng xử lý", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, true)};
static const ActionField resolve_fields[] = {
    CHOICE("outcome", "Kết quả", outcome, 16, outcomes, outcome_labels),
    F("reason", "Lý do", "bắt buộc khi từ chối", FIELD_PARAGRAPH, reason, TEXT_MAX, false),
    /* motcua marks a result electronic when its file is uploaded (documents): the flag is a
     * source system's */
    {.name = "result_digitized",
     .label = "Kết quả điện tử",
     .kind = FIELD_FLAG,
     .offset = offsetof(Event, result_digitized),
     .source_only = true}};
static const ActionField apologize_fields[] = {
    F("reason", "Lý do chậm trả kết quả", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, true),
    F("new_appointment", "Hẹn trả mới", NULL, FIELD_INSTANT, new_appointment, 0, true)};
static const ActionField digitize_fields[] = {
    F("component", "Thành phần đã số hóa", NULL, FIELD_COMPONENT, component, NAME_MAX, false),
    F("result", "Kết quả giải quyết đã được số hóa", NULL, FIELD_FLAG, result, 0, false),
    F("file", "Tệp (SHA-256)", NULL, FIELD_TEXT, file, 64, false)};
static const ActionField rate_fields[] = {
    CHOICE("level", "Mức độ hài lòng", level, 32, levels, level_labels),
    F("comment", "Góp ý", NULL, FIELD_PARAGRAPH, comment, TEXT_MAX, false)};
static const ActionField comment_fields[] = {
    F("text", "Nội dung ghi chú", NULL, FIELD_PARAGRAPH, text, TEXT_MAX, true)};
static const ActionField propose_fields[] = {
    CHOICE("outcome", "Kết quả đề xuất", outcome, 16, outcomes, outcome_labels),
    F("reason", "Lý do", "bắt buộc khi đề xuất từ chối", FIELD_PARAGRAPH, reason, TEXT_MAX, false)};
static const ActionField approve_fields[] = {
    F("note", "Ý kiến", NULL, FIELD_PARAGRAPH, note, TEXT_MAX, false)};
static const ActionField guide_fields[] = {
    F("items", "Giấy tờ cần bổ sung", "mỗi dòng một giấy tờ", FIELD_LIST, items, 100, true),
    F("reason", "Hướng dẫn", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, false)};
static const ActionField return_fields[] = {
    F("collector", "Người nhận kết quả", NULL, FIELD_TEXT, collector, NAME_MAX, false),
    F("collector_id", "Số định danh người nhận", NULL, FIELD_TEXT, collector_id, CODE_MAX, false),
    F("by_post", "Gửi kết quả qua bưu chính", NULL, FIELD_FLAG, by_post, 0, false)};
/* set by the unit operation (app/unitops.c), never typed by an officer */
static const ActionField handover_fields[] = {
    F("from", "Đơn vị chuyển giao", NULL, FIELD_UNIT, from, CODE_MAX, false),
    F("to", "Đơn vị tiếp nhận", NULL, FIELD_UNIT, to, CODE_MAX, false),
    F("operation", "Thao tác sắp xếp đơn vị số", NULL, FIELD_TEXT, operation, CODE_MAX, false)};
static const ActionField send_back_fields[] = {
    F("reason", "Lý do trả lại", NULL, FIELD_PARAGRAPH, reason, TEXT_MAX, true)};

#undef CHOICE
#undef G
#undef F

/* ---- the action table ---- */

#define R(x)      (1u << ROLE_##x)
#define OFFICERS  (R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION))
#define COUNTER   (R(CLERK) | R(INTEGRATION))
#define FIELDS(f) f, sizeof f / sizeof f[0]

static const ActionSpec actions[ACTION_COUNT] = {
    [ACTION_SUBMIT] = {"submit", "Nộp hồ sơ trực tuyến", R(NONE) | COUNTER},
    [ACTION_RECEIVE] = {"receive", "Tiếp nhận hồ sơ", COUNTER, .form = FORM_RECEIPT,
                        .on_page = true, .at_counter = true},
    [ACTION_REFUSE] = {"refuse", "Từ chối tiếp nhận", COUNTER, FIELDS(refuse_fields), FORM_REFUSAL,
                       .irreversible = true, .on_page = true, .at_counter = true},
    [ACTION_TRANSFER] = {"transfer", "Chuyển xử lý", OFFICERS, FIELDS(transfer_fields),
                         .on_page = true},
    [ACTION_REQUEST_SUPPLEMENT] = {"request_supplement", "Yêu cầu bổ sung hồ sơ", OFFICERS,
                                   FIELDS(request_supplement_fields), FORM_SUPPLEMENT,
                                   .on_page = true},
    /* NONE: the citizen's own papers, uploaded from the look-up page (web/pages/lookup.c) */
    [ACTION_SUPPLEMENT] = {"supplement", "Nhận hồ sơ bổ sung", R(NONE) | COUNTER,
                           FIELDS(supplement_fields), .on_page = true},
    [ACTION_REQUEST_PAYMENT] = {"request_payment", "Yêu cầu thực hiện nghĩa vụ tài chính", OFFICERS,
                                FIELDS(request_payment_fields), .on_page = true},
    [ACTION_PAY] = {"pay", "Thanh toán phí, lệ phí", COUNTER, FIELDS(pay_fields), FORM_FEE_RECEIPT,
                    .on_page = true},
    [ACTION_REQUEST_WITHDRAWAL] = {"request_withdrawal", "Yêu cầu rút hồ sơ", COUNTER,
                                   FIELDS(request_withdrawal_fields), .on_page = true},
    [ACTION_STOP] = {"stop", "Dừng xử lý", OFFICERS, FIELDS(stop_fields), FORM_STOP_NOTICE,
                     .irreversible = true, .on_page = true},
    [ACTION_RESOLVE] = {"resolve", "Có kết quả giải quyết", OFFICERS, FIELDS(resolve_fields),
                        .on_page = true, .result_file = true},
    [ACTION_RETURN] = {"return", "Trả kết quả", COUNTER, FIELDS(return_fields),
                       .irreversible = true, .on_page = true, .at_counter = true,
                       .one_of = {"collector", "by_post"}},
    [ACTION_APOLOGIZE] = {"apologize", "Xin lỗi và hẹn lại", OFFICERS, FIELDS(apologize_fields),
                          FORM_APOLOGY, .on_page = true},
    /* NONE: a citizen's own files, attached with the online filing that creates the dossier
     * or with the online answer to a supplement request (the web layer lets the public do
     * nothing else to a dossier) */
    [ACTION_DIGITIZE] = {"digitize", "Số hóa", R(NONE) | R(CLERK) | R(SPECIALIST) | R(INTEGRATION),
                         FIELDS(digitize_fields)},
    /* the citizen's own: with the look-up key, or on a counter device the admin registered
     * (web/api/lookup.c); no officer rates for them */
    [ACTION_RATE] = {"rate", "Đánh giá", R(NONE), FIELDS(rate_fields)},
    [ACTION_COMMENT] = {"comment", "Ghi chú", OFFICERS, FIELDS(comment_fields), .on_page = true},
    [ACTION_PROPOSE] = {"propose", "Trình lãnh đạo phê duyệt", OFFICERS, FIELDS(propose_fields),
                        .on_page = true, .result_file = true},
    [ACTION_APPROVE] = {"approve", "Phê duyệt kết quả", R(LEADER) | R(INTEGRATION),
                        FIELDS(approve_fields), .on_page = true},
    [ACTION_SEND_BACK] = {"send_back", "Trả lại chuyên viên", R(LEADER) | R(INTEGRATION),
                          FIELDS(send_back_fields), .on_page = true},
    [ACTION_GUIDE] = {"guide", "Hướng dẫn bổ sung, không tiếp nhận", COUNTER, FIELDS(guide_fields),
                      FORM_SUPPLEMENT, .irreversible = true, .on_page = true, .at_counter = true},
    /* taken by a unit operation the admin confirms (app/unitops.c), never from a dossier page */
    [ACTION_HANDOVER] = {"handover", "Chuyển giao do sắp xếp đơn vị hành chính", R(ADMIN),
                         FIELDS(handover_fields)},
};

#undef FIELDS
#undef COUNTER
#undef OFFICERS
#undef R

/* ---- the transitions ---- */

/* next[state][action]: the state the action leads to; 0 (STATE_NONE, which no action leads
 * to) where the pair is illegal; STAY where it is legal and the state does not change. */
enum { STAY = STATE_COUNT };

#define ALWAYS(s)   [s][ACTION_DIGITIZE] = STAY, [s][ACTION_COMMENT] = STAY
#define PAYABLE(s)  [s][ACTION_PAY] = STAY
#define OPEN(s)     [s][ACTION_APOLOGIZE] = STAY, [s][ACTION_STOP] = STATE_STOPPED
#define RATEABLE(s) [s][ACTION_RATE] = STAY
/* an open dossier (not finished, or resolved and waiting to be returned) follows its unit */
#define HANDED(s) [s][ACTION_HANDOVER] = STAY

static const unsigned char next[STATE_COUNT][ACTION_COUNT] = {
    /* first event: filed online, received at the counter or by post, or, not received, refused
     * there or guided to complete what is missing (Decree 61 Art 17(1)(a)-(b)) */
    [STATE_NONE][ACTION_SUBMIT] = STATE_SUBMITTED,
    [STATE_NONE][ACTION_RECEIVE] = STATE_RECEIVED,
    [STATE_NONE][ACTION_REFUSE] = STATE_REFUSED,
    [STATE_NONE][ACTION_GUIDE] = STATE_GUIDED,

    [STATE_SUBMITTED][ACTION_RECEIVE] = STATE_RECEIVED,
    [STATE_SUBMITTED][ACTION_REFUSE] = STATE_REFUSED,
    [STATE_SUBMITTED][ACTION_GUIDE] = STATE_GUIDED,
    ALWAYS(STATE_SUBMITTED),
    HANDED(STATE_SUBMITTED),

    ALWAYS(STATE_GUIDED),

    [STATE_RECEIVED][ACTION_TRANSFER] = STATE_PROCESSING,
    [STATE_RECEIVED][ACTION_REQUEST_SUPPLEMENT] = STATE_SUPPLEMENT,
    [STATE_RECEIVED][ACTION_REQUEST_PAYMENT] = STATE_AWAITING_PAYMENT,
    [STATE_RECEIVED][ACTION_RESOLVE] = STATE_RESOLVED,
    [STATE_RECEIVED][ACTION_PROPOSE] = STATE_AWAITING_APPROVAL,
    OPEN(STATE_RECEIVED),
    PAYABLE(STATE_RECEIVED),
    ALWAYS(STATE_RECEIVED),
    HANDED(STATE_RECEIVED),

    ALWAYS(STATE_REFUSED),

    [STATE_PROCESSING][ACTION_TRANSFER] = STAY,
    [STATE_PROCESSING][ACTION_REQUEST_SUPPLEMENT] = STATE_SUPPLEMENT,
    [STATE_PROCESSING][ACTION_REQUEST_PAYMENT] = STATE_AWAITING_PAYMENT,
    [STATE_PROCESSING][ACTION_REQUEST_WITHDRAWAL] = STATE_WITHDRAWAL_REQUESTED,
    [STATE_PROCESSING][ACTION_RESOLVE] = STATE_RESOLVED,
    [STATE_PROCESSING][ACTION_PROPOSE] = STATE_AWAITING_APPROVAL,
    OPEN(STATE_PROCESSING),
    PAYABLE(STATE_PROCESSING),
    ALWAYS(STATE_PROCESSING),
    HANDED(STATE_PROCESSING),

    /* the complete dossier arrives: the clock restarts (Decree 61 Art 19(4)) */
    [STATE_SUPPLEMENT][ACTION_SUPPLEMENT] = STATE_PROCESSING,
    OPEN(STATE_SUPPLEMENT),
    PAYABLE(STATE_SUPPLEMENT),
    ALWAYS(STATE_SUPPLEMENT),
    HANDED(STATE_SUPPLEMENT),

    /* the payment that was asked for ends the pause */
    [STATE_AWAITING_PAYMENT][ACTION_PAY] = STATE_PROCESSING,
    OPEN(STATE_AWAITING_PAYMENT),
    ALWAYS(STATE_AWAITING_PAYMENT),
    HANDED(STATE_AWAITING_PAYMENT),

    /* a withdrawal request is granted (stop) or refused (the dossier goes on) */
    [STATE_WITHDRAWAL_REQUESTED][ACTION_TRANSFER] = STATE_PROCESSING,
    [STATE_WITHDRAWAL_REQUESTED][ACTION_STOP] = STATE_STOPPED,
    PAYABLE(STATE_WITHDRAWAL_REQUESTED),
    ALWAYS(STATE_WITHDRAWAL_REQUESTED),
    HANDED(STATE_WITHDRAWAL_REQUESTED),

    PAYABLE(STATE_STOPPED),
    RATEABLE(STATE_STOPPED),
    ALWAYS(STATE_STOPPED),

    [STATE_RESOLVED][ACTION_RETURN] = STATE_RETURNED,
    PAYABLE(STATE_RESOLVED),
    RATEABLE(STATE_RESOLVED),
    ALWAYS(STATE_RESOLVED),
    HANDED(STATE_RESOLVED),

    PAYABLE(STATE_RETURNED),
    RATEABLE(STATE_RETURNED),
    ALWAYS(STATE_RETURNED),

    /* the leader issues the proposed result (the dossier is resolved at that instant) or
     * returns it to the specialist; the clock runs meanwhile */
    [STATE_AWAITING_APPROVAL][ACTION_APPROVE] = STATE_RESOLVED,
    [STATE_AWAITING_APPROVAL][ACTION_SEND_BACK] = STATE_PROCESSING,
    OPEN(STATE_AWAITING_APPROVAL),
    PAYABLE(STATE_AWAITING_APPROVAL),
    ALWAYS(STATE_AWAITING_APPROVAL),
    HANDED(STATE_AWAITING_APPROVAL),
};

#undef HANDED
#undef RATEABLE
#undef OPEN
#undef PAYABLE
#undef ALWAYS

/* choice_label is the label of value among choices, or value itself. */
static const char *choice_label(const char *const *choices, const char *const *labels,
                                const char *value)
{
    for (size_t i = 0; value && choices[i]; i++)
        if (strcmp(value, choices[i]) == 0)
            return labels[i];
    return value;
}

const ActionSpec *lifecycle_action(Action a)
{
    return a >= 0 && a < ACTION_COUNT ? &actions[a] : NULL;
}

const ActionField *lifecycle_field(Action a, const char *name)
{
    const ActionSpec *spec = lifecycle_action(a);
    for (size_t i = 0; spec && name && i < spec->n_fields; i++)
        if (strcmp(spec->fields[i].name, name) == 0)
            return &spec->fields[i];
    return NULL;
}

const char *lifecycle_state_name(State s)
{
    return s >= 0 && s < STATE_COUNT ? state_names[s] : "";
}

const char *lifecycle_state_label(State s)
{
    return s >= 0 && s < STATE_COUNT ? state_labels[s] : "";
}

int lifecycle_portal_status(State s)
{
    return s > 0 && s < STATE_COUNT ? portal_status[s] : 0;
}

State lifecycle_state_parse(const char *name)
{
    for (int s = 1; s < STATE_COUNT; s++)
        if (name && strcmp(name, state_names[s]) == 0)
            return (State)s;
    return STATE_NONE;
}

const char *lifecycle_action_name(Action a)
{
    return a >= 0 && a < ACTION_COUNT ? actions[a].name : "";
}

int lifecycle_action_parse(const char *name)
{
    for (int a = 0; a < ACTION_COUNT; a++)
        if (name && strcmp(name, actions[a].name) == 0)
            return a;
    return -1;
}

const char *lifecycle_action_label(Action a)
{
    return a >= 0 && a < ACTION_COUNT ? actions[a].label : "";
}

int lifecycle_next(State s, Action a, State *out)
{
    if (s < 0 || s >= STATE_COUNT || a < 0 || a >= ACTION_COUNT || next[s][a] == STATE_NONE)
        return ERR_SEMANTIC;
    *out = next[s][a] == STAY ? s : (State)next[s][a];
    return 0;
}

int lifecycle_role_may(Role role, Action a)
{
    if (role < 0 || role >= ROLE_COUNT || a < 0 || a >= ACTION_COUNT)
        return 0;
    return (actions[a].roles >> role) & 1u;
}

bool lifecycle_applies(Action a, bool approval)
{
    if (a == ACTION_RESOLVE)
        return !approval;
    if (a == ACTION_PROPOSE || a == ACTION_APPROVE || a == ACTION_SEND_BACK)
        return approval;
    return true;
}

bool lifecycle_offered(Role role, State s, bool approval, Action a)
{
    State to;
    return lifecycle_role_may(role, a) && actions[a].on_page && lifecycle_applies(a, approval) &&
           lifecycle_next(s, a, &to) == 0;
}

/* given: the field f of ev holds a value. */
static bool given(const Event *ev, const ActionField *f)
{
    const char *at = (const char *)ev + f->offset;
    switch (f->kind) {
    case FIELD_LIST: return ((const TextList *)(const void *)at)->n > 0;
    case FIELD_MONEY:
    case FIELD_INSTANT: return *(const int64_t *)(const void *)at != 0;
    case FIELD_FLAG: return *(const bool *)(const void *)at;
    default: return *(const char *const *)(const void *)at != NULL;
    }
}

/* missing fails with ERR_INVALID naming field f of action spec, which an action taken here
 * must give: "Cần nhập lý do từ chối (in trên Mẫu 03)" when a printed form shows it, by its
 * number when every set numbers it alike, else by its title ("... (in trên Thông báo dừng giải
 * quyết hồ sơ)": the message does not know the dossier's set). */
static int missing(const ActionSpec *spec, const ActionField *f, Err *e)
{
    char vi[sizeof e->message], en[sizeof e->message_en], form[96] = "";
    const FormSpec *latest = formset_form(FORM_BASIS_COUNT - 1, spec->form);
    int number = formset_number_everywhere(spec->form);
    if (number)
        snprintf(form, sizeof form, " (in trên Mẫu %02d)", number);
    else if (latest)
        snprintf(form, sizeof form, " (in trên %s)", latest->title);
    /* the label starts with an ASCII capital in every row of the table */
    snprintf(vi, sizeof vi, "Cần nhập %c%s%s", f->label[0] | 0x20, f->label + 1, form);
    snprintf(en, sizeof en, "%s is required", f->name);
    return err_set(e, ERR_INVALID, f->name, vi, en);
}

int lifecycle_check_live(const Event *ev, Err *e)
{
    const ActionSpec *spec = lifecycle_action(ev->action);
    for (size_t i = 0; spec && i < spec->n_fields; i++) {
        const ActionField *f = &spec->fields[i];
        if (f->required && !given(ev, f))
            return missing(spec, f, e);
        if (f->gateway && given(ev, f))
            return err_setf(e, ERR_FORBIDDEN, f->name,
                            "%s chỉ do cổng thanh toán trực tuyến ghi nhận; tại quầy chỉ ghi "
                            "nhận tiền nộp trực tiếp",
                            "only the payment gateway records this; the counter records "
                            "payments made there",
                            f->label);
        if (f->source_only && given(ev, f))
            return err_setf(e, ERR_SEMANTIC, f->name,
                            "%s: hãy tải tệp lên, hệ thống ghi nhận khi có tệp",
                            "%s is recorded when its file is uploaded, not given", f->name);
    }
    if (spec && spec->one_of[0]) {
        const ActionField *a = lifecycle_field(ev->action, spec->one_of[0]),
                          *b = lifecycle_field(ev->action, spec->one_of[1]);
        if (!given(ev, a) && !given(ev, b)) {
            char vi[sizeof e->message], en[sizeof e->message_en];
            snprintf(vi, sizeof vi, "Cần nhập %c%s, hoặc chọn: %s", a->label[0] | 0x20,
                     a->label + 1, b->label);
            snprintf(en, sizeof en, "%s or %s is required", a->name, b->name);
            return err_set(e, ERR_INVALID, a->name, vi, en);
        }
    }
    return 0;
}

bool lifecycle_in_progress(State s)
{
    return s != STATE_NONE && s != STATE_SUBMITTED && s < STATE_COUNT && !lifecycle_is_final(s);
}

int lifecycle_is_final(State s)
{
    return s == STATE_REFUSED || s == STATE_GUIDED || s == STATE_STOPPED || s == STATE_RESOLVED ||
           s == STATE_RETURNED;
}

int lifecycle_rating_valid(const char *level)
{
    for (size_t i = 0; level && levels[i]; i++)
        if (strcmp(level, levels[i]) == 0)
            return 1;
    return 0;
}

const char *lifecycle_rating_label(const char *level)
{
    return choice_label(levels, level_labels, level);
}

const char *lifecycle_choice_label(const ActionField *f, const char *value)
{
    return f->choices ? choice_label(f->choices, f->choice_labels, value) : value;
}

const char *lifecycle_outcome_label(const char *outcome)
{
    return choice_label(outcomes, outcome_labels, outcome);
}

/* lifecycle.c: the table of legal (state, action) pairs and of roles (see lifecycle.h). */
#include "core/lifecycle.h"

#include "util/err.h"

#include <string.h>

static const char *const state_names[STATE_COUNT] = {
    "",           "submitted",  "received",         "refused",
    "processing", "supplement", "awaiting_payment", "withdrawal_requested",
    "stopped",    "resolved",   "returned"};

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
                                                      "Đã trả kết quả"};

static const char *const action_names[ACTION_COUNT] = {
    "submit",     "receive",         "refuse",    "transfer",           "request_supplement",
    "supplement", "request_payment", "pay",       "request_withdrawal", "stop",
    "resolve",    "return",          "apologize", "digitize",           "rate",
    "comment"};

static const char *const action_labels[ACTION_COUNT] = {"Nộp hồ sơ trực tuyến",
                                                        "Tiếp nhận hồ sơ",
                                                        "Từ chối tiếp nhận",
                                                        "Chuyển xử lý",
                                                        "Yêu cầu bổ sung hồ sơ",
                                                        "Nhận hồ sơ bổ sung",
                                                        "Yêu cầu thực hiện nghĩa vụ tài chính",
                                                        "Thanh toán phí, lệ phí",
                                                        "Yêu cầu rút hồ sơ",
                                                        "Dừng xử lý",
                                                        "Có kết quả giải quyết",
                                                        "Trả kết quả",
                                                        "Xin lỗi và hẹn lại",
                                                        "Số hóa",
                                                        "Đánh giá",
                                                        "Ghi chú"};

enum { X = -1, SAME = -2 }; /* X: illegal; SAME: legal, state unchanged */

/* next[state][action]: the resulting state, X or SAME. One row per state, one column per
 * action in the order of the Action enum. */
static const signed char next[STATE_COUNT][ACTION_COUNT] = {
#define S(x) STATE_##x
    /*               submit       receive      refuse      transfer       req_supp      supp
                     req_pay      pay          req_wd      stop           resolve       return
                     apologize    digitize     rate        comment */
    [STATE_NONE] = {S(SUBMITTED), S(RECEIVED), S(REFUSED), X, X, X, X, X, X, X, X, X, X, X, X, X},
    [STATE_SUBMITTED] = {X, S(RECEIVED), S(REFUSED), X, X, X, X, X, X, X, X, X, X, SAME, X, SAME},
    [STATE_RECEIVED] = {X, X, X, S(PROCESSING), S(SUPPLEMENT), X, S(AWAITING_PAYMENT), SAME, X,
                        S(STOPPED), S(RESOLVED), X, SAME, SAME, X, SAME},
    [STATE_REFUSED] = {X, X, X, X, X, X, X, X, X, X, X, X, X, SAME, X, SAME},
    [STATE_PROCESSING] = {X, X, X, SAME, S(SUPPLEMENT), X, S(AWAITING_PAYMENT), SAME,
                          S(WITHDRAWAL_REQUESTED), S(STOPPED), S(RESOLVED), X, SAME, SAME, X, SAME},
    [STATE_SUPPLEMENT] = {X, X, X, X, X, S(PROCESSING), X, SAME, X, S(STOPPED), X, X, SAME, SAME, X,
                          SAME},
    [STATE_AWAITING_PAYMENT] = {X, X, X, X, X, X, X, S(PROCESSING), X, S(STOPPED), X, X, SAME, SAME,
                                X, SAME},
    [STATE_WITHDRAWAL_REQUESTED] = {X, X, X, S(PROCESSING), X, X, X, SAME, X, S(STOPPED), X, X, X,
                                    SAME, X, SAME},
    [STATE_STOPPED] = {X, X, X, X, X, X, X, SAME, X, X, X, X, X, SAME, SAME, SAME},
    [STATE_RESOLVED] = {X, X, X, X, X, X, X, SAME, X, X, X, S(RETURNED), X, SAME, SAME, SAME},
    [STATE_RETURNED] = {X, X, X, X, X, X, X, SAME, X, X, X, X, X, SAME, SAME, SAME},
#undef S
};

/* Who may take each action: a bit per role (1 << Role). */
#define R(x) (1u << ROLE_##x)
static const unsigned roles[ACTION_COUNT] = {
    [ACTION_SUBMIT] = R(NONE) | R(CLERK) | R(INTEGRATION),
    [ACTION_RECEIVE] = R(CLERK) | R(INTEGRATION),
    [ACTION_REFUSE] = R(CLERK) | R(INTEGRATION),
    [ACTION_TRANSFER] = R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION),
    [ACTION_REQUEST_SUPPLEMENT] = R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION),
    [ACTION_SUPPLEMENT] = R(CLERK) | R(INTEGRATION),
    [ACTION_REQUEST_PAYMENT] = R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION),
    [ACTION_PAY] = R(CLERK) | R(INTEGRATION),
    [ACTION_REQUEST_WITHDRAWAL] = R(CLERK) | R(INTEGRATION),
    [ACTION_STOP] = R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION),
    [ACTION_RESOLVE] = R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION),
    [ACTION_RETURN] = R(CLERK) | R(INTEGRATION),
    [ACTION_APOLOGIZE] = R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION),
    /* NONE: a citizen's own files, attached as the online filing that creates the dossier
     * (the web layer lets the public do nothing else to a dossier) */
    [ACTION_DIGITIZE] = R(NONE) | R(CLERK) | R(SPECIALIST) | R(INTEGRATION),
    [ACTION_RATE] = R(NONE) | R(CLERK) | R(INTEGRATION),
    [ACTION_COMMENT] = R(CLERK) | R(SPECIALIST) | R(LEADER) | R(INTEGRATION),
};
#undef R

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
    return s > 0 && s < STATE_COUNT ? (int)s : 0;
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
    return a >= 0 && a < ACTION_COUNT ? action_names[a] : "";
}

int lifecycle_action_parse(const char *name)
{
    for (int a = 0; a < ACTION_COUNT; a++)
        if (name && strcmp(name, action_names[a]) == 0)
            return a;
    return -1;
}

const char *lifecycle_action_label(Action a)
{
    return a >= 0 && a < ACTION_COUNT ? action_labels[a] : "";
}

int lifecycle_next(State s, Action a, State *out)
{
    if (s < 0 || s >= STATE_COUNT || a < 0 || a >= ACTION_COUNT)
        return ERR_SEMANTIC;
    int n = next[s][a];
    if (n == X)
        return ERR_SEMANTIC;
    *out = n == SAME ? s : (State)n;
    return 0;
}

int lifecycle_role_may(Role role, Action a)
{
    if (role < 0 || role >= ROLE_COUNT || a < 0 || a >= ACTION_COUNT)
        return 0;
    return (roles[a] >> role) & 1u;
}

int lifecycle_is_final(State s)
{
    return s == STATE_REFUSED || s == STATE_STOPPED || s == STATE_RESOLVED || s == STATE_RETURNED;
}

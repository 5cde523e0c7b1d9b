/* test_lifecycle.c: the whole state x action table against the list of legal pairs in
 * docs/INTERFACES.md §2 (written out here as data), every role x action pair, the names and
 * national-portal codes, and the rest of the action table: each action's fields (what the
 * page and the API require, where each lives in an Event), printed forms, irreversible
 * actions and what the pages offer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/lifecycle.h"
#include "util/err.h"

#include <stdio.h>
#include <string.h>

typedef struct Legal {
    const char *from, *action, *to; /* from "" = before the first event */
} Legal;

/* docs/INTERFACES.md §2, "The table must at least allow", one line per legal pair. */
static const Legal legal[] = {
    {"", "submit", "submitted"},
    {"", "receive", "received"},
    {"", "refuse", "refused"},
    {"submitted", "receive", "received"},
    {"submitted", "refuse", "refused"},
    {"received", "transfer", "processing"},
    {"received", "request_supplement", "supplement"},
    {"received", "request_payment", "awaiting_payment"},
    {"received", "resolve", "resolved"},
    {"received", "stop", "stopped"},
    {"processing", "transfer", "processing"},
    {"processing", "request_supplement", "supplement"},
    {"processing", "request_payment", "awaiting_payment"},
    {"processing", "request_withdrawal", "withdrawal_requested"},
    {"processing", "resolve", "resolved"},
    {"processing", "stop", "stopped"},
    {"supplement", "supplement", "processing"},
    {"supplement", "stop", "stopped"},
    {"awaiting_payment", "pay", "processing"},
    {"awaiting_payment", "stop", "stopped"},
    {"withdrawal_requested", "stop", "stopped"},
    {"withdrawal_requested", "transfer", "processing"},
    {"resolved", "return", "returned"},
    /* apologize in received, processing, supplement, awaiting_payment: no state change */
    {"received", "apologize", "received"},
    {"processing", "apologize", "processing"},
    {"supplement", "apologize", "supplement"},
    {"awaiting_payment", "apologize", "awaiting_payment"},
    /* pay records a payment in every other state from received on, returned included */
    {"received", "pay", "received"},
    {"processing", "pay", "processing"},
    {"supplement", "pay", "supplement"},
    {"withdrawal_requested", "pay", "withdrawal_requested"},
    {"stopped", "pay", "stopped"},
    {"resolved", "pay", "resolved"},
    {"returned", "pay", "returned"},
    /* rate once resolved, returned or stopped */
    {"resolved", "rate", "resolved"},
    {"returned", "rate", "returned"},
    {"stopped", "rate", "stopped"},
    /* a result proposed for the leader's approval: issued, or sent back */
    {"received", "propose", "awaiting_approval"},
    {"processing", "propose", "awaiting_approval"},
    {"awaiting_approval", "approve", "resolved"},
    {"awaiting_approval", "send_back", "processing"},
    {"awaiting_approval", "apologize", "awaiting_approval"},
    {"awaiting_approval", "stop", "stopped"},
    {"awaiting_approval", "pay", "awaiting_approval"},
    /* not received: guided to complete the dossier, at the counter or online */
    {"", "guide", "guided"},
    {"submitted", "guide", "guided"},
    /* a unit operation hands every open dossier (resolved ones wait to be returned) to the
     * unit that takes over: no state changes */
    {"submitted", "handover", "submitted"},
    {"received", "handover", "received"},
    {"processing", "handover", "processing"},
    {"supplement", "handover", "supplement"},
    {"awaiting_payment", "handover", "awaiting_payment"},
    {"withdrawal_requested", "handover", "withdrawal_requested"},
    {"resolved", "handover", "resolved"},
    {"awaiting_approval", "handover", "awaiting_approval"},
};

static const char *const all_states[] = {
    "",           "submitted",  "received",         "refused",
    "processing", "supplement", "awaiting_payment", "withdrawal_requested",
    "stopped",    "resolved",   "returned",         "awaiting_approval",
    "guided"};

static State parse_state(const char *name)
{
    return name[0] ? lifecycle_state_parse(name) : STATE_NONE;
}

/* want_next returns the expected state name for (from, action), or NULL when illegal. */
static const char *want_next(const char *from, const char *action)
{
    for (size_t i = 0; i < sizeof legal / sizeof legal[0]; i++)
        if (strcmp(legal[i].from, from) == 0 && strcmp(legal[i].action, action) == 0)
            return legal[i].to;
    /* comment and digitize are legal in any state once the dossier exists */
    if (from[0] && (strcmp(action, "comment") == 0 || strcmp(action, "digitize") == 0))
        return from;
    return NULL;
}

static void test_full_state_action_table(void **state)
{
    (void)state;
    int legal_seen = 0;
    for (size_t s = 0; s < sizeof all_states / sizeof all_states[0]; s++) {
        for (int a = 0; a < ACTION_COUNT; a++) {
            const char *from = all_states[s], *action = lifecycle_action_name((Action)a);
            const char *want = want_next(from, action);
            State got;
            int rc = lifecycle_next(parse_state(from), (Action)a, &got);
            if (!want) {
                if (rc != ERR_SEMANTIC)
                    fail_msg("%s + %s should be refused", from, action);
                continue;
            }
            if (rc != 0)
                fail_msg("%s + %s should be legal", from, action);
            assert_string_equal(lifecycle_state_name(got), want);
            legal_seen++;
        }
    }
    /* the listed pairs plus comment and digitize in the twelve states */
    assert_int_equal(legal_seen, (int)(sizeof legal / sizeof legal[0]) + 2 * 12);
}

static void test_roles(void **state)
{
    (void)state;
    /* expected roles per action, as a string of role initials: N(one/citizen) A L C S I */
    static const struct {
        const char *action, *roles;
    } who[] = {
        {"submit", "NCI"},
        {"receive", "CI"},
        {"refuse", "CI"},
        {"transfer", "LCSI"},
        {"request_supplement", "LCSI"},
        {"supplement", "NCI"}, /* N: only online, through the look-up key */
        {"request_payment", "LCSI"},
        {"pay", "CI"},
        {"request_withdrawal", "CI"},
        {"stop", "LCSI"},
        {"resolve", "LCSI"},
        {"return", "CI"},
        {"apologize", "LCSI"},
        {"digitize", "NCSI"}, /* N: a citizen's own files, filed or supplemented online */
        {"rate", "N"},        /* the citizen's own: no officer rates for them */
        {"comment", "LCSI"},
        {"propose", "LCSI"},
        {"approve", "LI"},
        {"send_back", "LI"},
        {"guide", "CI"},
        {"handover", "A"}, /* only through a unit operation the admin confirms */
    };
    static const char initials[ROLE_COUNT] = {'N', 'A', 'L', 'C', 'S', 'I'};
    assert_int_equal(sizeof who / sizeof who[0], ACTION_COUNT);
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
        int a = lifecycle_action_parse(who[i].action);
        assert_true(a >= 0);
        for (int r = 0; r < ROLE_COUNT; r++) {
            int want = strchr(who[i].roles, initials[r]) != NULL;
            if (lifecycle_role_may((Role)r, (Action)a) != want)
                fail_msg("role %c action %s: want %d", initials[r], who[i].action, want);
        }
    }
    assert_false(lifecycle_role_may((Role)42, ACTION_RESOLVE));
    assert_false(lifecycle_role_may(ROLE_CLERK, (Action)42));
}

static void test_names_and_codes(void **state)
{
    (void)state;
    for (int s = 1; s < STATE_COUNT; s++) {
        /* the portal's codes are the states' order; waiting for approval is processing there */
        int want = s == STATE_AWAITING_APPROVAL ? 4 : s == STATE_GUIDED ? 3 : s;
        assert_int_equal(lifecycle_portal_status((State)s), want);
        assert_int_equal(lifecycle_state_parse(lifecycle_state_name((State)s)), s);
        assert_true(strlen(lifecycle_state_label((State)s)) > 0);
    }
    assert_int_equal(lifecycle_portal_status(STATE_RETURNED), 10);
    assert_int_equal(lifecycle_portal_status(STATE_SUPPLEMENT), 5);
    assert_string_equal(lifecycle_state_label(STATE_RESOLVED), "Đã xử lý xong");
    assert_int_equal(lifecycle_state_parse("nonsense"), STATE_NONE);
    assert_int_equal(lifecycle_action_parse("fly"), -1);
    for (int a = 0; a < ACTION_COUNT; a++)
        assert_int_equal(lifecycle_action_parse(lifecycle_action_name((Action)a)), a);
    assert_true(lifecycle_is_final(STATE_RESOLVED) && lifecycle_is_final(STATE_STOPPED) &&
                lifecycle_is_final(STATE_REFUSED) && lifecycle_is_final(STATE_RETURNED) &&
                lifecycle_is_final(STATE_GUIDED));
    assert_false(lifecycle_is_final(STATE_SUPPLEMENT) || lifecycle_is_final(STATE_PROCESSING));
    State out;
    assert_int_equal(lifecycle_next((State)99, ACTION_RESOLVE, &out), ERR_SEMANTIC);
}

/* The fields of each action, written out here as data: name, kind, required. */
static const struct {
    const char *action, *fields;
} field_list[] = {
    {"submit", ""},
    {"receive", ""},
    {"refuse", "reason:P!"},
    {"transfer", "to:U handler:O note:P"},
    {"request_supplement", "items:L! reason:P"},
    {"supplement", "items:L online:F"},
    {"request_payment", "amount:M reason:P"},
    {"pay", "amount:M online:F@ receipt:T@"}, /* @: only the payment gateway gives it */
    {"request_withdrawal", "reason:P"},
    {"stop", "reason:P!"},
    {"resolve", "outcome:C! reason:P result_digitized:F"},
    {"return", "collector:T collector_id:T by_post:F"},
    {"apologize", "reason:P! new_appointment:I!"},
    {"digitize", "component:K result:F file:T"},
    {"rate", "level:C! comment:P"},
    {"comment", "text:P!"},
    {"propose", "outcome:C! reason:P"},
    {"approve", "note:P"},
    {"send_back", "reason:P!"},
    {"guide", "items:L! reason:P"},
    {"handover", "from:U to:U operation:T"},
};

static char kind_letter(FieldKind k)
{
    static const char letters[] = "TPLMFIUOKC";
    return letters[k];
}

static void test_fields(void **state)
{
    (void)state;
    assert_int_equal(sizeof field_list / sizeof field_list[0], ACTION_COUNT);
    for (size_t i = 0; i < ACTION_COUNT; i++) {
        Action act = (Action)lifecycle_action_parse(field_list[i].action);
        const ActionSpec *spec = lifecycle_action(act);
        char got[200] = "";
        for (size_t k = 0; k < spec->n_fields; k++) {
            const ActionField *f = &spec->fields[k];
            size_t n = strlen(got);
            snprintf(got + n, sizeof got - n, "%s%s:%c%s%s", k ? " " : "", f->name,
                     kind_letter(f->kind), f->required ? "!" : "", f->gateway ? "@" : "");
            /* inside the Event, after its common part; the label of a required field starts with
             * a capital the "missing" message can lower-case */
            assert_true(f->offset >= offsetof(Event, to) && f->offset < sizeof(Event));
            assert_true(!f->required || (f->label[0] >= 'A' && f->label[0] <= 'Z'));
            assert_ptr_equal(lifecycle_field(act, f->name), f);
            if (f->kind == FIELD_CHOICE)
                for (size_t c = 0; f->choices[c]; c++)
                    assert_non_null(f->choice_labels[c]);
        }
        assert_string_equal(got, field_list[i].fields);
        assert_true(strlen(spec->label) > 0);
    }
    assert_null(lifecycle_field(ACTION_RESOLVE, "nonsense"));
    assert_null(lifecycle_action((Action)ACTION_COUNT));
}

static void test_required(void **state)
{
    (void)state;
    Err e;
    Event stop = {.action = ACTION_STOP};
    assert_int_equal(lifecycle_check_live(&stop, &e), ERR_INVALID);
    assert_string_equal(e.field, "reason");
    /* a stop prints Mẫu 03 under Circular 01/2018, the stop notice (05) under Circular 03 */
    assert_string_equal(e.message, "Cần nhập lý do dừng xử lý (in trên Thông báo dừng giải quyết "
                                   "hồ sơ)");
    assert_string_equal(e.message_en, "reason is required");
    stop.reason = "Công dân rút hồ sơ";
    assert_int_equal(lifecycle_check_live(&stop, &e), 0);

    Event supplement = {.action = ACTION_REQUEST_SUPPLEMENT, .reason = "thiếu"};
    assert_int_equal(lifecycle_check_live(&supplement, &e), ERR_INVALID);
    assert_string_equal(e.field, "items");
    const char *papers[] = {"Bản sao CCCD"};
    supplement.items = (TextList){papers, 1};
    assert_int_equal(lifecycle_check_live(&supplement, &e), 0);

    /* a field without a printed form: no form in the message */
    Event comment = {.action = ACTION_COMMENT};
    assert_int_equal(lifecycle_check_live(&comment, &e), ERR_INVALID);
    assert_string_equal(e.message, "Cần nhập nội dung ghi chú");
    /* fields of another action do not count */
    Event apology = {.action = ACTION_APOLOGIZE, .reason = "chậm", .amount = 5};
    assert_int_equal(lifecycle_check_live(&apology, &e), ERR_INVALID);
    assert_string_equal(e.field, "new_appointment");
    Event receive = {.action = ACTION_RECEIVE};
    assert_int_equal(lifecycle_check_live(&receive, NULL), 0);
    /* a return says who collected the result, or that it went by post */
    Event ret = {.action = ACTION_RETURN};
    assert_int_equal(lifecycle_check_live(&ret, &e), ERR_INVALID);
    assert_string_equal(e.field, "collector");
    assert_string_equal(e.message,
                        "Cần nhập người nhận kết quả, hoặc chọn: Gửi kết quả qua bưu chính");
    ret.by_post = true;
    assert_int_equal(lifecycle_check_live(&ret, &e), 0);
    ret = (Event){.action = ACTION_RETURN, .collector = "Nguyễn Văn Nam"};
    assert_int_equal(lifecycle_check_live(&ret, &e), 0);
    /* a payment taken here is at the counter: online and the gateway's reference are the
     * gateway's alone */
    Event pay = {.action = ACTION_PAY, .amount = 8000};
    assert_int_equal(lifecycle_check_live(&pay, &e), 0);
    pay.online = true;
    assert_int_equal(lifecycle_check_live(&pay, &e), ERR_FORBIDDEN);
    assert_string_equal(e.field, "online");
    pay.online = false;
    pay.receipt = "GW-1";
    assert_int_equal(lifecycle_check_live(&pay, &e), ERR_FORBIDDEN);
    assert_string_equal(e.field, "receipt");
}

static void test_forms_and_pages(void **state)
{
    (void)state;
    assert_int_equal(lifecycle_action(ACTION_RECEIVE)->form, FORM_RECEIPT);
    assert_int_equal(lifecycle_action(ACTION_REQUEST_SUPPLEMENT)->form, FORM_SUPPLEMENT);
    assert_int_equal(lifecycle_action(ACTION_REFUSE)->form, FORM_REFUSAL);
    assert_int_equal(lifecycle_action(ACTION_STOP)->form, FORM_STOP_NOTICE);
    assert_int_equal(lifecycle_action(ACTION_APOLOGIZE)->form, FORM_APOLOGY);
    assert_int_equal(lifecycle_action(ACTION_PAY)->form, FORM_FEE_RECEIPT);
    assert_int_equal(lifecycle_action(ACTION_COMMENT)->form, FORM_NONE);
    for (int a = 0; a < ACTION_COUNT; a++) {
        bool want =
            a == ACTION_REFUSE || a == ACTION_STOP || a == ACTION_RETURN || a == ACTION_GUIDE;
        assert_int_equal(lifecycle_action((Action)a)->irreversible, want);
    }
    /* the page offers what the role may take in the state, not the citizen's own actions */
    assert_true(lifecycle_offered(ROLE_CLERK, STATE_SUBMITTED, false, ACTION_RECEIVE));
    assert_true(lifecycle_offered(ROLE_CLERK, STATE_SUBMITTED, false, ACTION_REFUSE));
    assert_false(lifecycle_offered(ROLE_SPECIALIST, STATE_SUBMITTED, false, ACTION_RECEIVE));
    assert_false(lifecycle_offered(ROLE_CLERK, STATE_RESOLVED, false, ACTION_RATE));
    assert_false(lifecycle_offered(ROLE_CLERK, STATE_NONE, false, ACTION_SUBMIT));
    assert_false(lifecycle_offered(ROLE_CLERK, STATE_PROCESSING, false, ACTION_RETURN));
    assert_true(lifecycle_offered(ROLE_CLERK, STATE_RESOLVED, false, ACTION_RETURN));
    /* the counter's own actions, and what waits for officers' work */
    for (int a = 0; a < ACTION_COUNT; a++)
        assert_int_equal(lifecycle_action((Action)a)->at_counter,
                         a == ACTION_RECEIVE || a == ACTION_REFUSE || a == ACTION_RETURN ||
                             a == ACTION_GUIDE);
    static const char *const in_progress[] = {
        "received",         "processing",           "supplement",
        "awaiting_payment", "withdrawal_requested", "awaiting_approval"};
    for (int st = 0; st < STATE_COUNT; st++) {
        bool want = false;
        for (size_t i = 0; i < sizeof in_progress / sizeof in_progress[0]; i++)
            want |= strcmp(lifecycle_state_name((State)st), in_progress[i]) == 0;
        assert_int_equal(lifecycle_in_progress((State)st), want);
    }
    /* resolve without approval; propose, approve and send_back with it */
    assert_true(lifecycle_offered(ROLE_SPECIALIST, STATE_PROCESSING, false, ACTION_RESOLVE));
    assert_false(lifecycle_offered(ROLE_SPECIALIST, STATE_PROCESSING, true, ACTION_RESOLVE));
    assert_true(lifecycle_offered(ROLE_SPECIALIST, STATE_PROCESSING, true, ACTION_PROPOSE));
    assert_false(lifecycle_offered(ROLE_SPECIALIST, STATE_PROCESSING, false, ACTION_PROPOSE));
    assert_true(lifecycle_offered(ROLE_LEADER, STATE_AWAITING_APPROVAL, true, ACTION_APPROVE));
    assert_false(lifecycle_offered(ROLE_SPECIALIST, STATE_AWAITING_APPROVAL, true, ACTION_APPROVE));
    assert_true(lifecycle_applies(ACTION_COMMENT, true) &&
                lifecycle_applies(ACTION_COMMENT, false));
    /* labels of choices */
    assert_string_equal(lifecycle_outcome_label("rejected"), "Từ chối giải quyết");
    assert_string_equal(lifecycle_rating_label("very_satisfied"), "Rất hài lòng");
    assert_string_equal(lifecycle_rating_label("other"), "other");
    assert_true(lifecycle_rating_valid("dissatisfied"));
    assert_false(lifecycle_rating_valid("happy") || lifecycle_rating_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_state_action_table),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_names_and_codes),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_required),
        cmocka_unit_test(test_forms_and_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

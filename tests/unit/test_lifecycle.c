/* test_lifecycle.c: the whole state x action table against the list of legal pairs in
 * DESIGN §4 (written out here as data), every role x action pair, and the names and
 * national-portal codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/lifecycle.h"
#include "util/err.h"

#include <string.h>

typedef struct Legal {
    const char *from, *action, *to; /* from "" = before the first event */
} Legal;

/* DESIGN §4, "The table must at least allow", one line per legal pair. */
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
};

static const char *const all_states[] = {
    "",           "submitted",  "received",         "refused",
    "processing", "supplement", "awaiting_payment", "withdrawal_requested",
    "stopped",    "resolved",   "returned"};

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
    /* the listed pairs plus comment and digitize in the ten states */
    assert_int_equal(legal_seen, (int)(sizeof legal / sizeof legal[0]) + 2 * 10);
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
        {"supplement", "CI"},
        {"request_payment", "LCSI"},
        {"pay", "CI"},
        {"request_withdrawal", "CI"},
        {"stop", "LCSI"},
        {"resolve", "LCSI"},
        {"return", "CI"},
        {"apologize", "LCSI"},
        {"digitize", "NCSI"}, /* N: a citizen's own files, with the online filing */
        {"rate", "NCI"},
        {"comment", "LCSI"},
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
        assert_int_equal(lifecycle_portal_status((State)s), s);
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
                lifecycle_is_final(STATE_REFUSED) && lifecycle_is_final(STATE_RETURNED));
    assert_false(lifecycle_is_final(STATE_SUPPLEMENT) || lifecycle_is_final(STATE_PROCESSING));
    State out;
    assert_int_equal(lifecycle_next((State)99, ACTION_RESOLVE, &out), ERR_SEMANTIC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_state_action_table),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_names_and_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

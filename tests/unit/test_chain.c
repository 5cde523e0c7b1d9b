/* test_chain.c: interconnected groups (core/chain): the checks of a group (steps, agencies,
 * waiting only for earlier steps, limit, cut-off), the cut-off's text both ways, which open
 * steps a failed step stops (directly and through others, never the independent ones), the
 * group's result, and its deadline: from the receipt, or after the cut-off from the next
 * working day, across a weekend and the 2023 Reunification Day holidays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "calendar_fixture.h"
#include "core/chain.h"

#include <string.h>

/* The birth group of Decree 63/2024: registration, then residence and insurance, each
 * waiting for the registration only. */
static ChainStep birth_steps[] = {
    {"1.001193", "civil_status", 0},
    {"1.004194", "residence", 1u << 0},
    {"1.010818", "insurance", 1u << 0},
};
static const Chain birth = {"2.000986", "Khai sinh", 3, 15 * 3600, birth_steps, 3};

static void test_check(void **state)
{
    (void)state;
    Err e;
    assert_int_equal(chain_check(&birth, &e), 0);

    Chain c = birth;
    ChainStep steps[3];
    memcpy(steps, birth_steps, sizeof steps);
    c.steps = steps;

    steps[1].after = 1u << 1; /* waits for itself */
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
    assert_string_equal(e.field, "steps");
    steps[1].after = 1u << 2; /* waits for a later step */
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
    steps[1].after = 1u << 0;

    steps[2].agency = "tax";
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
    steps[2].agency = "insurance";

    c.limit_days = 0;
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
    assert_string_equal(e.field, "limit");
    c.limit_days = 366;
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
    c.limit_days = 3;

    c.n_steps = 0;
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
    c.n_steps = CHAIN_STEPS_MAX + 1;
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
    c.n_steps = 3;

    c.cutoff = -1; /* no cut-off */
    assert_int_equal(chain_check(&c, &e), 0);
    c.cutoff = 24 * 3600;
    assert_int_equal(chain_check(&c, &e), ERR_INVALID);
}

static void test_cutoff_text(void **state)
{
    (void)state;
    assert_int_equal(chain_cutoff_parse("15:00"), 54000);
    assert_int_equal(chain_cutoff_parse("00:00"), 0);
    assert_int_equal(chain_cutoff_parse("23:59"), 86340);
    assert_int_equal(chain_cutoff_parse("24:00"), -1);
    assert_int_equal(chain_cutoff_parse("15:60"), -1);
    assert_int_equal(chain_cutoff_parse("1500"), -1);
    assert_int_equal(chain_cutoff_parse("15:0"), -1);
    assert_int_equal(chain_cutoff_parse("a5:00"), -1);
    assert_int_equal(chain_cutoff_parse(NULL), -1);
    char out[6];
    chain_cutoff_format(54000, out);
    assert_string_equal(out, "15:00");
    chain_cutoff_format(9 * 3600 + 5 * 60, out);
    assert_string_equal(out, "09:05");
    chain_cutoff_format(-1, out);
    assert_string_equal(out, "");
}

static void test_stopped_by(void **state)
{
    (void)state;
    ChainStepState st[3] = {CHAIN_STEP_OPEN, CHAIN_STEP_OPEN, CHAIN_STEP_OPEN};
    assert_int_equal(chain_stopped_by(&birth, st), 0);
    st[0] = CHAIN_STEP_FAILED; /* the registration refused: both others stop */
    assert_int_equal(chain_stopped_by(&birth, st), (1u << 1) | (1u << 2));
    st[2] = CHAIN_STEP_DONE; /* a finished step is not stopped again */
    assert_int_equal(chain_stopped_by(&birth, st), 1u << 1);

    /* a line: 0 <- 1 <- 2, and 3 independent; 1 failing stops 2 only */
    ChainStep line[] = {{"a", "civil_status", 0},
                        {"b", "residence", 1u << 0},
                        {"c", "insurance", 1u << 1},
                        {"d", "social", 0}};
    Chain c = {"x", "x", 5, -1, line, 4};
    ChainStepState ls[4] = {CHAIN_STEP_DONE, CHAIN_STEP_FAILED, CHAIN_STEP_OPEN, CHAIN_STEP_OPEN};
    assert_int_equal(chain_stopped_by(&c, ls), 1u << 2);
    /* 0 failing stops 1 and, through it, 2 */
    ChainStepState ls2[4] = {CHAIN_STEP_FAILED, CHAIN_STEP_OPEN, CHAIN_STEP_OPEN, CHAIN_STEP_OPEN};
    assert_int_equal(chain_stopped_by(&c, ls2), (1u << 1) | (1u << 2));
}

static void test_outcome(void **state)
{
    (void)state;
    ChainStepState st[3] = {CHAIN_STEP_DONE, CHAIN_STEP_OPEN, CHAIN_STEP_DONE};
    assert_int_equal(chain_outcome(&birth, st), CHAIN_OPEN);
    st[1] = CHAIN_STEP_DONE;
    assert_int_equal(chain_outcome(&birth, st), CHAIN_APPROVED);
    st[1] = CHAIN_STEP_FAILED;
    assert_int_equal(chain_outcome(&birth, st), CHAIN_REJECTED);
}

static void test_due_at(void **state)
{
    const Calendar *cal = *state;
    Err e;
    int64_t due;
    /* Friday 28/4/2023 14:00: 3 h that day, then 29/4-3/5 off (holidays and compensatory
     * days), Thursday and Friday, and 4.5 + 0.5 h on Monday 8/5: 14:00 */
    assert_int_equal(chain_due_at(&birth, cal, at(2023, 4, 28, 14, 0), &e, &due), 0);
    assert_instant(due, at(2023, 5, 8, 14, 0));
    /* 15:00:00 itself is not after the cut-off */
    assert_int_equal(chain_due_at(&birth, cal, at(2023, 4, 28, 15, 0), &e, &due), 0);
    assert_instant(due, at(2023, 5, 8, 15, 0));
    /* 15:00:01: from the next working day's opening, Thursday 4/5 07:00: Monday's end */
    assert_int_equal(chain_due_at(&birth, cal, at(2023, 4, 28, 15, 0) + 1, &e, &due), 0);
    assert_instant(due, at(2023, 5, 8, 17, 0));
    /* a group without a cut-off counts from the receipt whatever its hour */
    Chain none = birth;
    none.cutoff = -1;
    assert_int_equal(chain_due_at(&none, cal, at(2023, 4, 28, 16, 0), &e, &due), 0);
    assert_instant(due, at(2023, 5, 8, 16, 0)); /* 1 h, 8, 8, then 4.5 + 2.5 h */
    /* a Monday 09:00 receipt: Thursday 09:00 */
    assert_int_equal(chain_due_at(&birth, cal, at(2023, 10, 2, 9, 0), &e, &due), 0);
    assert_instant(due, at(2023, 10, 5, 9, 0));
}

static void test_step_alerts(void **state)
{
    const Calendar *cal = *state;
    int64_t sent = at(2023, 10, 2, 9, 0); /* a Monday: acknowledged by 11:00 */
    assert_int_equal(chain_step_alerts(cal, sent, 0, false, at(2023, 10, 2, 11, 0)), 0);
    assert_int_equal(chain_step_alerts(cal, sent, 0, false, at(2023, 10, 2, 11, 0) + 1),
                     CHAIN_ALERT_ACK_MISSING);
    assert_int_equal(
        chain_step_alerts(cal, sent, at(2023, 10, 2, 10, 0), false, at(2023, 10, 2, 16, 0)), 0);
    assert_int_equal(
        chain_step_alerts(cal, sent, at(2023, 10, 2, 11, 30), false, at(2023, 10, 2, 16, 0)),
        CHAIN_ALERT_ACK_LATE);
    assert_int_equal(
        chain_step_alerts(cal, sent, at(2023, 10, 2, 11, 30), true, at(2023, 10, 3, 16, 0)),
        CHAIN_ALERT_ACK_LATE | CHAIN_ALERT_OVERDUE);
    /* the lunch break and the night are not working time: sent at 10:30, due 14:30; sent on
     * Friday 16:30, due Monday 08:30 */
    sent = at(2023, 10, 2, 10, 30);
    assert_int_equal(chain_step_alerts(cal, sent, 0, false, at(2023, 10, 2, 14, 0)), 0);
    assert_int_equal(chain_step_alerts(cal, sent, 0, false, at(2023, 10, 2, 14, 31)),
                     CHAIN_ALERT_ACK_MISSING);
    sent = at(2023, 10, 6, 16, 30);
    assert_int_equal(chain_step_alerts(cal, sent, 0, false, at(2023, 10, 9, 8, 29)), 0);
    assert_int_equal(chain_step_alerts(cal, sent, 0, false, at(2023, 10, 9, 8, 31)),
                     CHAIN_ALERT_ACK_MISSING);
}

static void test_agency_label(void **state)
{
    (void)state;
    assert_string_equal(chain_agency_label("residence"), "Công an (quản lý cư trú)");
    assert_string_equal(chain_agency_label("insurance"), "Bảo hiểm xã hội");
    assert_string_equal(chain_agency_label("other"), "other");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_cutoff_text),
        cmocka_unit_test(test_stopped_by),
        cmocka_unit_test(test_outcome),
        cmocka_unit_test(test_agency_label),
        cmocka_unit_test_setup_teardown(test_due_at, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_step_alerts, setup_calendar, teardown_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_queue.c: the counter queue's transitions as a full state × action table, the numbers
 * and the day they restart on (Vietnam midnight, worked out by hand from UTC instants), the
 * spoken call-out, and the figures against a brute-force recount. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/queue.h"
#include "util/timefmt.h"

#include <string.h>

/* The expected table, written out: -1 where the action does not apply. */
static const int expected[QUEUE_STATE_COUNT][QUEUE_ACTION_COUNT] = {
    /*                   call           recall        start          finish      skip transfer */
    [QUEUE_ISSUED] = {QUEUE_CALLED, -1, -1, -1, -1, -1},
    [QUEUE_CALLED] = {-1, QUEUE_CALLED, QUEUE_SERVING, QUEUE_DONE, QUEUE_SKIPPED,
                      QUEUE_TRANSFERRED},
    [QUEUE_SERVING] = {-1, -1, -1, QUEUE_DONE, -1, QUEUE_TRANSFERRED},
    [QUEUE_DONE] = {-1, -1, -1, -1, -1, -1},
    [QUEUE_SKIPPED] = {-1, QUEUE_CALLED, -1, -1, -1, -1},
    [QUEUE_TRANSFERRED] = {QUEUE_CALLED, -1, -1, -1, -1, -1},
};

static void test_transitions(void **state)
{
    (void)state;
    for (int s = 0; s < QUEUE_STATE_COUNT; s++)
        for (int a = 0; a < QUEUE_ACTION_COUNT; a++) {
            QueueState out = (QueueState)99;
            bool ok = queue_apply((QueueState)s, (QueueAction)a, &out);
            if (expected[s][a] < 0) {
                assert_false(ok);
                assert_int_equal(out, 99); /* untouched */
            } else {
                assert_true(ok);
                assert_int_equal(out, expected[s][a]);
            }
        }
    QueueState out;
    assert_false(queue_apply(QUEUE_STATE_COUNT, QUEUE_CALL, &out));
    assert_false(queue_apply(QUEUE_ISSUED, QUEUE_ACTION_COUNT, &out));
}

static void test_names(void **state)
{
    (void)state;
    for (int s = 0; s < QUEUE_STATE_COUNT; s++)
        assert_int_equal(queue_state_parse(queue_state_name((QueueState)s)), s);
    for (int a = 0; a < QUEUE_ACTION_COUNT; a++)
        assert_int_equal(queue_action_parse(queue_action_name((QueueAction)a)), a);
    assert_string_equal(queue_state_name(QUEUE_SKIPPED), "skipped");
    assert_string_equal(queue_action_name(QUEUE_TRANSFER), "transfer");
    assert_string_equal(queue_state_label(QUEUE_SERVING), "Đang phục vụ");
    assert_int_equal(queue_state_parse("waiting"), -1);
    assert_int_equal(queue_state_parse(NULL), -1);
    assert_int_equal(queue_action_parse("Call"), -1);
    assert_true(queue_waiting(QUEUE_ISSUED));
    assert_true(queue_waiting(QUEUE_TRANSFERRED));
    assert_false(queue_waiting(QUEUE_CALLED));
    assert_false(queue_waiting(QUEUE_SKIPPED));
    assert_true(queue_at_counter(QUEUE_CALLED));
    assert_true(queue_at_counter(QUEUE_SERVING));
    assert_false(queue_at_counter(QUEUE_DONE));
}

static void test_numbers(void **state)
{
    (void)state;
    char n[QUEUE_NUMBER_SIZE];
    assert_true(queue_number("A", 7, n));
    assert_string_equal(n, "A007");
    assert_true(queue_number("HT", 1234, n));
    assert_string_equal(n, "HT1234");
    assert_true(queue_number("Z", QUEUE_SEQ_MAX, n));
    assert_string_equal(n, "Z9999");
    memcpy(n, "same", 5);
    assert_false(queue_number("A", 0, n));
    assert_false(queue_number("A", QUEUE_SEQ_MAX + 1, n));
    assert_false(queue_number("a", 1, n));
    assert_false(queue_number("ABC", 1, n));
    assert_false(queue_number("", 1, n));
    assert_false(queue_number("Đ", 1, n));
    assert_false(queue_number(NULL, 1, n));
    assert_string_equal(n, "same");
}

static void test_day_turns_at_vietnam_midnight(void **state)
{
    (void)state;
    /* 2025-03-10 16:59:59 UTC is 23:59:59 in Vietnam; one second later is the 11th there */
    int64_t before = timefmt_local_instant(timefmt_days_from_civil(2025, 3, 11), 0) - 1;
    assert_int_equal(before, 1741625999); /* date -d '2025-03-10 16:59:59 UTC' +%s */
    assert_int_equal(queue_day(before), timefmt_days_from_civil(2025, 3, 10));
    assert_int_equal(queue_day(before + 1), timefmt_days_from_civil(2025, 3, 11));
    /* a UTC midnight is 07:00 in Vietnam: the same local day on both sides */
    assert_int_equal(queue_day(1741651200 - 1), queue_day(1741651200));
}

static void test_callout(void **state)
{
    (void)state;
    char text[128];
    assert_true(queue_callout("A007", "Quầy 1", text, sizeof text));
    assert_string_equal(text, "Mời công dân có số A 0 0 7 đến Quầy 1");
    assert_false(queue_callout("A007", "Quầy 1", text, 20));
}

static void test_figures(void **state)
{
    (void)state;
    /* 300 legs of made-up times; the figures against sums and maxima taken here by hand */
    QueueFigures f = {0};
    int64_t called = 0, done = 0, skipped = 0, transferred = 0, wait = 0, wait_max = 0, service = 0,
            service_max = 0;
    for (int i = 0; i < 300; i++) {
        QueueLeg leg = {.queued_at = 1741572000 + 60 * i};
        QueueState outcomes[] = {QUEUE_DONE, QUEUE_SKIPPED, QUEUE_TRANSFERRED, QUEUE_CALLED};
        leg.outcome = outcomes[i % 4];
        if (i % 7 != 6) {
            leg.called_at = leg.queued_at + (i * 37) % 1800;
            called++;
            int64_t w = leg.called_at - leg.queued_at;
            wait += w;
            wait_max = w > wait_max ? w : wait_max;
            skipped += leg.outcome == QUEUE_SKIPPED;
            transferred += leg.outcome == QUEUE_TRANSFERRED;
            if (leg.outcome != QUEUE_CALLED) {
                leg.ended_at = leg.called_at + (i * 53) % 900;
                if (leg.outcome == QUEUE_DONE) {
                    done++;
                    int64_t s = leg.ended_at - leg.called_at;
                    service += s;
                    service_max = s > service_max ? s : service_max;
                }
            }
        }
        queue_figures_add(&f, &leg);
    }
    assert_int_equal(f.called, called);
    assert_int_equal(f.done, done);
    assert_int_equal(f.skipped, skipped);
    assert_int_equal(f.transferred, transferred);
    assert_int_equal(f.wait_total, wait);
    assert_int_equal(f.wait_max, wait_max);
    assert_int_equal(f.service_total, service);
    assert_int_equal(f.service_max, service_max);
    assert_int_equal(queue_wait_avg(&f), (2 * wait + called) / (2 * called));
}

static void test_means_round_half_up(void **state)
{
    (void)state;
    QueueFigures none = {0};
    assert_int_equal(queue_wait_avg(&none), 0);
    assert_int_equal(queue_service_avg(&none), 0);
    QueueFigures f = {.called = 2, .wait_total = 3, .done = 4, .service_total = 5};
    assert_int_equal(queue_wait_avg(&f), 2);    /* 1.5 */
    assert_int_equal(queue_service_avg(&f), 1); /* 1.25 */
}

static void test_leg_hour(void **state)
{
    (void)state;
    /* 2025-03-10 01:30 UTC is 08:30 in Vietnam; 17:10 UTC is 00:10 the next day there */
    QueueLeg leg = {.called_at = 1741570200};
    assert_int_equal(queue_leg_hour(&leg), 8);
    leg.called_at = 1741626600;
    assert_int_equal(queue_leg_hour(&leg), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transitions),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_day_turns_at_vietnam_midnight),
        cmocka_unit_test(test_callout),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_means_round_half_up),
        cmocka_unit_test(test_leg_hour),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

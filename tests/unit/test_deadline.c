/* test_deadline.c: due_at (V1-V7), supplement restart, pause, apology, the after-15:00
 * transfer rule, and the classification of docs/INTERFACES.md §2 with its boundaries (due_at ± 1 s,
 * local midnight) checked over pseudo-random instants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "calendar_fixture.h"
#include "core/deadline.h"

static int64_t due(const Calendar *cal, int64_t received, const char *limit)
{
    Duration d = {DURATION_WORKING_DAYS, 0};
    int64_t out = 0;
    assert_int_equal(timefmt_parse_duration(limit, strlen(limit), NULL, &d), 0);
    assert_int_equal(deadline_due_at(cal, received, d, NULL, &out), 0);
    return out;
}

static void test_due_vectors(void **state)
{
    const Calendar *cal = *state;
    Duration ten = {DURATION_WORKING_DAYS, 10};
    int64_t out = 0;

    assert_instant(due(cal, at(2023, 10, 2, 9, 0), "3d"), at(2023, 10, 5, 9, 0));     /* V1 */
    assert_instant(due(cal, at(2023, 10, 6, 16, 30), "1d"), at(2023, 10, 9, 16, 30)); /* V2 */
    assert_instant(due(cal, at(2023, 10, 6, 17, 30), "1d"), at(2023, 10, 9, 17, 0));  /* V3 */
    assert_instant(due(cal, at(2023, 4, 27, 10, 0), "5d"), at(2023, 5, 9, 10, 0));    /* V4 */
    assert_instant(due(cal, at(2024, 2, 7, 14, 0), "2d"), at(2024, 2, 16, 14, 0));    /* V5 */
    assert_instant(due(cal, at(2023, 10, 2, 12, 0), "4h"), at(2023, 10, 3, 7, 30));   /* V7 */
    /* V6: 10 working days, supplement, restart from the complete dossier. */
    assert_instant(due(cal, at(2023, 10, 2, 9, 0), "10d"), at(2023, 10, 16, 9, 0));
    assert_int_equal(deadline_restart(cal, at(2023, 10, 9, 9, 0), ten, NULL, &out), 0);
    assert_instant(out, at(2023, 10, 23, 9, 0));
    /* Calendar days: ends Saturday 14/10 -> Monday 16/10, same time. */
    assert_instant(due(cal, at(2023, 10, 4, 10, 0), "10cd"), at(2023, 10, 16, 10, 0));
    /* Out-of-range limit: an error with a message, out untouched. */
    Err e;
    out = 5;
    assert_int_equal(deadline_due_at(cal, 0, (Duration){DURATION_WORKING_DAYS, -1}, &e, &out),
                     ERR_INVALID);
    assert_int_equal(out, 5);
    assert_true(strlen(e.message) > 0);
}

static void test_resume(void **state)
{
    const Calendar *cal = *state;
    int64_t out = 0;
    Err e;

    /* due Mon 16/10 09:00; paused Thu 12/10 09:00 (16 h left); resumed Tue 17/10 09:00. */
    assert_int_equal(deadline_resume(cal, at(2023, 10, 16, 9, 0), at(2023, 10, 12, 9, 0),
                                     at(2023, 10, 17, 9, 0), &e, &out),
                     0);
    assert_instant(out, at(2023, 10, 19, 9, 0));
    /* Paused after due: unchanged. */
    assert_int_equal(deadline_resume(cal, at(2023, 10, 16, 9, 0), at(2023, 10, 16, 10, 0),
                                     at(2023, 10, 20, 9, 0), &e, &out),
                     0);
    assert_instant(out, at(2023, 10, 16, 9, 0));
    /* Paused and resumed over a weekend with no working time in between: unchanged. */
    assert_int_equal(deadline_resume(cal, at(2023, 10, 16, 9, 0), at(2023, 10, 13, 17, 0),
                                     at(2023, 10, 16, 7, 0), &e, &out),
                     0);
    assert_instant(out, at(2023, 10, 16, 9, 0));
    out = 3;
    assert_int_equal(deadline_resume(cal, 100, 50, 40, &e, &out), ERR_INVALID);
    assert_int_equal(out, 3);
}

static void test_apology(void **state)
{
    const Calendar *cal = *state;
    int64_t due_at = at(2023, 10, 16, 9, 0);
    int64_t appt = at(2023, 10, 20, 9, 0);
    DeadlineApology a = {0, 0, false};
    Err e;

    /* docs/DOMAIN.md §16 example 6: due Mon 16/10 09:00, apology Mon 16/10 08:00 -> accepted, late.
     */
    assert_int_equal(deadline_apology(cal, due_at, 0, at(2023, 10, 16, 8, 0), appt, &e, &a), 0);
    assert_true(a.late);
    assert_int_equal(a.latest_day, ymd(2023, 10, 13));
    assert_int_equal(a.appointment_at, appt);
    /* Friday 13/10 until 23:59:59 is on time; Saturday is late. */
    assert_int_equal(deadline_apology(cal, due_at, 0, at(2023, 10, 13, 23, 59) + 59, appt, &e, &a),
                     0);
    assert_false(a.late);
    assert_int_equal(deadline_apology(cal, due_at, 0, at(2023, 10, 14, 0, 0), appt, &e, &a), 0);
    assert_true(a.late);
    assert_int_equal(deadline_apology(cal, due_at, 0, at(2023, 10, 10, 9, 0), appt, &e, &a), 0);
    assert_false(a.late);
    /* After due_at: still accepted, flagged. */
    assert_int_equal(deadline_apology(cal, due_at, 0, at(2023, 10, 17, 9, 0), appt, &e, &a), 0);
    assert_true(a.late);
    /* The day before the 2023 holiday block: due Thu 4/5 -> latest Fri 28/4. */
    assert_int_equal(deadline_apology(cal, at(2023, 5, 4, 9, 0), 0, at(2023, 4, 28, 16, 0),
                                      at(2023, 5, 8, 9, 0), &e, &a),
                     0);
    assert_int_equal(a.latest_day, ymd(2023, 4, 28));
    assert_false(a.late);

    /* Refusals leave the output alone. */
    DeadlineApology keep = {1, 2, true};
    a = keep;
    err_clear(&e);
    assert_int_equal(deadline_apology(cal, due_at, 1, at(2023, 10, 10, 9, 0), appt, &e, &a),
                     ERR_CONFLICT);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_true(strlen(e.message) > 0);
    assert_int_equal(deadline_apology(cal, due_at, 0, at(2023, 10, 10, 9, 0), due_at, &e, &a),
                     ERR_INVALID);
    assert_int_equal(deadline_apology(cal, due_at, 0, at(2023, 10, 25, 9, 0), appt, &e, &a),
                     ERR_INVALID);
    assert_int_equal(a.appointment_at, 1);
    assert_int_equal(a.latest_day, 2);
}

static void test_transfer(void **state)
{
    const Calendar *cal = *state;
    struct {
        int64_t received, by;
    } cases[] = {
        /* by 15:00 -> the same day's close */
        {at(2023, 10, 2, 9, 0), at(2023, 10, 2, 17, 0)},
        {at(2023, 10, 2, 14, 59), at(2023, 10, 2, 17, 0)},
        {at(2023, 10, 2, 15, 0), at(2023, 10, 2, 17, 0)},
        {at(2023, 10, 2, 6, 0), at(2023, 10, 2, 17, 0)},
        {at(2023, 10, 2, 12, 0), at(2023, 10, 2, 17, 0)},
        /* after 15:00 -> the next working day's first session */
        {at(2023, 10, 2, 15, 0) + 1, at(2023, 10, 3, 11, 30)},
        {at(2023, 10, 2, 18, 0), at(2023, 10, 3, 11, 30)},
        {at(2023, 10, 6, 16, 0), at(2023, 10, 9, 11, 30)},
        {at(2023, 10, 7, 10, 0), at(2023, 10, 9, 11, 30)},
        {at(2023, 4, 28, 15, 30), at(2023, 5, 4, 11, 30)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t out = 0;
        assert_int_equal(deadline_transfer_by(cal, cases[i].received, &out), 0);
        assert_instant(out, cases[i].by);
    }
}

static void test_supplement_request(void **state)
{
    const Calendar *cal = *state;
    int64_t received = at(2023, 10, 2, 9, 0);
    /* docs/DOMAIN.md §16 example 7: request on the 4th working day -> flagged. */
    assert_true(deadline_supplement_request_late(cal, received, at(2023, 10, 6, 10, 0)));
    assert_false(deadline_supplement_request_late(cal, received, at(2023, 10, 5, 9, 0)));
    assert_true(deadline_supplement_request_late(cal, received, at(2023, 10, 5, 9, 0) + 1));
    assert_false(deadline_supplement_request_late(cal, received, at(2023, 10, 4, 16, 0)));
}

static void test_classify_examples(void **state)
{
    (void)state;
    int64_t d = at(2023, 10, 19, 8, 12);
    assert_int_equal(deadline_classify_resolved(d, at(2023, 10, 17, 15, 30)), DEADLINE_EARLY);
    assert_int_equal(deadline_classify_resolved(d, at(2023, 10, 19, 0, 0)), DEADLINE_ON_TIME);
    assert_int_equal(deadline_classify_resolved(d, at(2023, 10, 19, 0, 0) - 1), DEADLINE_EARLY);
    assert_int_equal(deadline_classify_resolved(d, d), DEADLINE_ON_TIME);
    assert_int_equal(deadline_classify_resolved(d, d + 1), DEADLINE_LATE);
    /* Local, not UTC, dates: 2023-10-18T23:30+07:00 is 16:30Z on the 18th, still before. */
    assert_int_equal(deadline_classify_resolved(d, at(2023, 10, 18, 23, 30)), DEADLINE_EARLY);
    assert_int_equal(deadline_classify_unfinished(d, d), DEADLINE_WITHIN);
    assert_int_equal(deadline_classify_unfinished(d, d + 1), DEADLINE_OVERDUE);
    assert_int_equal(deadline_classify_unfinished(d, d - 1), DEADLINE_WITHIN);
    assert_string_equal(deadline_class_name(DEADLINE_ON_TIME), "on_time");
    assert_string_equal(deadline_class_name(DEADLINE_WITHIN), "within_deadline");
    assert_string_equal(deadline_class_name((DeadlineClass)9), "");
    assert_string_equal(deadline_class_label_vi(DEADLINE_EARLY), "Trước hạn");
    assert_string_equal(deadline_class_label_vi(DEADLINE_ON_TIME), "Đúng hạn");
    assert_string_equal(deadline_class_label_vi(DEADLINE_LATE), "Quá hạn");
    assert_string_equal(deadline_class_label_vi(DEADLINE_WITHIN), "Trong hạn");
    assert_string_equal(deadline_class_label_vi(DEADLINE_OVERDUE), "Quá hạn");
}

static uint64_t rng = 0xD1B54A32D192ED03ULL;

static uint64_t xorshift(void)
{
    uint64_t x = rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng = x;
    return x;
}

/* Over random due instants (real due_at values from random receipts and limits, and raw random
 * instants): the class flips exactly at due_at and at due_at's local midnight. */
static void test_classify_properties(void **state)
{
    const Calendar *cal = *state;
    int64_t lo = at(2022, 1, 1, 0, 0), hi = at(2025, 12, 31, 0, 0);

    for (int i = 0; i < 50000; i++) {
        int64_t d = lo + (int64_t)(xorshift() % (uint64_t)(hi - lo));
        if (i % 2) {
            Duration lim = {(DurationUnit)(xorshift() % 3), (int32_t)(xorshift() % 30)};
            assert_int_equal(deadline_due_at(cal, d, lim, NULL, &d), 0);
        }
        int64_t midnight = timefmt_local_instant(timefmt_local_day(d), 0);

        assert_int_equal(deadline_classify_resolved(d, d + 1), DEADLINE_LATE);
        assert_int_equal(deadline_classify_resolved(d, d), DEADLINE_ON_TIME);
        assert_int_equal(deadline_classify_resolved(d, d - 1),
                         d == midnight ? DEADLINE_EARLY : DEADLINE_ON_TIME);
        assert_int_equal(deadline_classify_resolved(d, midnight), DEADLINE_ON_TIME);
        assert_int_equal(deadline_classify_resolved(d, midnight - 1), DEADLINE_EARLY);
        assert_int_equal(deadline_classify_unfinished(d, d), DEADLINE_WITHIN);
        assert_int_equal(deadline_classify_unfinished(d, d - 1), DEADLINE_WITHIN);
        assert_int_equal(deadline_classify_unfinished(d, d + 1), DEADLINE_OVERDUE);

        /* Any instant: the three classes partition the time line in order. */
        int64_t r = d + (int64_t)(xorshift() % (20 * 86400)) - 10 * 86400;
        DeadlineClass c = deadline_classify_resolved(d, r);
        if (r > d)
            assert_int_equal(c, DEADLINE_LATE);
        else if (r < midnight)
            assert_int_equal(c, DEADLINE_EARLY);
        else
            assert_int_equal(c, DEADLINE_ON_TIME);
        assert_int_equal(deadline_classify_unfinished(d, r),
                         r > d ? DEADLINE_OVERDUE : DEADLINE_WITHIN);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_due_vectors, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_resume, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_apology, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_transfer, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_supplement_request, setup_calendar, teardown_calendar),
        cmocka_unit_test(test_classify_examples),
        cmocka_unit_test_setup_teardown(test_classify_properties, setup_calendar,
                                        teardown_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

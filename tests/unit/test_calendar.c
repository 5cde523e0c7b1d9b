/* test_calendar.c: the Calendar and working-time arithmetic: docs/DOMAIN.md §3.2 vectors V1-V7, the
 * next working instant, working time between instants, calendar-day limits, a unit open on
 * Saturday, setting windows, and property tests of the arithmetic over pseudo-random instants
 * across loaded and proposed years. The statutory proposals, the window text and the schedule file
 * have their own tests (test_calendar_holidays.c, test_calendar_windows.c,
 * test_calendar_schedule.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdbool.h>

#include <cmocka.h>

#include "calendar_fixture.h"

static int64_t add_days(const Calendar *cal, int64_t t, int32_t n)
{
    int64_t out = 0;
    assert_int_equal(calendar_add_working_days(cal, t, n, &out), 0);
    return out;
}

/* docs/DOMAIN.md §3.2, hours model. */
static void test_vectors_v1_v7(void **state)
{
    const Calendar *cal = *state;
    int64_t out = 0;

    /* V1 */
    assert_instant(add_days(cal, at(2023, 10, 2, 9, 0), 3), at(2023, 10, 5, 9, 0));
    /* V2 */
    assert_instant(add_days(cal, at(2023, 10, 6, 16, 30), 1), at(2023, 10, 9, 16, 30));
    /* V3: after hours -> starts Monday 07:00 -> Monday 17:00 (not Tuesday 07:00) */
    assert_instant(add_days(cal, at(2023, 10, 6, 17, 30), 1), at(2023, 10, 9, 17, 0));
    /* V4 */
    assert_instant(add_days(cal, at(2023, 4, 27, 10, 0), 5), at(2023, 5, 9, 10, 0));
    /* V5 */
    assert_instant(add_days(cal, at(2024, 2, 7, 14, 0), 2), at(2024, 2, 16, 14, 0));
    /* V6: original due, then the restart from the complete dossier */
    assert_instant(add_days(cal, at(2023, 10, 2, 9, 0), 10), at(2023, 10, 16, 9, 0));
    assert_instant(add_days(cal, at(2023, 10, 9, 9, 0), 10), at(2023, 10, 23, 9, 0));
    /* V7: receipt at lunch, 4 working hours */
    assert_int_equal(calendar_add_working_hours(cal, at(2023, 10, 2, 12, 0), 4, &out), 0);
    assert_instant(out, at(2023, 10, 3, 7, 30));
    /* The same through calendar_add and a parsed duration. */
    Duration d = {DURATION_WORKING_DAYS, 0};
    assert_int_equal(timefmt_parse_duration("3d", 2, NULL, &d), 0);
    assert_int_equal(calendar_add(cal, at(2023, 10, 2, 9, 0), d, &out), 0);
    assert_instant(out, at(2023, 10, 5, 9, 0));
}

static void test_next_working_instant(void **state)
{
    const Calendar *cal = *state;
    int64_t out = 0;
    struct {
        int64_t t, want;
    } cases[] = {
        {at(2023, 10, 2, 9, 0), at(2023, 10, 2, 9, 0)},
        {at(2023, 10, 2, 7, 0), at(2023, 10, 2, 7, 0)},
        {at(2023, 10, 2, 6, 59), at(2023, 10, 2, 7, 0)},
        {at(2023, 10, 2, 11, 30), at(2023, 10, 2, 13, 30)}, /* window end is not inside */
        {at(2023, 10, 2, 12, 0), at(2023, 10, 2, 13, 30)},
        {at(2023, 10, 2, 17, 0), at(2023, 10, 3, 7, 0)},
        {at(2023, 10, 6, 17, 30), at(2023, 10, 9, 7, 0)},
        {at(2023, 10, 7, 10, 0), at(2023, 10, 9, 7, 0)},
        {at(2023, 4, 28, 17, 0), at(2023, 5, 4, 7, 0)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(calendar_next_working_instant(cal, cases[i].t, &out), 0);
        assert_instant(out, cases[i].want);
    }
}

static void test_between(void **state)
{
    const Calendar *cal = *state;
    assert_int_equal(
        calendar_working_seconds_between(cal, at(2023, 10, 2, 9, 0), at(2023, 10, 5, 9, 0)),
        24 * H);
    assert_int_equal(
        calendar_working_seconds_between(cal, at(2023, 10, 5, 9, 0), at(2023, 10, 2, 9, 0)),
        -24 * H);
    assert_int_equal(
        calendar_working_seconds_between(cal, at(2023, 10, 2, 11, 0), at(2023, 10, 2, 14, 0)), H);
    /* A whole holiday week end-to-end: 28/4 17:00 .. 4/5 07:00 holds nothing. */
    assert_int_equal(
        calendar_working_seconds_between(cal, at(2023, 4, 28, 17, 0), at(2023, 5, 4, 7, 0)), 0);
    assert_int_equal(calendar_working_seconds_between(cal, 5, 5), 0);
}

/* Calendar-day limits (Civil Code Art 148; decisions documented in calendar.h). */
static void test_calendar_days(void **state)
{
    const Calendar *cal = *state;
    int64_t out = 0;

    /* Ends on a working day: same time of day. */
    assert_int_equal(calendar_add_calendar_days(cal, at(2023, 10, 2, 9, 0), 10, &out), 0);
    assert_instant(out, at(2023, 10, 12, 9, 0));
    /* Ends on a Saturday: moves to Monday, same time. */
    assert_int_equal(calendar_add_calendar_days(cal, at(2023, 10, 2, 9, 0), 5, &out), 0);
    assert_instant(out, at(2023, 10, 9, 9, 0));
    /* Ends in the 2023 holiday block: first working day after it. */
    assert_int_equal(calendar_add_calendar_days(cal, at(2023, 4, 26, 16, 0), 5, &out), 0);
    assert_instant(out, at(2023, 5, 4, 16, 0));
    /* Receipt after hours counts from the next opening. */
    assert_int_equal(calendar_add_calendar_days(cal, at(2023, 10, 6, 17, 30), 1, &out), 0);
    assert_instant(out, at(2023, 10, 10, 7, 0));
    /* 0 calendar days: the next working instant. */
    assert_int_equal(calendar_add_calendar_days(cal, at(2023, 10, 6, 17, 30), 0, &out), 0);
    assert_instant(out, at(2023, 10, 9, 7, 0));
    assert_int_equal(calendar_add_calendar_days(cal, 0, -1, &out), ERR_INVALID);
    assert_int_equal(calendar_add_calendar_days(cal, 0, TIMEFMT_DURATION_MAX + 1, &out),
                     ERR_INVALID);
}

/* A unit open Saturday 07:30-11:30: a working day is still 8 working hours. */
static void test_saturday_unit(void **state)
{
    (void)state;
    Calendar cal;
    CalendarWindow sat[CALENDAR_MAX_WINDOWS];
    int n = 0;
    int64_t out = 0;
    Err e;

    calendar_init(&cal);
    load(&cal, 2023, TSV_2023_BLOCK);
    assert_int_equal(calendar_parse_windows("07:30-11:30", 11, &e, sat, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(calendar_set_windows(&cal, TIMEFMT_SATURDAY, sat, n, &e), 0);
    assert_true(calendar_is_working_day(&cal, ymd(2023, 10, 7)));
    assert_false(calendar_is_working_day(&cal, ymd(2023, 10, 8)));
    /* A Saturday holiday stays off. */
    assert_false(calendar_is_working_day(&cal, ymd(2023, 4, 29)));
    /* Fri 16:30 + 1 day: 0.5 h Friday + 4 h Saturday + 3.5 h Monday. */
    assert_int_equal(calendar_add_working_days(&cal, at(2023, 10, 6, 16, 30), 1, &out), 0);
    assert_instant(out, at(2023, 10, 9, 10, 30));
    /* Fri 16:00 + 1 calendar day = Saturday 16:00, after its window: back to 11:30. */
    assert_int_equal(calendar_add_calendar_days(&cal, at(2023, 10, 6, 16, 0), 1, &out), 0);
    assert_instant(out, at(2023, 10, 7, 11, 30));
    /* Fri 07:00 + 1 calendar day = Saturday 07:00, before its window: 07:30. */
    assert_int_equal(calendar_add_calendar_days(&cal, at(2023, 10, 6, 7, 0), 1, &out), 0);
    assert_instant(out, at(2023, 10, 7, 7, 30));
    /* 2023 loaded with the V4 block only: 260 weekdays - 3 off + 52 Saturdays - 1 (29/4). */
    assert_int_equal(calendar_working_days_in_year(&cal, 2023), 308);
    calendar_free(&cal);
}

/* Setting a weekday's windows: checked, all or nothing; a calendar with no window at all makes
 * the arithmetic fail instead of looping. */
static void test_set_windows(void **state)
{
    (void)state;
    Calendar cal;
    CalendarWindow w[CALENDAR_MAX_WINDOWS] = {{7 * H, 8 * H}};
    Err e;

    calendar_init(&cal);
    assert_int_equal(calendar_set_windows(&cal, 7, w, 1, &e), ERR_INVALID);
    assert_int_equal(calendar_set_windows(&cal, 1, (CalendarWindow[]){{10, 5}}, 1, &e),
                     ERR_INVALID);
    assert_int_equal(cal.n_windows[1], 2);
    /* Monday 07:00-08:00 only: 2/10/2023 has that one window. */
    assert_int_equal(calendar_set_windows(&cal, TIMEFMT_MONDAY, w, 1, &e), 0);
    CalendarWindow got[CALENDAR_MAX_WINDOWS];
    assert_int_equal(calendar_day_windows(&cal, ymd(2023, 10, 2), got), 1);
    assert_int_equal(got[0].start, 7 * H);
    assert_int_equal(got[0].end, 8 * H);
    /* A calendar without any window: arithmetic fails instead of looping. */
    for (int wd = 0; wd < 7; wd++)
        assert_int_equal(calendar_set_windows(&cal, wd, NULL, 0, &e), 0);
    int64_t out = 7;
    assert_int_equal(calendar_next_working_instant(&cal, 0, &out), ERR_INVALID);
    assert_int_equal(calendar_add_working_days(&cal, 0, 1, &out), ERR_INVALID);
    assert_int_equal(calendar_add_calendar_days(&cal, 0, 1, &out), ERR_INVALID);
    int32_t d = 7;
    assert_int_equal(calendar_next_working_day(&cal, 0, &d), ERR_INVALID);
    assert_int_equal(d, 7);
    assert_int_equal(out, 7);
    calendar_free(&cal);
}

/* ---- properties ---- */

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static uint64_t xorshift(void)
{
    uint64_t x = rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng = x;
    return x;
}

static int64_t random_instant(void)
{
    /* 2019-06-01 .. 2027-12-31, across loaded and proposed years. */
    int64_t lo = at(2019, 6, 1, 0, 0), hi = at(2027, 12, 31, 0, 0);
    int64_t t = lo + (int64_t)(xorshift() % (uint64_t)(hi - lo));
    /* Land exactly on interesting boundaries one time in four. */
    if (xorshift() % 4 == 0) {
        static const int marks[] = {7 * 3600,  11 * 3600 + 1800, 13 * 3600 + 1800,
                                    17 * 3600, 15 * 3600,        0};
        t = timefmt_local_instant(timefmt_local_day(t), marks[xorshift() % 6]);
    }
    return t;
}

/* The local day whose window holds u ([start, end)), or, when end_ok, whose window ends at u (a
 * window ending at 24:00 ends at the next day's 00:00); INT32_MIN if none. Days with windows
 * are working days, so this also checks that. */
static int32_t window_day(const Calendar *cal, int64_t u, bool end_ok)
{
    CalendarWindow w[CALENDAR_MAX_WINDOWS];
    int32_t day = timefmt_local_day(u);
    int n = calendar_day_windows(cal, day, w);
    int32_t s = timefmt_local_second(u);
    for (int i = 0; i < n; i++)
        if (s >= w[i].start && (s < w[i].end || (end_ok && s == w[i].end)))
            return day;
    if (end_ok) {
        day = timefmt_local_day(u - 1);
        n = calendar_day_windows(cal, day, w);
        s = timefmt_local_second(u - 1) + 1;
        for (int i = 0; i < n; i++)
            if (s == w[i].end)
                return day;
    }
    return INT32_MIN;
}

static void check_properties(const Calendar *cal, int rounds)
{
    for (int i = 0; i < rounds; i++) {
        int64_t t = random_instant(), u, u2, s0;
        int64_t secs = (int64_t)(xorshift() % (40 * CALENDAR_WORKING_DAY_SECONDS));
        int32_t days = (int32_t)(xorshift() % 40);

        if (xorshift() % 3 == 0)
            secs = (secs / 3600) * 3600;
        assert_int_equal(calendar_add_working_seconds(cal, t, secs, &u), 0);
        /* add then count gives back the duration */
        assert_int_equal(calendar_working_seconds_between(cal, t, u), secs);
        assert_int_equal(calendar_working_seconds_between(cal, u, t), -secs);
        /* the due lands on a working day, in a window (or at its end) */
        assert_true(window_day(cal, u, secs > 0) != INT32_MIN);
        if (secs > 0) {
            /* earliest such instant */
            assert_int_equal(calendar_working_seconds_between(cal, t, u - 1), secs - 1);
            /* additivity: a + b = (a then b), up to a window end vs the next opening */
            int64_t a = (int64_t)(xorshift() % (uint64_t)secs), mid;
            assert_int_equal(calendar_add_working_seconds(cal, t, a, &mid), 0);
            assert_int_equal(calendar_add_working_seconds(cal, mid, secs - a, &u2), 0);
            assert_int_equal(u2, u);
        } else {
            assert_int_equal(calendar_next_working_instant(cal, t, &s0), 0);
            assert_int_equal(u, s0);
            assert_true(u >= t);
        }
        /* monotone in t */
        assert_int_equal(
            calendar_add_working_seconds(cal, t + 1 + (int64_t)(xorshift() % 7200), secs, &u2), 0);
        assert_true(u2 >= u);

        /* working days: 8 hours each */
        assert_int_equal(calendar_add_working_days(cal, t, days, &u), 0);
        assert_int_equal(calendar_working_seconds_between(cal, t, u),
                         (int64_t)days * CALENDAR_WORKING_DAY_SECONDS);
        assert_true(window_day(cal, u, days > 0) != INT32_MIN);

        /* calendar days: on a working day, within a window (end inclusive), never before the
         * same time of day `days` days after the start, unless clamped to that day's close */
        assert_int_equal(calendar_add_calendar_days(cal, t, days, &u), 0);
        int32_t due_day = window_day(cal, u, true);
        assert_true(due_day != INT32_MIN);
        assert_true(calendar_is_working_day(cal, due_day));
        assert_int_equal(calendar_next_working_instant(cal, t, &s0), 0);
        assert_true(due_day >= timefmt_local_day(s0) + days);
        /* moved only past days off */
        for (int32_t d = timefmt_local_day(s0) + days; d < due_day; d++)
            assert_false(calendar_is_working_day(cal, d));
        if (days > 0 && due_day == timefmt_local_day(s0) + days &&
            timefmt_local_second(u) == timefmt_local_second(s0))
            assert_int_equal(u, s0 + (int64_t)days * TIMEFMT_DAY_SECONDS);
    }
}

static void test_properties_default(void **state)
{
    (void)state;
    Calendar cal;
    calendar_init(&cal);
    for (int y = 2020; y <= 2026; y++)
        load_official(&cal, y);
    check_properties(&cal, 20000);
    calendar_free(&cal);
}

static void test_properties_odd_windows(void **state)
{
    (void)state;
    Calendar cal;
    CalendarWindow w[CALENDAR_MAX_WINDOWS];
    int n = 0;
    Err e;

    calendar_init(&cal);
    load(&cal, 2023, TSV_2023_BLOCK);
    load(&cal, 2024, TSV_2024_BLOCK);
    assert_int_equal(calendar_parse_windows("07:30-11:30", 11, &e, w, &n), 0);
    assert_int_equal(calendar_set_windows(&cal, TIMEFMT_SATURDAY, w, n, &e), 0);
    assert_int_equal(
        calendar_parse_windows("06:00-08:00,09:00-10:00,12:00-12:30,20:00-24:00", 47, &e, w, &n),
        0);
    assert_int_equal(calendar_set_windows(&cal, TIMEFMT_WEDNESDAY, w, n, &e), 0);
    assert_int_equal(calendar_set_windows(&cal, TIMEFMT_MONDAY, NULL, 0, &e), 0);
    check_properties(&cal, 20000);
    calendar_free(&cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_vectors_v1_v7, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_next_working_instant, setup_calendar,
                                        teardown_calendar),
        cmocka_unit_test_setup_teardown(test_between, setup_calendar, teardown_calendar),
        cmocka_unit_test_setup_teardown(test_calendar_days, setup_calendar, teardown_calendar),
        cmocka_unit_test(test_saturday_unit),
        cmocka_unit_test(test_set_windows),
        cmocka_unit_test(test_properties_default),
        cmocka_unit_test(test_properties_odd_windows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

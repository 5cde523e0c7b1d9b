/* test_calendar_windows.c: working windows: the default day, the rules one day's windows follow
 * (count, range, order, overlap; touching allowed) and the text form "07:00-11:30,13:30-17:00"
 * (malformed text refused with nothing written, "" for none, 24:00 as an end). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/calendar_windows.h"

/* 07:00-11:30 and 13:30-17:00: 8 hours, one working day. */
static void test_default(void **state)
{
    (void)state;
    assert_int_equal(CALENDAR_DEFAULT_WINDOWS, 2);
    assert_int_equal(calendar_default_windows[0].start, 7 * 3600);
    assert_int_equal(calendar_default_windows[0].end, 11 * 3600 + 30 * 60);
    assert_int_equal(calendar_default_windows[1].start, 13 * 3600 + 30 * 60);
    assert_int_equal(calendar_default_windows[1].end, 17 * 3600);
    assert_int_equal(calendar_windows_check(calendar_default_windows, 2, NULL), 0);
}

static void test_check(void **state)
{
    (void)state;
    Err e;
    static const CalendarWindow five[5] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}};
    static const struct {
        CalendarWindow w[2];
        int n, rc;
    } cases[] = {
        {{{0, 86400}}, 1, 0},
        {{{-1, 60}}, 1, ERR_INVALID},
        {{{0, 86401}}, 1, ERR_INVALID},
        {{{600, 600}}, 1, ERR_INVALID},
        {{{600, 300}}, 1, ERR_INVALID},
        {{{7 * 3600, 12 * 3600}, {12 * 3600, 17 * 3600}}, 2, 0},           /* touching */
        {{{7 * 3600, 12 * 3600}, {11 * 3600, 17 * 3600}}, 2, ERR_INVALID}, /* overlapping */
        {{{13 * 3600, 17 * 3600}, {7 * 3600, 11 * 3600}}, 2, ERR_INVALID}, /* out of order */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        err_clear(&e);
        assert_int_equal(calendar_windows_check(cases[i].w, cases[i].n, &e), cases[i].rc);
        if (cases[i].rc) {
            assert_string_equal(e.field, "windows");
            assert_true(strlen(e.message) > 0);
        }
    }
    assert_int_equal(calendar_windows_check(NULL, 0, &e), 0);
    assert_int_equal(calendar_windows_check(five, 4, &e), 0);
    assert_int_equal(calendar_windows_check(five, 5, &e), ERR_INVALID);
    assert_int_equal(calendar_windows_check(five, -1, &e), ERR_INVALID);
}

static void test_parse(void **state)
{
    (void)state;
    CalendarWindow w[CALENDAR_MAX_WINDOWS] = {{1, 2}};
    int n = 9;
    Err e;
    static const char *const bad[] = {
        "07:00",
        "07:00-",
        "7:00-11:30",
        "07:00-11:30,",
        "11:30-07:00",
        "07:00-11:30,11:00-17:00",
        "07:00-24:01",
        "07:60-08:00",
        "07:00-08:00,09:00-10:00,11:00-12:00,13:00-14:00,15:00-16:00",
        "07:00-11:30;13:30-17:00",
        "07:00-07:00",
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(calendar_parse_windows(bad[i], strlen(bad[i]), &e, w, &n), ERR_INVALID);
        assert_int_equal(n, 9);
        assert_true(strlen(e.message) > 0);
    }
    assert_int_equal(w[0].start, 1); /* nothing written on error */
    assert_int_equal(calendar_parse_windows("07:30-11:30,13:00-17:15", 23, &e, w, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(w[0].start, 7 * 3600 + 30 * 60);
    assert_int_equal(w[0].end, 11 * 3600 + 30 * 60);
    assert_int_equal(w[1].start, 13 * 3600);
    assert_int_equal(w[1].end, 17 * 3600 + 15 * 60);
    assert_int_equal(calendar_parse_windows("", 0, &e, w, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(calendar_parse_windows("00:00-24:00", 11, &e, w, &n), 0);
    assert_int_equal(w[0].end, 86400);
    assert_int_equal(calendar_parse_windows("07:00-11:30,11:30-17:00", 23, &e, w, &n), 0);
    assert_int_equal(n, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_timefmt.c: civil-date arithmetic, ISO 8601 and Vietnamese formats, durations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/timefmt.h"

static int32_t ymd_max_plus_one(void)
{
    return timefmt_days_from_civil(10000, 1, 1);
}

static int parse_instant(const char *s, int64_t *out)
{
    return timefmt_parse_instant(s, strlen(s), NULL, out);
}

/* Every day from 1600-01-01 to 2400-12-31, counted by hand, against both conversions. */
static void test_civil_exhaustive(void **state)
{
    (void)state;
    int y = 1600, m = 1, d = 1;
    int32_t day = timefmt_days_from_civil(1600, 1, 1);
    int wd = timefmt_weekday(day);

    assert_int_equal(timefmt_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(timefmt_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(timefmt_days_from_civil(1900, 1, 1), -25567);
    assert_int_equal(timefmt_days_from_civil(2199, 12, 31), 84005);
    assert_int_equal(timefmt_weekday(0), TIMEFMT_THURSDAY);
    assert_int_equal(timefmt_weekday(timefmt_days_from_civil(2023, 10, 16)), TIMEFMT_MONDAY);
    assert_int_equal(timefmt_weekday(-1), TIMEFMT_WEDNESDAY);

    while (y <= 2400) {
        int yy = 0, mm = 0, dd = 0;
        assert_int_equal(timefmt_days_from_civil(y, m, d), day);
        timefmt_civil_from_days(day, &yy, &mm, &dd);
        assert_int_equal(yy, y);
        assert_int_equal(mm, m);
        assert_int_equal(dd, d);
        assert_int_equal(timefmt_weekday(day), wd);
        day++;
        wd = (wd + 1) % 7;
        if (++d > timefmt_days_in_month(y, m)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
}

static void test_leap_years(void **state)
{
    (void)state;
    assert_true(timefmt_is_leap_year(2000));
    assert_false(timefmt_is_leap_year(1900));
    assert_true(timefmt_is_leap_year(2024));
    assert_false(timefmt_is_leap_year(2023));
    assert_int_equal(timefmt_days_in_month(2024, 2), 29);
    assert_int_equal(timefmt_days_in_month(2100, 2), 28);
    assert_int_equal(timefmt_days_in_month(2023, 13), 0);
    assert_true(timefmt_valid_date(9999, 12, 31));
    assert_false(timefmt_valid_date(0, 1, 1));
    assert_false(timefmt_valid_date(2023, 4, 31));
}

static void test_local_day_and_second(void **state)
{
    (void)state;
    /* 1969-12-31T23:59:59Z is 1970-01-01 06:59:59 in Vietnam. */
    assert_int_equal(timefmt_local_day(-1), 0);
    assert_int_equal(timefmt_local_second(-1), 6 * 3600 + 59 * 60 + 59);
    /* 1969-12-31T16:59:59Z is 1969-12-31 23:59:59 local. */
    assert_int_equal(timefmt_local_day(-25201), -1);
    assert_int_equal(timefmt_local_second(-25201), 86399);
    assert_int_equal(timefmt_local_day(-25200), 0);
    assert_int_equal(timefmt_local_second(-25200), 0);
    assert_int_equal(timefmt_local_instant(0, 0), -25200);
    assert_int_equal(timefmt_local_instant(1, 0), timefmt_local_instant(0, 86400));
}

static void test_parse_instant_valid(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int64_t t;
    } ok[] = {
        {"2023-10-16T08:12:00+07:00", 1697418720},
        {"2023-10-16T01:12:00Z", 1697418720},
        {"2023-10-16t01:12:00z", 1697418720},
        {"2023-10-16T08:12:00+0700", 1697418720},
        {"2023-10-16T08:12+07:00", 1697418720},
        {"2023-10-16T08:12:00.999+07:00", 1697418720},
        {"2023-10-16T08:12:00.1Z", 1697418720 + 7 * 3600},
        {"2023-10-15T20:12:00-05:00", 1697418720},
        {"2023-10-16T06:42:00+05:30", 1697418720},
        {"2023-10-16T01:12:00+00:00", 1697418720},
        {"2023-10-16T01:12:00-00:00", 1697418720},
        {"1970-01-01T00:00:00Z", 0},
        {"1970-01-01T06:59:59+07:00", -1},
        {"2024-02-29T23:59:59+07:00", 1709225999},
        {"0001-01-01T00:00:00Z", -62135596800},
        {"9999-12-31T16:59:59Z", 253402275599}, /* the last second of 9999 in Vietnam */
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int64_t t = 42;
        assert_int_equal(parse_instant(ok[i].s, &t), 0);
        assert_int_equal(t, ok[i].t);
    }
}

static void test_parse_instant_invalid(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "2023-10-16",
        "2023-10-16T08:12:00", /* no offset */
        "2023-10-16T08:12",    /* no offset */
        "2023-10-16 08:12:00+07:00",
        "2023-13-01T08:12:00+07:00",
        "2023-00-01T08:12:00+07:00",
        "2023-02-29T08:12:00+07:00",
        "2023-04-31T08:12:00+07:00",
        "2023-10-00T08:12:00+07:00",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:00:00-05:00", /* 10000-01-01 in Vietnam: not printable */
        "2023-10-16T24:00:00+07:00",
        "2023-10-16T08:60:00+07:00",
        "2023-10-16T08:12:60+07:00",
        "2023-10-16T08:12:00+24:00",
        "2023-10-16T08:12:00+07:60",
        "2023-10-16T08:12:00+7:00",
        "2023-10-16T08:12:00+07:0",
        "2023-10-16T08:12:00+07",
        "2023-10-16T08:12:00+07:00x",
        "2023-10-16T08:12:00+07:00 ",
        "2023-10-16T08:12:00ZZ",
        " 2023-10-16T08:12:00Z",
        "2023-10-16T08:12:00.Z",
        "2023-10-16T08:12:00.1234567890Z",
        "2023-10-16T8:12:00Z",
        "2023-1-16T08:12:00Z",
        "+2023-10-16T08:12:00Z",
        "2023-10-16T08:12:0Z",
        "2023-10-16T08:12:00UTC",
        "２023-10-16T08:12:00Z",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t t = 42;
        Err e;
        err_clear(&e);
        assert_int_equal(timefmt_parse_instant(bad[i], strlen(bad[i]), &e, &t), ERR_INVALID);
        assert_int_equal(t, 42);
        assert_int_equal(e.code, ERR_INVALID);
        assert_true(strlen(e.message) > 0);
        assert_true(strlen(e.message_en) > 0);
    }
    /* Length is honoured: a valid prefix of a longer buffer is parsed alone. */
    {
        const char *s = "2023-10-16T08:12:00+07:00garbage";
        int64_t t = 0;
        assert_int_equal(timefmt_parse_instant(s, 25, NULL, &t), 0);
        assert_int_equal(t, 1697418720);
        assert_int_equal(timefmt_parse_instant(s, 24, NULL, &t), ERR_INVALID);
        assert_int_equal(timefmt_parse_instant(NULL, 0, NULL, &t), ERR_INVALID);
    }
}

static void test_parse_date(void **state)
{
    (void)state;
    int32_t day = 7;
    assert_int_equal(timefmt_parse_date("2023-10-16", 10, NULL, &day), 0);
    assert_int_equal(day, timefmt_days_from_civil(2023, 10, 16));
    assert_int_equal(timefmt_parse_date("2024-02-29", 10, NULL, &day), 0);
    day = 7;
    static const char *const bad[] = {"2023-02-29",          "2023-1-01",  "2023-01-1",  "20230101",
                                      "2023-01-01x",         "0000-01-01", "2023/01/01", "",
                                      "2023-01-01T00:00:00Z"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Err e;
        assert_int_equal(timefmt_parse_date(bad[i], strlen(bad[i]), &e, &day), ERR_INVALID);
        assert_int_equal(day, 7);
        assert_true(strlen(e.message) > 0);
    }
}

static void test_format(void **state)
{
    (void)state;
    char buf[64];
    int32_t d = timefmt_days_from_civil(2023, 10, 16);

    assert_int_equal(timefmt_format_instant(1697418720, buf, sizeof buf), 25);
    assert_string_equal(buf, "2023-10-16T08:12:00+07:00");
    assert_int_equal(timefmt_format_instant(-1, buf, sizeof buf), 25);
    assert_string_equal(buf, "1970-01-01T06:59:59+07:00");
    assert_int_equal(timefmt_format_date(d, buf, sizeof buf), 10);
    assert_string_equal(buf, "2023-10-16");
    assert_int_equal(timefmt_format_vi_date(d, buf, sizeof buf), 10);
    assert_string_equal(buf, "16/10/2023");
    assert_int_equal(timefmt_format_vi_datetime(1697418720, buf, sizeof buf), 16);
    assert_string_equal(buf, "08:12 16/10/2023");
    assert_true(timefmt_format_vi_long_date(d, buf, sizeof buf) > 0);
    assert_string_equal(buf, "ngày 16 tháng 10 năm 2023");
    timefmt_format_vi_long_date(timefmt_days_from_civil(2020, 1, 5), buf, sizeof buf);
    assert_string_equal(buf, "ngày 05 tháng 01 năm 2020");
    timefmt_format_vi_long_date(timefmt_days_from_civil(2024, 2, 1), buf, sizeof buf);
    assert_string_equal(buf, "ngày 01 tháng 02 năm 2024");
    timefmt_format_vi_long_date(timefmt_days_from_civil(2020, 3, 5), buf, sizeof buf);
    assert_string_equal(buf, "ngày 05 tháng 3 năm 2020");
    timefmt_format_vi_long_date(timefmt_days_from_civil(2019, 12, 31), buf, sizeof buf);
    assert_string_equal(buf, "ngày 31 tháng 12 năm 2019");

    /* The *_SIZE constants suffice; one byte less does not, and leaves buf alone. */
    char small[TIMEFMT_INSTANT_SIZE];
    assert_int_equal(timefmt_format_instant(1697418720, small, sizeof small), 25);
    memset(small, 'x', sizeof small);
    assert_int_equal(timefmt_format_instant(1697418720, small, sizeof small - 1), ERR_INVALID);
    assert_int_equal(small[0], 'x');
    char ds[TIMEFMT_DATE_SIZE];
    assert_int_equal(timefmt_format_date(d, ds, sizeof ds), 10);
    assert_int_equal(timefmt_format_vi_date(d, ds, sizeof ds), 10);
    char vs[TIMEFMT_VI_DATETIME_SIZE];
    assert_int_equal(timefmt_format_vi_datetime(1697418720, vs, sizeof vs), 16);
    char ls[TIMEFMT_VI_LONG_SIZE];
    assert_true(timefmt_format_vi_long_date(d, ls, sizeof ls) > 0);
    /* Years beyond 9999 are not representable. */
    assert_int_equal(timefmt_format_date(timefmt_days_from_civil(10000, 1, 1), buf, sizeof buf),
                     ERR_INVALID);
    /* The last representable local second, reached through an offset. */
    int64_t last = 0;
    assert_int_equal(parse_instant("9999-12-31T23:12+0759", &last), 0);
    assert_int_equal(timefmt_format_instant(last, buf, sizeof buf), 25);
    assert_string_equal(buf, "9999-12-31T22:13:00+07:00");
    assert_int_equal(
        timefmt_format_instant(timefmt_local_instant(ymd_max_plus_one(), 0), buf, sizeof buf),
        ERR_INVALID);
    assert_int_equal(timefmt_format_instant(INT64_MAX, buf, sizeof buf), ERR_INVALID);
    assert_int_equal(timefmt_format_instant(INT64_MIN, buf, sizeof buf), ERR_INVALID);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t xorshift(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rng_state = x;
    return x;
}

/* format -> parse gives back the instant, for instants across years 1-9998. */
static void test_format_parse_roundtrip(void **state)
{
    (void)state;
    int64_t lo = -62135596800 + 86400, hi = 253370678400; /* 0001-01-02 .. 9998-12-31 */
    for (int i = 0; i < 200000; i++) {
        int64_t t = lo + (int64_t)(xorshift() % (uint64_t)(hi - lo)), back = 0;
        char buf[TIMEFMT_INSTANT_SIZE];
        int n = timefmt_format_instant(t, buf, sizeof buf);
        assert_int_equal(n, 25);
        assert_int_equal(timefmt_parse_instant(buf, (size_t)n, NULL, &back), 0);
        assert_int_equal(back, t);
    }
}

static void test_duration(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        DurationUnit unit;
        int32_t amount;
    } ok[] = {
        {"3d", DURATION_WORKING_DAYS, 3},
        {"4h", DURATION_WORKING_HOURS, 4},
        {"10cd", DURATION_CALENDAR_DAYS, 10},
        {"0d", DURATION_WORKING_DAYS, 0},
        {"100000h", DURATION_WORKING_HOURS, 100000},
    };
    static const char *const bad[] = {"",
                                      "d",
                                      "3",
                                      "03d",
                                      "-3d",
                                      "3 d",
                                      "3D",
                                      "3dd",
                                      "3c",
                                      "100001d",
                                      "3cd ",
                                      " 3d",
                                      "+3d",
                                      "3.5d",
                                      "cd",
                                      "3hd",
                                      "99999999999999999999d",
                                      "3d\n"};
    char buf[TIMEFMT_DURATION_SIZE];

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        Duration d = {DURATION_CALENDAR_DAYS, -1};
        assert_int_equal(timefmt_parse_duration(ok[i].s, strlen(ok[i].s), NULL, &d), 0);
        assert_int_equal(d.unit, ok[i].unit);
        assert_int_equal(d.amount, ok[i].amount);
        assert_int_equal(timefmt_format_duration(d, buf, sizeof buf), (int)strlen(ok[i].s));
        assert_string_equal(buf, ok[i].s);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Duration d = {DURATION_CALENDAR_DAYS, -1};
        Err e;
        assert_int_equal(timefmt_parse_duration(bad[i], strlen(bad[i]), &e, &d), ERR_INVALID);
        assert_int_equal(d.amount, -1);
        assert_true(strlen(e.message) > 0);
    }
    assert_int_equal(timefmt_parse_duration(NULL, 0, NULL, &(Duration){0, 0}), ERR_INVALID);
    assert_int_equal(
        timefmt_format_duration((Duration){DURATION_WORKING_DAYS, -1}, buf, sizeof buf),
        ERR_INVALID);
    assert_int_equal(timefmt_format_duration((Duration){(DurationUnit)7, 1}, buf, sizeof buf),
                     ERR_INVALID);
}

static void test_weekday_names(void **state)
{
    (void)state;
    assert_string_equal(timefmt_weekday_name_vi(TIMEFMT_MONDAY), "Thứ Hai");
    assert_string_equal(timefmt_weekday_name_vi(TIMEFMT_SUNDAY), "Chủ nhật");
    assert_string_equal(timefmt_weekday_name_vi(TIMEFMT_SATURDAY), "Thứ Bảy");
    assert_string_equal(timefmt_weekday_name_vi(7), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil_exhaustive),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_local_day_and_second),
        cmocka_unit_test(test_parse_instant_valid),
        cmocka_unit_test(test_parse_instant_invalid),
        cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_parse_roundtrip),
        cmocka_unit_test(test_duration),
        cmocka_unit_test(test_weekday_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

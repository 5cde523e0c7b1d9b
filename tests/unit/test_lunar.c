/* test_lunar.c: the lunar calendar against an independent reference (1900-2199), the
 * vectors of docs/DOMAIN.md §9.3, and its own consistency over every day of 1900-2199.
 *
 * The reference table is tests/data/lunar_reference.tsv (generated with the npm package
 * vietnamese-lunar-calendar, see tests/data/README.md). Its directory comes from the environment
 * variable MOTCUA_TEST_DATA, else from the compile definition MOTCUA_TEST_DATA_DEFAULT, else
 * "tests/data" relative to the working directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/lunar.h"
#include "util/timefmt.h"

#ifndef MOTCUA_TEST_DATA_DEFAULT
#define MOTCUA_TEST_DATA_DEFAULT "tests/data"
#endif

static int32_t ymd(int y, int m, int d)
{
    return timefmt_days_from_civil(y, m, d);
}

static void assert_lunar(int32_t day, int ld, int lm, int ly, bool leap)
{
    LunarDate l = {0, 0, 0, false};
    assert_int_equal(lunar_from_day(day, &l), 0);
    assert_int_equal(l.day, ld);
    assert_int_equal(l.month, lm);
    assert_int_equal(l.year, ly);
    assert_int_equal(l.leap, leap);
}

static int32_t parse_ymd(const char *s)
{
    int32_t d = 0;
    assert_int_equal(timefmt_parse_date(s, strlen(s), NULL, &d), 0);
    return d;
}

/* Every year 1900-2199: Tết, Hùng Kings' day and the leap month equal the reference. */
static void test_reference_table(void **state)
{
    (void)state;
    const char *dir = getenv("MOTCUA_TEST_DATA");
    char path[1024], line[256];
    FILE *f;
    int rows = 0;

    if (!dir || !*dir)
        dir = MOTCUA_TEST_DATA_DEFAULT;
    snprintf(path, sizeof path, "%s/lunar_reference.tsv", dir);
    f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s (set MOTCUA_TEST_DATA to the tests/data directory)", path);
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "year\ttet\thung_kings\tleap_month\n");
    while (fgets(line, sizeof line, f)) {
        char *tab1 = strchr(line, '\t'), *tab2, *tab3;
        int year, leap;
        int32_t tet = 0, hung = 0;
        assert_non_null(tab1);
        tab2 = strchr(tab1 + 1, '\t');
        assert_non_null(tab2);
        tab3 = strchr(tab2 + 1, '\t');
        assert_non_null(tab3);
        *tab1 = *tab2 = *tab3 = '\0';
        year = (int)strtol(line, NULL, 10);
        leap = (int)strtol(tab3 + 1, NULL, 10);
        assert_int_equal(year, 1900 + rows);
        assert_int_equal(lunar_new_year(year, &tet), 0);
        if (tet != parse_ymd(tab1 + 1))
            fail_msg("Tết %d: reference %s", year, tab1 + 1);
        assert_int_equal(lunar_hung_kings_day(year, &hung), 0);
        if (hung != parse_ymd(tab2 + 1))
            fail_msg("Hùng Kings' day %d: reference %s", year, tab2 + 1);
        if (lunar_leap_month(year) != leap)
            fail_msg("leap month %d: reference %d, got %d", year, leap, lunar_leap_month(year));
        rows++;
    }
    fclose(f);
    assert_int_equal(rows, 300);
}

/* docs/DOMAIN.md §9.3, row by row. */
static void test_domain_vectors(void **state)
{
    (void)state;
    static const struct {
        int year;
        const char *tet;
        int tet_wd;
        int last_day; /* 29 or 30 tháng Chạp, the day before Tết */
        const char *hung;
        int hung_wd;
        int leap;
    } rows[] = {
        {2019, "2019-02-05", TIMEFMT_TUESDAY, 30, "2019-04-14", TIMEFMT_SUNDAY, 0},
        {2020, "2020-01-25", TIMEFMT_SATURDAY, 30, "2020-04-02", TIMEFMT_THURSDAY, 4},
        {2021, "2021-02-12", TIMEFMT_FRIDAY, 30, "2021-04-21", TIMEFMT_WEDNESDAY, 0},
        {2022, "2022-02-01", TIMEFMT_TUESDAY, 29, "2022-04-10", TIMEFMT_SUNDAY, 0},
        {2023, "2023-01-22", TIMEFMT_SUNDAY, 30, "2023-04-29", TIMEFMT_SATURDAY, 2},
        {2024, "2024-02-10", TIMEFMT_SATURDAY, 30, "2024-04-18", TIMEFMT_THURSDAY, 0},
        {2025, "2025-01-29", TIMEFMT_WEDNESDAY, 29, "2025-04-07", TIMEFMT_MONDAY, 6},
        {2026, "2026-02-17", TIMEFMT_TUESDAY, 29, "2026-04-26", TIMEFMT_SUNDAY, 0},
        {2027, "2027-02-06", TIMEFMT_SATURDAY, 29, "2027-04-16", TIMEFMT_FRIDAY, 0},
        {2028, "2028-01-26", TIMEFMT_WEDNESDAY, 29, "2028-04-04", TIMEFMT_TUESDAY, 5},
        {2029, "2029-02-13", TIMEFMT_TUESDAY, 29, "2029-04-23", TIMEFMT_MONDAY, 0},
        {2030, "2030-02-02", TIMEFMT_SATURDAY, 29, "2030-04-12", TIMEFMT_FRIDAY, 0},
        {2031, "2031-01-23", TIMEFMT_THURSDAY, 29, "2031-04-01", TIMEFMT_TUESDAY, 3},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int32_t tet = 0, hung = 0;
        assert_int_equal(lunar_new_year(rows[i].year, &tet), 0);
        assert_int_equal(tet, parse_ymd(rows[i].tet));
        assert_int_equal(timefmt_weekday(tet), rows[i].tet_wd);
        assert_lunar(tet, 1, 1, rows[i].year, false);
        assert_lunar(tet - 1, rows[i].last_day, 12, rows[i].year - 1, false);
        assert_int_equal(lunar_hung_kings_day(rows[i].year, &hung), 0);
        assert_int_equal(hung, parse_ymd(rows[i].hung));
        assert_int_equal(timefmt_weekday(hung), rows[i].hung_wd);
        assert_lunar(hung, 10, 3, rows[i].year, false);
        assert_int_equal(lunar_leap_month(rows[i].year), rows[i].leap);
    }
}

static void test_extra_vectors(void **state)
{
    (void)state;
    int32_t d = 0;

    /* Vietnamese Tết 2030 is 2 February (China: 3 February). */
    assert_int_equal(lunar_new_year(2030, &d), 0);
    assert_int_equal(d, ymd(2030, 2, 2));
    assert_lunar(ymd(2030, 2, 3), 2, 1, 2030, false);
    /* UTC+7 vs UTC+8 differences. */
    assert_int_equal(lunar_new_year(1985, &d), 0);
    assert_int_equal(d, ymd(1985, 1, 21));
    assert_int_equal(lunar_new_year(2007, &d), 0);
    assert_int_equal(d, ymd(2007, 2, 17));
    /* Leap month 6 of 2025 starts 2025-07-25. */
    assert_lunar(ymd(2025, 7, 25), 1, 6, 2025, true);
    assert_lunar(ymd(2025, 7, 24), 30, 6, 2025, false);
    assert_lunar(ymd(2025, 8, 22), 29, 6, 2025, true);
    assert_lunar(ymd(2025, 8, 23), 1, 7, 2025, false);
    assert_lunar(ymd(2024, 1, 1), 20, 11, 2023, false);
    assert_lunar(ymd(2024, 2, 9), 30, 12, 2023, false);
    assert_int_equal(lunar_to_day(&(LunarDate){1, 6, 2025, true}, &d), 0);
    assert_int_equal(d, ymd(2025, 7, 25));
    assert_int_equal(lunar_to_day(&(LunarDate){1, 6, 2025, false}, &d), 0);
    assert_int_equal(d, ymd(2025, 6, 25));
    assert_int_equal(lunar_month_length(2025, 6, true), 29);
    /* docs/DOMAIN.md §16 example 8: 2026-04-26 = 10/3 Bính Ngọ. */
    assert_lunar(ymd(2026, 4, 26), 10, 3, 2026, false);
    /* The leap 11th month of 2033 belongs to lunar year 2033. */
    assert_int_equal(lunar_leap_month(2033), 11);
    assert_int_equal(lunar_leap_month(2034), 0);
    assert_int_equal(lunar_to_day(&(LunarDate){1, 11, 2033, true}, &d), 0);
    assert_lunar(d, 1, 11, 2033, true);
    /* Where the published solar->lunar code says "day 0": the last day of the month before. */
    assert_lunar(ymd(2054, 5, 7), 30, 3, 2054, false);
    assert_lunar(ymd(2054, 5, 8), 1, 4, 2054, false);
    assert_lunar(ymd(2062, 4, 9), 30, 2, 2062, false);
    assert_lunar(ymd(2062, 4, 10), 1, 3, 2062, false);
}

static void test_invalid(void **state)
{
    (void)state;
    int32_t d = 99;
    LunarDate l = {0, 0, 0, false};

    assert_int_equal(lunar_to_day(&(LunarDate){1, 5, 2025, true}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){1, 6, 2024, true}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){0, 1, 2024, false}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){31, 1, 2024, false}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){1, 13, 2024, false}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){1, 0, 2024, false}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){1, 1, 1899, false}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){1, 1, 2200, false}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(NULL, &d), ERR_INVALID);
    /* 29 tháng Chạp 2024 (Ất Tỵ eve, 2025-01-28) was the last day: no 30th. */
    assert_int_equal(lunar_month_length(2024, 12, false), 29);
    assert_int_equal(lunar_to_day(&(LunarDate){30, 12, 2024, false}, &d), ERR_INVALID);
    assert_int_equal(lunar_to_day(&(LunarDate){29, 12, 2024, false}, &d), 0);
    assert_int_equal(d, ymd(2025, 1, 28));
    d = 99;
    assert_int_equal(lunar_new_year(1899, &d), ERR_INVALID);
    assert_int_equal(lunar_hung_kings_day(2200, &d), ERR_INVALID);
    assert_int_equal(d, 99);
    assert_int_equal(lunar_leap_month(1899), ERR_INVALID);
    assert_int_equal(lunar_month_length(2024, 6, true), ERR_INVALID);
    assert_int_equal(lunar_from_day(ymd(1899, 12, 31), &l), ERR_INVALID);
    assert_int_equal(lunar_from_day(ymd(2200, 1, 1), &l), ERR_INVALID);
    assert_int_equal(l.day, 0);
    assert_int_equal(lunar_from_day(ymd(1900, 1, 1), &l), 0);
    assert_int_equal(lunar_from_day(ymd(2199, 12, 31), &l), 0);
}

/* Every day 1900-01-01 .. 2199-12-31: converts back to itself, and consecutive days advance the
 * lunar date by one day or start the next month (ordinary -> leap of the same number -> next). */
static void test_every_day(void **state)
{
    (void)state;
    LunarDate prev = {0, 0, 0, false};
    int32_t first = ymd(1900, 1, 1), last = ymd(2199, 12, 31);

    assert_int_equal(lunar_from_day(first, &prev), 0);
    for (int32_t day = first + 1; day <= last; day++) {
        LunarDate l = {0, 0, 0, false};
        int32_t back = 0;
        assert_int_equal(lunar_from_day(day, &l), 0);
        if (l.year >= LUNAR_MIN_YEAR && l.year <= LUNAR_MAX_YEAR) {
            assert_int_equal(lunar_to_day(&l, &back), 0);
            assert_int_equal(back, day);
        }
        if (l.day == 1) {
            assert_true(prev.day == 29 || prev.day == 30);
            if (l.leap) {
                assert_int_equal(l.month, prev.month);
                assert_int_equal(l.year, prev.year);
                assert_false(prev.leap);
            } else if (prev.month == 12) {
                assert_int_equal(l.month, 1);
                assert_int_equal(l.year, prev.year + 1);
            } else {
                assert_int_equal(l.month, prev.month + 1);
                assert_int_equal(l.year, prev.year);
            }
        } else {
            assert_int_equal(l.day, prev.day + 1);
            assert_int_equal(l.month, prev.month);
            assert_int_equal(l.year, prev.year);
            assert_int_equal(l.leap, prev.leap);
        }
        prev = l;
    }
}

/* Each lunar year's months add up to the days between two Tết, 12 or 13 months. */
static void test_month_lengths(void **state)
{
    (void)state;
    for (int y = LUNAR_MIN_YEAR; y < LUNAR_MAX_YEAR; y++) {
        int32_t a = 0, b = 0;
        int sum = 0, leap = lunar_leap_month(y);
        assert_int_equal(lunar_new_year(y, &a), 0);
        assert_int_equal(lunar_new_year(y + 1, &b), 0);
        for (int m = 1; m <= 12; m++) {
            int len = lunar_month_length(y, m, false);
            assert_true(len == 29 || len == 30);
            sum += len;
            if (m == leap) {
                len = lunar_month_length(y, m, true);
                assert_true(len == 29 || len == 30);
                sum += len;
            }
        }
        assert_int_equal(sum, b - a);
        assert_true(leap ? (sum >= 383 && sum <= 385) : (sum >= 353 && sum <= 355));
    }
}

static void test_year_names(void **state)
{
    (void)state;
    char buf[32];
    lunar_year_name(2026, buf, sizeof buf);
    assert_string_equal(buf, "Bính Ngọ");
    lunar_year_name(2023, buf, sizeof buf);
    assert_string_equal(buf, "Quý Mão");
    lunar_year_name(2025, buf, sizeof buf);
    assert_string_equal(buf, "Ất Tỵ");
    lunar_year_name(2030, buf, sizeof buf);
    assert_string_equal(buf, "Canh Tuất");
    lunar_year_name(1985, buf, sizeof buf);
    assert_string_equal(buf, "Ất Sửu");
    lunar_year_name(2024, buf, sizeof buf);
    assert_string_equal(buf, "Giáp Thìn");
    assert_int_equal(lunar_year_name(2024, buf, 4), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_table), cmocka_unit_test(test_domain_vectors),
        cmocka_unit_test(test_extra_vectors),   cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_every_day),       cmocka_unit_test(test_month_lengths),
        cmocka_unit_test(test_year_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

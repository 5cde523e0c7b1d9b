/* test_calendar_schedule.c: official schedules as data: the TSV read line by line (BOM, CRLF,
 * comments, kinds in any case, entries in file order), each malformed line refused with its line
 * number (columns, dates, kinds, names and sources that are empty, too long, or not clean UTF-8
 * text, duplicates, too many lines), loading all or nothing into a Calendar, one year's schedule
 * overriding another's, and the official 2020-2026 schedules against their working-day counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "calendar_fixture.h"

static const char crlf_2023[] = "\xEF\xBB\xBF# 2023, test\r\n"
                                "date\tkind\tname\tsource\r\n"
                                "\r\n"
                                "2023-05-02\tholiday\tNghỉ lễ\tTB 1\r\n"
                                "2022-12-31\tswapped_off\tNghỉ hoán đổi\tTB 1\r\n"
                                "2023-01-07\tSWAPPED_WORKING\tLàm bù\tTB 1";

/* The entries as the file gives them, in its order. */
static void test_parse(void **state)
{
    (void)state;
    static CalendarDay days[CALENDAR_MAX_YEAR_ENTRIES];
    size_t n = 0;
    Err e;

    assert_int_equal(calendar_schedule_parse(2023, crlf_2023, strlen(crlf_2023), &e, days, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(days[0].day, ymd(2023, 5, 2));
    assert_int_equal(days[0].kind, DAY_HOLIDAY);
    assert_string_equal(days[0].name, "Nghỉ lễ");
    assert_string_equal(days[0].source, "TB 1");
    assert_int_equal(days[1].day, ymd(2022, 12, 31));
    assert_int_equal(days[1].kind, DAY_SWAPPED_OFF);
    assert_string_equal(days[1].name, "Nghỉ hoán đổi");
    assert_int_equal(days[2].day, ymd(2023, 1, 7));
    assert_int_equal(days[2].kind, DAY_SWAPPED_WORKING);
    assert_string_equal(days[2].source, "TB 1"); /* the last line has no newline */
    for (size_t i = 0; i < n; i++)
        assert_int_equal(days[i].schedule_year, 2023);
    /* the longest name and source that fit, with a character just past the C1 controls */
    {
        static char tsv[CALENDAR_NAME_SIZE + CALENDAR_SOURCE_SIZE + 64];
        char name[CALENDAR_NAME_SIZE], source[CALENDAR_SOURCE_SIZE];
        memset(name, 'n', sizeof name - 1);
        name[sizeof name - 1] = '\0';
        memset(source, 's', sizeof source - 1);
        memcpy(source, "\xC2\xA0", 2); /* U+00A0 */
        source[sizeof source - 1] = '\0';
        snprintf(tsv, sizeof tsv, "date\tkind\tname\tsource\n2023-05-01\tholiday\t%s\t%s\n", name,
                 source);
        assert_int_equal(calendar_schedule_parse(2023, tsv, strlen(tsv), &e, days, &n), 0);
        assert_int_equal(n, 1);
        assert_string_equal(days[0].name, name);
        assert_string_equal(days[0].source, source);
    }
    /* a header alone is an empty schedule */
    n = 9;
    assert_int_equal(calendar_schedule_parse(2023, "date\tkind\tname\tsource", 21, &e, days, &n),
                     0);
    assert_int_equal(n, 0);
}

/* Up to CALENDAR_MAX_YEAR_ENTRIES lines; the next one is refused. */
static void test_parse_limit(void **state)
{
    (void)state;
    static CalendarDay days[CALENDAR_MAX_YEAR_ENTRIES];
    static char tsv[CALENDAR_MAX_YEAR_ENTRIES * 40 + 64];
    size_t len = 0, n = 0;
    Err e;

    len += (size_t)snprintf(tsv + len, sizeof tsv - len, "date\tkind\tname\tsource\n");
    for (int i = 0; i < CALENDAR_MAX_YEAR_ENTRIES + 1; i++) {
        char date[TIMEFMT_DATE_SIZE];
        timefmt_format_date(ymd(2022, 12, 1) + i, date, sizeof date);
        len += (size_t)snprintf(tsv + len, sizeof tsv - len, "%s\tholiday\tx\ty\n", date);
        if (i == CALENDAR_MAX_YEAR_ENTRIES - 1) {
            assert_int_equal(calendar_schedule_parse(2023, tsv, len, &e, days, &n), 0);
            assert_int_equal(n, CALENDAR_MAX_YEAR_ENTRIES);
        }
    }
    assert_int_equal(calendar_schedule_parse(2023, tsv, len, &e, days, &n), ERR_TOO_LARGE);
    assert_string_equal(e.message_en, "line 402: too many lines");
}

static void expect_load_error(const char *tsv, int code, const char *line_prefix)
{
    Calendar cal;
    Err e;

    calendar_init(&cal);
    load(&cal, 2024, TSV_2024_BLOCK);
    size_t n_before = cal.n_days;
    err_clear(&e);
    assert_int_equal(calendar_load_tsv(&cal, 2023, tsv, strlen(tsv), &e), code);
    if (strncmp(e.message_en, line_prefix, strlen(line_prefix)) != 0)
        fail_msg("message '%s' does not start with '%s'", e.message_en, line_prefix);
    assert_true(strncmp(e.message, "dòng ", strlen("dòng ")) == 0);
    assert_int_equal(cal.n_days, n_before);
    assert_false(calendar_year_loaded(&cal, 2023));
    calendar_free(&cal);
}

static void test_tsv_errors(void **state)
{
    (void)state;
    expect_load_error("date\tkind\tname\n", ERR_INVALID, "line 1:");
    expect_load_error("", ERR_INVALID, "line 1:");
    expect_load_error("# only a comment\n", ERR_INVALID, "line 1:");
    expect_load_error("date\tkind\tname\tsource\n2023-02-30\tholiday\tx\ty\n", ERR_INVALID,
                      "line 2:");
    expect_load_error("date\tkind\tname\tsource\n\n# c\n2023-05-01\tday_off\tx\ty\n", ERR_INVALID,
                      "line 4:");
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\n", ERR_INVALID, "line 2:");
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\ty\tz\n", ERR_INVALID,
                      "line 2:");
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\t\ty\n", ERR_INVALID,
                      "line 2:");
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\t\n", ERR_INVALID,
                      "line 2:");
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\x01\ty\n", ERR_INVALID,
                      "line 2:");
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\xC3\ty\n", ERR_INVALID,
                      "line 2:");
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\t\xC0\xAF\ty\n", ERR_INVALID,
                      "line 2:"); /* overlong */
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\ty\xED\xA0\x80\n",
                      ERR_INVALID, "line 2:"); /* a surrogate in the source */
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\x7F\ty\n", ERR_INVALID,
                      "line 2:"); /* DEL */
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\xC2\x85\ty\n", ERR_INVALID,
                      "line 2:"); /* U+0085, a C1 control */
    expect_load_error("date\tkind\tname\tsource\n2023-05-01\tholiday\tx\ty\n"
                      "2023-05-02\tholiday\tx\ty\n2023-05-01\tholiday\tx\ty\n",
                      ERR_INVALID, "line 4: date already given on line 2");
    expect_load_error("date\tkind\tname\tsource\n2025-02-01\tholiday\tx\ty\n", ERR_INVALID,
                      "line 2:");
    expect_load_error("date\tkind\tname\tsource\n2022-11-30\tholiday\tx\ty\n", ERR_INVALID,
                      "line 2:");
    {
        char tsv[1024];
        char name[CALENDAR_NAME_SIZE + 1];
        memset(name, 'n', sizeof name - 1);
        name[sizeof name - 1] = '\0';
        snprintf(tsv, sizeof tsv, "date\tkind\tname\tsource\n2023-05-01\tholiday\t%s\ty\n", name);
        expect_load_error(tsv, ERR_INVALID, "line 2:");
    }
    Calendar cal;
    Err e;
    calendar_init(&cal);
    assert_int_equal(calendar_load_tsv(&cal, 1899, "", 0, &e), ERR_INVALID);
    assert_int_equal(calendar_load_tsv(&cal, 2200, "", 0, &e), ERR_INVALID);
    calendar_free(&cal);
}

static void test_tsv_forms_and_override(void **state)
{
    (void)state;
    Calendar cal, copy;
    CalendarDay day = {0};

    calendar_init(&cal);
    load(&cal, 2023, crlf_2023);
    assert_true(calendar_year_loaded(&cal, 2023));
    assert_false(calendar_year_loaded(&cal, 2022));
    assert_int_equal(cal.n_days, 3);
    assert_int_equal(calendar_day_entry(&cal, ymd(2023, 1, 7), &day), 1);
    assert_int_equal(day.kind, DAY_SWAPPED_WORKING);
    assert_string_equal(day.name, "Làm bù");
    assert_string_equal(day.source, "TB 1");
    assert_int_equal(day.schedule_year, 2023);
    /* A swapped working Saturday uses the Monday windows. */
    assert_true(calendar_is_working_day(&cal, ymd(2023, 1, 7)));
    CalendarWindow w[CALENDAR_MAX_WINDOWS];
    assert_int_equal(calendar_day_windows(&cal, ymd(2023, 1, 7), w), 2);
    assert_int_equal(w[0].start, 7 * H);
    assert_int_equal(w[1].end, 17 * H);
    /* The loaded year 2023 has no statutory proposal: 1/1/2023 (Sunday) gives no 2/1 off. */
    assert_true(calendar_is_working_day(&cal, ymd(2023, 1, 2)));
    assert_false(calendar_is_working_day(&cal, ymd(2023, 5, 2)));
    /* ... but 2022 is not loaded: its proposal applies, except on the date 2023's file gives. */
    assert_int_equal(calendar_day_entry(&cal, ymd(2022, 12, 31), &day), 1);
    assert_int_equal(day.kind, DAY_SWAPPED_OFF);
    assert_int_equal(calendar_day_entry(&cal, ymd(2022, 1, 1), &day), 1);
    assert_int_equal(day.kind, DAY_HOLIDAY);
    assert_string_equal(day.source, "Bộ luật Lao động 2019 Điều 112 (đề xuất)");

    /* A copy is independent. */
    assert_int_equal(calendar_copy(&copy, &cal), 0);

    /* Override: a province reloads 2023; the old 2023 rows go, other years stay. */
    load(&cal, 2024, TSV_2024_BLOCK);
    load(&cal, 2023, "date\tkind\tname\tsource\n2023-05-03\tholiday\tTỉnh\tQĐ tỉnh\n");
    assert_int_equal(cal.n_days, 1 + 7);
    assert_true(calendar_is_working_day(&cal, ymd(2023, 5, 2)));
    assert_false(calendar_is_working_day(&cal, ymd(2023, 5, 3)));
    assert_false(calendar_is_working_day(&cal, ymd(2024, 2, 14)));
    /* Last load wins on a date given by two schedules. */
    load(&cal, 2024, "date\tkind\tname\tsource\n2023-12-29\tholiday\tx\ty\n");
    assert_int_equal(calendar_day_entry(&cal, ymd(2023, 12, 29), &day), 1);
    assert_int_equal(day.schedule_year, 2024);
    assert_true(calendar_is_working_day(&cal, ymd(2024, 2, 14)));

    assert_false(calendar_is_working_day(&copy, ymd(2023, 5, 2)));
    assert_true(calendar_is_working_day(&copy, ymd(2023, 5, 3)));
    calendar_free(&copy);
    calendar_free(&cal);
    assert_int_equal(cal.n_days, 0);
}

/* The official schedules 2020-2026 against the working-day counts of data/holidays/README.md,
 * computed there independently (Python, Mon-Fri minus listed days off plus worked Saturdays). */
static void test_official_schedules(void **state)
{
    (void)state;
    static const struct {
        int year, working_days;
    } want[] = {
        {2020, 252}, {2021, 250}, {2022, 249}, {2023, 249}, {2024, 251}, {2025, 250}, {2026, 249},
    };
    Calendar cal;
    calendar_init(&cal);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        load_official(&cal, want[i].year);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_true(calendar_year_loaded(&cal, want[i].year));
        if (calendar_working_days_in_year(&cal, want[i].year) != want[i].working_days)
            fail_msg("%d: %d working days, README says %d", want[i].year,
                     calendar_working_days_in_year(&cal, want[i].year), want[i].working_days);
    }
    /* Spot checks of 2026 (Thông báo 9441/TB-BNV, Công văn 12729/VPCP-KGVX). */
    assert_false(calendar_is_working_day(&cal, ymd(2026, 1, 2)));
    assert_true(calendar_is_working_day(&cal, ymd(2026, 1, 10)));
    assert_false(calendar_is_working_day(&cal, ymd(2026, 2, 16)));
    assert_false(calendar_is_working_day(&cal, ymd(2026, 2, 20)));
    assert_true(calendar_is_working_day(&cal, ymd(2026, 2, 23)));
    assert_false(calendar_is_working_day(&cal, ymd(2026, 4, 27)));
    assert_false(calendar_is_working_day(&cal, ymd(2026, 8, 31)));
    /* V4 and V5 also hold with the official 2023 and 2024 schedules. */
    int64_t out = 0;
    assert_int_equal(calendar_add_working_days(&cal, at(2023, 4, 27, 10, 0), 5, &out), 0);
    assert_instant(out, at(2023, 5, 9, 10, 0));
    assert_int_equal(calendar_add_working_days(&cal, at(2024, 2, 7, 14, 0), 2, &out), 0);
    assert_instant(out, at(2024, 2, 16, 14, 0));
    /* calendar_year_days lists the loaded rows of a year. */
    CalendarDay days[64];
    size_t n = 0;
    assert_int_equal(calendar_year_days(&cal, 2026, 64, days, &n), 0);
    assert_int_equal(n, 16);
    assert_int_equal(calendar_year_days(&cal, 2026, 3, days, &n), ERR_TOO_LARGE);
    calendar_free(&cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_limit),
        cmocka_unit_test(test_tsv_errors),
        cmocka_unit_test(test_tsv_forms_and_override),
        cmocka_unit_test(test_official_schedules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

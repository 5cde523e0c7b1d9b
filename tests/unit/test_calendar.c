/* test_calendar.c: working calendar: DOMAIN §3.2 vectors V1-V7, schedules as data (TSV
 * parsing, overrides, the 2020-2026 official schedules), statutory proposals, and property tests
 * of the working-time arithmetic over pseudo-random instants.
 *
 * The schedules are read from data/holidays/YYYY.tsv in the directory named by the environment
 * variable MOTCUA_DATA_DIR, else the compile definition MOTCUA_DATA_DIR_DEFAULT, else "data"
 * relative to the working directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/lunar.h"
#include "util/timefmt.h"

#ifndef MOTCUA_DATA_DIR_DEFAULT
#define MOTCUA_DATA_DIR_DEFAULT "data"
#endif

#define H (3600)

static int32_t ymd(int y, int m, int d)
{
    return timefmt_days_from_civil(y, m, d);
}

/* A Vietnam-local wall-clock instant. */
static int64_t at(int y, int mo, int d, int h, int mi)
{
    return timefmt_local_instant(ymd(y, mo, d), h * 3600 + mi * 60);
}

static void assert_instant(int64_t got, int64_t want)
{
    if (got != want) {
        char g[TIMEFMT_INSTANT_SIZE], w[TIMEFMT_INSTANT_SIZE];
        timefmt_format_instant(got, g, sizeof g);
        timefmt_format_instant(want, w, sizeof w);
        fail_msg("got %s, want %s", g, w);
    }
}

static void load(Calendar *cal, int year, const char *tsv)
{
    Err e;
    err_clear(&e);
    if (calendar_load_tsv(cal, year, tsv, strlen(tsv), &e) != 0)
        fail_msg("load %d: %s", year, e.message_en);
}

/* The holiday blocks DOMAIN §3.2 states for V4 and V5, as data. */
static const char tsv_2023_block[] = "date\tkind\tname\tsource\n"
                                     "2023-04-29\tholiday\tGiỗ Tổ Hùng Vương\tV4\n"
                                     "2023-04-30\tholiday\tNgày Chiến thắng\tV4\n"
                                     "2023-05-01\tholiday\tQuốc tế Lao động\tV4\n"
                                     "2023-05-02\tcompensatory\tNghỉ bù\tV4\n"
                                     "2023-05-03\tcompensatory\tNghỉ bù\tV4\n";
static const char tsv_2024_block[] = "date\tkind\tname\tsource\n"
                                     "2024-02-08\tholiday\tTết\tV5\n"
                                     "2024-02-09\tholiday\tTết\tV5\n"
                                     "2024-02-10\tholiday\tTết\tV5\n"
                                     "2024-02-11\tholiday\tTết\tV5\n"
                                     "2024-02-12\tholiday\tTết\tV5\n"
                                     "2024-02-13\tcompensatory\tNghỉ bù\tV5\n"
                                     "2024-02-14\tcompensatory\tNghỉ bù\tV5\n";

static int setup_vectors(void **state)
{
    Calendar *cal = malloc(sizeof *cal);
    calendar_init(cal);
    load(cal, 2023, tsv_2023_block);
    load(cal, 2024, tsv_2024_block);
    *state = cal;
    return 0;
}

static int teardown_cal(void **state)
{
    calendar_free(*state);
    free(*state);
    return 0;
}

static int64_t add_days(const Calendar *cal, int64_t t, int32_t n)
{
    int64_t out = 0;
    assert_int_equal(calendar_add_working_days(cal, t, n, &out), 0);
    return out;
}

/* DOMAIN §3.2, hours model. */
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
    load(&cal, 2023, tsv_2023_block);
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

static void test_windows_config(void **state)
{
    (void)state;
    Calendar cal;
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
    assert_int_equal(calendar_parse_windows("", 0, &e, w, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(calendar_parse_windows("00:00-24:00", 11, &e, w, &n), 0);
    assert_int_equal(w[0].end, 86400);
    assert_int_equal(calendar_parse_windows("07:00-11:30,11:30-17:00", 23, &e, w, &n), 0);
    assert_int_equal(n, 2);

    calendar_init(&cal);
    assert_int_equal(calendar_set_windows(&cal, 7, w, 1, &e), ERR_INVALID);
    assert_int_equal(calendar_set_windows(&cal, 1, (CalendarWindow[]){{10, 5}}, 1, &e),
                     ERR_INVALID);
    assert_int_equal(cal.n_windows[1], 2);
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

static void expect_load_error(const char *tsv, int code, const char *line_prefix)
{
    Calendar cal;
    Err e;

    calendar_init(&cal);
    load(&cal, 2024, tsv_2024_block);
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
                      "line 2:");
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
    static const char crlf[] = "\xEF\xBB\xBF# 2023, test\r\n"
                               "date\tkind\tname\tsource\r\n"
                               "\r\n"
                               "2022-12-31\tswapped_off\tNghỉ hoán đổi\tTB 1\r\n"
                               "2023-01-07\tSWAPPED_WORKING\tLàm bù\tTB 1\r\n"
                               "2023-05-02\tholiday\tNghỉ lễ\tTB 1";

    calendar_init(&cal);
    load(&cal, 2023, crlf);
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
    load(&cal, 2024, tsv_2024_block);
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

/* Statutory proposals (Labour Code 2019 Art 111(3), 112). */
static void test_proposals(void **state)
{
    (void)state;
    CalendarDay days[CALENDAR_PROPOSAL_MAX];
    size_t n = 0;
    Calendar cal;

    /* DOMAIN §9.1: 2024 Tết 9/2 (Fri), 10-13/2 -> compensation 14/2 and 15/2. */
    assert_int_equal(calendar_propose_year(2024, CALENDAR_PROPOSAL_MAX, days, &n), 0);
    static const struct {
        int m, d;
        DayKind kind;
    } want2024[] = {
        {1, 1, DAY_HOLIDAY},       {2, 9, DAY_HOLIDAY},       {2, 10, DAY_HOLIDAY},
        {2, 11, DAY_HOLIDAY},      {2, 12, DAY_HOLIDAY},      {2, 13, DAY_HOLIDAY},
        {2, 14, DAY_COMPENSATORY}, {2, 15, DAY_COMPENSATORY}, {4, 18, DAY_HOLIDAY},
        {4, 30, DAY_HOLIDAY},      {5, 1, DAY_HOLIDAY},       {9, 2, DAY_HOLIDAY},
        {9, 3, DAY_HOLIDAY},
    };
    assert_int_equal(n, sizeof want2024 / sizeof want2024[0]);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(days[i].day, ymd(2024, want2024[i].m, want2024[i].d));
        assert_int_equal(days[i].kind, want2024[i].kind);
        assert_int_equal(days[i].schedule_year, 2024);
        assert_true(strstr(days[i].source, "(đề xuất)") != NULL);
    }
    assert_string_equal(days[6].name, "Nghỉ bù Tết Âm lịch");
    assert_string_equal(days[6].source, "Bộ luật Lao động 2019 Điều 111 khoản 3 (đề xuất)");
    assert_int_equal(calendar_propose_year(2024, 3, days, &n), ERR_TOO_LARGE);

    /* 2026: Hùng Kings' day 26/4 is a Sunday -> Monday 27/4. */
    calendar_init(&cal);
    assert_false(calendar_is_working_day(&cal, ymd(2026, 4, 27)));
    CalendarDay day = {0};
    assert_int_equal(calendar_day_entry(&cal, ymd(2026, 4, 27), &day), 1);
    assert_int_equal(day.kind, DAY_COMPENSATORY);
    assert_string_equal(day.name, "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)");
    /* 2027 (no notice): Tết 6/2 is a Saturday: 5/2-9/2 and compensation 10/2, 11/2. */
    for (int d = 5; d <= 11; d++)
        assert_false(calendar_is_working_day(&cal, ymd(2027, 2, d)));
    assert_true(calendar_is_working_day(&cal, ymd(2027, 2, 12)));
    assert_true(calendar_is_working_day(&cal, ymd(2027, 2, 4)));

    /* The adjacent National Day: by the weekday of 2/9. */
    static const struct {
        int year, neighbour_day; /* 1 or 3 (September) */
    } sep[] = {
        {2021, 3}, /* Thu */ {2022, 1}, /* Fri */ {2023, 1}, /* Sat */ {2024, 3}, /* Mon */
        {2025, 1}, /* Tue */ {2026, 1}, /* Wed */ {2029, 3},                      /* Sun */
    };
    for (size_t i = 0; i < sizeof sep / sizeof sep[0]; i++) {
        int other = sep[i].neighbour_day == 1 ? 3 : 1;
        assert_int_equal(calendar_day_entry(&cal, ymd(sep[i].year, 9, sep[i].neighbour_day), &day),
                         1);
        assert_string_equal(day.name, "Quốc khánh (ngày liền kề 2/9)");
        if (calendar_day_entry(&cal, ymd(sep[i].year, 9, other), &day))
            assert_int_equal(day.kind, DAY_COMPENSATORY);
    }
    /* 2023: 2/9 Saturday -> 1/9 + compensation Monday 4/9 (as the real 2023 schedule). */
    assert_int_equal(calendar_day_entry(&cal, ymd(2023, 9, 4), &day), 1);
    assert_int_equal(day.kind, DAY_COMPENSATORY);
    /* 2029: 2/9 Sunday -> 3/9 Monday and compensation Tuesday 4/9. */
    assert_int_equal(calendar_day_entry(&cal, ymd(2029, 9, 4), &day), 1);
    assert_int_equal(day.kind, DAY_COMPENSATORY);
    calendar_free(&cal);
}

/* Every year 1900-2199: 11 statutory days; every weekend or doubled holiday has its own
 * compensatory weekday; compensatory days are never weekends or holidays. */
static void test_proposal_invariants(void **state)
{
    (void)state;
    for (int y = CALENDAR_MIN_YEAR; y <= CALENDAR_MAX_YEAR; y++) {
        CalendarDay days[CALENDAR_PROPOSAL_MAX];
        size_t n = 0;
        int holidays = 0, weekend = 0, comp = 0;
        int32_t tet = 0, hung = 0;
        assert_int_equal(calendar_propose_year(y, CALENDAR_PROPOSAL_MAX, days, &n), 0);
        assert_int_equal(lunar_new_year(y, &tet), 0);
        assert_int_equal(lunar_hung_kings_day(y, &hung), 0);
        int doubled = (hung == ymd(y, 4, 30) || hung == ymd(y, 5, 1));
        for (size_t i = 0; i < n; i++) {
            int wd = timefmt_weekday(days[i].day);
            int yy = 0, mm = 0, dd = 0;
            timefmt_civil_from_days(days[i].day, &yy, &mm, &dd);
            assert_int_equal(yy, y);
            if (i > 0)
                assert_true(days[i].day > days[i - 1].day);
            if (days[i].kind == DAY_HOLIDAY) {
                holidays++;
                if (wd == TIMEFMT_SATURDAY || wd == TIMEFMT_SUNDAY)
                    weekend++;
            } else {
                assert_int_equal(days[i].kind, DAY_COMPENSATORY);
                assert_true(wd != TIMEFMT_SATURDAY && wd != TIMEFMT_SUNDAY);
                comp++;
            }
        }
        assert_int_equal(holidays + doubled, 11);
        assert_int_equal(comp, weekend + doubled);
        /* Tết: the 5 days from the last day of the lunar year. */
        for (int i = -1; i <= 3; i++) {
            CalendarDay e = {0};
            Calendar cal;
            calendar_init(&cal);
            assert_int_equal(calendar_day_entry(&cal, tet + i, &e), 1);
            assert_string_equal(e.name, "Tết Âm lịch");
        }
        /* The adjacent National Day holiday is a weekday next to 2/9. */
        {
            Calendar cal;
            CalendarDay e1 = {0}, e3 = {0};
            calendar_init(&cal);
            int h1 = calendar_day_entry(&cal, ymd(y, 9, 1), &e1) && e1.kind == DAY_HOLIDAY;
            int h3 = calendar_day_entry(&cal, ymd(y, 9, 3), &e3) && e3.kind == DAY_HOLIDAY;
            assert_int_equal(h1 + h3, 1);
        }
    }
    /* Outside the lunar range only the solar holidays are proposed. */
    CalendarDay days[CALENDAR_PROPOSAL_MAX];
    size_t n = 0;
    assert_int_equal(calendar_propose_year(2300, CALENDAR_PROPOSAL_MAX, days, &n), 0);
    int holidays = 0;
    for (size_t i = 0; i < n; i++)
        holidays += days[i].kind == DAY_HOLIDAY;
    assert_int_equal(holidays, 5);
}

static char *read_file(const char *path, size_t *out_n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    *out_n = (size_t)len;
    return buf;
}

static void load_official(Calendar *cal, int year)
{
    const char *dir = getenv("MOTCUA_DATA_DIR");
    char path[1024];
    size_t n = 0;
    char *text;
    Err e;

    if (!dir || !*dir)
        dir = MOTCUA_DATA_DIR_DEFAULT;
    snprintf(path, sizeof path, "%s/holidays/%d.tsv", dir, year);
    text = read_file(path, &n);
    if (!text)
        fail_msg("cannot open %s (set MOTCUA_DATA_DIR to the repository's data directory)", path);
    if (calendar_load_tsv(cal, year, text, n, &e) != 0)
        fail_msg("%s: %s", path, e.message_en);
    free(text);
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
    load(&cal, 2023, tsv_2023_block);
    load(&cal, 2024, tsv_2024_block);
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

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(calendar_day_kind_name(DAY_HOLIDAY), "holiday");
    assert_string_equal(calendar_day_kind_name(DAY_SWAPPED_WORKING), "swapped_working");
    assert_string_equal(calendar_day_kind_name((DayKind)9), "");
    assert_string_equal(calendar_day_kind_label_vi(DAY_COMPENSATORY), "Nghỉ bù");
    assert_string_equal(calendar_day_kind_label_vi((DayKind)9), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_vectors_v1_v7, setup_vectors, teardown_cal),
        cmocka_unit_test_setup_teardown(test_next_working_instant, setup_vectors, teardown_cal),
        cmocka_unit_test_setup_teardown(test_between, setup_vectors, teardown_cal),
        cmocka_unit_test_setup_teardown(test_calendar_days, setup_vectors, teardown_cal),
        cmocka_unit_test(test_saturday_unit),
        cmocka_unit_test(test_windows_config),
        cmocka_unit_test(test_tsv_errors),
        cmocka_unit_test(test_tsv_forms_and_override),
        cmocka_unit_test(test_proposals),
        cmocka_unit_test(test_proposal_invariants),
        cmocka_unit_test(test_official_schedules),
        cmocka_unit_test(test_properties_default),
        cmocka_unit_test(test_properties_odd_windows),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

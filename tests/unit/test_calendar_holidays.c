/* test_calendar_holidays.c: the statutory days off (Labour Code 2019 Art 112 and Art 111(3)):
 * 2024 in full, compensatory days, the adjacent National Day by the weekday of 2/9, the
 * invariants of every year 1900-2199 checked against the lunar calendar, the compact form the
 * queries cache, and the names of the kinds of entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "calendar_fixture.h"
#include "core/lunar.h"

/* Statutory proposals (Labour Code 2019 Art 111(3), 112). */
static void test_proposals(void **state)
{
    (void)state;
    CalendarDay days[CALENDAR_PROPOSAL_MAX];
    size_t n = 0;
    Calendar cal;

    /* docs/DOMAIN.md §9.1: 2024 Tết 9/2 (Fri), 10-13/2 -> compensation 14/2 and 15/2. */
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

/* The compact form spells out to exactly what calendar_propose_year gives. */
static void test_compact(void **state)
{
    (void)state;
    for (int y = 2020; y <= 2030; y++) {
        CalendarProposal p[CALENDAR_PROPOSAL_MAX];
        CalendarDay days[CALENDAR_PROPOSAL_MAX], one;
        size_t n = 0;
        int np = calendar_holidays_propose(y, p);
        assert_int_equal(calendar_propose_year(y, CALENDAR_PROPOSAL_MAX, days, &n), 0);
        assert_int_equal((size_t)np, n);
        for (int i = 0; i < np; i++) {
            calendar_holidays_expand(&p[i], y, &one);
            assert_memory_equal(&one, &days[i], sizeof one);
        }
    }
    /* 2024: Tết 10/2 is a Saturday, its compensatory day keeps the holiday's name */
    CalendarProposal comp = {ymd(2024, 2, 14), DAY_COMPENSATORY, "Tết Âm lịch"};
    CalendarDay day;
    calendar_holidays_expand(&comp, 2024, &day);
    assert_int_equal(day.day, ymd(2024, 2, 14));
    assert_int_equal(day.schedule_year, 2024);
    assert_string_equal(day.name, "Nghỉ bù Tết Âm lịch");
    assert_string_equal(day.source, "Bộ luật Lao động 2019 Điều 111 khoản 3 (đề xuất)");
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
        cmocka_unit_test(test_proposals),
        cmocka_unit_test(test_proposal_invariants),
        cmocka_unit_test(test_compact),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

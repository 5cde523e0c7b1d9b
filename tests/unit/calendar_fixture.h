/* calendar_fixture.h: what the calendar tests (test_calendar*.c) and test_deadline.c share:
 * Vietnam-local days and instants, an instant assertion that prints both sides, the two holiday
 * blocks docs/DOMAIN.md §3.2 states for V4 (2023) and V5 (2024) as schedule text, and loading a
 * schedule from a string or from the official files. Include it after <cmocka.h>.
 *
 * The official schedules are read from data/holidays/YYYY.tsv in the directory named by the
 * environment variable MOTCUA_DATA_DIR, else the compile definition MOTCUA_DATA_DIR_DEFAULT,
 * else "data" relative to the working directory. */
#ifndef MOTCUA_TEST_CALENDAR_FIXTURE_H
#define MOTCUA_TEST_CALENDAR_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "util/timefmt.h"

#ifndef MOTCUA_DATA_DIR_DEFAULT
#define MOTCUA_DATA_DIR_DEFAULT "data"
#endif

#define H (3600)

/* The holiday blocks docs/DOMAIN.md §3.2 states for V4 and V5, as data. */
#define TSV_2023_BLOCK                                                                             \
    "date\tkind\tname\tsource\n"                                                                   \
    "2023-04-29\tholiday\tGiỗ Tổ Hùng Vương\tV4\n"                                          \
    "2023-04-30\tholiday\tNgày Chiến thắng\tV4\n"                                             \
    "2023-05-01\tholiday\tQuốc tế Lao động\tV4\n"                                           \
    "2023-05-02\tcompensatory\tNghỉ bù\tV4\n"                                                   \
    "2023-05-03\tcompensatory\tNghỉ bù\tV4\n"
#define TSV_2024_BLOCK                                                                             \
    "date\tkind\tname\tsource\n"                                                                   \
    "2024-02-08\tholiday\tTết\tV5\n"                                                             \
    "2024-02-09\tholiday\tTết\tV5\n"                                                             \
    "2024-02-10\tholiday\tTết\tV5\n"                                                             \
    "2024-02-11\tholiday\tTết\tV5\n"                                                             \
    "2024-02-12\tholiday\tTết\tV5\n"                                                             \
    "2024-02-13\tcompensatory\tNghỉ bù\tV5\n"                                                   \
    "2024-02-14\tcompensatory\tNghỉ bù\tV5\n"

static inline int32_t ymd(int y, int m, int d)
{
    return timefmt_days_from_civil(y, m, d);
}

/* A Vietnam-local wall-clock instant. */
static inline int64_t at(int y, int mo, int d, int h, int mi)
{
    return timefmt_local_instant(ymd(y, mo, d), h * 3600 + mi * 60);
}

static inline void assert_instant(int64_t got, int64_t want)
{
    if (got != want) {
        char g[TIMEFMT_INSTANT_SIZE], w[TIMEFMT_INSTANT_SIZE];
        timefmt_format_instant(got, g, sizeof g);
        timefmt_format_instant(want, w, sizeof w);
        fail_msg("got %s, want %s", g, w);
    }
}

/* Loads tsv as year's schedule into cal; fails the test if it is refused. */
static inline void load(Calendar *cal, int year, const char *tsv)
{
    Err e;
    err_clear(&e);
    if (calendar_load_tsv(cal, year, tsv, strlen(tsv), &e) != 0)
        fail_msg("load %d: %s", year, e.message_en);
}

/* A new calendar with the V4 and V5 blocks loaded (a cmocka setup; teardown_calendar frees). */
static inline int setup_calendar(void **state)
{
    Calendar *cal = malloc(sizeof *cal);
    calendar_init(cal);
    load(cal, 2023, TSV_2023_BLOCK);
    load(cal, 2024, TSV_2024_BLOCK);
    *state = cal;
    return 0;
}

static inline int teardown_calendar(void **state)
{
    calendar_free(*state);
    free(*state);
    return 0;
}

/* Loads the official schedule of year from data/holidays (see above) into cal. */
static inline void load_official(Calendar *cal, int year)
{
    const char *dir = getenv("MOTCUA_DATA_DIR");
    char path[1024];
    FILE *f;
    char *text;
    long len;
    Err e;

    if (!dir || !*dir)
        dir = MOTCUA_DATA_DIR_DEFAULT;
    snprintf(path, sizeof path, "%s/holidays/%d.tsv", dir, year);
    f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (set MOTCUA_DATA_DIR to the repository's data directory)", path);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = malloc((size_t)len + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    if (calendar_load_tsv(cal, year, text, (size_t)len, &e) != 0)
        fail_msg("%s: %s", path, e.message_en);
    free(text);
}

#endif

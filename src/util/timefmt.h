/* timefmt.h: instants, Vietnam-local dates and time-limit durations, parsed and formatted.
 *
 * Instants are int64 seconds since 1970-01-01T00:00:00Z (UTC, no leap seconds). Local dates are
 * Vietnam dates (UTC+7 all year, no daylight saving) held as day numbers: days since 1970-01-01,
 * negative before it. Civil-date arithmetic is Howard Hinnant's days_from_civil / civil_from_days,
 * valid for the whole proleptic Gregorian calendar; the parsers accept years 0001-9999.
 * Nothing here allocates or reads the machine's time zone; every function is thread-safe. */
#ifndef MOTCUA_TIMEFMT_H
#define MOTCUA_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Vietnam is UTC+7 all year. */
#define TIMEFMT_TZ_OFFSET   (7 * 3600)
#define TIMEFMT_DAY_SECONDS 86400

/* Buffer sizes (terminating NUL included) for the formatters below. */
#define TIMEFMT_INSTANT_SIZE     26 /* 2023-10-16T08:12:00+07:00 */
#define TIMEFMT_DATE_SIZE        11 /* 2023-10-16 and 16/10/2023 */
#define TIMEFMT_VI_DATETIME_SIZE 17 /* 08:12 16/10/2023 */
#define TIMEFMT_VI_LONG_SIZE     40 /* ngày 16 tháng 10 năm 2023 (UTF-8) */
#define TIMEFMT_DURATION_SIZE    16 /* 100000cd */

/* Weekdays as returned by timefmt_weekday (the C struct tm convention). */
enum {
    TIMEFMT_SUNDAY = 0,
    TIMEFMT_MONDAY = 1,
    TIMEFMT_TUESDAY = 2,
    TIMEFMT_WEDNESDAY = 3,
    TIMEFMT_THURSDAY = 4,
    TIMEFMT_FRIDAY = 5,
    TIMEFMT_SATURDAY = 6
};

/* The unit of a procedure's time limit (docs/DOMAIN.md §3.1 "DONVITINH"). */
typedef enum DurationUnit {
    DURATION_WORKING_DAYS = 0,  /* "3d": 1 working day = 8 working hours */
    DURATION_WORKING_HOURS = 1, /* "4h" */
    DURATION_CALENDAR_DAYS = 2  /* "10cd": Civil Code Art 147-148 */
} DurationUnit;

/* The largest amount a duration may carry (any unit); keeps all arithmetic far from overflow. */
#define TIMEFMT_DURATION_MAX 100000

/* A time limit: an amount (0..TIMEFMT_DURATION_MAX) in a unit. */
typedef struct Duration {
    DurationUnit unit;
    int32_t amount;
} Duration;

/* timefmt_is_leap_year: 1 if y is a Gregorian leap year, else 0. */
int timefmt_is_leap_year(int y);

/* timefmt_days_in_month: 28..31 for month m (1-12) of year y; 0 if m is out of range. */
int timefmt_days_in_month(int y, int m);

/* timefmt_days_from_civil: the day number of the Gregorian date y-m-d. The date must be valid
 * (see timefmt_valid_date); no check is made. */
int32_t timefmt_days_from_civil(int y, int m, int d);

/* timefmt_civil_from_days: the Gregorian date of a day number, through out_y/out_m/out_d. */
void timefmt_civil_from_days(int32_t day, int *out_y, int *out_m, int *out_d);

/* timefmt_valid_date: 1 if y-m-d is a real date with 1 <= y <= 9999, else 0. */
int timefmt_valid_date(int y, int m, int d);

/* timefmt_weekday: the weekday of a day number, TIMEFMT_SUNDAY (0) .. TIMEFMT_SATURDAY (6). */
int timefmt_weekday(int32_t day);

/* timefmt_local_day: the Vietnam-local day number of instant t (floor division, so instants
 * before 1970 work too). */
int32_t timefmt_local_day(int64_t t);

/* timefmt_local_second: the Vietnam-local second of the day of instant t, 0..86399. */
int32_t timefmt_local_second(int64_t t);

/* timefmt_local_instant: the instant at local second `second` (may be 86400 for the end of the
 * day) of local day `day`. */
int64_t timefmt_local_instant(int32_t day, int32_t second);

/* timefmt_parse_instant: parses an ISO 8601 instant with an explicit offset, e.g.
 * "2023-10-16T08:12:00+07:00", "2023-10-16T01:12:00Z", "2023-10-16T08:12:00+0700",
 * "2023-10-16T08:12+07:00" or "2023-10-16T08:12:00.250+07:00" (fractions are truncated).
 * s need not be NUL-terminated; all n bytes must be consumed. A missing offset, an out-of-range
 * field (month 13, 31 April, hour 24, second 60, offset beyond 23:59), a Vietnam date past
 * 9999-12-31 or before 0001-01-01, or trailing bytes are
 * ERR_INVALID with a message in e. Writes the UTC instant to out_t on success. */
int timefmt_parse_instant(const char *s, size_t n, Err *e, int64_t *out_t);

/* timefmt_parse_date: parses a local date "YYYY-MM-DD" (exactly 10 bytes) into a day number.
 * ERR_INVALID with a message in e when malformed or not a real date. */
int timefmt_parse_date(const char *s, size_t n, Err *e, int32_t *out_day);

/* timefmt_parse_duration: parses a time limit "3d" (working days), "4h" (working hours) or
 * "10cd" (calendar days); the amount is 0..TIMEFMT_DURATION_MAX written in decimal without
 * sign, spaces or leading zeros (a lone "0" is allowed). ERR_INVALID with a message otherwise. */
int timefmt_parse_duration(const char *s, size_t n, Err *e, Duration *out_d);

/* The formatters below write a NUL-terminated string into buf (capacity cap) and return its
 * length, or ERR_INVALID (buf untouched) if cap is too small or a value cannot be represented
 * (years outside 0000-9999). The *_SIZE constants above are always enough for years 0-9999. */

/* timefmt_format_instant: "2023-10-16T08:12:00+07:00", always in Vietnam time. */
int timefmt_format_instant(int64_t t, char *buf, size_t cap);

/* timefmt_format_date: "2023-10-16" for a day number. */
int timefmt_format_date(int32_t day, char *buf, size_t cap);

/* timefmt_format_vi_date: "16/10/2023" for a day number. */
int timefmt_format_vi_date(int32_t day, char *buf, size_t cap);

/* timefmt_format_vi_datetime: "08:12 16/10/2023", the local time and date of instant t (the
 * appointment line of Mẫu 01). */
int timefmt_format_vi_datetime(int64_t t, char *buf, size_t cap);

/* timefmt_format_vi_long_date: "ngày 16 tháng 10 năm 2023" for a day number. As Decree
 * 30/2020/NĐ-CP prescribes for documents, a day below 10 and the months 1 and 2 take a leading
 * zero: "ngày 05 tháng 01 năm 2020", "ngày 05 tháng 3 năm 2020". */
int timefmt_format_vi_long_date(int32_t day, char *buf, size_t cap);

/* timefmt_format_duration: "3d", "4h" or "10cd". */
int timefmt_format_duration(Duration d, char *buf, size_t cap);

/* timefmt_weekday_name_vi: "Thứ Hai" .. "Chủ nhật" for a weekday 0..6 (static string; "" if out
 * of range). */
const char *timefmt_weekday_name_vi(int weekday);

#endif

/* lunar.h: the Vietnamese lunar calendar (âm lịch), computed for UTC+7.
 *
 * Hồ Ngọc Đức's algorithm exactly as docs/DOMAIN.md §9.2 gives it (Meeus new moons, the sun's
 * longitude, winter solstice in month 11, leap month = first month without a major solar term),
 * in double precision with floor semantics, at the meridian 105°E. This is why Vietnamese Tết can
 * differ from the Chinese New Year (2030-02-02 here, 2030-02-03 in China).
 *
 * Solar dates are day numbers (days since 1970-01-01, see util/timefmt.h). Supported: solar
 * dates 1900-01-01 .. 2199-12-31 and lunar years 1900 .. 2199; outside that, ERR_INVALID.
 * Pure functions: no state, no allocation, thread-safe. */
#ifndef MOTCUA_LUNAR_H
#define MOTCUA_LUNAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LUNAR_MIN_YEAR 1900
#define LUNAR_MAX_YEAR 2199

/* A lunar date. `leap` is true for a day of the leap month (tháng nhuận), which follows the
 * ordinary month of the same number. */
typedef struct LunarDate {
    int day;   /* 1..30 */
    int month; /* 1..12 */
    int year;  /* the lunar year, numbered like the solar year in which it begins */
    bool leap;
} LunarDate;

/* lunar_from_day: the lunar date of the solar day `day`. ERR_INVALID if the day lies outside
 * 1900-01-01 .. 2199-12-31. */
int lunar_from_day(int32_t day, LunarDate *out_date);

/* lunar_to_day: the solar day number of a lunar date. ERR_INVALID if the year is out of range,
 * the month is not 1..12, the day is not 1..30 or beyond the month's length (29 or 30), or
 * `leap` is set for a month that is not the year's leap month. */
int lunar_to_day(const LunarDate *date, int32_t *out_day);

/* lunar_new_year: the solar day of Tết Nguyên đán (1/1 lunar) of lunar year `year`. */
int lunar_new_year(int year, int32_t *out_day);

/* lunar_hung_kings_day: the solar day of Giỗ Tổ Hùng Vương (10/3 lunar, never the leap month)
 * of lunar year `year`. */
int lunar_hung_kings_day(int year, int32_t *out_day);

/* lunar_leap_month: the leap month (1..12) of lunar year `year`, 0 if the year has none, or
 * ERR_INVALID if the year is out of range. A leap 11 or 12 belongs to the year whose 11th or
 * 12th month it follows (2033 has a leap 11th month). */
int lunar_leap_month(int year);

/* lunar_month_length: 29 or 30, the number of days of a lunar month; ERR_INVALID as
 * lunar_to_day. */
int lunar_month_length(int year, int month, bool leap);

/* lunar_year_name: the sexagenary name of a lunar year, e.g. "Bính Ngọ" for 2026, written into
 * buf (capacity cap, 32 bytes is always enough); returns its length or ERR_INVALID if it does
 * not fit. Valid for any year. */
int lunar_year_name(int year, char *buf, size_t cap);

#endif

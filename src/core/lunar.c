/* lunar.c: Vietnamese lunar calendar by Hồ Ngọc Đức's algorithm at UTC+7 (see lunar.h).
 *
 * The functions mirror docs/DOMAIN.md §9.2 one for one (and Hồ Ngọc Đức's published amlich code):
 * internal day numbers are Julian Day Numbers, every INT() is floor(), all arithmetic is
 * double. Three deliberate differences: a leap flag for a month that is not the leap month is an
 * error instead of being ignored; a leap 12th month (leapOff = 2) is named 12 instead of 0 (none
 * occurs in 1900-2199); and solar->lunar steps back one more new moon when the first estimate
 * is late, where the published code returns day 0 (twice in 1900-2199: 2054-05-07 and
 * 2062-04-09). Tết, Hùng Kings' day and the leap months are unaffected. */
#include "core/lunar.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"
#include "util/timefmt.h"

#define TZ 7.0
#define PI 3.14159265358979323846
/* Julian Day Number of 1970-01-01, the epoch of motcua's day numbers. */
#define JDN_EPOCH 2440588
/* Day numbers of 1900-01-01 and 2199-12-31. */
#define DAY_FIRST (-25567)
#define DAY_LAST  84005

static double new_moon(double k)
{
    double t = k / 1236.85;
    double t2 = t * t, t3 = t2 * t;
    double dr = PI / 180;
    double jd1, m, mpr, f, c1, delta_t;

    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 = jd1 + 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m);
    c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr);
    c1 = c1 - 0.0004 * sin(dr * 3 * mpr);
    c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr));
    c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m));
    c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr));
    c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m));
    if (t < -11)
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
    else
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
    return jd1 + c1 - delta_t;
}

static double sun_longitude(double jdn)
{
    double t = (jdn - 2451545.0) / 36525;
    double t2 = t * t;
    double dr = PI / 180;
    double m, l0, dl, l;

    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m);
    dl = dl + (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m);
    l = (l0 + dl) * dr;
    l = l - PI * 2 * floor(l / (PI * 2));
    return l;
}

/* The sector (0..11, 30 degrees each) of the sun's longitude at local midnight starting day jd. */
static int sun_sector(long jd)
{
    return (int)floor(sun_longitude((double)jd - 0.5 - TZ / 24) / PI * 6);
}

/* The JDN of the local day holding new moon number k (k = 0 at 1900-01-01). */
static long new_moon_day(long k)
{
    return (long)floor(new_moon((double)k) + 0.5 + TZ / 24);
}

/* The JDN of the first day of the lunar month 11 containing the winter solstice of year y. */
static long lunar_month11(int y)
{
    long off = (long)JDN_EPOCH + (long)timefmt_days_from_civil(y, 12, 31) - 2415021;
    long k = (long)floor((double)off / 29.530588853);
    long nm = new_moon_day(k);
    if (sun_sector(nm) >= 9)
        nm = new_moon_day(k - 1);
    return nm;
}

/* Months after the month-11 starting at a11 until the first without a major solar term. */
static int leap_month_offset(long a11)
{
    long k = (long)floor(((double)a11 - 2415021.076998695) / 29.530588853 + 0.5);
    int last, i = 1;
    int arc = sun_sector(new_moon_day(k + i));
    do {
        last = arc;
        i++;
        arc = sun_sector(new_moon_day(k + i));
    } while (arc != last && i < 14);
    return i - 1;
}

/* The leap month number (1..12) of the cycle starting at a11; caller checked it has one. */
static int cycle_leap_month(long a11)
{
    int m = leap_month_offset(a11) - 2;
    return m <= 0 ? m + 12 : m;
}

int lunar_from_day(int32_t day, LunarDate *out_date)
{
    long jd, k, month_start, a11, b11;
    int y, m, d, lunar_year, diff, month;
    bool leap = false;

    if (day < DAY_FIRST || day > DAY_LAST)
        return ERR_INVALID;
    timefmt_civil_from_days(day, &y, &m, &d);
    jd = (long)day + JDN_EPOCH;
    k = (long)floor(((double)jd - 2415021.076998695) / 29.530588853);
    month_start = new_moon_day(k + 1);
    if (month_start > jd)
        month_start = new_moon_day(k);
    /* Not in the published code: the estimate k can be one month too late, which there gives
     * "day 0" (2054-05-07, 2062-04-09); the day belongs to the month before. */
    if (month_start > jd)
        month_start = new_moon_day(k - 1);
    a11 = lunar_month11(y);
    b11 = a11;
    if (a11 >= month_start) {
        lunar_year = y;
        a11 = lunar_month11(y - 1);
    } else {
        lunar_year = y + 1;
        b11 = lunar_month11(y + 1);
    }
    diff = (int)floor((double)(month_start - a11) / 29);
    month = diff + 11;
    if (b11 - a11 > 365) {
        int leap_diff = leap_month_offset(a11);
        if (diff >= leap_diff) {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if (month > 12)
        month -= 12;
    if (month >= 11 && diff < 4)
        lunar_year--;
    out_date->day = (int)(jd - month_start + 1);
    out_date->month = month;
    out_date->year = lunar_year;
    out_date->leap = leap;
    return 0;
}

/* The JDN of day 1 of a lunar month, or -1 if the month does not exist. */
static long month_start_jd(int year, int month, bool leap)
{
    long a11, b11, k;
    int off;

    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR || month < 1 || month > 12)
        return -1;
    if (month < 11) {
        a11 = lunar_month11(year - 1);
        b11 = lunar_month11(year);
    } else {
        a11 = lunar_month11(year);
        b11 = lunar_month11(year + 1);
    }
    k = (long)floor(0.5 + ((double)a11 - 2415021.076998695) / 29.530588853);
    off = month - 11;
    if (off < 0)
        off += 12;
    if (b11 - a11 > 365) {
        int leap_off = leap_month_offset(a11);
        int leap_month = leap_off - 2;
        if (leap_month <= 0)
            leap_month += 12;
        if (leap && month != leap_month)
            return -1;
        if (leap || off >= leap_off)
            off += 1;
    } else if (leap) {
        return -1;
    }
    return new_moon_day(k + off);
}

int lunar_month_length(int year, int month, bool leap)
{
    long start = month_start_jd(year, month, leap);
    long k;

    if (start < 0)
        return ERR_INVALID;
    /* The new moon index of this month, found by rounding and confirmed. */
    k = (long)floor(((double)start - 2415021.076998695) / 29.530588853 + 0.5);
    while (new_moon_day(k) > start)
        k--;
    while (new_moon_day(k + 1) <= start)
        k++;
    return (int)(new_moon_day(k + 1) - start);
}

int lunar_to_day(const LunarDate *date, int32_t *out_day)
{
    long start;
    int len;

    if (!date || date->day < 1 || date->day > 30)
        return ERR_INVALID;
    start = month_start_jd(date->year, date->month, date->leap);
    if (start < 0)
        return ERR_INVALID;
    if (date->day > 29) {
        len = lunar_month_length(date->year, date->month, date->leap);
        if (len < date->day)
            return ERR_INVALID;
    }
    *out_day = (int32_t)(start + date->day - 1 - JDN_EPOCH);
    return 0;
}

int lunar_new_year(int year, int32_t *out_day)
{
    LunarDate d = {1, 1, year, false};
    return lunar_to_day(&d, out_day);
}

int lunar_hung_kings_day(int year, int32_t *out_day)
{
    LunarDate d = {10, 3, year, false};
    return lunar_to_day(&d, out_day);
}

int lunar_leap_month(int year)
{
    long a11, b11, c11;

    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR)
        return ERR_INVALID;
    /* Months 1..10 of `year` lie in the cycle from month 11 of year-1; months 11 and 12 in the
     * cycle from month 11 of `year`. */
    a11 = lunar_month11(year - 1);
    b11 = lunar_month11(year);
    if (b11 - a11 > 365) {
        int m = cycle_leap_month(a11);
        if (m <= 10)
            return m;
    }
    c11 = lunar_month11(year + 1);
    if (c11 - b11 > 365) {
        int m = cycle_leap_month(b11);
        if (m >= 11)
            return m;
    }
    return 0;
}

int lunar_year_name(int year, char *buf, size_t cap)
{
    static const char *const stems[10] = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                          "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
    static const char *const branches[12] = {"Tý",  "Sửu", "Dần",  "Mão", "Thìn", "Tỵ",
                                             "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
    char tmp[64];
    int s = (int)(((long)year + 6) % 10), b = (int)(((long)year + 8) % 12);
    int len;

    if (s < 0)
        s += 10;
    if (b < 0)
        b += 12;
    len = snprintf(tmp, sizeof tmp, "%s %s", stems[s], branches[b]);
    if (len < 0 || (size_t)len >= cap || !buf)
        return ERR_INVALID;
    memcpy(buf, tmp, (size_t)len + 1);
    return len;
}

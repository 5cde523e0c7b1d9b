/* timefmt.c: instants, Vietnam-local dates and durations, parsed and formatted (see timefmt.h).
 *
 * The civil-date arithmetic is Howard Hinnant's public-domain algorithm ("chrono-Compatible
 * Low-Level Date Algorithms"), done in int64 so that no intermediate overflows. */
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

/* Day numbers of 0000-01-01 and 9999-12-31: the range the formatters accept. */
#define DAY_MIN (-719528)
#define DAY_MAX 2932896
/* Instants far enough from the int64 limits for timefmt_local_day; the day range decides. */
#define INSTANT_MIN (-((int64_t)1 << 50))
#define INSTANT_MAX ((int64_t)1 << 50)

int timefmt_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int timefmt_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && timefmt_is_leap_year(y))
        return 29;
    return dim[m - 1];
}

int32_t timefmt_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void timefmt_civil_from_days(int32_t day, int *out_y, int *out_m, int *out_d)
{
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *out_y = (int)(yoe + era * 400 + (m <= 2));
    *out_m = m;
    *out_d = d;
}

int timefmt_valid_date(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= timefmt_days_in_month(y, m);
}

int timefmt_weekday(int32_t day)
{
    /* 1970-01-01 was a Thursday. */
    int64_t w = ((int64_t)day + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int32_t timefmt_local_day(int64_t t)
{
    return (int32_t)floor_div(t + TIMEFMT_TZ_OFFSET, TIMEFMT_DAY_SECONDS);
}

int32_t timefmt_local_second(int64_t t)
{
    int64_t local = t + TIMEFMT_TZ_OFFSET;
    return (int32_t)(local - floor_div(local, TIMEFMT_DAY_SECONDS) * TIMEFMT_DAY_SECONDS);
}

int64_t timefmt_local_instant(int32_t day, int32_t second)
{
    return (int64_t)day * TIMEFMT_DAY_SECONDS + second - TIMEFMT_TZ_OFFSET;
}

/* ---- parsing ---- */

/* Reads exactly k decimal digits at s[*pos] into *out; advances *pos. Returns 0 or -1. */
static int read_digits(const char *s, size_t n, size_t *pos, int k, int *out)
{
    int v = 0;
    if (*pos + (size_t)k > n)
        return -1;
    for (int i = 0; i < k; i++) {
        char c = s[*pos + (size_t)i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *pos += (size_t)k;
    *out = v;
    return 0;
}

static int expect_char(const char *s, size_t n, size_t *pos, char c)
{
    if (*pos >= n || s[*pos] != c)
        return -1;
    (*pos)++;
    return 0;
}

/* Parses "YYYY-MM-DD" at s[*pos]; checks the date is real. 0, -1 (syntax) or -2 (range). */
static int read_date(const char *s, size_t n, size_t *pos, int *y, int *m, int *d)
{
    if (read_digits(s, n, pos, 4, y) || expect_char(s, n, pos, '-') ||
        read_digits(s, n, pos, 2, m) || expect_char(s, n, pos, '-') || read_digits(s, n, pos, 2, d))
        return -1;
    if (!timefmt_valid_date(*y, *m, *d))
        return -2;
    return 0;
}

static int bad_instant(Err *e)
{
    return err_set(e, ERR_INVALID, "",
                   "Thời điểm không hợp lệ: cần dạng ISO 8601 có múi giờ, "
                   "ví dụ 2023-10-16T08:12:00+07:00",
                   "invalid instant: expected ISO 8601 with an offset, "
                   "e.g. 2023-10-16T08:12:00+07:00");
}

static int day_in_range(int32_t day)
{
    return day >= DAY_MIN && day <= DAY_MAX;
}

static int bad_range(Err *e)
{
    return err_set(e, ERR_INVALID, "", "Ngày hoặc giờ nằm ngoài phạm vi hợp lệ",
                   "date or time field out of range");
}

int timefmt_parse_instant(const char *s, size_t n, Err *e, int64_t *out_t)
{
    size_t pos = 0;
    int y, mo, d, hh, mi, ss = 0, oh = 0, om = 0, sign = 0;
    int rc;

    if (!s)
        return bad_instant(e);
    rc = read_date(s, n, &pos, &y, &mo, &d);
    if (rc == -1)
        return bad_instant(e);
    if (rc == -2)
        return bad_range(e);
    if (pos >= n || (s[pos] != 'T' && s[pos] != 't'))
        return bad_instant(e);
    pos++;
    if (read_digits(s, n, &pos, 2, &hh) || expect_char(s, n, &pos, ':') ||
        read_digits(s, n, &pos, 2, &mi))
        return bad_instant(e);
    if (pos < n && s[pos] == ':') {
        pos++;
        if (read_digits(s, n, &pos, 2, &ss))
            return bad_instant(e);
        if (pos < n && s[pos] == '.') {
            size_t start = ++pos;
            while (pos < n && s[pos] >= '0' && s[pos] <= '9')
                pos++;
            if (pos == start || pos - start > 9)
                return bad_instant(e);
        }
    }
    if (hh > 23 || mi > 59 || ss > 59)
        return bad_range(e);
    if (pos >= n)
        return err_set(e, ERR_INVALID, "", "Thời điểm thiếu múi giờ (ví dụ +07:00 hoặc Z)",
                       "instant lacks an offset (e.g. +07:00 or Z)");
    if (s[pos] == 'Z' || s[pos] == 'z') {
        pos++;
    } else if (s[pos] == '+' || s[pos] == '-') {
        sign = s[pos] == '-' ? -1 : 1;
        pos++;
        if (read_digits(s, n, &pos, 2, &oh))
            return bad_instant(e);
        if (pos < n && s[pos] == ':')
            pos++;
        if (read_digits(s, n, &pos, 2, &om))
            return bad_instant(e);
        if (oh > 23 || om > 59)
            return bad_range(e);
    } else {
        return bad_instant(e);
    }
    if (pos != n)
        return err_set(e, ERR_INVALID, "", "Thời điểm có ký tự thừa ở cuối",
                       "trailing characters after the instant");

    int64_t t = (int64_t)timefmt_days_from_civil(y, mo, d) * TIMEFMT_DAY_SECONDS + hh * 3600 +
                mi * 60 + ss - (int64_t)sign * (oh * 3600 + om * 60);
    if (!day_in_range(timefmt_local_day(t))) /* its Vietnam date must print (0001-9999) */
        return bad_range(e);
    *out_t = t;
    return 0;
}

int timefmt_parse_date(const char *s, size_t n, Err *e, int32_t *out_day)
{
    size_t pos = 0;
    int y, m, d, rc;

    if (!s)
        rc = -1;
    else
        rc = read_date(s, n, &pos, &y, &m, &d);
    if (rc == -1 || (rc == 0 && pos != n))
        return err_set(e, ERR_INVALID, "", "Ngày không hợp lệ: cần dạng YYYY-MM-DD",
                       "invalid date: expected YYYY-MM-DD");
    if (rc == -2)
        return err_set(e, ERR_INVALID, "", "Ngày không tồn tại", "no such date");
    *out_day = timefmt_days_from_civil(y, m, d);
    return 0;
}

int timefmt_parse_duration(const char *s, size_t n, Err *e, Duration *out_d)
{
    size_t pos = 0;
    int64_t v = 0;
    Duration d;

    while (s && pos < n && s[pos] >= '0' && s[pos] <= '9' && v <= TIMEFMT_DURATION_MAX) {
        v = v * 10 + (s[pos] - '0');
        pos++;
    }
    if (!s || pos == 0 || (pos > 1 && s[0] == '0'))
        goto bad;
    if (v > TIMEFMT_DURATION_MAX)
        return err_set(e, ERR_INVALID, "", "Thời hạn quá lớn", "time limit too large");
    if (n - pos == 1 && s[pos] == 'd')
        d.unit = DURATION_WORKING_DAYS;
    else if (n - pos == 1 && s[pos] == 'h')
        d.unit = DURATION_WORKING_HOURS;
    else if (n - pos == 2 && s[pos] == 'c' && s[pos + 1] == 'd')
        d.unit = DURATION_CALENDAR_DAYS;
    else
        goto bad;
    d.amount = (int32_t)v;
    *out_d = d;
    return 0;
bad:
    return err_set(e, ERR_INVALID, "",
                   "Thời hạn không hợp lệ: cần dạng 3d (ngày làm việc), 4h (giờ làm việc) "
                   "hoặc 10cd (ngày lịch)",
                   "invalid time limit: expected 3d (working days), 4h (working hours) "
                   "or 10cd (calendar days)");
}

/* ---- formatting ---- */

/* Copies a snprintf result into buf only if it fits; returns its length or ERR_INVALID. */
static int emit(char *buf, size_t cap, const char *tmp, int len)
{
    if (len < 0 || (size_t)len >= cap || !buf)
        return ERR_INVALID;
    memcpy(buf, tmp, (size_t)len + 1);
    return len;
}

int timefmt_format_instant(int64_t t, char *buf, size_t cap)
{
    char tmp[64];
    int y, m, d;
    int32_t day, sec;

    if (t < INSTANT_MIN || t > INSTANT_MAX)
        return ERR_INVALID;
    day = timefmt_local_day(t);
    sec = timefmt_local_second(t);
    if (!day_in_range(day))
        return ERR_INVALID;
    timefmt_civil_from_days(day, &y, &m, &d);
    return emit(buf, cap, tmp,
                snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, m, d,
                         (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60)));
}

/* format_day writes day as YYYY-MM-DD, or as dd/mm/yyyy when vi. */
static int format_day(int32_t day, int vi, char *buf, size_t cap)
{
    char tmp[32];
    int y, m, d;

    if (!day_in_range(day))
        return ERR_INVALID;
    timefmt_civil_from_days(day, &y, &m, &d);
    return emit(buf, cap, tmp,
                vi ? snprintf(tmp, sizeof tmp, "%02d/%02d/%04d", d, m, y)
                   : snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d));
}

int timefmt_format_date(int32_t day, char *buf, size_t cap)
{
    return format_day(day, 0, buf, cap);
}

int timefmt_format_vi_date(int32_t day, char *buf, size_t cap)
{
    return format_day(day, 1, buf, cap);
}

int timefmt_format_vi_datetime(int64_t t, char *buf, size_t cap)
{
    char tmp[48];
    int y, m, d;
    int32_t day, sec;

    if (t < INSTANT_MIN || t > INSTANT_MAX)
        return ERR_INVALID;
    day = timefmt_local_day(t);
    sec = timefmt_local_second(t);
    if (!day_in_range(day))
        return ERR_INVALID;
    timefmt_civil_from_days(day, &y, &m, &d);
    return emit(buf, cap, tmp,
                snprintf(tmp, sizeof tmp, "%02d:%02d %02d/%02d/%04d", (int)(sec / 3600),
                         (int)(sec / 60 % 60), d, m, y));
}

int timefmt_format_vi_long_date(int32_t day, char *buf, size_t cap)
{
    char tmp[64];
    int y, m, d;

    if (!day_in_range(day))
        return ERR_INVALID;
    timefmt_civil_from_days(day, &y, &m, &d);
    /* Decree 30/2020: zero-pad days below 10 and the months 1 and 2 only. */
    return emit(
        buf, cap, tmp,
        snprintf(tmp, sizeof tmp, "ngày %02d tháng %s%d năm %04d", d, m <= 2 ? "0" : "", m, y));
}

int timefmt_format_duration(Duration d, char *buf, size_t cap)
{
    char tmp[32];
    const char *suffix;

    switch (d.unit) {
    case DURATION_WORKING_DAYS: suffix = "d"; break;
    case DURATION_WORKING_HOURS: suffix = "h"; break;
    case DURATION_CALENDAR_DAYS: suffix = "cd"; break;
    default: return ERR_INVALID;
    }
    if (d.amount < 0 || d.amount > TIMEFMT_DURATION_MAX)
        return ERR_INVALID;
    return emit(buf, cap, tmp, snprintf(tmp, sizeof tmp, "%d%s", (int)d.amount, suffix));
}

const char *timefmt_weekday_name_vi(int weekday)
{
    static const char *const names[7] = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                         "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
    if (weekday < 0 || weekday > 6)
        return "";
    return names[weekday];
}

/* calendar_windows.c: working windows: the default day, checking and parsing (see
 * calendar_windows.h). */
#include "core/calendar_windows.h"

#include <string.h>

#include "util/timefmt.h"

const CalendarWindow calendar_default_windows[CALENDAR_DEFAULT_WINDOWS] = {
    {7 * 3600, 11 * 3600 + 1800}, {13 * 3600 + 1800, 17 * 3600}};

int calendar_windows_check(const CalendarWindow *windows, int n, Err *e)
{
    if (n < 0 || n > CALENDAR_MAX_WINDOWS)
        return err_set(e, ERR_INVALID, "windows", "Quá nhiều khung giờ làm việc trong một ngày",
                       "too many working windows in a day");
    for (int i = 0; i < n; i++) {
        const CalendarWindow *w = &windows[i];
        if (w->start < 0 || w->end > TIMEFMT_DAY_SECONDS || w->start >= w->end)
            return err_set(e, ERR_INVALID, "windows", "Khung giờ làm việc không hợp lệ",
                           "invalid working window");
        if (i > 0 && w->start < windows[i - 1].end)
            return err_set(e, ERR_INVALID, "windows",
                           "Các khung giờ làm việc phải theo thứ tự và không chồng nhau",
                           "working windows must be in order and must not overlap");
    }
    return 0;
}

/* Reads "HH:MM" (00:00..24:00) at s[*pos]; returns seconds of the day or -1. */
static int32_t read_hhmm(const char *s, size_t n, size_t *pos)
{
    int v[4];
    if (*pos + 5 > n || s[*pos + 2] != ':')
        return -1;
    for (int i = 0; i < 4; i++) {
        char c = s[*pos + (size_t)(i < 2 ? i : i + 1)];
        if (c < '0' || c > '9')
            return -1;
        v[i] = c - '0';
    }
    *pos += 5;
    int h = v[0] * 10 + v[1], m = v[2] * 10 + v[3];
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 3600 + m * 60;
}

int calendar_parse_windows(const char *s, size_t n, Err *e, CalendarWindow *out_windows, int *out_n)
{
    CalendarWindow w[CALENDAR_MAX_WINDOWS];
    size_t pos = 0;
    int count = 0, rc;

    while (pos < n) {
        int32_t a, b;
        if (count == CALENDAR_MAX_WINDOWS)
            return err_set(e, ERR_INVALID, "windows", "Quá nhiều khung giờ làm việc trong một ngày",
                           "too many working windows in a day");
        a = read_hhmm(s, n, &pos);
        if (a < 0 || pos >= n || s[pos] != '-')
            goto bad;
        pos++;
        b = read_hhmm(s, n, &pos);
        if (b < 0)
            goto bad;
        w[count++] = (CalendarWindow){a, b};
        if (pos < n) {
            if (s[pos] != ',' || pos + 1 == n)
                goto bad;
            pos++;
        }
    }
    rc = calendar_windows_check(w, count, e);
    if (rc)
        return rc;
    memcpy(out_windows, w, (size_t)count * sizeof w[0]);
    *out_n = count;
    return 0;
bad:
    return err_set(e, ERR_INVALID, "windows",
                   "Khung giờ không hợp lệ: cần dạng 07:00-11:30,13:30-17:00",
                   "invalid windows: expected 07:00-11:30,13:30-17:00");
}

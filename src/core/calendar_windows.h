/* calendar_windows.h: a unit's working windows: the window type, the default working day
 * (07:00-11:30 and 13:30-17:00), the rules one day's windows follow, and their text form
 * "07:00-11:30,13:30-17:00" as admins type it and the store keeps it per weekday. Pure: no I/O,
 * no allocation. */
#ifndef MOTCUA_CALENDAR_WINDOWS_H
#define MOTCUA_CALENDAR_WINDOWS_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define CALENDAR_MAX_WINDOWS 4
/* The number of windows in the default working day. */
#define CALENDAR_DEFAULT_WINDOWS 2

/* A working window [start, end) in local seconds since midnight, 0 <= start < end <= 86400. */
typedef struct CalendarWindow {
    int32_t start;
    int32_t end;
} CalendarWindow;

/* The default working day, Monday to Friday: 07:00-11:30 and 13:30-17:00 (8 hours). */
extern const CalendarWindow calendar_default_windows[CALENDAR_DEFAULT_WINDOWS];

/* calendar_windows_check: 0 when windows[0..n) can be one day's windows: at most
 * CALENDAR_MAX_WINDOWS, each within 0..86400 with start < end, sorted and not overlapping
 * (one may start where the previous ends). Otherwise ERR_INVALID with a message in e. */
int calendar_windows_check(const CalendarWindow *windows, int n, Err *e);

/* calendar_parse_windows: parses "07:00-11:30,13:30-17:00" (or "" for none; "24:00" allowed as
 * an end) into out_windows (room for CALENDAR_MAX_WINDOWS) and out_n, checked as
 * calendar_windows_check does. ERR_INVALID with a message in e otherwise. */
int calendar_parse_windows(const char *s, size_t n, Err *e, CalendarWindow *out_windows,
                           int *out_n);

#endif

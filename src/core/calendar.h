/* calendar.h: the working calendar of a unit and working-time arithmetic on UTC instants in
 * Vietnam time (UTC+7). The module's one header for callers: it includes its parts, the
 * statutory days off and the entry type (calendar_holidays.h), working windows
 * (calendar_windows.h) and the official schedule file (calendar_schedule.h).
 *
 * A Calendar holds
 *   - weekly working windows per weekday (default Monday-Friday 07:00-11:30 and 13:30-17:00,
 *     up to CALENDAR_MAX_WINDOWS per weekday, e.g. a unit adds Saturday 07:30-11:30), and
 *   - a table of dated entries (holiday, compensatory day off, swapped day off, swapped working
 *     day) loaded per year from official schedules (TSV, see calendar_schedule_parse).
 * For a year with no schedule loaded, queries use the statutory proposal of calendar_propose_year
 * (Labour Code 2019 Art 112 and Art 111(3)), computed on the fly; an entry loaded for a date
 * always wins. Weekly rest days are the weekdays without windows.
 *
 * Time model (docs/DOMAIN.md §3.2 "hours model", docs/INTERFACES.md §2): windows are half-open
 * [start, end) in local seconds of the day; "one working day" is always 8 working hours
 * (CALENDAR_WORKING_DAY_SECONDS), whatever the windows add up to: with the default windows (8 h a
 * day) adding N working days lands at the same time of day N working days later; with other windows
 * (a 4-hour Saturday, a 9-hour day) a working day is still 8 hours of window time, so a half-day
 * Saturday counts as half a day. A swapped working day (e.g. a working Saturday) uses the Monday
 * windows (the default windows if Monday has none). A computed deadline may equal a window's end
 * (17:00): that instant counts as inside the window for a due time, while the next working instant
 * after it is the next window's start.
 *
 * Ownership: calendar_init allocates nothing; calendar_load_tsv and calendar_copy allocate the
 * entry table, which the Calendar owns until calendar_free. Query functions take a const
 * Calendar, never allocate, and may run concurrently; loading needs exclusive access. */
#ifndef MOTCUA_CALENDAR_H
#define MOTCUA_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar_holidays.h"
#include "core/calendar_schedule.h"
#include "core/calendar_windows.h"
#include "util/err.h"
#include "util/timefmt.h"

#define CALENDAR_WORKING_DAY_SECONDS (8 * 3600)
/* Years whose schedule can be loaded (the lunar calendar's range). */
#define CALENDAR_MIN_YEAR 1900
#define CALENDAR_MAX_YEAR 2199

typedef struct Calendar {
    CalendarWindow windows[7][CALENDAR_MAX_WINDOWS]; /* by weekday, TIMEFMT_SUNDAY = 0 */
    int n_windows[7];
    CalendarDay *days; /* sorted by day, at most one entry per day; owned */
    size_t n_days;
    size_t cap_days;
    uint8_t loaded[(CALENDAR_MAX_YEAR - CALENDAR_MIN_YEAR + 8) / 8]; /* bit per loaded year */
} Calendar;

/* calendar_init: sets cal to the default windows (Mon-Fri 07:00-11:30, 13:30-17:00) and no
 * loaded year. Allocates nothing; a Calendar so initialised may still be passed to
 * calendar_free. */
void calendar_init(Calendar *cal);

/* calendar_free: releases the entry table and leaves cal as calendar_init made it. */
void calendar_free(Calendar *cal);

/* calendar_copy: makes dst (uninitialised or freed) a deep copy of src, e.g. a unit's calendar
 * from the national one before the unit sets its windows. Allocates; ERR_IO on out of memory. */
int calendar_copy(Calendar *dst, const Calendar *src);

/* calendar_set_windows: sets the windows of one weekday (0 = Sunday .. 6 = Saturday); n = 0 makes
 * it a rest day. Windows must pass calendar_windows_check (sorted, non-overlapping, within
 * 0..86400 and start < end); otherwise ERR_INVALID with a message in e and nothing changes. */
int calendar_set_windows(Calendar *cal, int weekday, const CalendarWindow *windows, int n, Err *e);

/* calendar_load_tsv: loads the official schedule of `year` (CALENDAR_MIN_YEAR..CALENDAR_MAX_YEAR)
 * from TSV text of n bytes, in the format and with the checks of calendar_schedule_parse. The
 * year becomes "loaded": its dates no longer get statutory proposals. A schedule loaded before
 * for the same year is replaced (a province overriding the national schedule); an entry of
 * another year's schedule on the same date is replaced too (last load wins). All or nothing: on
 * error (ERR_INVALID, message "dòng N: ..."/"line N: ..." in e; ERR_TOO_LARGE; ERR_IO on out of
 * memory) the calendar is unchanged. Allocates the entry table. */
int calendar_load_tsv(Calendar *cal, int year, const char *text, size_t n, Err *e);

/* calendar_year_loaded: whether a schedule has been loaded for `year`. */
bool calendar_year_loaded(const Calendar *cal, int year);

/* calendar_day_entry: the entry in force on a local day, loaded or proposed: returns 1 and
 * writes *out_entry (if not NULL), or 0 for an ordinary day. */
int calendar_day_entry(const Calendar *cal, int32_t day, CalendarDay *out_entry);

/* calendar_year_days: every entry in force on a day of `year` (loaded, else proposed), sorted,
 * into out_days (capacity cap) and out_n; ERR_TOO_LARGE if cap is too small. */
int calendar_year_days(const Calendar *cal, int year, size_t cap, CalendarDay *out_days,
                       size_t *out_n);

/* calendar_is_working_day: whether local day `day` has working windows: a weekday with windows
 * and no day-off entry, or a swapped working day. */
bool calendar_is_working_day(const Calendar *cal, int32_t day);

/* calendar_day_windows: the windows in force on local day `day` (none on a day off) into
 * out_windows (room for CALENDAR_MAX_WINDOWS); returns their number. */
int calendar_day_windows(const Calendar *cal, int32_t day, CalendarWindow *out_windows);

/* calendar_working_days_in_year: the number of working days in `year`. */
int calendar_working_days_in_year(const Calendar *cal, int year);

/* calendar_next_working_day: the first working day strictly after `day`. ERR_INVALID if there is
 * none within 1000 days (a calendar without windows). */
int calendar_next_working_day(const Calendar *cal, int32_t day, int32_t *out_day);

/* calendar_prev_working_day: the last working day strictly before `day`; ERR_INVALID as above. */
int calendar_prev_working_day(const Calendar *cal, int32_t day, int32_t *out_day);

/* calendar_next_working_instant: t itself if it lies inside a window, else the start of the
 * next window. ERR_INVALID if there is none within 1000 days. */
int calendar_next_working_instant(const Calendar *cal, int64_t t, int64_t *out_t);

/* calendar_add_working_seconds: the earliest instant u such that the working time in [t, u)
 * equals `seconds` (0 .. CALENDAR_MAX_ADD_SECONDS); for 0 it is the next working instant. The
 * result lies in a window or at a window's end. ERR_INVALID if seconds is out of range or the
 * calendar has no working time. */
int calendar_add_working_seconds(const Calendar *cal, int64_t t, int64_t seconds, int64_t *out_t);
#define CALENDAR_MAX_ADD_SECONDS ((int64_t)TIMEFMT_DURATION_MAX * CALENDAR_WORKING_DAY_SECONDS)

/* calendar_add_working_hours: calendar_add_working_seconds with hours * 3600. */
int calendar_add_working_hours(const Calendar *cal, int64_t t, int32_t hours, int64_t *out_t);

/* calendar_add_working_days: calendar_add_working_seconds with days * 8 hours (V1-V7 of
 * docs/DOMAIN.md §3.2: Mon 09:00 + 3 days = Thu 09:00; Fri 17:30 + 1 day = Mon 17:00). */
int calendar_add_working_days(const Calendar *cal, int64_t t, int32_t days, int64_t *out_t);

/* calendar_add_calendar_days: a limit in calendar days (Civil Code Art 147-148). The count starts
 * at s = the next working instant at or after t (a receipt out of hours counts from the next
 * opening, as for working-time limits); the due instant is the same local time of day `days` days
 * later. If that day is not a working day, the next working day (Art 148(5)). The time of day is
 * then kept inside that day's windows: a time in a gap moves forward to the next opening of the
 * same day, a time before the first window to its start, a time after the last window back to its
 * end (so the due never leaves the final day). days = 0 gives s. */
int calendar_add_calendar_days(const Calendar *cal, int64_t t, int32_t days, int64_t *out_t);

/* calendar_add: adds a Duration by its unit (the three functions above). */
int calendar_add(const Calendar *cal, int64_t t, Duration d, int64_t *out_t);

/* calendar_working_seconds_between: the working time in [a, b); negative (minus the time in
 * [b, a)) when b < a. Takes time proportional to the number of days spanned. */
int64_t calendar_working_seconds_between(const Calendar *cal, int64_t a, int64_t b);

#endif

/* calendar.c: the Calendar (its windows and its table of loaded entries), the days off and
 * windows in force on a day, and working-time arithmetic (see calendar.h for the model and the
 * ownership rules). The statutory proposals, the window rules and the schedule file are the
 * other parts of the module (calendar_holidays.c, calendar_windows.c, calendar_schedule.c).
 *
 * Every query walks local days through an Oracle: a stack-local cursor that looks a day up in
 * the loaded table (binary search) and otherwise in the statutory proposal of the day's year,
 * computed once per year per query. The Calendar itself is never written by a query. */
#include "core/calendar.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Give up when this many consecutive days have no working window. */
#define IDLE_LIMIT 1000
/* Hard bound on days walked by one query (about 5,500 years). */
#define SCAN_LIMIT 2000000L

/* ---- setup ---- */

void calendar_init(Calendar *cal)
{
    memset(cal, 0, sizeof *cal);
    for (int wd = TIMEFMT_MONDAY; wd <= TIMEFMT_FRIDAY; wd++) {
        memcpy(cal->windows[wd], calendar_default_windows, sizeof calendar_default_windows);
        cal->n_windows[wd] = CALENDAR_DEFAULT_WINDOWS;
    }
}

void calendar_free(Calendar *cal)
{
    free(cal->days);
    calendar_init(cal);
}

int calendar_copy(Calendar *dst, const Calendar *src)
{
    CalendarDay *days = NULL;

    if (src->n_days > 0) {
        days = malloc(src->n_days * sizeof *days);
        if (!days)
            return ERR_IO;
        memcpy(days, src->days, src->n_days * sizeof *days);
    }
    *dst = *src;
    dst->days = days;
    dst->cap_days = src->n_days;
    return 0;
}

int calendar_set_windows(Calendar *cal, int weekday, const CalendarWindow *windows, int n, Err *e)
{
    int rc;
    if (weekday < 0 || weekday > 6)
        return err_set(e, ERR_INVALID, "weekday", "Thứ trong tuần không hợp lệ", "invalid weekday");
    rc = calendar_windows_check(windows, n, e);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        cal->windows[weekday][i] = windows[i];
    cal->n_windows[weekday] = n;
    return 0;
}

/* ---- loading a schedule ---- */

static int cmp_day(const void *a, const void *b)
{
    const CalendarDay *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

int calendar_load_tsv(Calendar *cal, int year, const char *text, size_t n, Err *e)
{
    CalendarDay *fresh = NULL, *merged = NULL;
    size_t n_fresh = 0, n_merged = 0;
    int rc;

    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
        return err_set(e, ERR_INVALID, "year", "Năm nằm ngoài phạm vi 1900-2199",
                       "year outside 1900-2199");
    fresh = malloc(CALENDAR_MAX_YEAR_ENTRIES * sizeof *fresh);
    if (!fresh)
        return err_set(e, ERR_IO, "", "Hết bộ nhớ", "out of memory");
    rc = calendar_schedule_parse(year, text, n, e, fresh, &n_fresh);
    if (rc)
        goto done;

    /* Keep the entries of other schedules on other dates, add the new ones, sort. */
    merged = malloc((cal->n_days + n_fresh + 1) * sizeof *merged);
    if (!merged) {
        rc = err_set(e, ERR_IO, "", "Hết bộ nhớ", "out of memory");
        goto done;
    }
    for (size_t i = 0; i < cal->n_days; i++) {
        const CalendarDay *d = &cal->days[i];
        bool replaced = d->schedule_year == year;
        for (size_t j = 0; j < n_fresh && !replaced; j++)
            replaced = fresh[j].day == d->day;
        if (!replaced)
            merged[n_merged++] = *d;
    }
    memcpy(merged + n_merged, fresh, n_fresh * sizeof *fresh);
    n_merged += n_fresh;
    qsort(merged, n_merged, sizeof *merged, cmp_day);
    free(cal->days);
    cal->days = merged;
    cal->n_days = n_merged;
    cal->cap_days = n_merged;
    cal->loaded[(year - CALENDAR_MIN_YEAR) / 8] |=
        (uint8_t)(1u << ((year - CALENDAR_MIN_YEAR) % 8));
    merged = NULL;
done:
    free(fresh);
    free(merged);
    return rc;
}

bool calendar_year_loaded(const Calendar *cal, int year)
{
    int i = year - CALENDAR_MIN_YEAR;
    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
        return false;
    return (cal->loaded[i / 8] >> (i % 8)) & 1;
}

/* ---- the oracle ---- */

typedef struct Oracle {
    const Calendar *cal;
    int year; /* whose proposal is cached, or INT_MIN */
    int n;
    CalendarProposal p[CALENDAR_PROPOSAL_MAX];
} Oracle;

static void oracle_init(Oracle *o, const Calendar *cal)
{
    o->cal = cal;
    o->year = INT_MIN;
    o->n = 0;
}

static const CalendarDay *find_loaded(const Calendar *cal, int32_t day)
{
    size_t lo = 0, hi = cal->n_days;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->days[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < cal->n_days && cal->days[lo].day == day)
        return &cal->days[lo];
    return NULL;
}

/* Looks up a day: returns 1 with its kind and either *out_entry (loaded) or *out_prop
 * (proposed) set, or 0 for an ordinary day. */
static int oracle_lookup(Oracle *o, int32_t day, DayKind *out_kind, const CalendarDay **out_entry,
                         const CalendarProposal **out_prop)
{
    const CalendarDay *entry = find_loaded(o->cal, day);
    int y, m, d;

    *out_entry = NULL;
    *out_prop = NULL;
    if (entry) {
        *out_kind = entry->kind;
        *out_entry = entry;
        return 1;
    }
    timefmt_civil_from_days(day, &y, &m, &d);
    if (calendar_year_loaded(o->cal, y))
        return 0;
    if (o->year != y) {
        o->n = calendar_holidays_propose(y, o->p);
        o->year = y;
    }
    for (int i = 0; i < o->n; i++) {
        if (o->p[i].day == day) {
            *out_kind = o->p[i].kind;
            *out_prop = &o->p[i];
            return 1;
        }
    }
    return 0;
}

/* The windows in force on a day (pointer into the calendar or static data); returns their
 * number, 0 on a day off. */
static int oracle_windows(Oracle *o, int32_t day, const CalendarWindow **out)
{
    const CalendarDay *entry;
    const CalendarProposal *prop;
    DayKind kind;
    int wd;

    if (oracle_lookup(o, day, &kind, &entry, &prop)) {
        if (kind != DAY_SWAPPED_WORKING)
            return 0;
        if (o->cal->n_windows[TIMEFMT_MONDAY] > 0) {
            *out = o->cal->windows[TIMEFMT_MONDAY];
            return o->cal->n_windows[TIMEFMT_MONDAY];
        }
        *out = calendar_default_windows;
        return CALENDAR_DEFAULT_WINDOWS;
    }
    wd = timefmt_weekday(day);
    *out = o->cal->windows[wd];
    return o->cal->n_windows[wd];
}

/* ---- queries ---- */

int calendar_day_entry(const Calendar *cal, int32_t day, CalendarDay *out_entry)
{
    Oracle o;
    DayKind kind;
    const CalendarDay *entry;
    const CalendarProposal *prop;

    oracle_init(&o, cal);
    if (!oracle_lookup(&o, day, &kind, &entry, &prop))
        return 0;
    if (out_entry) {
        if (entry)
            *out_entry = *entry;
        else
            calendar_holidays_expand(prop, o.year, out_entry);
    }
    return 1;
}

int calendar_year_days(const Calendar *cal, int year, size_t cap, CalendarDay *out_days,
                       size_t *out_n)
{
    Oracle o;
    int32_t first = timefmt_days_from_civil(year, 1, 1);
    int32_t last = timefmt_days_from_civil(year, 12, 31);
    size_t count = 0;

    oracle_init(&o, cal);
    for (int32_t d = first; d <= last; d++) {
        DayKind kind;
        const CalendarDay *entry;
        const CalendarProposal *prop;
        if (!oracle_lookup(&o, d, &kind, &entry, &prop))
            continue;
        if (count == cap)
            return ERR_TOO_LARGE;
        if (entry)
            out_days[count] = *entry;
        else
            calendar_holidays_expand(prop, year, &out_days[count]);
        count++;
    }
    *out_n = count;
    return 0;
}

bool calendar_is_working_day(const Calendar *cal, int32_t day)
{
    Oracle o;
    const CalendarWindow *w;
    oracle_init(&o, cal);
    return oracle_windows(&o, day, &w) > 0;
}

int calendar_day_windows(const Calendar *cal, int32_t day, CalendarWindow *out_windows)
{
    Oracle o;
    const CalendarWindow *w;
    int n;

    oracle_init(&o, cal);
    n = oracle_windows(&o, day, &w);
    for (int i = 0; i < n; i++)
        out_windows[i] = w[i];
    return n;
}

int calendar_working_days_in_year(const Calendar *cal, int year)
{
    Oracle o;
    const CalendarWindow *w;
    int32_t first = timefmt_days_from_civil(year, 1, 1);
    int32_t last = timefmt_days_from_civil(year, 12, 31);
    int count = 0;

    oracle_init(&o, cal);
    for (int32_t d = first; d <= last; d++)
        if (oracle_windows(&o, d, &w) > 0)
            count++;
    return count;
}

/* ---- working-time arithmetic ---- */

static int step_working_day(const Calendar *cal, int32_t day, int step, int32_t *out_day)
{
    Oracle o;
    const CalendarWindow *w;

    oracle_init(&o, cal);
    for (int i = 1; i <= IDLE_LIMIT; i++) {
        int32_t d = day + step * i;
        if (oracle_windows(&o, d, &w) > 0) {
            *out_day = d;
            return 0;
        }
    }
    return ERR_INVALID;
}

int calendar_next_working_day(const Calendar *cal, int32_t day, int32_t *out_day)
{
    return step_working_day(cal, day, 1, out_day);
}

int calendar_prev_working_day(const Calendar *cal, int32_t day, int32_t *out_day)
{
    return step_working_day(cal, day, -1, out_day);
}

int calendar_add_working_seconds(const Calendar *cal, int64_t t, int64_t seconds, int64_t *out_t)
{
    Oracle o;
    int32_t day = timefmt_local_day(t);
    int32_t sec = timefmt_local_second(t);
    int64_t remaining = seconds;
    int idle = 0;

    if (seconds < 0 || seconds > CALENDAR_MAX_ADD_SECONDS)
        return ERR_INVALID;
    oracle_init(&o, cal);
    for (long i = 0; i < SCAN_LIMIT; i++, day++, sec = 0) {
        const CalendarWindow *w;
        int nw = oracle_windows(&o, day, &w);
        if (nw == 0) {
            if (++idle > IDLE_LIMIT)
                return ERR_INVALID;
            continue;
        }
        idle = 0;
        for (int j = 0; j < nw; j++) {
            int32_t from;
            if (w[j].end <= sec)
                continue;
            from = w[j].start > sec ? w[j].start : sec;
            if (remaining <= w[j].end - from) {
                *out_t = timefmt_local_instant(day, from) + remaining;
                return 0;
            }
            remaining -= w[j].end - from;
        }
    }
    return ERR_INVALID;
}

int calendar_next_working_instant(const Calendar *cal, int64_t t, int64_t *out_t)
{
    return calendar_add_working_seconds(cal, t, 0, out_t);
}

int calendar_add_working_hours(const Calendar *cal, int64_t t, int32_t hours, int64_t *out_t)
{
    if (hours < 0 || hours > TIMEFMT_DURATION_MAX)
        return ERR_INVALID;
    return calendar_add_working_seconds(cal, t, (int64_t)hours * 3600, out_t);
}

int calendar_add_working_days(const Calendar *cal, int64_t t, int32_t days, int64_t *out_t)
{
    if (days < 0 || days > TIMEFMT_DURATION_MAX)
        return ERR_INVALID;
    return calendar_add_working_seconds(cal, t, (int64_t)days * CALENDAR_WORKING_DAY_SECONDS,
                                        out_t);
}

int calendar_add_calendar_days(const Calendar *cal, int64_t t, int32_t days, int64_t *out_t)
{
    Oracle o;
    const CalendarWindow *w;
    int64_t s;
    int32_t day, tau;
    int nw, rc;

    if (days < 0 || days > TIMEFMT_DURATION_MAX)
        return ERR_INVALID;
    rc = calendar_next_working_instant(cal, t, &s);
    if (rc)
        return rc;
    if (days == 0) {
        *out_t = s;
        return 0;
    }
    day = timefmt_local_day(s) + days;
    tau = timefmt_local_second(s);
    oracle_init(&o, cal);
    nw = oracle_windows(&o, day, &w);
    if (nw == 0) {
        rc = calendar_next_working_day(cal, day, &day);
        if (rc)
            return rc;
        nw = oracle_windows(&o, day, &w);
    }
    for (int j = 0; j < nw; j++) {
        if (tau < w[j].start) {
            tau = w[j].start;
            break;
        }
        if (tau <= w[j].end)
            break;
        if (j == nw - 1)
            tau = w[j].end;
    }
    *out_t = timefmt_local_instant(day, tau);
    return 0;
}

int calendar_add(const Calendar *cal, int64_t t, Duration d, int64_t *out_t)
{
    switch (d.unit) {
    case DURATION_WORKING_DAYS: return calendar_add_working_days(cal, t, d.amount, out_t);
    case DURATION_WORKING_HOURS: return calendar_add_working_hours(cal, t, d.amount, out_t);
    case DURATION_CALENDAR_DAYS: return calendar_add_calendar_days(cal, t, d.amount, out_t);
    }
    return ERR_INVALID;
}

int64_t calendar_working_seconds_between(const Calendar *cal, int64_t a, int64_t b)
{
    Oracle o;
    int32_t last;
    int64_t total = 0;

    if (a == b)
        return 0;
    if (b < a)
        return -calendar_working_seconds_between(cal, b, a);
    oracle_init(&o, cal);
    last = timefmt_local_day(b);
    for (int32_t d = timefmt_local_day(a); d <= last; d++) {
        const CalendarWindow *w;
        int nw = oracle_windows(&o, d, &w);
        for (int j = 0; j < nw; j++) {
            int64_t lo = timefmt_local_instant(d, w[j].start);
            int64_t hi = timefmt_local_instant(d, w[j].end);
            if (lo < a)
                lo = a;
            if (hi > b)
                hi = b;
            if (hi > lo)
                total += hi - lo;
        }
    }
    return total;
}

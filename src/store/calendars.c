/* calendars.c: assembling and changing a unit's calendar (see calendars.h). */
#include "store/calendars.h"

#include "util/embed.h"

#include <stdio.h>
#include <string.h>

static const char holidays_prefix[] = "data/holidays/";

/* year_of parses "data/holidays/YYYY.tsv"; 0 when the name does not fit. */
static int year_of(const char *name)
{
    int y = 0;
    const char *p = name + strlen(holidays_prefix);
    for (int i = 0; i < 4; i++, p++) {
        if (*p < '0' || *p > '9')
            return 0;
        y = y * 10 + (*p - '0');
    }
    return strcmp(p, ".tsv") == 0 ? y : 0;
}

static int apply_windows(Calendar *cal, const char *const specs[7], Err *e)
{
    for (int d = 0; d < 7; d++) {
        CalendarWindow w[CALENDAR_MAX_WINDOWS];
        int n = 0, rc;
        const char *spec = specs[d] ? specs[d] : "";
        if ((rc = calendar_parse_windows(spec, strlen(spec), e, w, &n)) < 0 ||
            (rc = calendar_set_windows(cal, d, w, n, e)) < 0)
            return rc;
    }
    return 0;
}

int calendars_load(Store *s, const char *unit, Calendar *cal, Err *e)
{
    calendar_init(cal);
    int rc = 0;
    for (const EmbeddedFile *f = embed_next(holidays_prefix, NULL); f && rc == 0;
         f = embed_next(holidays_prefix, f))
        if (year_of(f->name))
            rc = calendar_load_tsv(cal, year_of(f->name), (const char *)f->data, f->size, e);
    if (rc == 0 && s) {
        Arena *a = arena_new();
        int *years;
        const char **tsv;
        size_t n = 0;
        rc = store_holiday_list(s, a, &years, &tsv, &n, e);
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = calendar_load_tsv(cal, years[i], tsv[i], strlen(tsv[i]), e);
        const char *specs[7];
        int found = 0;
        if (rc == 0 && unit)
            rc = store_windows_get(s, a, unit, specs, &found, e);
        if (rc == 0 && found)
            rc = apply_windows(cal, specs, e);
        arena_free(a);
    }
    if (rc < 0)
        calendar_free(cal);
    return rc;
}

int calendars_set_year(Store *s, int year, const char *tsv, const char *by, int64_t now, Err *e)
{
    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
        return err_set(e, ERR_INVALID, "year", "Năm phải từ 1900 đến 2199",
                       "year must be between 1900 and 2199");
    Calendar check;
    calendar_init(&check);
    int rc = calendar_load_tsv(&check, year, tsv, strlen(tsv), e);
    calendar_free(&check);
    if (rc < 0)
        return rc;
    return store_holiday_put(s, year, tsv, by, now, e);
}

int calendars_set_windows(Store *s, const char *unit, const char *const specs[7], Err *e)
{
    Calendar check;
    calendar_init(&check);
    int rc = apply_windows(&check, specs, e);
    calendar_free(&check);
    if (rc < 0)
        return rc;
    /* a calendar without any working time would make every deadline unreachable */
    int any = 0;
    for (int d = 0; d < 7; d++)
        any |= specs[d] && specs[d][0];
    if (!any)
        return err_set(e, ERR_INVALID, "windows", "Phải có ít nhất một khung giờ làm việc",
                       "at least one working window is needed");
    Arena *a = arena_new();
    Unit u;
    rc = store_unit_get(s, a, unit, &u, e);
    arena_free(a);
    return rc < 0 ? rc : store_windows_put(s, unit, specs, e);
}

/* calendars.c: assembling and changing a unit's calendar (see calendars.h). */
#include "app/calendars.h"

#include "util/embed.h"

#include <stdio.h>
#include <stdlib.h>
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

/* assemble builds a unit's calendar from scratch. */
static int assemble(Store *s, const char *unit, Calendar *cal, Err *e)
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

/* The calendars a connection assembled, valid for one calendar version. */
enum { CACHE_UNITS = 64 };

typedef struct CalCache {
    int64_t version;
    int n;
    struct {
        char unit[32];
        Calendar cal;
    } entries[CACHE_UNITS];
} CalCache;

static void cache_clear(CalCache *c)
{
    for (int i = 0; i < c->n; i++)
        calendar_free(&c->entries[i].cal);
    c->n = 0;
}

static void cache_free(void *p)
{
    if (p) {
        cache_clear(p);
        free(p);
    }
}

int calendars_load(Store *s, const char *unit, Calendar *cal, Err *e)
{
    if (!s)
        return assemble(NULL, unit, cal, e);
    int64_t version;
    int rc = store_calendar_version(s, &version, e);
    if (rc < 0)
        return rc;
    CalCache *c = s->cache;
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c)
            abort();
        s->cache = c;
        s->cache_free = cache_free;
    }
    if (c->version != version) {
        cache_clear(c);
        c->version = version;
    }
    const char *key = unit ? unit : "";
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->entries[i].unit, key) == 0)
            return calendar_copy(cal, &c->entries[i].cal) < 0
                       ? err_set(e, ERR_IO, "", "Hết bộ nhớ", "out of memory")
                       : 0;
    if ((rc = assemble(s, unit, cal, e)) < 0 || strlen(key) >= sizeof c->entries[0].unit)
        return rc;
    if (c->n == CACHE_UNITS)
        cache_clear(c);
    if (calendar_copy(&c->entries[c->n].cal, cal) == 0) {
        snprintf(c->entries[c->n].unit, sizeof c->entries[0].unit, "%s", key);
        c->n++;
    }
    return 0;
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

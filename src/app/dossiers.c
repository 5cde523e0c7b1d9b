/* dossiers.c: reading dossiers and their histories, decoded once into typed records, and the
 * small rules every entry point shares (see dossiers.h). */
#include "app/dossiers.h"

#include "app/history.h"
#include "app/jsonv.h"
#include "app/record.h"
#include "core/vntext.h"
#include "util/timefmt.h"

#include <string.h>

/* decode turns a stored row into a typed dossier: its applicant and components read from
 * their JSON texts. */
static int decode(Arena *a, const DossierRow *row, Dossier *out, Err *e)
{
    Dossier d = row->d;
    json_t *ap = NULL, *cs = NULL;
    int rc = jsonv_parse(row->applicant, strlen(row->applicant), &ap, e);
    if (rc == 0)
        rc = record_applicant_read(a, ap, true, &d.applicant, e);
    if (rc == 0 && (rc = jsonv_parse(row->components, strlen(row->components), &cs, e)) == 0)
        rc = record_components_read(a, cs, &d.components, &d.n_components, e);
    json_decref(ap);
    json_decref(cs);
    if (rc < 0)
        return history_error_in(e, arena_printf(a, "hồ sơ %s", d.code),
                                arena_printf(a, "dossier %s", d.code), rc);
    *out = d;
    return 0;
}

int dossiers_get(Store *s, Arena *a, const char *code, Dossier *out, Err *e)
{
    DossierRow row;
    int rc = store_dossier_get(s, a, code, &row, e);
    return rc < 0 ? rc : decode(a, &row, out, e);
}

int dossiers_at(Store *s, Arena *a, const char *unit, State state, Dossier **out, size_t *out_n,
                Err *e)
{
    DossierRow *rows;
    size_t n;
    int rc = store_dossier_at(s, a, unit, lifecycle_state_name(state), &rows, &n, e);
    if (rc < 0)
        return rc;
    Dossier *ds = arena_array(a, n ? n : 1, sizeof *ds);
    for (size_t i = 0; i < n; i++)
        if ((rc = decode(a, &rows[i], &ds[i], e)) < 0)
            return rc;
    *out = ds;
    *out_n = n;
    return 0;
}

int dossiers_by_state(Store *s, Arena *a, int64_t out[STATE_COUNT], Err *e)
{
    const char **states;
    int64_t *counts;
    size_t n;
    int rc = store_stat_states(s, a, &states, &counts, &n, e);
    if (rc < 0)
        return rc;
    for (int st = 0; st < STATE_COUNT; st++)
        out[st] = 0;
    for (size_t i = 0; i < n; i++)
        out[lifecycle_state_parse(states[i])] += counts[i];
    return 0;
}

int dossiers_get_id(Store *s, Arena *a, int64_t id, Dossier *out, Err *e)
{
    DossierRow row;
    int rc = store_dossier_get_id(s, a, id, &row, e);
    return rc < 0 ? rc : decode(a, &row, out, e);
}

int dossiers_search(Store *s, Arena *a, const DossierQuery *q, Dossier **out, size_t *out_n, Err *e)
{
    DossierRow *rows;
    size_t n;
    int rc = store_dossier_search(s, a, q, &rows, &n, e);
    if (rc < 0)
        return rc;
    Dossier *ds = arena_array(a, n + 1, sizeof *ds);
    for (size_t i = 0; i < n; i++)
        if ((rc = decode(a, &rows[i], &ds[i], e)) < 0)
            return rc;
    *out = ds;
    *out_n = n;
    return 0;
}

int dossiers_events(Store *s, Arena *a, int64_t id, Event **out, size_t *out_n, Err *e)
{
    StoredEvent *rows;
    size_t n;
    int rc = store_event_list(s, a, id, &rows, &n, e);
    if (rc < 0)
        return rc;
    Event *evs = arena_array(a, n + 1, sizeof *evs);
    for (size_t i = 0; i < n; i++)
        if ((rc = record_event_decode(a, &rows[i], &evs[i], e)) < 0)
            return rc;
    *out = evs;
    *out_n = n;
    return 0;
}

int dossiers_feed(Store *s, Arena *a, int64_t after, const char *under, size_t limit,
                  FeedItem **out, size_t *out_n, Err *e)
{
    FeedEntry *rows;
    size_t n;
    int rc = store_feed(s, a, after, under, limit, &rows, &n, e);
    if (rc < 0)
        return rc;
    FeedItem *items = arena_array(a, n + 1, sizeof *items);
    for (size_t i = 0; i < n; i++) {
        items[i] = (FeedItem){.cursor = rows[i].ev.feed,
                              .code = rows[i].code,
                              .unit = rows[i].unit,
                              .state = rows[i].ev.to_state};
        if ((rc = record_event_decode(a, &rows[i].ev, &items[i].ev, e)) < 0)
            return rc;
    }
    *out = items;
    *out_n = n;
    return 0;
}

Duration dossiers_limit(int value, const char *unit)
{
    Duration d = {DURATION_WORKING_DAYS, value};
    if (unit && strcmp(unit, "hours") == 0)
        d.unit = DURATION_WORKING_HOURS;
    else if (unit && strcmp(unit, "calendar_days") == 0)
        d.unit = DURATION_CALENDAR_DAYS;
    return d;
}

int dossiers_unit_open(const Unit *u, int64_t now)
{
    char today[TIMEFMT_DATE_SIZE];
    timefmt_format_date(timefmt_local_day(now), today, sizeof today);
    if (u->valid_from && strcmp(today, u->valid_from) < 0)
        return -1;
    return u->valid_to && strcmp(u->valid_to, today) < 0 ? 1 : 0;
}

char *dossiers_search_text(Arena *a, const Applicant *ap)
{
    char *name = vntext_fold(a, ap->name, strlen(ap->name));
    return arena_printf(a, "%s %s %s", name ? name : "", ap->id_number ? ap->id_number : "",
                        ap->phone ? ap->phone : "");
}

bool dossiers_same_name(Arena *a, const char *x, const char *y)
{
    const char *fx = vntext_fold(a, x, strlen(x)), *fy = vntext_fold(a, y, strlen(y));
    return fx && fy && strcmp(fx, fy) == 0;
}

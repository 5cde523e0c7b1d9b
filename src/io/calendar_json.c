/* calendar_json.c: the calendar year document (see calendar_json.h). */
#include "io/calendar_json.h"

#include "core/lunar.h"
#include "util/timefmt.h"

#include <stdlib.h>

static json_t *date_json(int32_t day)
{
    char buf[TIMEFMT_DATE_SIZE];
    timefmt_format_date(day, buf, sizeof buf);
    return json_string(buf);
}

json_t *calendar_year_json(const Calendar *cal, int year, Err *e)
{
    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
        err_set(e, ERR_INVALID, "year", "Năm phải từ 1900 đến 2199",
                "year must be between 1900 and 2199");
        return NULL;
    }
    /* a loaded year and the proposals of its neighbours' spill-over fit in this */
    size_t cap = CALENDAR_MAX_YEAR_ENTRIES + CALENDAR_PROPOSAL_MAX, n = 0;
    CalendarDay *buf = malloc(cap * sizeof *buf);
    if (!buf)
        abort();
    if (calendar_year_days(cal, year, cap, buf, &n) < 0) {
        free(buf);
        err_set(e, ERR_TOO_LARGE, "year", "Lịch năm có quá nhiều ngày đặc biệt",
                "too many entries in this year's schedule");
        return NULL;
    }
    json_t *off = json_array(), *extra = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *d = json_pack("{s:o, s:s, s:s, s:s}", "date", date_json(buf[i].day), "kind",
                              calendar_day_kind_name(buf[i].kind), "name", buf[i].name, "source",
                              buf[i].source);
        json_array_append_new(buf[i].kind == DAY_SWAPPED_WORKING ? extra : off, d);
    }
    json_t *o = json_object();
    json_object_set_new(o, "year", json_integer(year));
    int32_t tet, hung;
    json_object_set_new(o, "lunar_new_year",
                        lunar_new_year(year, &tet) == 0 ? date_json(tet) : json_null());
    json_object_set_new(o, "hung_kings_day",
                        lunar_hung_kings_day(year, &hung) == 0 ? date_json(hung) : json_null());
    json_object_set_new(o, "days_off", off);
    json_object_set_new(o, "extra_working_days", extra);
    json_object_set_new(o, "working_days", json_integer(calendar_working_days_in_year(cal, year)));
    free(buf);
    return o;
}

/* calendars.h: the working calendar of a unit, assembled from its data: the official
 * schedules shipped in the binary (data/holidays/YYYY.tsv), overridden year by year by the
 * schedules a province loaded into its store, statutory proposals for other years, and the
 * unit's weekly windows (its own, else its nearest parent's, else the default). Shared by
 * intake, the lifecycle, reports and the calendar CLI and API. */
#ifndef MOTCUA_CALENDARS_H
#define MOTCUA_CALENDARS_H

#include "core/calendar.h"
#include "store/store.h"

/* calendars_load fills cal (calendar_init'ed here; free with calendar_free) for unit. s may be
 * NULL: then only the shipped schedules and the default windows count. unit may be NULL. */
int calendars_load(Store *s, const char *unit, Calendar *cal, Err *e);

/* calendars_set_year validates tsv as year's schedule and stores it (in the caller's
 * transaction), replacing the shipped one. */
int calendars_set_year(Store *s, int year, const char *tsv, const char *by, int64_t now, Err *e);

/* calendars_set_windows validates and stores a unit's weekly windows (specs by weekday,
 * 0 = Sunday; "" or NULL for no hours that day). */
int calendars_set_windows(Store *s, const char *unit, const char *const specs[7], Err *e);

#endif

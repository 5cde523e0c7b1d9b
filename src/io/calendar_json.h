/* calendar_json.h: the calendar year document shared by `motcua calendar YEAR --json` and
 * GET /api/v1/calendar/{year}: {"year", "lunar_new_year", "hung_kings_day", "days_off":
 * [{"date","kind","name","source"}], "extra_working_days": [...], "working_days": N}. */
#ifndef MOTCUA_CALENDAR_JSON_H
#define MOTCUA_CALENDAR_JSON_H

#include "core/calendar.h"

#include <jansson.h>

/* calendar_year_json renders year of cal; NULL with e filled when year is out of range. */
json_t *calendar_year_json(const Calendar *cal, int year, Err *e);

#endif

/* reports.h: the official report (Biểu 06/VPCP/KSTT and the Decision 766 indicators,
 * docs/INTERFACES.md) of a unit and everything below it for a period, from the counters: one
 * function for the CLI, the API and the pages. */
#ifndef MOTCUA_REPORTS_H
#define MOTCUA_REPORTS_H

#include "core/stats.h"
#include "store/store.h"

/* Which units a report counts a dossier under when units were merged, split or renamed
 * (app/unitops.h): its receiving unit as it was, or today's unit that carries it on (the end of
 * its chain of successors). By default a period that has ended is reported as it was, an
 * ongoing one under today's units. */
typedef enum ReportUnits {
    REPORT_UNITS_DEFAULT = 0,
    REPORT_UNITS_HISTORICAL,
    REPORT_UNITS_CURRENT
} ReportUnits;

typedef struct ReportQuery {
    int32_t from, to; /* local days, both included */
    const char *unit; /* NULL: every unit */
    StatGroup by;
    ReportUnits units;
} ReportQuery;

typedef struct ReportLine {
    const char *key, *name;
    ReportRow row;
} ReportLine;

typedef struct Report {
    ReportQuery q;
    const char *unit_name; /* NULL without a unit */
    /* The instant the dossiers in progress are judged at (within deadline or overdue): the
     * end of the period (24:00 of `to`) for a period that has ended, else the moment of the
     * report (ongoing set). */
    int64_t as_of;
    int ongoing;
    bool current; /* counted under today's units (else as they were) */
    ReportRow total;
    ReportLine *lines;
    size_t n_lines;
    Indicator indicators[STATS_N_INDICATORS];
    StatMonth *months; /* month by month, for charts */
    size_t n_months;
} Report;

/* reports_query reads the period (from/to dates YYYY-MM-DD, or a named period with a cutoff
 * "calendar" (default) or "nd09"), the unit and the grouping, as the CLI options and the API
 * query parameters give them (any may be NULL). ERR_INVALID names the bad one. */
int reports_query(const char *from, const char *to, const char *period, const char *cutoff,
                  const char *unit, const char *by, ReportQuery *out, Err *e);

/* reports_units reads "historical" or "current" (NULL or "": the default) into q->units;
 * ERR_INVALID (field "units") otherwise. */
int reports_units(const char *units, ReportQuery *q, Err *e);

/* reports_current: a report of q made at now counts under today's units (q->units current, or
 * the default for a period not yet ended), else under the units as they were. */
bool reports_current(const ReportQuery *q, int64_t now);

/* reports_units_name is "historical" or "current", as the report r was counted. */
const char *reports_units_name(const Report *r);

/* reports_build computes the report into out (allocated from a) at instant now: a period that
 * has not ended by now (its last day is today or later) is judged as of now, so that its open
 * dossiers are overdue only when their due instant has passed (docs/INTERFACES.md §7.2). From
 * the counters alone, plus an index lookup of the dossiers due later today. ERR_NOT_FOUND for an
 * unknown unit, ERR_INVALID for from > to. */
int reports_build(Store *s, Arena *a, const ReportQuery *q, int64_t now, Report *out, Err *e);

/* reports_group_parse maps "field", "unit", "procedure" (or NULL/"") to a StatGroup; -1 if
 * unknown. */
int reports_group_parse(const char *by);

/* reports_group_name is the inverse ("" for none). */
const char *reports_group_name(StatGroup by);

#endif

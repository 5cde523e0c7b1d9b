/* stats.h: the arithmetic of the official figures (docs/INTERFACES.md, docs/DOMAIN.md §6-§7), pure:
 *  - which day counters one event changes (so that reports never scan dossiers: the store
 *    adds these changes in the same transaction as the event);
 *  - a report row from summed counters, with the identity received = resolved + in progress
 *    + stopped;
 *  - the indicators with numerator, denominator, value rounded half-up to 2 decimals and the
 *    Decision 766 points where the indicator is scored;
 *  - named periods (2023, 2023-Q3, 2023-H1, 2023-09) under calendar or Decree 09/2019 cut-offs.
 * Days are local (Vietnam) day numbers from util/timefmt. */
#ifndef MOTCUA_STATS_H
#define MOTCUA_STATS_H

#include "core/dossier.h"

#include <stddef.h>
#include <stdint.h>

/* The day counters of one (unit, procedure). "Delta" columns count changes: their running
 * sum up to a day is the number of dossiers in that condition at the end of that day. */
typedef enum StatCol {
    STAT_RECV_ONLINE = 0,  /* received that day online */
    STAT_RECV_OTHER,       /* received that day at the counter or by post */
    STAT_RECV_FULL_ONLINE, /* ... online with the full-process flag */
    STAT_RECV_FEE,         /* ... with a fee > 0 */
    STAT_RECV_DIGITIZED,   /* ... with a component digitized (as known now) */
    STAT_ALIVE,            /* delta: received and not yet resolved or stopped */
    STAT_ALIVE_DIGITIZED,  /* delta: the same, with a component digitized */
    STAT_OVERDUE,          /* delta: alive, clock running, due date passed */
    STAT_RES_EARLY,        /* resolved that day, early */
    STAT_RES_ON_TIME,
    STAT_RES_LATE,
    STAT_RES_DIGITIZED, /* resolved that day with an electronic result (as known now) */
    STAT_STOPPED,       /* stopped (withdrawn, stopped) that day */
    STAT_RATE_TOTAL,    /* rated that day */
    STAT_RATE_GOOD,     /* ... very satisfied or satisfied */
    /* of the digitized columns, those a file stored here backs (the rest: a source's mark) */
    STAT_RECV_FILED,
    STAT_ALIVE_FILED,
    STAT_RES_FILED,
    STAT_N
} StatCol;

/* What of a dossier is fixed at intake and matters to the counters. */
typedef struct StatDossier {
    int online, full_online, has_fee;
} StatDossier;

typedef struct StatChange {
    int32_t day;
    StatCol col;
    int delta;
} StatChange;

/* A dossier received on recv_day first paid online on pay_day (online payment rate). */
typedef struct StatPayChange {
    int32_t recv_day, pay_day;
    int delta;
} StatPayChange;

enum { STATS_MAX_CHANGES = 64 };

/* stats_changes writes the counter changes from projection before to projection after, the
 * event happening at instant at, into out (room for STATS_MAX_CHANGES) and the payment
 * change (if any) into pay; returns the number of changes and sets *out_n_pay (0 or 1...2). */
size_t stats_changes(const StatDossier *fixed, const DossierProjection *before,
                     const DossierProjection *after, int64_t at, StatChange *out,
                     StatPayChange pay[2], size_t *out_n_pay);

/* Per-officer counters (the yearly evaluation of civil servants): dossiers an officer
 * resolved, by timeliness, and the ratings of those dossiers. */
typedef enum OfficerCol {
    OFFICER_EARLY = 0,
    OFFICER_ON_TIME,
    OFFICER_LATE,
    OFFICER_RATE_TOTAL,
    OFFICER_RATE_GOOD,
    OFFICER_N
} OfficerCol;

typedef struct OfficerChange {
    const char *officer; /* points into a projection */
    int32_t day;
    OfficerCol col;
    int delta;
} OfficerChange;

enum { STATS_MAX_OFFICER_CHANGES = 8 };

/* stats_officer_changes writes the per-officer counter changes from before to after into out
 * (room for STATS_MAX_OFFICER_CHANGES); returns their number. */
size_t stats_officer_changes(const DossierProjection *before, const DossierProjection *after,
                             OfficerChange *out);

/* Summed counters of a set of dossiers for a period [from, to]: the in-period columns summed
 * over the period's days; carried/alive_end/overdue_end from the delta columns. */
typedef struct StatSums {
    int64_t in[STAT_N];   /* sum over from..to of each column */
    int64_t alive_before; /* sum of STAT_ALIVE deltas before `from`: carried over */
    int64_t alive_digitized_before, alive_filed_before;
    int64_t alive_end;   /* sum of STAT_ALIVE deltas up to `to`: in progress at the end */
    int64_t overdue_end; /* sum of STAT_OVERDUE deltas up to `to` */
    int64_t paid_online; /* received in the period with fee, paid online by its end */
} StatSums;

typedef struct ReportRow {
    int64_t received_total, carried_over, online, direct_postal;
    int64_t resolved_total, early, on_time, late;
    int64_t in_progress_total, within_deadline, overdue;
    int64_t stopped;
    /* for the indicators */
    int64_t full_online, fee_dossiers, paid_online, components_digitized, results_digitized;
    int64_t components_filed, results_filed; /* of those digitized, backed by a stored file */
    int64_t ratings, ratings_good;
} ReportRow;

/* stats_row turns sums into a report row. */
void stats_row(const StatSums *s, ReportRow *out);

/* stats_row_add adds b into a (for totals). */
void stats_row_add(ReportRow *a, const ReportRow *b);

typedef struct Indicator {
    const char *key;
    int64_t numerator, denominator;
    int64_t value_x100;  /* percent x 100, rounded half-up: 3824 = 38.24 % */
    int scored;          /* Decision 766 scores it */
    int64_t points_x100; /* points x 100, rounded half-up */
    int max_points;
} Indicator;

enum { STATS_N_INDICATORS = 8 };

/* stats_indicators fills the eight indicators of docs/INTERFACES.md from a (total) row. */
void stats_indicators(const ReportRow *r, Indicator out[STATS_N_INDICATORS]);

/* stats_ratio_x100: percent x 100 rounded half-up; 0 when the denominator is 0. */
int64_t stats_ratio_x100(int64_t numerator, int64_t denominator);

typedef enum StatsCutoff {
    STATS_CUTOFF_CALENDAR = 0,
    STATS_CUTOFF_ND09 = 1 /* Decree 09/2019: 15th of the previous month to the 14th */
} StatsCutoff;

/* stats_period parses 2023 | 2023-Q1..Q4 | 2023-H1|H2 | 2023-01..12 into local days
 * [out_from, out_to] (both included). ERR_INVALID for anything else. */
int stats_period(const char *name, StatsCutoff cutoff, int32_t *out_from, int32_t *out_to);

#endif

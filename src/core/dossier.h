/* dossier.h: a dossier as the projection of its events. dossier_apply takes one event
 * through core/lifecycle (is it legal here?) and core/deadline (what does it do to the
 * legal clock?) and updates the projection. The API, the import replay and `verify` all
 * call it, so a dossier row is always what its history says. Pure; strings in the
 * projection point to the caller's memory (the events' strings). */
#ifndef MOTCUA_DOSSIER_H
#define MOTCUA_DOSSIER_H

#include "core/calendar.h"
#include "core/lifecycle.h"
#include "util/err.h"
#include "util/timefmt.h"

#include <stdint.h>

/* One event with the fields of its action (DESIGN §7 "Other event fields"); absent text is
 * NULL, absent numbers 0. */
typedef struct DossierEvent {
    Action action;
    int64_t at;
    const char *by;
    const char *to_unit, *handler; /* transfer */
    const char *outcome;           /* resolve: "approved" | "rejected" */
    const char *reason;            /* refuse, stop, request_supplement, apologize, resolve */
    int result_digitized;          /* resolve: the result is electronic */
    const char *component;         /* digitize: a component's name */
    int result;                    /* digitize: the result */
    int64_t amount;                /* pay, in VND */
    int online;                    /* pay: paid online */
    int64_t new_appointment;       /* apologize */
    const char *level;             /* rate: very_satisfied | satisfied | dissatisfied */
} DossierEvent;

typedef struct DossierProjection {
    State state;
    int64_t submitted_at, received_at, due_at, appointment_at, paused_at;
    int64_t resolved_at, returned_at, stopped_at, last_at;
    int64_t paid_online_at, rated_at; /* the first online payment; the rating */
    const char *current_unit, *handler, *outcome, *rating, *resolved_by;
    int apologies, apology_late, supplements, supplement_late;
    int components_digitized, result_digitized, paid_online;
    int64_t paid_amount;
    int n_events;
    /* The local day from which the dossier counts as overdue in reports, plus one (0: it
     * does not, or no longer). Opened when the clock runs with a due date, at the due day
     * (or the event's day, if later); closed when it is paused or finished. Reports count
     * the open intervals at the end of a period (core/stats). */
    int32_t overdue_from;
} DossierProjection;

/* dossier_init starts an empty projection of a dossier received by unit. */
void dossier_init(DossierProjection *d, const char *unit);

/* dossier_apply applies ev to d. cal is the receiving unit's calendar and limit the
 * procedure's time limit (both used by receive, supplement, pay after a pause, apologize).
 * Fails without changing d: ERR_SEMANTIC for an action not allowed in the current state or
 * an event earlier than the previous one; ERR_INVALID for a missing or bad field;
 * ERR_CONFLICT for a second apology or a second rating. */
int dossier_apply(DossierProjection *d, const DossierEvent *ev, const Calendar *cal, Duration limit,
                  Err *e);

/* dossier_set_due sets the legal deadline from outside the clock (an imported dossier line's
 * due_at, the source system's, which wins over recomputation) as of instant at: the
 * appointment follows unless an apology set it, and the overdue interval follows. */
void dossier_set_due(DossierProjection *d, int64_t due, int64_t at);

/* dossier_rating_valid returns 1 for very_satisfied, satisfied, dissatisfied. */
int dossier_rating_valid(const char *level);

#endif

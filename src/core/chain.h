/* chain.h: interconnected procedures (liên thông, Decree 63/2024): a group of procedures that
 * one dossier goes through, each step done by its agency, some waiting for others. The group
 * as the catalogue holds it (Chain), its checks, and the rules that tie a parent dossier to its
 * children: which steps a failed step stops, and when the group is finished and how.
 *
 * Pure: no I/O, no allocation. Strings are the caller's. */
#ifndef MOTCUA_CHAIN_H
#define MOTCUA_CHAIN_H

#include "core/calendar.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many steps in a group (a bit each in ChainStep.after). */
enum { CHAIN_STEPS_MAX = 16 };

/* The agencies a step may go to, by kind (the interchange's `agency`). */
extern const char *const chain_agencies[];

/* The population register (Cơ sở dữ liệu quốc gia về dân cư, app/people.h): an agency
 * registered like the others, which no step goes to; intake forms ask it for an identity. */
#define AGENCY_POPULATION "population"

/* agency_kind_known: kind is one of chain_agencies or the population register. */
bool agency_kind_known(const char *kind);

/* One step: the procedure, the kind of agency that does it, and the steps (by index, each
 * before this one) it waits for, as bits (bit i: step i). */
typedef struct ChainStep {
    const char *procedure, *agency;
    uint32_t after;
} ChainStep;

/* A group: its code and name, the group's time limit in working days, the local time of day
 * after which a receipt counts from the next working day (seconds after midnight; -1: none),
 * and its steps in order. */
typedef struct Chain {
    const char *code, *name;
    int limit_days;
    int cutoff;
    ChainStep *steps;
    size_t n_steps;
} Chain;

/* chain_check: a group has 1..CHAIN_STEPS_MAX steps, a known agency each, waits only for
 * steps before it (so the steps cannot wait for each other in a loop), a limit of 1..365
 * working days and a cut-off within the day. ERR_INVALID naming the field otherwise. */
int chain_check(const Chain *c, Err *e);

/* chain_cutoff_parse reads "HH:MM" (00:00..23:59) into seconds after midnight; -1 when it is
 * not one. chain_cutoff_format writes it back ("15:00") into out[6]. */
int chain_cutoff_parse(const char *s);
void chain_cutoff_format(int cutoff, char out[6]);

/* chain_due_at: the group's legal deadline for a receipt at received_at: its limit in working
 * days on cal, counted from the receipt, or, for a receipt after the cut-off (local time of day,
 * 15:00:00 itself is not after), from the next day's first working window. Errors as
 * deadline_due_at. */
int chain_due_at(const Chain *c, const Calendar *cal, int64_t received_at, Err *e,
                 int64_t *out_due);

/* An agency acknowledges a step within this many working hours of receiving it, or the system
 * raises an alert (Decision 296/QĐ-VPCP of 2024, issue 17). */
enum { CHAIN_ACK_HOURS = 2 };

/* What an open step calls for (bits). */
enum {
    CHAIN_ALERT_ACK_MISSING = 1, /* not acknowledged, and its 2 working hours are over */
    CHAIN_ALERT_ACK_LATE = 2,    /* acknowledged after its 2 working hours */
    CHAIN_ALERT_OVERDUE = 4      /* its own deadline passed while its clock runs */
};

/* chain_step_alerts: the alerts of a step sent to its agency at sent_at, first acknowledged
 * at acked_at (0: not yet), whose own standing at now is overdue or not (core/deadline), on
 * its unit's calendar cal. 0 when none. Errors as deadline_due_at (a calendar without working
 * time): no alert then. */
unsigned chain_step_alerts(const Calendar *cal, int64_t sent_at, int64_t acked_at, bool overdue,
                           int64_t now);

/* chain_agency_label is an agency kind in Vietnamese (the kind itself when unknown). */
const char *chain_agency_label(const char *agency);

/* What became of a step, as the parent sees it. */
typedef enum ChainStepState {
    CHAIN_STEP_OPEN = 0, /* not finished */
    CHAIN_STEP_DONE,     /* resolved with its result (approved) */
    CHAIN_STEP_FAILED    /* refused, stopped, or resolved with a refusal */
} ChainStepState;

/* chain_stopped_by writes, as bits, the open steps that must stop because a step they wait
 * for, directly or through others, failed. */
uint32_t chain_stopped_by(const Chain *c, const ChainStepState *steps);

/* What the group's result is. */
typedef enum ChainOutcome {
    CHAIN_OPEN = 0, /* a step is not finished: the parent is being processed */
    CHAIN_APPROVED, /* every step done */
    CHAIN_REJECTED  /* every step finished, some failed */
} ChainOutcome;

/* chain_outcome: the group's result once its steps are as given. */
ChainOutcome chain_outcome(const Chain *c, const ChainStepState *steps);

#endif

/* chains.h: interconnected groups of procedures (liên thông, core/chain.h) as dossiers: a
 * group is filed once, as a parent dossier; when the parent is received each step becomes a
 * child dossier with its own code, agency, deadline and lifecycle; the parent's state follows
 * its children. Called by intake.c and act.c inside the writer's transaction; the caller
 * passes the current time. */
#ifndef MOTCUA_CHAINS_H
#define MOTCUA_CHAINS_H

#include "app/dossiers.h"

/* chains_intake_check checks the intake of group in->chain (ERR_SEMANTIC when there is no
 * such group) for dossiers_intake_check: each step's procedure must accept it as a single
 * intake would (the unit, the channel, and the required papers of every step); a group has no
 * fee of its own and is received whole (no refuse or guide at intake). p gets the first step's
 * procedure as the parent takes it: the group's limit in working days, no fee, no approval
 * (its result follows its steps). */
int chains_intake_check(Store *s, Arena *a, const DossierInput *in, const Actor *who, int64_t now,
                        Procedure *p, Err *e);

/* chains_parent_procedure is the procedure a parent of group `chain` is filed under, as
 * chains_intake_check gives it (ERR_NOT_FOUND when there is no such group); from a. */
int chains_parent_procedure(Store *s, Arena *a, const char *chain, Procedure *out, Err *e);

/* chains_after follows an event just appended to d (whose state was `before`), as motcua's own
 * action: a parent just received gets the group's deadline (core/chain_due_at) and one child
 * per step, received at now by who, and goes to processing; a parent stopped stops its open
 * children; after an event on a child, the open steps that wait for a failed step are stopped
 * (the reason names it) and, once every step is finished, the parent is resolved: approved
 * when every step was, else rejected with the failed steps named. Nothing for other
 * dossiers. */
int chains_after(Store *s, Arena *a, Dossier *d, State before, const Actor *who, int64_t now,
                 Err *e);

/* chains_check_act refuses (ERR_SEMANTIC) what an officer may not do to a group's parent: its
 * result follows its steps, so it is never resolved or proposed by hand. */
int chains_check_act(const Dossier *d, const Event *ev, Err *e);

/* chains_as_procedure is group `code` as the intake forms present it (ERR_NOT_FOUND when
 * there is no such group): its code and name, its limit in working days, no fee, online when
 * every step is (fully when every step is), and the papers of all its steps, each once,
 * required when a step requires it. From a. */
int chains_as_procedure(Store *s, Arena *a, const char *code, Procedure *out, Err *e);

/* A step that needs chasing: the step, its alerts (core/chain.h CHAIN_ALERT_*). */
typedef struct ChainAlert {
    Dossier step;
    unsigned alerts;
} ChainAlert;

/* chains_alerts lists the unfinished steps received by `under` or below (NULL: all) that call
 * for an alert at now: not acknowledged within 2 working hours of their receipt,
 * acknowledged late, or overdue; at most limit steps looked at, oldest first. From a. */
int chains_alerts(Store *s, Arena *a, const char *under, int64_t now, size_t limit,
                  ChainAlert **out, size_t *out_n, Err *e);

/* chains_children lists the children of parent id in step order, decoded, from a. */
int chains_children(Store *s, Arena *a, int64_t parent, Dossier **out, size_t *out_n, Err *e);

#endif

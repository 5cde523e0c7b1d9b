/* unitops.h: units change, dossiers survive. A unit operation (merge, split, rename, move,
 * abolish a level; core/unitop.h) is planned, shown, then applied in one transaction: unit rows
 * get their valid_to and successor (never deleted, codes never change), units below a dissolved
 * one move to its heir, every open dossier at a dissolved unit gets a `handover` event (from,
 * to, the operation's id) that makes the heir its current unit at once (deadlines keep running),
 * and the dissolved unit's users and API tokens are moved to the heir or disabled. One dated
 * later than today waits as planned until unitops_due applies it (serve, at local midnight).
 * Runs inside the caller's write transaction; the caller passes now. */
#ifndef MOTCUA_UNITOPS_H
#define MOTCUA_UNITOPS_H

#include "app/dossiers.h"
#include "core/unitop.h"

#include <jansson.h>

/* One dossier of a split assigned by hand, and the line of the list it came from (0: none). */
typedef struct UnitOpAssign {
    const char *code, *unit;
    long line;
} UnitOpAssign;

/* An operation as entered: the interchange `operation` record. */
typedef struct UnitOpSpec {
    UnitOpKind kind;
    const char **from; /* merge: the units merged; split, rename, move: the one unit */
    size_t n_from;
    const char **into; /* merge: the unit they become; split: the targets (the first is the
                          main heir: it keeps the old unit's users and closed history); rename:
                          the new code (none: same code); move: the new parent */
    size_t n_into;
    const char *name;      /* merge: the new unit's name; rename: the new name */
    const char *level;     /* abolish: the level abolished ("district") */
    const char *effective; /* YYYY-MM-DD, the Vietnam day it takes effect */
    UnitOpRule rule;       /* split */
    UnitOpAssign *assign;  /* split by hand */
    size_t n_assign;
    bool disable_users; /* the dissolved units' users and tokens disabled, not moved */
} UnitOpSpec;

/* One unit the operation writes: as it is (before.code NULL for a new unit) and as it will be. */
typedef struct UnitChange {
    Unit before, after;
} UnitChange;

/* One open dossier handed over; by_default: no rule placed it, it goes to the main heir. */
typedef struct Handover {
    Dossier d;
    const char *to;
    bool by_default;
} Handover;

/* A user (token 0) or an API token (its id) of a dissolved unit: moved to `to`, or disabled
 * (to NULL). */
typedef struct AccountChange {
    const char *name, *from, *to;
    int64_t token;
} AccountChange;

/* What an operation will do, before it runs: every row it changes with its value before, so the
 * plan is its own undo list. */
typedef struct UnitPlan {
    UnitOpSpec spec;
    bool planned; /* effective later than today: it will wait, nothing changes now */
    UnitChange *units;
    size_t n_units;
    Handover *dossiers;
    size_t n_dossiers;
    AccountChange *accounts;
    size_t n_accounts;
    size_t by_state[STATE_COUNT]; /* dossiers handed over, by state */
    size_t n_default;             /* of them, placed by no rule (the main heir) */
} UnitPlan;

/* unitops_read reads an `operation` record (the JSON object o, "type" ignored) into out
 * (strings from a); ERR_INVALID naming the bad field. */
int unitops_read(Arena *a, json_t *o, UnitOpSpec *out, Err *e);

/* unitops_list reads a split's hand list, one "DOSSIER-CODE UNIT-CODE" a line (space, tab or
 * comma between; blank lines and lines starting with # skipped), appending one
 * {"dossier","unit","line"} per line to the array assign. A bad line is ERR_INVALID whose
 * message starts "dòng N" / "line N". */
int unitops_list(const char *text, json_t *assign, Err *e);

/* unitops_json is spec as an `operation` record (a new reference). */
json_t *unitops_json(const UnitOpSpec *spec);

/* unitops_plan works out what spec does at instant now without changing anything: it checks
 * the units (ERR_NOT_FOUND, ERR_SEMANTIC with Vietnamese and English reasons) and, for an
 * operation effective today or earlier, lists the unit rows, the open dossiers and the accounts
 * it changes. Allocates from a. */
int unitops_plan(Store *s, Arena *a, const UnitOpSpec *spec, int64_t now, UnitPlan *out, Err *e);

/* unitops_run records spec entered by who at now and, when effective today or earlier, applies
 * its plan at once (else it waits as planned). out_plan (may be NULL) gets the plan, out_id
 * (may be NULL) the operation's id. In the caller's transaction. */
int unitops_run(Store *s, Arena *a, const UnitOpSpec *spec, const char *who, int64_t now,
                UnitPlan *out_plan, int64_t *out_id, Err *e);

/* unitops_due lists the ids of the planned operations whose day has come by now (Vietnam
 * time), in order; allocated from a. Any connection. */
int unitops_due(Store *s, Arena *a, int64_t now, int64_t **out_ids, size_t *out_n, Err *e);

/* unitops_apply_planned applies the planned operation id at now, if it is still planned and
 * its day has come (else nothing). In the caller's transaction: each its own, so that one that
 * no longer applies leaves the others to take effect. */
int unitops_apply_planned(Store *s, Arena *a, int64_t id, int64_t now, Err *e);

/* unitops_summary is one line saying what plan does (allocated from a). */
const char *unitops_summary(Arena *a, const UnitPlan *plan);

#endif

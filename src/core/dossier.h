/* dossier.h: the typed dossier (what was filed, and the projection of its events) and the
 * step from one event to the next projection. dossier_apply takes one event through
 * core/lifecycle (is it legal here?) and core/deadline (what does it do to the legal
 * clock?) and updates the projection. The API, the pages, the import replay and `verify` all
 * call it, so a dossier row is always what its history says. Pure; strings point to the
 * caller's memory (the events' strings). */
#ifndef MOTCUA_DOSSIER_H
#define MOTCUA_DOSSIER_H

#include "core/calendar.h"
#include "core/lifecycle.h"
#include "util/err.h"
#include "util/timefmt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a dossier's papers, or its result, are known to be electronic: not at all, by a source
 * system's mark (an imported flag or digitize event: no file here), or by a file stored here.
 * Ordered: a file outranks a mark. */
typedef enum Digitized { DIGITIZED_NO = 0, DIGITIZED_MARK = 1, DIGITIZED_FILE = 2 } Digitized;

typedef struct DossierProjection {
    State state;
    int64_t submitted_at, received_at, due_at, appointment_at, paused_at;
    int64_t resolved_at, returned_at, stopped_at, last_at;
    int64_t paid_online_at, rated_at; /* the first online payment; the rating */
    const char *current_unit, *handler, *outcome, *rating, *resolved_by;
    const char *proposal, *proposed_by; /* the result waiting for approval, and who proposed it */
    int apologies, apology_late, supplements, supplement_late;
    Digitized components_digitized, result_digitized;
    int paid_online;
    int64_t paid_amount;
    int n_events;
    /* The local day from which the dossier counts as overdue in reports, plus one (0: it
     * does not, or no longer). Opened when the clock runs with a due date, at the due day
     * (or the event's day, if later); closed when it is paused or finished. Reports count
     * the open intervals at the end of a period (core/stats). */
    int32_t overdue_from;
    /* The procedure asks a leader's approval of the result (fixed at receipt): resolve is
     * refused, propose, approve and send_back apply. */
    bool approval;
} DossierProjection;

/* The applicant as filed (docs/INTERFACES.md "applicant"); absent fields are NULL. When the
 * population register answered for the identity number at intake (app/people.h), its name,
 * birth date and address are the register's, and identity_source (the register's URL) and
 * identity_at (when it answered) say so; NULL and 0 otherwise. */
typedef struct Applicant {
    const char *name, *id_number, *phone, *address, *email, *birth_date;
    const char *identity_source;
    int64_t identity_at;
} Applicant;

/* One paper of the dossier as filed, and whether an electronic copy of it exists. */
typedef struct DossierComponent {
    const char *name;
    bool digitized;
} DossierComponent;

/* A dossier: what was filed (fixed at intake; a digitize event marks a component) and the
 * projection of its events. */
typedef struct Dossier {
    int64_t id; /* the store's row id (0 before it is written) */
    const char *code, *procedure, *unit, *channel;
    bool full_online;
    int64_t fee;
    Applicant applicant;
    DossierComponent *components;
    size_t n_components;
    int limit_value;
    const char *limit_unit; /* the procedure's limit at receipt: "days", "hours", ... */
    DossierProjection p;
    unsigned char last_hash[32]; /* of its last event (the hash chain) */
    int64_t created_at;
    int64_t filed_at;       /* handed in, as a source recorded it without a receipt (0: none) */
    int64_t due_override;   /* an imported line's due_at (0: none) */
    int due_override_seq;   /* the event after which it applies (0: the last moving the due) */
    const char *lookup_key; /* the citizen's key (core/lookup_key.h), issued at intake */
    int lookup_failures;    /* wrong keys tried at the public look-up since the last right one */
    /* An interconnected group (core/chain.h): a parent names its chain; a child its parent's
     * row id, its step's index and the agency that does it (NULL, 0 and -1 otherwise). A
     * child counts in no report here: its agency reports it (app/chains.c). */
    const char *chain;
    int64_t parent;
    int step;
    const char *agency;
} Dossier;

/* dossier_init starts an empty projection of a dossier received by unit. */
void dossier_init(DossierProjection *d, const char *unit);

/* dossier_allows: action a is legal for d now (its state, and whether its procedure asks for
 * approval); ERR_SEMANTIC naming the action otherwise. dossier_apply checks it first. */
int dossier_allows(const DossierProjection *d, Action a, Err *e);

/* dossier_apply applies ev to d. cal is the receiving unit's calendar and limit the
 * procedure's time limit (both used by receive, supplement, pay after a pause, apologize).
 * Fails without changing d: ERR_SEMANTIC for an action not allowed in the current state or
 * an event earlier than the previous one; ERR_INVALID for a field the clock or the state needs
 * (a transfer's destination, a resolution's outcome, a rejection's reason, an apology's new
 * appointment, a rating's level); ERR_CONFLICT for a second apology or a second rating. What
 * an officer must give beyond that is lifecycle_check_live's, not replay's: a source
 * system's refusal without a reason imports as it is. */
int dossier_apply(DossierProjection *d, const Event *ev, const Calendar *cal, Duration limit,
                  Err *e);

/* dossier_set_due sets the legal deadline from outside the clock (an imported dossier line's
 * due_at, the source system's, which wins over recomputation) as of instant at: the
 * appointment follows unless an apology set it, and the overdue interval follows. */
void dossier_set_due(DossierProjection *d, int64_t due, int64_t at);

/* dossier_classify is the timeliness of d at instant now (docs/INTERFACES.md §2): resolved early,
 * on time or late; unfinished within deadline (also while its clock is paused) or overdue; -1 when
 * none applies (no due date; refused or stopped). */
int dossier_classify(const DossierProjection *d, int64_t now);

#endif

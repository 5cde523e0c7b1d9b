/* dossiers.h: what happens to a dossier, in one place for every entry point (API, pages,
 * import): intake (validation against the procedure, code issue, the legal clock), one
 * lifecycle action at a time (appended to the hash-chained history and projected onto the
 * dossier row in the same transaction), and the verification of every chain and projection.
 * Runs inside the caller's write transaction (the single writer). */
#ifndef MOTCUA_DOSSIERS_H
#define MOTCUA_DOSSIERS_H

#include "io/dossier_json.h"
#include "store/store.h"

/* Who acts: an officer or system (name, role, unit), or the public (ROLE_NONE). */
typedef struct Actor {
    const char *name;
    Role role;
    const char *unit;
} Actor;

/* dossiers_intake_check checks an intake before it is written, on any connection (the
 * request's reader, so that the single writer does not spend its time on it): the procedure
 * and the unit exist and the unit receives at now; the channel, the fee and the required
 * components fit the procedure, which p gets (from a). ERR_SEMANTIC (422) when they do not. */
int dossiers_intake_check(Store *s, Arena *a, const DossierInput *in, const Actor *who, int64_t now,
                          Procedure *p, Err *e);

/* dossiers_intake files a new dossier that dossiers_intake_check passed with procedure p: an
 * officer's or system's intake receives it (state received, code and due_at issued); a
 * citizen's online filing submits it (state submitted, code issued, the clock starts when a
 * clerk receives it). out is allocated from a. */
int dossiers_intake(Store *s, Arena *a, const DossierInput *in, const Procedure *p,
                    const Actor *who, int64_t now, Dossier *out, Err *e);

/* dossiers_act applies one lifecycle action (at = now, by = who) to the dossier called code.
 * payload is the event's canonical field object (dossier_json_event). ERR_FORBIDDEN when
 * who's role may not take the action; ERR_SEMANTIC when the state does not allow it or a
 * referenced unit or handler does not exist. out (may be NULL) gets the updated dossier. */
int dossiers_act(Store *s, Arena *a, const char *code, const DossierEvent *ev, const char *payload,
                 const Actor *who, int64_t now, Dossier *out, Err *e);

/* dossiers_import applies one interchange dossier line (DESIGN §7): a new dossier is created
 * and its events replayed through the lifecycle; a known one gains only the events whose id
 * it has not seen (one that comes back with other content is an error); the line's due_at,
 * the source system's deadline, wins over recomputation. *out_new_events counts what was
 * added. Errors name the field and, for events, their position. */
int dossiers_import(Store *s, Arena *a, const DossierRecord *r, int64_t now, size_t *out_new_events,
                    Err *e);

/* dossiers_verify checks every dossier: event sequence, hash chain, and that replaying the
 * events gives the stored projection; then the counters by state against a recount. Each
 * problem goes to report; *out_problems counts them. */
int dossiers_verify(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                    long *out_problems, Err *e);

/* dossiers_recount rebuilds every report counter and the counters by state from the
 * dossiers' events, as the rules of this version count them (after an upgrade that changed
 * them, or when verify finds counters that differ). In the caller's transaction, which
 * should hold the write lock throughout (BEGIN IMMEDIATE). *out_dossiers gets how many
 * dossiers were replayed, *out_changed how many counter groups differed (verify's measure).
 * A dossier whose events no longer replay is an error naming it; nothing changes then. */
int dossiers_recount(Store *s, long *out_dossiers, long *out_changed, Err *e);

/* dossiers_limit converts a stored limit ("days", "hours", "calendar_days") to a Duration. */
Duration dossiers_limit(int value, const char *unit);

/* dossiers_unit_open tells whether unit u receives dossiers at instant now: 0 when it does,
 * -1 before its valid_from, 1 after its valid_to (merged away: file with its successor). */
int dossiers_unit_open(const Unit *u, int64_t now);

/* dossiers_search_text is the folded text indexed for officer search (name, identity
 * number, phone), allocated from a. */
char *dossiers_search_text(Arena *a, const DossierInput *in);

#endif

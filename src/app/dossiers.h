/* dossiers.h: what happens to a dossier, in one place for every entry point (API, pages,
 * import, commands): reading it (decoded once into the typed records of core/dossier.h),
 * intake (validation against the procedure, code issue, the legal clock), one lifecycle action
 * at a time (appended to the hash-chained history and projected onto the dossier row in the
 * same transaction), the import of a source system's dossiers, and the verification and
 * recount of every history. Writes run inside the caller's write transaction (the single
 * writer); the caller passes the current time. */
#ifndef MOTCUA_DOSSIERS_H
#define MOTCUA_DOSSIERS_H

#include "store/store.h"

/* Who acts: an officer or system (name, role, unit), or the public (ROLE_NONE). */
typedef struct Actor {
    const char *name;
    Role role;
    const char *unit;
} Actor;

/* What intake accepts: the interchange dossier record without code, received_at, due_at and
 * events (docs/INTERFACES.md). Strings point into the reader's arena. */
typedef struct DossierInput {
    const char *procedure, *unit, *channel;
    bool full_online, has_full_online;
    int64_t fee;
    bool has_fee;
    Applicant applicant;
    DossierComponent *components;
    size_t n_components;
    /* the interconnected group filed (core/chain.h), whose first step's procedure is
     * `procedure`; NULL for a single procedure */
    const char *chain;
    /* an officer's decision at the counter: NULL receives the dossier; a refuse or guide event
     * (with its reason, or the papers to complete) records it without receiving it */
    const Event *decision;
} DossierInput;

/* A dossier line of the interchange format: the intake fields plus its code, times and
 * history (docs/INTERFACES.md). */
typedef struct DossierRecord {
    const char *code;
    DossierInput in;
    int64_t received_at, due_at; /* 0 when absent */
    bool approval, has_approval; /* its result needed a leader's approval (when given) */
    Event *events;
    size_t n_events;
    /* a group's step (core/chain.h): its parent's code, its index and agency (NULL, -1 and
     * NULL otherwise); a group's parent names its chain in in.chain */
    const char *parent;
    int step;
    const char *agency;
} DossierRecord;

/* A change-feed entry, decoded: the cursor, the dossier's code and receiving unit, the state
 * the event led to, and the event. */
typedef struct FeedItem {
    int64_t cursor;
    const char *code, *unit, *state;
    Event ev;
} FeedItem;

/* ---- reading (any connection) ---- */

/* dossiers_get reads the dossier called code (ERR_NOT_FOUND naming it when absent);
 * dossiers_get_id by its row id. out is allocated from a. */
int dossiers_get(Store *s, Arena *a, const char *code, Dossier *out, Err *e);
int dossiers_get_id(Store *s, Arena *a, int64_t id, Dossier *out, Err *e);

/* dossiers_at lists the dossiers now at unit (their current unit) in state, by id, decoded;
 * allocated from a. */
int dossiers_at(Store *s, Arena *a, const char *unit, State state, Dossier **out, size_t *out_n,
                Err *e);

/* dossiers_by_state writes how many dossiers are in each state (indexed by State) from the
 * counters kept with every event: no scan. */
int dossiers_by_state(Store *s, Arena *a, int64_t out[STATE_COUNT], Err *e);

/* dossiers_search lists the dossiers matching q (see DossierQuery), from a. */
int dossiers_search(Store *s, Arena *a, const DossierQuery *q, Dossier **out, size_t *out_n,
                    Err *e);

/* dossiers_events lists the history of dossier id in order, typed, from a. */
int dossiers_events(Store *s, Arena *a, int64_t id, Event **out, size_t *out_n, Err *e);

/* dossiers_feed lists up to limit change-feed entries after cursor `after` of dossiers
 * received by `under` or below (NULL: all), oldest first, from a. */
int dossiers_feed(Store *s, Arena *a, int64_t after, const char *under, size_t limit,
                  FeedItem **out, size_t *out_n, Err *e);

/* ---- writing (inside the writer's transaction) ---- */

/* dossiers_intake_check checks an intake before it is written, on any connection (the
 * request's reader, so that the single writer does not spend its time on it): the procedure
 * and the unit exist and the unit receives at now; the channel, the fee and the required
 * components fit the procedure, which p gets (from a). ERR_SEMANTIC (422) when they do not. */
int dossiers_intake_check(Store *s, Arena *a, const DossierInput *in, const Actor *who, int64_t now,
                          Procedure *p, Err *e);

/* dossiers_intake files a new dossier that dossiers_intake_check passed with procedure p: an
 * officer's or system's intake receives it (state received, code and due_at issued), or, with
 * in->decision, refuses it or guides the applicant to complete it (a code is issued, nothing is
 * received or counted); a citizen's online filing submits it (state submitted, code issued, the
 * clock starts when a clerk receives it). out is allocated from a. */
int dossiers_intake(Store *s, Arena *a, const DossierInput *in, const Procedure *p,
                    const Actor *who, int64_t now, Dossier *out, Err *e);

/* dossiers_act applies one lifecycle action ev (its action and fields; at = now and by = who
 * are stamped here) to the dossier called code, as the pages and the API take it: the role
 * may take it (ERR_FORBIDDEN), what the action table asks of an action taken here is given
 * (lifecycle_check_live: none of the fields only the payment gateway gives either, a payment
 * here being at the counter), the state allows it, a referenced unit or officer exists and a
 * payment is no more than what is still due (ERR_SEMANTIC). A `digitize` is refused
 * (ERR_SEMANTIC): a file makes a paper digitized (dossiers_digitize). out (may be NULL) gets
 * the updated dossier. */
int dossiers_act(Store *s, Arena *a, const char *code, const Event *ev, const Actor *who,
                 int64_t now, Dossier *out, Err *e);

/* dossiers_digitize records that the stored file sha256 backs the component called component
 * of the dossier code, or its result when component is NULL: the `digitize` event with its
 * `file`, taken as dossiers_act takes an action (the role of who, the state). Called by
 * app/documents.c when it attaches the file: the only way a paper becomes digitized or a
 * result electronic here. */
int dossiers_digitize(Store *s, Arena *a, const char *code, const char *component,
                      const char *sha256, const Actor *who, int64_t now, Dossier *out, Err *e);

/* dossiers_pay_online records the online payment of amount under the gateway's reference ref
 * on the dossier called code: a `pay` event with online set, by "cổng thanh toán", which no
 * action taken by an officer may record. The caller has verified the gateway's signature and
 * held the callback to its order. ERR_CONFLICT when amount is more than what is still due. */
int dossiers_pay_online(Store *s, Arena *a, const char *code, int64_t amount, const char *ref,
                        int64_t now, Err *e);

/* dossiers_import applies one interchange dossier line (docs/INTERFACES.md): a new dossier is
 * created and its events replayed through the lifecycle; a known one gains only the events whose id
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
 * should hold the write lock throughout. *out_dossiers gets how many dossiers were replayed,
 * *out_changed how many counter groups differed (verify's measure). A dossier whose events no
 * longer replay is an error naming it; nothing changes then. */
int dossiers_recount(Store *s, long *out_dossiers, long *out_changed, Err *e);

/* ---- helpers shared by the entry points ---- */

/* dossiers_limit converts a stored limit ("days", "hours", "calendar_days") to a Duration. */
Duration dossiers_limit(int value, const char *unit);

/* dossiers_unit_open tells whether unit u receives dossiers at instant now: 0 when it does,
 * -1 before its valid_from, 1 after its valid_to (merged away: file with its successor). */
int dossiers_unit_open(const Unit *u, int64_t now);

/* dossiers_search_text is the folded text indexed for officer search (name, identity
 * number, phone), allocated from a. */
char *dossiers_search_text(Arena *a, const Applicant *ap);

/* dossiers_same_name: two component names are the same paper, whatever their marks and
 * case. */
bool dossiers_same_name(Arena *a, const char *x, const char *y);

#endif

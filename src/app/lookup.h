/* lookup.h: what the public sees of a dossier (docs/INTERFACES.md §3), HTTP-free: the dossier found
 * by its code and the citizen's look-up key (core/lookup_key.h, printed on Mẫu 01), a wrong code
 * and a wrong key answered alike; the failure budget of each dossier (wrong keys lock its public
 * look-up until an officer unlocks it, whatever address they come from); the masked view (no
 * personal data beyond a masked name, no officer names, no internal notes, but what a
 * supplement request asks for; the fee's e-receipts by number, amount and time); and what the
 * citizen does there: the online answer to a supplement request. web/publicview.c adds the
 * per-address throttling and the request. */
#ifndef MOTCUA_LOOKUP_H
#define MOTCUA_LOOKUP_H

#include "app/dossiers.h"

/* One entry of the public history: when, which action, its Vietnamese label. */
typedef struct PublicEvent {
    int64_t at;
    const char *action, *label;
} PublicEvent;

/* The public view of one dossier; everything points into the caller's arena. */
typedef struct PublicView {
    Dossier d; /* the dossier (callers show only what the public may see) */
    const char *procedure_name, *unit_name; /* of d.procedure and d.unit */
    const char *applicant;                  /* the masked name: "Nguyễn V*** Đ***" */
    PublicEvent *history;                   /* oldest first, comments left out */
    size_t n_history;
    int can_rate;                   /* finished (resolved, returned, stopped) and not yet rated */
    DossierDocument *results;       /* the electronic results, once resolved or returned */
    const char **result_signatures; /* parallel: each one's signature token, or NULL unsigned */
    size_t n_results;
    Payment *receipts; /* the e-receipts (payments made here, numbered), oldest first */
    size_t n_receipts;
    /* the last supplement request (Mẫu 02): what is missing and why (requested_at 0: none) */
    TextList missing;
    const char *missing_reason;
    int64_t requested_at;
} PublicView;

/* lookup_find reads the dossier called code into out when key (as lookup_key_read gives it) is
 * its look-up key. ERR_NOT_FOUND, with one message, for an unknown code and for a wrong key;
 * for a wrong key *out_wrong gets the dossier's id (else 0), whose failure the caller counts
 * with lookup_failed. ERR_FORBIDDEN, saying how to unlock it, when the dossier's look-up is
 * locked, whatever the key. */
int lookup_find(Store *s, Arena *a, const char *code, const char *key, Dossier *out,
                int64_t *out_wrong, Err *e);

/* lookup_failed counts one wrong key tried on dossier id (a write, in the writer's
 * transaction); lookup_unlock forgets its wrong keys: after a right one, or when an officer
 * unlocks its locked look-up. */
int lookup_failed(Store *s, int64_t id, Err *e);
int lookup_unlock(Store *s, int64_t id, Err *e);

/* lookup_view fills out with the public view of d (from a). */
int lookup_view(Store *s, Arena *a, const Dossier *d, PublicView *out, Err *e);

/* lookup_supplement records the citizen's online answer to the supplement request of the
 * dossier called code, inside the writer's transaction: each of the n documents attached as a
 * component named names[i] (a `digitize` event each), then the `supplement` event by the
 * citizen (online, the papers' names), which returns the dossier to processing and restarts its
 * clock (Decree 61 Art 19(4)). ERR_SEMANTIC when the dossier does not wait for papers. */
int lookup_supplement(Store *s, Arena *a, const char *code, const Document *docs,
                      const char **names, size_t n, int64_t now, Err *e);

/* lookup_payable: the dossier has been received (not only filed, not refused), so a fee still
 * due may be paid online. */
int lookup_payable(const PublicView *v);

/* lookup_mask_name keeps the family name and the first letter of each other word:
 * "Nguyễn Văn Đức" -> "Nguyễn V*** Đ***" (Decree 13/2023: no more personal data than needed). */
const char *lookup_mask_name(Arena *a, const char *name);

#endif

/* lookup.h: what the public sees of a dossier (docs/INTERFACES.md §3), HTTP-free: the dossier found
 * by its code and the citizen's key (the last 4 digits of the applicant's phone or identity
 * number), a wrong code and a wrong key answered alike; the masked view (no personal data
 * beyond a masked name, no officer names, no internal notes, but what a supplement request
 * asks for; the fee's e-receipts by number, amount and time); and what the citizen does
 * there: the online answer to a supplement request. web/publicview.c adds the throttling and
 * the request. */
#ifndef MOTCUA_LOOKUP_H
#define MOTCUA_LOOKUP_H

#include "app/dossiers.h"

/* One entry of the public history: when, which action, its Vietnamese label. */
typedef struct PublicEvent {
    int64_t at;
    const char *action, *label;
} PublicEvent;

/* The key a citizen types with the code to look a dossier up, and where it comes from, in
 * words for the confirmation and the receipt. */
typedef struct LookupKey {
    const char *key;  /* "5678" */
    const char *what; /* "4 số cuối số điện thoại" */
} LookupKey;

/* The public view of one dossier; everything points into the caller's arena. */
typedef struct PublicView {
    Dossier d; /* the dossier (callers show only what the public may see) */
    const char *procedure_name, *unit_name; /* of d.procedure and d.unit */
    const char *applicant;                  /* the masked name: "Nguyễn V*** Đ***" */
    PublicEvent *history;                   /* oldest first, comments left out */
    size_t n_history;
    int can_rate;             /* finished (resolved, returned, stopped) and not yet rated */
    DossierDocument *results; /* the electronic results, once resolved or returned */
    size_t n_results;
    Payment *receipts; /* the e-receipts (payments made here, numbered), oldest first */
    size_t n_receipts;
    /* the last supplement request (Mẫu 02): what is missing and why (requested_at 0: none) */
    TextList missing;
    const char *missing_reason;
    int64_t requested_at;
} PublicView;

/* lookup_key is the key the citizen of d types to look it up, the one function that says so
 * (the confirmation of an online filing prints it): the last 4 digits of the applicant's
 * phone, else of the identity number. ERR_NOT_FOUND when the applicant gave neither. */
int lookup_key(Arena *a, const Dossier *d, LookupKey *out, Err *e);

/* lookup_find reads the dossier called code into out when its applicant's key is key;
 * ERR_NOT_FOUND, with one message, for an unknown code and for a wrong key. */
int lookup_find(Store *s, Arena *a, const char *code, const char *key, Dossier *out, Err *e);

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

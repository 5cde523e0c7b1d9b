/* publicview.h: what the public sees of a dossier (DESIGN §6), one path for the JSON API
 * (api/lookup.c) and the citizen's pages (pages/lookup.c): the look-up by code and key
 * (the last 4 digits of the applicant's phone or identity number), throttled per address
 * against enumeration, with a wrong code and a wrong key answered alike; the masked view
 * (no personal data beyond a masked name, no officer names, no internal notes); and the
 * satisfaction rating. */
#ifndef MOTCUA_PUBLICVIEW_H
#define MOTCUA_PUBLICVIEW_H

#include "web/http.h"

#include <jansson.h>

/* One entry of the public history: when, which action, its Vietnamese label. */
typedef struct PublicEvent {
    int64_t at;
    const char *action, *label;
} PublicEvent;

/* The public view of one dossier; everything points into the request's arena. */
typedef struct PublicView {
    Dossier d; /* the dossier row (callers show only what the public may see) */
    const char *procedure_name, *unit_name; /* of d.procedure and d.unit */
    const char *applicant;                  /* the masked name: "Nguyễn V*** Đ***" */
    PublicEvent *history;                   /* oldest first, comments left out */
    size_t n_history;
    int can_rate;             /* finished (resolved, returned, stopped) and not yet rated */
    DossierDocument *results; /* the electronic results, once resolved or returned */
    size_t n_results;
} PublicView;

/* publicview_payable: the dossier has been received (not only filed, not refused), so a fee
 * still due may be paid online. */
int publicview_payable(const PublicView *v);

/* publicview_lookup finds the dossier called code whose applicant's key matches and fills
 * out (arena). Fails with ERR_THROTTLED (req->retry_after set) after too many failures from
 * this address, ERR_INVALID when code or key is missing or malformed, ERR_NOT_FOUND (the
 * same message) for an unknown code or a wrong key, each failure counted. */
int publicview_lookup(Request *req, const char *code, const char *key, PublicView *out);

/* publicview_json renders v as GET /api/v1/lookup answers it (DESIGN §7), at instant now;
 * the caller owns the result. */
json_t *publicview_json(const PublicView *v, int64_t now);

/* publicview_rate records the citizen's rating of the dossier code (checked with key as in
 * publicview_lookup). fields holds the rating's own fields (level, comment): it is
 * validated as a `rate` event (ERR_INVALID naming the field) before the dossier is looked
 * up; it is borrowed, and gains "action": "rate". On success writes the dossier's code and
 * the level (arena strings). ERR_SEMANTIC when the dossier cannot be rated yet, ERR_CONFLICT
 * when it already was. */
int publicview_rate(Request *req, const char *code, const char *key, json_t *fields,
                    const char **out_code, const char **out_level);

#endif

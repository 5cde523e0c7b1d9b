/* publicview.h: what the public sees of a dossier (docs/INTERFACES.md §3) over HTTP, one path for
 * the JSON API (api/lookup.c) and the citizen's pages (pages/lookup.c): the look-up by code and key
 * (app/lookup.h), throttled per address and limited per dossier against guessing; the masked
 * view as JSON; and the satisfaction rating. */
#ifndef MOTCUA_PUBLICVIEW_H
#define MOTCUA_PUBLICVIEW_H

#include "app/lookup.h"
#include "web/http.h"

#include <jansson.h>

/* publicview_lookup finds the dossier called code whose look-up key is key (as a person types
 * it) and fills out (arena). Fails with ERR_THROTTLED (req->retry_after set) after too many
 * failures from this address, ERR_INVALID when code or key is missing or malformed,
 * ERR_NOT_FOUND (the same message) for an unknown code or a wrong key, ERR_FORBIDDEN when the
 * dossier's look-up is locked; each failure counted (a wrong key against the dossier too). */
int publicview_lookup(Request *req, const char *code, const char *key, PublicView *out);

/* publicview_json renders v as GET /api/v1/lookup answers it (docs/INTERFACES.md), at instant now,
 * with what a supplement request asks for while the dossier waits for it; the caller owns the
 * result. */
json_t *publicview_json(const PublicView *v, int64_t now);

/* The satisfaction levels a citizen chooses from, with their Vietnamese labels. */
enum { PUBLICVIEW_LEVELS = 3 };
typedef struct RatingLevel {
    const char *level, *label;
} RatingLevel;
extern const RatingLevel publicview_levels[PUBLICVIEW_LEVELS];

/* publicview_level_label is the label of level, or NULL when it is none of the levels. */
const char *publicview_level_label(const char *level);

/* publicview_rate records the citizen's rating of the dossier code: checked with key as in
 * publicview_lookup, or, when device is not NULL, posted on that counter device (app/devices.h)
 * for a dossier received by or now at its unit or one below it (ERR_NOT_FOUND otherwise, as
 * for a code that does not exist). fields holds the rating's own fields (level, comment): it
 * is validated as a `rate` event (ERR_INVALID naming the field) before the dossier is looked
 * up; it is borrowed, and gains "action": "rate". On success writes the dossier's code and the
 * level (arena strings). ERR_SEMANTIC when the dossier cannot be rated yet, ERR_CONFLICT when
 * it already was. */
int publicview_rate(Request *req, const char *code, const char *key, const Device *device,
                    json_t *fields, const char **out_code, const char **out_level);

/* publicview_rate_ticket records the rating fields (level, comment: validated as a `rate`
 * event; borrowed, gains "action") given on device for the last ticket its counter served:
 * on the ticket, and as the dossier's rating when one was received from the ticket and may be
 * rated now (a result handed back; a dossier just received keeps the link through the
 * ticket). ERR_FORBIDDEN for a device at no counter, ERR_NOT_FOUND when there is no ticket to
 * rate (none served, or the last one rated already). out gets the ticket rated. */
int publicview_rate_ticket(Request *req, const Device *device, json_t *fields, QueueTicket *out);

#endif

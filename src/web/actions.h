/* actions.h: what the pages do to dossiers, through the single writer: intake and one
 * lifecycle action on behalf of the logged-in officer (or the citizen), calling the same
 * store/dossiers functions as the JSON API. */
#ifndef MOTCUA_ACTIONS_H
#define MOTCUA_ACTIONS_H

#include "store/dossiers.h"
#include "web/http.h"

/* actions_intake files in as the caller; out (arena) gets the new dossier. */
int actions_intake(Request *req, const DossierInput *in, Dossier *out);

/* actions_act applies ev (with its canonical payload, see dossier_json_event) to the dossier
 * code as the caller; out (may be NULL) gets the dossier after it. */
int actions_act(Request *req, const char *code, const DossierEvent *ev, const char *payload,
                Dossier *out);

/* actions_event_from_form builds a lifecycle event from form fields (the same fields as the
 * JSON event body: action, to, handler, reason, outcome, items (one per line), amount,
 * online, new_appointment (local "YYYY-MM-DDTHH:MM"), level, comment, text, component,
 * result) and validates it exactly as the API does. */
int actions_event_from_form(Request *req, DossierEvent *out, const char **out_payload);

#endif

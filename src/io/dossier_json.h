/* dossier_json.h: dossiers and events in JSON, one reader and one writer per record, shared
 * by the HTTP API (intake body, event body, officer view) and the interchange format
 * (dossier lines): the same field names in both directions (DESIGN §7). */
#ifndef MOTCUA_DOSSIER_JSON_H
#define MOTCUA_DOSSIER_JSON_H

#include "store/store.h"

#include <jansson.h>

/* What intake accepts: the interchange dossier record without code, received_at, due_at and
 * events. Strings point into the arena the reader was given. */
typedef struct DossierInput {
    const char *procedure, *unit, *channel;
    int full_online, has_full_online;
    int64_t fee;
    int has_fee;
    const char *name, *id_number, *phone, *address, *email;
    const char *applicant_json;  /* the validated applicant, re-rendered */
    const char *components_json; /* the validated components, re-rendered */
    const char **component_names;
    int *component_digitized;
    size_t n_components;
} DossierInput;

/* dossier_json_intake validates an intake body. Unknown keys are errors unless allow_extra
 * lists them (the interchange line's extra keys). */
int dossier_json_intake(Arena *a, json_t *o, const char *const *allow_extra, DossierInput *out,
                        Err *e);

/* A dossier line of the interchange format: the intake fields plus its code, times and
 * history (DESIGN §7). Derived fields that export writes (state, classification, ...) are
 * accepted and ignored. */
typedef struct DossierRecord {
    const char *code;
    DossierInput in;
    int64_t received_at, due_at; /* 0 when absent */
    size_t n_events;
    DossierEvent *events;
    const char **payloads, **ids;
} DossierRecord;

/* dossier_json_record validates a dossier line (type "dossier"); strings live in a. */
int dossier_json_record(Arena *a, json_t *o, DossierRecord *out, Err *e);

/* dossier_json_event validates one event object into out and writes its action-specific
 * fields as a canonical JSON object text (*out_payload, arena). With meta set, "id", "at"
 * and "by" are read too (interchange); without, they are refused (the server stamps them). */
int dossier_json_event(Arena *a, json_t *o, int meta, DossierEvent *out, const char **out_payload,
                       const char **out_id, Err *e);

/* dossier_json_event_from_stored rebuilds the DossierEvent of a stored event (for replay). */
int dossier_json_event_from_stored(Arena *a, const StoredEvent *ev, DossierEvent *out, Err *e);

/* dossier_json_instant is t as an ISO 8601 instant string, or null when t is 0. */
json_t *dossier_json_instant(int64_t t);

/* dossier_json_status sets on o what the public may see of d's progress at now: state,
 * state_label, portal_status, received_at, appointment_at, resolved_at, returned_at and
 * classification. */
void dossier_json_status(json_t *o, const Dossier *d, int64_t now);

/* dossier_json_receipt is the answer to an intake: code, state, due_at, appointment_at,
 * received_at and receipt_url. */
json_t *dossier_json_receipt(const Dossier *d, const char *receipt_url);

/* dossier_json_render renders a dossier with the interchange names plus state,
 * portal_status, due_at, appointment_at, resolved_at and classification (at instant now for
 * unfinished dossiers); with events (may be NULL) an "events" array in interchange form. */
json_t *dossier_json_render(const Dossier *d, const StoredEvent *events, size_t n_events,
                            int64_t now);

/* dossier_json_event_render renders one stored event in interchange form. */
json_t *dossier_json_event_render(const StoredEvent *ev);

#endif

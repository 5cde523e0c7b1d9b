/* dossier_json.h: dossiers in JSON, one reader and one writer per object, shared by the HTTP
 * API (intake body, officer view, intake answer) and the interchange format (dossier lines):
 * the same field names in both directions (docs/INTERFACES.md). The records inside (applicant,
 * components, events) are read and written by app/record.c. */
#ifndef MOTCUA_DOSSIER_JSON_H
#define MOTCUA_DOSSIER_JSON_H

#include "app/dossiers.h"

#include <jansson.h>

/* dossier_json_intake validates an intake body into out (strings in a). Unknown keys are
 * errors unless allow_extra (NULL-terminated, may be NULL) lists them. An intake (allow_extra
 * NULL) names a `procedure` or, for an interconnected group, a `chain`; not both. */
int dossier_json_intake(Arena *a, json_t *o, const char *const *allow_extra, DossierInput *out,
                        Err *e);

/* dossier_json_record validates a dossier line (type "dossier") into out (strings in a):
 * the intake fields, its code, received_at, due_at and its events with their ids (each id
 * once). Derived fields that export writes (state, classification, ...) are accepted and
 * ignored. */
int dossier_json_record(Arena *a, json_t *o, DossierRecord *out, Err *e);

/* dossier_json_status sets on o what the public may see of d's progress at now: state,
 * state_label, portal_status, received_at, appointment_at, resolved_at, returned_at and
 * classification. */
void dossier_json_status(json_t *o, const Dossier *d, int64_t now);

/* dossier_json_receipt is the answer to an intake: code, lookup_key (the citizen's, printed on
 * Mẫu 01), state, due_at, appointment_at, received_at and receipt_url. */
json_t *dossier_json_receipt(const Dossier *d, const char *receipt_url);

/* dossier_json_render renders a dossier with the interchange names plus state,
 * portal_status, due_at, appointment_at, resolved_at and classification (at instant now for
 * unfinished dossiers); with events (may be NULL) an "events" array in interchange form. */
json_t *dossier_json_render(const Dossier *d, const Event *events, size_t n_events, int64_t now);

/* dossier_json_group adds to o what ties d to its interconnected group: on a parent its
 * `chain` and `children` ([{code, step, procedure, agency, state, due_at, classification}] at
 * now); on a child its `parent` (parent_code), `step` and `agency`. Nothing for other
 * dossiers. */
void dossier_json_group(json_t *o, const Dossier *d, const Dossier *children, size_t n_children,
                        const char *parent_code, int64_t now);

#endif

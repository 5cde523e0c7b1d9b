/* interchange.h: the JSONL interchange format (docs/INTERFACES.md): one JSON object per line,
 * `type` first: unit, field, procedure, chain, user, queue_group, queue_counter, dossier,
 * operation (a unit operation, app/unitops.h: applied when its day has come, else recorded as
 * planned; one an export marks "state": "done" is only recorded: its effect is in the unit and
 * dossier lines). Import is all-or-nothing inside one transaction and idempotent (records upserted
 * by code, users by name, never with a password); the first bad line aborts with "line N: why".
 * Export writes the same format: the catalogue, the officers, the queue's groups and counters,
 * the dossiers, then the unit operations, so that an export imported into a fresh store
 * reproduces them. */
#ifndef MOTCUA_INTERCHANGE_H
#define MOTCUA_INTERCHANGE_H

#include "store/store.h"

#include <jansson.h>
#include <stdio.h>

typedef struct ImportCounts {
    long lines, units, fields, procedures, chains, users, dossiers, events, operations;
    long queue_groups, queue_counters;
    long parents_left_out; /* units whose parent no line defines and the store lacks */
} ImportCounts;

/* ImportProgress is called every few thousand lines with the bytes read so far. */
typedef void (*ImportProgress)(void *ctx, long lines, long bytes);

/* interchange_import reads every line of in and applies it to s in one transaction that is
 * committed only when every line is valid. On failure nothing is changed and e->message
 * starts with "dòng N: " (message_en with "line N: "). */
int interchange_import(Store *s, FILE *in, ImportProgress progress, void *ctx,
                       ImportCounts *out_counts, Err *e);

/* The interchange rendering of catalogue records, shared by export and the API; with_type
 * puts "type" first (export) or leaves it out (API). The caller owns the result. */
json_t *interchange_unit_json(const Unit *u, int with_type);
json_t *interchange_field_json(const Field *f, int with_type);
json_t *interchange_procedure_json(const Procedure *p, int with_type);
json_t *interchange_chain_json(const Chain *c, int with_type);

/* interchange_import_lines is interchange_import inside the caller's transaction (which the
 * caller rolls back on failure). */
int interchange_import_lines(Store *s, FILE *in, ImportProgress progress, void *ctx,
                             ImportCounts *out_counts, Err *e);

/* interchange_apply_record validates one record object o (with its "type": unit, field,
 * procedure, chain or dossier) exactly as an import line and applies it inside the caller's
 * transaction; a parent or successor unit it names must already exist. Allocates from a.
 * Used by the administrator's pages to share the importer's checks. */
int interchange_apply_record(Store *s, Arena *a, json_t *o, Err *e);

/* interchange_export writes the catalogue, the officers of `unit` or below (NULL: all; no
 * passwords), the queue's groups and counters of `unit` or below, then the dossiers (with their
 * events and the derived fields) received by `unit` or below that changed after the change-feed
 * cursor since (0: all) and last every unit operation, as one consistent snapshot; *out_cursor gets
 * the cursor to pass as since next time. */
int interchange_export(Store *s, FILE *out, int64_t since, const char *unit, int64_t *out_cursor,
                       Err *e);

#endif

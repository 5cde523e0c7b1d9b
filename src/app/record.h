/* record.h: the typed records of a dossier (core/dossier.h: Event, Applicant, components) in
 * their JSON form, and back: the one codec every path shares. What a store keeps of an event
 * (its action's own fields, the canonical payload the hash chain covers), what the API and
 * the interchange format carry, and what a stored row decodes to are the same names and the
 * same checks, driven by the action table of core/lifecycle. A record is decoded once, where
 * it is read (app/dossiers.c), and used typed above that.
 *
 * Readers validate (types, lengths, ranges, NFC) and name the field at fault in Err; strings
 * they produce live in the caller's arena. Writers return new jansson references. */
#ifndef MOTCUA_RECORD_H
#define MOTCUA_RECORD_H

#include "core/dossier.h"
#include "store/store.h"
#include "util/arena.h"

#include <jansson.h>

/* record_event_read reads one event object: "action" and that action's own fields; with
 * meta also "id", "at" (both required) and "by" (the interchange line), without meta they
 * are refused (the server stamps them). Unknown keys are ERR_INVALID. */
int record_event_read(Arena *a, json_t *o, bool meta, Event *out, Err *e);

/* record_event_fields is the object of ev's own fields (those its action lists, when given). */
json_t *record_event_fields(const Event *ev);

/* record_event_payload is record_event_fields as canonical text (sorted keys, compact), from
 * a: what the store keeps and the hash chain covers. */
const char *record_event_payload(Arena *a, const Event *ev);

/* record_event_json is ev in the interchange form: id, at, action, by and its fields. */
json_t *record_event_json(const Event *ev);

/* record_event_decode turns a stored event row into a typed event (its id, at and by with
 * it). ERR_INVALID when the stored payload does not read (a damaged store). */
int record_event_decode(Arena *a, const StoredEvent *row, Event *out, Err *e);

/* record_event_same: x and y are the same event (action, at, by and every field of the
 * action), whatever the text they were stored as. */
bool record_event_same(const Event *x, const Event *y);

/* record_applicant_read reads and checks an applicant object (a name; a phone or an identity
 * number, which the look-up key needs; their formats; an e-mail with '@'; a birth_date
 * YYYY-MM-DD). With identity set it also reads "identity": {"source", "at"} (what the
 * population register answered, app/people.h: a stored or imported dossier's); without, that
 * key is refused (an intake's: only the server asks the register). */
int record_applicant_read(Arena *a, json_t *o, bool identity, Applicant *out, Err *e);

/* record_applicant_json is ap as an object: name, id_number, phone, address, email,
 * birth_date, identity (given ones). */
json_t *record_applicant_json(const Applicant *ap);

/* record_components_read reads a components array (absent or null: none; at most 100), each
 * {name, digitized}. */
int record_components_read(Arena *a, json_t *arr, DossierComponent **out, size_t *out_n, Err *e);

/* record_components_json is the components as [{name, digitized}]. */
json_t *record_components_json(const DossierComponent *c, size_t n);

/* record_text is o as compact text in key order, from a; it takes o's reference. */
const char *record_text(Arena *a, json_t *o);

/* record_instant is t as an ISO 8601 instant in Vietnam time, or JSON null when t is 0. */
json_t *record_instant(int64_t t);

#endif

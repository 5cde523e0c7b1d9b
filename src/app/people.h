/* people.h: once-only identity from the population register (Cơ sở dữ liệu quốc gia về dân
 * cư; docs/DOMAIN.md, Art 10 [C PD]: the forms take a person's data from the national
 * population database, so the citizen is not asked for it again). The register is an agency of kind
 * population (core/chain.h, app/agencies.h): asked GET URL/citizens/{id_number}, it answers a
 * person {"id_number", "name", "birth_date", "address"} whose exact bytes its registered Ed25519
 * key signs (base64 in the answer's X-Signature). The web asks it outside any transaction
 * (web/people.c); here what is asked, and what an answer is worth. */
#ifndef MOTCUA_PEOPLE_H
#define MOTCUA_PEOPLE_H

#include "app/dossiers.h"

#include <jansson.h>

/* people_id_valid: id_number is a citizen identity number (12 digits). */
bool people_id_valid(const char *id_number);

/* people_url is where the registered register answers for id_number (people_id_valid), from
 * a; *out_source the register's URL, which a dossier records. ERR_NOT_FOUND when no register is
 * registered. */
int people_url(Store *s, Arena *a, const char *id_number, const char **out_url,
               const char **out_source, Err *e);

/* people_read reads a person of the register (its answer, or a line of the simulator's data):
 * exactly id_number (12 digits), name, birth_date (YYYY-MM-DD) and address, each required, into
 * those fields of out. ERR_INVALID naming the field otherwise. From a. */
int people_read(Arena *a, json_t *o, Applicant *out, Err *e);

/* people_answer takes the register's answer body[0..len) about id_number, signed by
 * signature_b64: ERR_AUTH when no register is registered or its key did not sign these bytes,
 * ERR_INVALID when it is not a person (people_read) named id_number. out gets the person with
 * identity_source (the register's URL) and identity_at = now. From a. */
int people_answer(Store *s, Arena *a, const char *id_number, const char *body, size_t len,
                  const char *signature_b64, int64_t now, Applicant *out, Err *e);

/* people_take fills ap from the register's person: its name, birth date and address replace
 * what was typed (the citizen is not asked for them again) and its identity is recorded; the
 * phone, e-mail and identity number are kept. */
void people_take(Applicant *ap, const Applicant *person);

#endif

/* people.h: asking the population register (app/people.h) while serving a request: the GET
 * goes out before any transaction (the writer never waits on the network), to the addresses a
 * webhook may reach (serve --webhook-allow), with a short timeout. Used by the officers'
 * look-up (GET /api/v1/people/{id}) and by every intake (web/actions.c). */
#ifndef MOTCUA_WEB_PEOPLE_H
#define MOTCUA_WEB_PEOPLE_H

#include "app/people.h"
#include "web/http.h"

/* people_fetch asks the register about id_number: 0 with the person in *out (app/people.h
 * people_answer); else req->err holds ERR_INVALID (not 12 digits), ERR_NOT_FOUND (no register
 * registered, or it knows no such person) or ERR_UNAVAILABLE (unreachable, another answer, or
 * an answer its key did not sign or that is not the person asked about: nothing of it is
 * used). */
int people_fetch(Request *req, const char *id_number, Applicant *out);

/* people_prefill: when a register is registered and ap names an identity number it knows, ap
 * takes the register's name, birth date and address and records the identity (people_take).
 * Otherwise (no register, an unknown person, the register down) ap stays as typed: the
 * counter never waits for a dead register. Never fails. */
void people_prefill(Request *req, Applicant *ap);

#endif

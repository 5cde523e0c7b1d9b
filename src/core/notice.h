/* notice.h: which lifecycle actions tell the applicant something, and what (Vietnamese text):
 * filed online, received with the appointment, papers to supplement, a fee to pay (the amount
 * and how to pay it), refused, apology with the new appointment, result ready. Pure. */
#ifndef MOTCUA_NOTICE_H
#define MOTCUA_NOTICE_H

#include "core/dossier.h"
#include "util/strbuf.h"

/* notice_for appends to out the message that event ev tells the applicant of dossier code
 * (p: the projection after the event) and returns its kind ("submitted", "received",
 * "supplement", "guidance", "payment", "refused", "apology", "result"), or returns NULL and
 * appends nothing when the event tells the applicant nothing. The message is never cut: the
 * reason and every paper to supplement are in it. A payment request names ev->amount (the
 * caller puts there what is still due when the officer gave no amount; 0: none is named). */
const char *notice_for(const Event *ev, const DossierProjection *p, const char *code, StrBuf *out);

/* notice_key appends to a message the line that gives the applicant the dossier's look-up key
 * (core/lookup_key.h), with which the code opens the public look-up: "\nMã tra cứu hồ sơ:
 * K7QM-2XRD". */
void notice_key(const char *key, StrBuf *out);

#endif

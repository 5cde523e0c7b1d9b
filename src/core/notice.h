/* notice.h: which lifecycle actions tell the applicant something, and what (Vietnamese text):
 * filed online, received with the appointment, papers to supplement, refused, apology with
 * the new appointment, result ready. Pure. */
#ifndef MOTCUA_NOTICE_H
#define MOTCUA_NOTICE_H

#include "core/dossier.h"

#include <stddef.h>

/* notice_for writes the message for action a (the projection after it) into out (cap bytes)
 * and returns its kind ("submitted", "received", "supplement", "refused", "apology",
 * "result"), or NULL when the action tells the applicant nothing. reason and items (the papers
 * to supplement, comma-separated) may be NULL. */
const char *notice_for(Action a, const DossierProjection *p, const char *code, const char *reason,
                       const char *items, char *out, size_t cap);

#endif

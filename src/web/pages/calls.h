/* calls.h: the clerk's calls of the counter queue, shown on /quay (counter.c) and posted to
 * /quay/goi: the clerk chooses their counter (?quay=), calls the next ticket, recalls, marks
 * absent, transfers to another group, ends the service, or starts intake from the ticket
 * (/tiep-nhan?quay=, which links the dossier received to the ticket). */
#ifndef MOTCUA_CALLS_H
#define MOTCUA_CALLS_H

#include "util/strbuf.h"
#include "web/http.h"

/* calls_panel writes the calls section for the counter of ?quay= (a chooser when none);
 * nothing when the unit has no counters. */
int calls_panel(StrBuf *sb, Request *req);

/* calls_counter is the counter code posted or asked for (?quay= or the form's "quay") when it
 * is one of the caller's unit; NULL otherwise. */
const char *calls_counter(Request *req);

#endif

/* supplement.h: the citizen's online answer to a supplement request, part of the look-up page
 * (web/pages/lookup.c): what is missing and why (the last request's papers and reason, as
 * Mẫu 02 gave them) and, while the dossier waits for papers, the form that uploads them to
 * POST /tra-cuu/bo-sung (code and key as for the look-up; one upload slot per paper asked
 * for, and one for another paper the citizen names; web/pages/slots.h). The answer attaches
 * the files as components and records the `supplement` event by the citizen
 * (app/lookup.h: lookup_supplement), once per form token. */
#ifndef MOTCUA_SUPPLEMENT_H
#define MOTCUA_SUPPLEMENT_H

#include "app/lookup.h"
#include "util/strbuf.h"
#include "web/pages/slots.h"

/* supplement_slots prepares the upload slots of the answer to v's last supplement request:
 * one per paper asked for, and one more (the last) for a paper named in the field
 * "name-<i>". */
void supplement_slots(Request *req, const PublicView *v, SlotForm *f);

/* supplement_section appends what v still lacks and why and, while v waits for papers, the
 * form that sends them; f: the slots of a failed post (NULL: a new form), key the look-up key
 * the page was opened with. */
void supplement_section(StrBuf *sb, Request *req, const PublicView *v, const char *key,
                        const SlotForm *f);

/* supplement_post checks the posted answer to v (found with its key) and records it: 0 once
 * recorded, by this post or by an earlier post of the same form. On a failure after which the
 * citizen can try again (a 4xx), the post's files are kept for the form shown again. */
int supplement_post(Request *req, const PublicView *v, SlotForm *f);

#endif

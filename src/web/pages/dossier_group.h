/* dossier_group.h: the interconnected group's part of the officer's dossier page. */
#ifndef MOTCUA_DOSSIER_GROUP_H
#define MOTCUA_DOSSIER_GROUP_H

#include "store/store.h"
#include "util/strbuf.h"
#include "web/http.h"

/* dossier_group_render appends, for a group's parent, the group and its steps (each step's
 * dossier linked, its agency, state, deadline and standing at now), for a step the parent it
 * belongs to; nothing otherwise. Fails (req->err) only when the store cannot be read. */
int dossier_group_render(StrBuf *sb, Request *req, const Dossier *d);

#endif

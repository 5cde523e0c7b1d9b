/* devices.h: the counter devices that take citizens' ratings (a tablet by the one-stop
 * counter): an administrator registers one for a unit and gets its token once; a rating
 * posted with the token is the citizen's, for a dossier received by or now at that unit or
 * one below it (the web checks where the dossier lies). Officers never rate (the action
 * table's `rate` is the public's). A device may stand at a queue counter: it then rates the
 * tickets that counter served (web/pages/tablet.c). Writes run inside the caller's
 * transaction. */
#ifndef MOTCUA_DEVICES_H
#define MOTCUA_DEVICES_H

#include "store/store.h"

enum { DEVICE_TOKEN_MAX = 64 }; /* "mcd_" and 43 base64url characters, and a NUL */

/* devices_add registers a device called name (1-128 bytes) for unit, standing at the queue
 * counter called counter (NULL: none; unit may then be NULL, the counter's), by the
 * administrator `by` at now; out (from a) gets it and out_token its token, which only its
 * SHA-256 keeps afterwards. ERR_INVALID for a bad name, an unknown unit or a counter of
 * another unit. */
int devices_add(Store *s, Arena *a, const char *name, const char *unit, const char *counter,
                const char *by, int64_t now, Device *out, char out_token[DEVICE_TOKEN_MAX], Err *e);

/* devices_find finds the device in use whose token is token (out from a); ERR_AUTH when there
 * is none (unknown or revoked). */
int devices_find(Store *s, Arena *a, const char *token, Device *out, Err *e);

#endif

/* deliver.h: the webhook sender. A thread of the server posts due outbox items (queued in
 * the same transaction as their events) to their subscriptions, signed with HMAC-SHA256 of
 * the body (X-Motcua-Signature: sha256=HEX) and naming the dossier (X-Motcua-Dossier); a
 * failed attempt is retried with exponential back-off from retry_base seconds up to an hour,
 * twelve times. Nothing here touches a request: a receiver that is down never slows intake. */
#ifndef MOTCUA_DELIVER_H
#define MOTCUA_DELIVER_H

#include "web/writer.h"

typedef struct Deliverer Deliverer;

/* deliver_start starts the sender on its own read connection to db; results are written
 * through w. */
int deliver_start(const char *db, Writer *w, int retry_base, Deliverer **out, Err *e);

/* deliver_stop stops the sender (an attempt in flight finishes first). */
void deliver_stop(Deliverer *d);

#endif

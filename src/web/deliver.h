/* deliver.h: the senders. A thread of the server posts due webhook outbox items (queued in
 * the same transaction as their events) to their subscriptions, signed with HMAC-SHA256 of
 * the body (X-Motcua-Signature: sha256=HEX) and naming the dossier (X-Motcua-Dossier), and
 * hands each due message to an applicant to the notify command (an SMS, e-mail or Zalo
 * gateway: `sh -c CMD` with the message JSON on stdin; exit 0 means sent), and posts each
 * step of an interconnected group to its agency, signed with Ed25519 (app/agencies.h; never
 * given up: hourly at most once the back-off is long). A failed attempt
 * is retried with exponential back-off from retry_base seconds up to an hour, twelve times.
 * Nothing here touches a request: a receiver that is down never slows intake. The same thread
 * runs the store's upkeep: the retention sweep once a minute, and the units' signed
 * checkpoints (app/checkpoint.h) every checkpoint_every seconds (0: never). */
#ifndef MOTCUA_DELIVER_H
#define MOTCUA_DELIVER_H

#include "util/netaddr.h"
#include "web/writer.h"

typedef struct Deliverer Deliverer;

/* deliver_start starts the senders on their own read connection to db (its documents' folder
 * files, where pending uploads expire); results are written through w. notify_cmd may be NULL:
 * messages then wait in the outbox. Webhooks reach public addresses only, and those of
 * webhook_allow (copied; may be NULL). Every checkpoint_every seconds (0: never) each unit's
 * chain heads are signed. With portal_url, the national portal's calls (app/portal.h) go to
 * it, in the session portal_credentials ("user:password", may be NULL) obtains; without, they
 * wait in their outbox. */
int deliver_start(const char *db, const char *files, Writer *w, int retry_base,
                  const char *notify_cmd, const NetList *webhook_allow, unsigned checkpoint_every,
                  const char *portal_url, const char *portal_credentials, Deliverer **out, Err *e);

/* deliver_stop stops the sender (an attempt in flight finishes first). */
void deliver_stop(Deliverer *d);

#endif

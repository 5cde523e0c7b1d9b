/* agencies.h: the agencies an interconnected group's steps go to (app/chains.h) and the
 * signed messages between them and motcua, X-Road style: every message in and out is signed
 * with Ed25519 (an agency's key registered here; this node's own key pair, made once), names
 * the dossier it is about and the hash of the message it answers, and is kept in one
 * append-only log chained by hash, which verify checks. Writes run inside the caller's write
 * transaction; the caller passes the current time. */
#ifndef MOTCUA_AGENCIES_H
#define MOTCUA_AGENCIES_H

#include "app/dossiers.h"
#include "util/secret.h"

/* agencies_key writes this node's public key, making the key pair on the first call. */
int agencies_key(Store *s, int64_t now, unsigned char pk[32], Err *e);

/* agencies_add registers (or replaces) the agency of kind (core/chain.h agency_kind_known) at url
 * (http:// or https://, at most 500 bytes) whose messages public_key_b64 (standard base64 of
 * 32 bytes) signs. ERR_INVALID naming the field otherwise. */
int agencies_add(Store *s, const char *kind, const char *url, const char *public_key_b64,
                 int64_t now, Err *e);

/* What motcua answers a message: its signed receipt (the body and its base64 signature), and
 * whether the message had been taken before (the first receipt, again). */
typedef struct AgencyReply {
    const char *body;
    char signature[SECRET_B64_MAX];
    bool replayed;
} AgencyReply;

/* agencies_check_signature: the agency of kind is registered and signature_b64 is its key's
 * signature of body[0..len); ERR_AUTH otherwise. On any connection: the web checks it before a
 * message reaches the writer. */
int agencies_check_signature(Store *s, Arena *a, const char *kind, const char *body, size_t len,
                             const char *signature_b64, Err *e);

/* agencies_receive takes the message body[0..len) that the agency of kind sent with
 * signature_b64: ERR_AUTH when the agency is unknown or the signature is not its key's over
 * exactly these bytes (nothing is recorded); ERR_INVALID for a body that is not
 * {"id", "agency" (= kind), "dossier", "type": "ack"|"result", "outcome" and "reason" (a
 * result), "answers" (optional hex SHA-256)}; ERR_FORBIDDEN when the dossier is not a step of
 * a group that goes to this agency. An acknowledgement is logged; a result resolves the step
 * (as the agency, through the lifecycle and the group's rules, app/chains.h). The message and
 * motcua's signed receipt (naming the message's hash) enter the log. A message id taken
 * before gets its first receipt again and changes nothing; the same id with other bytes is
 * ERR_CONFLICT. out's strings are from a. */
int agencies_receive(Store *s, Arena *a, const char *kind, const char *body, size_t len,
                     const char *signature_b64, int64_t now, AgencyReply *out, Err *e);

/* agencies_send_step queues step (a child of parent) for its agency when one is registered
 * for its kind (else the step is worked here and nothing is queued): a message {"id",
 * "type": "step", "agency", "dossier", "parent", "procedure", "applicant", "components",
 * "due_at", "at"} signed with this node's key enters the log and the outbox, from which the
 * sender (web/deliver.c) posts it until the agency's endpoint takes it. */
int agencies_send_step(Store *s, Arena *a, const Dossier *step, const Dossier *parent, int64_t now,
                       Err *e);

/* agencies_messages lists the log's messages about dossier code, in order, from a. */
int agencies_messages(Store *s, Arena *a, const char *code, AgencyMessage **out, size_t *out_n,
                      Err *e);

/* agencies_verify checks the whole log: each row's hash and its link to the row before, and
 * each signature (a message in by its agency's key, out by this node's). Each problem goes to
 * report; *out_problems counts them. */
int agencies_verify(Store *s, void (*report)(void *ctx, const char *problem), void *ctx,
                    long *out_problems, Err *e);

#endif

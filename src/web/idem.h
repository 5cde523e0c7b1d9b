/* idem.h: first answers kept for retries, two ways in. Idempotency-Key for the API's writes
 * (docs/INTERFACES.md): a retry with the same key, by the same caller, of the same request gets
 * the first answer and changes nothing; the same key for a different request is a 422. And a
 * page form's one-time token (made when the form is shown): every post of the form with it is
 * the same request, so that F5 or a double click files once and gets the first answer. The
 * answer is stored in the write's transaction. */
#ifndef MOTCUA_IDEM_H
#define MOTCUA_IDEM_H

#include "store/store.h"
#include "web/http.h"

#include <jansson.h>

typedef struct Idem {
    const char *key, *principal; /* key NULL: no Idempotency-Key, nothing is kept */
    unsigned char request[32];   /* sha256 of the request: method, path, body, upload */
    int replayed, status;        /* filled by idem_check on a retry */
    const char *body;
} Idem;

/* idem_begin reads the optional Idempotency-Key header (1-128 printable ASCII) and hashes the
 * request: method, path and body, or for an upload its fields and its file's SHA-256. */
int idem_begin(Request *req, Idem *im);

/* idem_begin_form starts the same for the one-time token of a page form (its validity is the
 * caller's to check): the key is the token, the caller "public", and the request the form's
 * method and path, whatever the post holds. */
void idem_begin_form(Request *req, Idem *im, const char *token);

/* idem_check, inside the writer (or before it, on any connection, to answer a retry at once): a
 * stored answer for this key is to be replayed (replayed set, status and body filled). */
int idem_check(Store *s, Arena *a, Idem *im, Err *e);

/* idem_store, inside the writer after the write: renders the answer o (taken) into *body
 * (from req's arena) and keeps it with status for retries. */
int idem_store(Store *s, Request *req, Idem *im, int status, json_t *o, const char **body, Err *e);

/* idem_respond answers with the replayed answer, or else with status and body (JSON). */
void idem_respond(const Idem *im, Response *res, int status, const char *body);

#endif

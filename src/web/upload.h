/* upload.h: a multipart/form-data body parsed as it arrives (routes with ROUTE_UPLOAD). The
 * part named "file" is streamed to a temporary file in <db>.files/tmp/ and becomes
 * Request.upload (size, SHA-256, first bytes); every other part is a small text field and
 * becomes the request's form fields. The first error found (an HTTP status with its
 * messages) stops the parser; the rest of the body is read and dropped, up to a bound, so
 * that the server can still answer it.
 *
 * server.c feeds it the body; it uses web/http.h and libmicrohttpd's multipart parser and
 * knows nothing of the daemon. */
#ifndef MOTCUA_UPLOAD_H
#define MOTCUA_UPLOAD_H

#include "web/http.h"

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;
struct MHD_PostProcessor;

enum {
    UPLOAD_MAX_FILE = 20 * 1024 * 1024, /* one document */
    /* an online filing without login: its files together (one request carries them all) */
    UPLOAD_MAX_ANONYMOUS = 10 * 1024 * 1024,
    UPLOAD_FRAMING = 64 * 1024, /* multipart boundaries, headers and small fields */
    UPLOAD_MAX_FIELD = 4096,    /* each text part */
    UPLOAD_MAX_FIELDS = 16,
    /* the largest Content-Length an upload route takes */
    UPLOAD_MAX_BODY = UPLOAD_MAX_FILE + UPLOAD_FRAMING
};

/* One upload in progress; it lives in the server's per-request context. */
typedef struct UploadStream {
    Request *req;
    struct MHD_PostProcessor *pp;
    int fd; /* the temporary file (req->upload.path), -1 when not open */
    crypto_hash_sha256_state sha;
    uint64_t received;   /* body bytes so far */
    uint64_t max_file;   /* the bytes a file may have (UPLOAD_MAX_FILE unless set lower) */
    int status;          /* the first error found (an HTTP status), 0 while there is none */
    const char *vi, *en; /* its messages (literals) */
    size_t n_fields;
    const char *field_keys[UPLOAD_MAX_FIELDS];
    char *field_values[UPLOAD_MAX_FIELDS];
    size_t field_lens[UPLOAD_MAX_FIELDS];
} UploadStream;

/* upload_init prepares u for the body of req (nothing open yet), whose file may have max_file
 * bytes (at most UPLOAD_MAX_FILE). */
void upload_init(UploadStream *u, Request *req, uint64_t max_file);

/* upload_begin checks that the body of connection c is multipart/form-data and starts its
 * parser: 0, or an HTTP status to answer at once (415) with u->vi/u->en set. */
int upload_begin(UploadStream *u, struct MHD_Connection *c);

/* upload_feed passes the next size bytes of the body to the parser. After an error the
 * temporary file goes at once and the body is dropped: 0 while reading may go on, -1 once
 * more than a bound past the largest file has come and the connection should close. */
int upload_feed(UploadStream *u, const char *data, size_t size);

/* upload_finish completes the body: the file's digest, the text parts as the request's
 * form fields (valid UTF-8, NFC, in the arena). 0, or an HTTP status with u->vi/u->en set
 * and the temporary file removed. */
int upload_finish(UploadStream *u);

/* upload_cleanup stops the parser and removes the temporary file unless the handler moved
 * it (Upload.moved); it may be called again. */
void upload_cleanup(UploadStream *u);

#endif

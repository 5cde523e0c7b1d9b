/* upload.h: a multipart/form-data body parsed as it arrives (routes with ROUTE_UPLOAD). Each
 * file part (named "file", or "file-" and anything: "file-0", "file-1", ..., one per paper of
 * a form) is streamed to its own temporary file in <db>.files/tmp/ and becomes one of
 * Request.uploads (its part's name, size, SHA-256, first bytes); every other part is a small
 * text field and becomes one of the request's form fields. The limits below are the one place
 * that bounds an upload: per file, per request (all files together), the number of parts, and
 * the largest body the server reads. The first error found (an HTTP status with its messages)
 * stops the parser; the rest of the body is read and dropped, up to a bound, so that the
 * server can still answer it.
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
    UPLOAD_MAX_FILE = 20 * 1024 * 1024,  /* one document */
    UPLOAD_MAX_FILES = 20,               /* files (non-empty file parts) in one request */
    UPLOAD_MAX_PARTS = 64,               /* file parts, empty ones too: one per file input */
    UPLOAD_MAX_TOTAL = 50 * 1024 * 1024, /* all the files of one request together */
    /* the files of a post without login (an online filing, a supplement answered online),
     * together */
    UPLOAD_MAX_ANONYMOUS = 10 * 1024 * 1024,
    UPLOAD_FRAMING = 64 * 1024, /* multipart boundaries, headers and small fields */
    UPLOAD_MAX_FIELD = 4096,    /* each text part */
    UPLOAD_MAX_FIELDS = 64,     /* text parts in one request */
    /* the largest Content-Length an upload route takes */
    UPLOAD_MAX_BODY = UPLOAD_MAX_TOTAL + UPLOAD_FRAMING
};

/* One upload in progress; it lives in the server's per-request context. */
typedef struct UploadStream {
    Request *req;
    struct MHD_PostProcessor *pp;
    int fd;      /* the temporary file of the file part being received, -1 when none is open */
    Upload *cur; /* that part (the last of req->uploads), NULL when the last part was a field */
    crypto_hash_sha256_state sha; /* of cur */
    uint64_t received;            /* body bytes so far */
    uint64_t file_bytes;          /* bytes of every file part so far */
    uint64_t max_total;           /* the bytes the files may have together */
    size_t n_files;               /* file parts with bytes so far */
    int status;          /* the first error found (an HTTP status), 0 while there is none */
    const char *vi, *en; /* its messages (literals) */
    size_t n_fields;
    const char *field_keys[UPLOAD_MAX_FIELDS];
    char *field_values[UPLOAD_MAX_FIELDS];
    size_t field_lens[UPLOAD_MAX_FIELDS];
} UploadStream;

/* upload_init prepares u for the body of req (nothing open yet), whose files may have
 * max_total bytes together (at most UPLOAD_MAX_TOTAL), each at most UPLOAD_MAX_FILE. */
void upload_init(UploadStream *u, Request *req, uint64_t max_total);

/* upload_begin checks that the body of connection c is multipart/form-data and starts its
 * parser: 0, or an HTTP status to answer at once (415) with u->vi/u->en set. */
int upload_begin(UploadStream *u, struct MHD_Connection *c);

/* upload_feed passes the next size bytes of the body to the parser. After an error the
 * temporary files go at once and the body is dropped: 0 while reading may go on, -1 once
 * more than a bound past the largest body has come and the connection should close. */
int upload_feed(UploadStream *u, const char *data, size_t size);

/* upload_finish completes the body: each file's digest, the text parts as the request's form
 * fields (valid UTF-8, NFC, in the arena). 0, or an HTTP status with u->vi/u->en set and the
 * temporary files removed. */
int upload_finish(UploadStream *u);

/* upload_cleanup stops the parser and removes every temporary file the handler did not move
 * away (Upload.moved); it may be called again. */
void upload_cleanup(UploadStream *u);

#endif

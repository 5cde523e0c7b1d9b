/* http.h: what a handler sees of a request and gives back as a response, independent of
 * libmicrohttpd (http.c implements it; server.c adapts the daemon). A Request owns one Arena:
 * handlers allocate from it and never free. Handlers return 0 after filling the Response, or
 * a negative ERR_* with req->err filled; the server renders errors through http_status and
 * res_error, the one map of ERR_* codes to HTTP statuses and error names.
 *
 * Dependencies point one way in web/: pages and api -> layout, auth, form, actions -> http;
 * the daemon (server.c) -> routes (which names the pages), upload, auth -> http -> writer.
 * Nothing here knows the daemon or a page. */
#ifndef MOTCUA_HTTP_H
#define MOTCUA_HTTP_H

#include "core/access.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/netaddr.h"
#include "web/writer.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* What the server lends every request (http_env.h); reached through the req_* calls. */
typedef struct HttpEnv HttpEnv;

enum { HTTP_MAX_PARAMS = 4, HTTP_MAX_HEADERS = 8 };

/* The authenticated caller; role ROLE_NONE for the public. */
typedef struct Principal {
    Role role;
    int64_t user_id; /* 0 for API tokens and the public */
    const char *name, *unit;
    const char *csrf; /* the session's CSRF token (cookie sessions only) */
    int via_session;  /* 1: cookie session (CSRF applies); 0: bearer token or none */
    unsigned char session_hash[32];
} Principal;

/* A file streamed to disk from a multipart/form-data body (routes with ROUTE_UPLOAD): one file
 * part (web/upload.h names which parts are files). The file at path is removed when the
 * request completes unless the handler moved it away and set moved. */
typedef struct Upload {
    const char *field;    /* the part's name: "file", "file-0", ... */
    const char *path;     /* the temporary file; NULL while the part is empty */
    const char *filename; /* the client's name for it (may be NULL); never trusted */
    uint64_t size;
    char sha256[65]; /* lower-case hex */
    unsigned char head[16];
    size_t head_len; /* bytes of head filled: min(size, 16) */
    int moved;
} Upload;

typedef struct Request {
    Arena *arena;
    HttpEnv *env;
    void *conn; /* the libmicrohttpd connection, for header and query look-ups */
    const char *method, *path, *client_ip;
    const char *body;
    size_t body_len;
    const char *params[HTTP_MAX_PARAMS]; /* path parameters from the route pattern */
    int n_params;
    Principal who;
    Err err;
    int64_t retry_after; /* seconds, sent as Retry-After with a 429 */
    /* a parsed form body (web/form.c) */
    int form_parsed;
    const char **form_keys, **form_values;
    size_t n_form;
    /* ROUTE_UPLOAD routes: the file parts in body order; the text parts are the form fields
     * above */
    Upload *uploads;
    size_t n_uploads;
} Request;

typedef struct Response {
    int status;
    const char *content_type;
    char *body; /* malloc'd; server.c frees it */
    size_t len;
    int n_headers;
    const char *header_names[HTTP_MAX_HEADERS], *header_values[HTTP_MAX_HEADERS];
    int has_file; /* answer with file_size bytes read from file_fd instead of body */
    int file_fd;
    uint64_t file_size;
} Response;

typedef int (*Handler)(Request *req, Response *res);

/* req_query returns the value of query argument name, or NULL. */
const char *req_query(Request *req, const char *name);

/* req_query_int reads query argument name as a whole number within [min, max] into *out
 * (left as it is when the argument is absent); ERR_INVALID (400) naming it otherwise. */
int req_query_int(Request *req, const char *name, int64_t min, int64_t max, int64_t *out);

/* req_query_text returns the request's query arguments as "name=value&..." (decoded, at most
 * 500 bytes, cut at a character), or NULL when there are none; from the arena. */
const char *req_query_text(Request *req);

/* req_header returns the value of request header name, or NULL. */
const char *req_header(Request *req, const char *name);

/* req_upload returns the uploaded file of the part called field (ROUTE_UPLOAD), or NULL when
 * the body had none. */
Upload *req_upload(Request *req, const char *field);

/* req_cookie returns the value of cookie name, or NULL. */
const char *req_cookie(Request *req, const char *name);

/* http_status is the HTTP status of an ERR_* code (500 for any other): the one map from
 * ERR_* codes to statuses, which pages that show a failed form again use too. */
int http_status(int code);

/* res_error sets the JSON error of docs/INTERFACES.md answered with status: {"error": {"code",
 * "message", "message_en", "field"}}, code being status's name ("not_found", ...) and the
 * rest taken from e. */
void res_error(Response *res, int status, const Err *e);

/* res_header adds a response header (name and value must outlive the request: literals or
 * strings from req->arena). */
void res_header(Response *res, const char *name, const char *value);

/* req_store returns this worker thread's read connection; NULL (req->err filled with
 * ERR_UNAVAILABLE) when the store cannot be opened. */
Store *req_store(Request *req);

/* req_write runs fn (web/writer.h) in one durable transaction through the single writer
 * (docs/ARCHITECTURE.md §5) and returns its result; on failure nothing fn did remains. */
int req_write(Request *req, WriteFn fn, void *ctx);

/* req_json parses the request body as a JSON object (duplicate keys rejected); the result
 * is owned by the caller. Fails with ERR_MEDIA_TYPE (415) unless the body comes as
 * Content-Type: application/json, and ERR_INVALID (400) with a message naming the column. */
int req_json(Request *req, json_t **out);

/* res_json sets a JSON response: status and the compact UTF-8 rendering of o, whose
 * reference it takes. */
void res_json(Response *res, int status, json_t *o);

/* res_text sets a response of the given content type with a copy of text. */
void res_text(Response *res, int status, const char *content_type, const char *text, size_t len);

/* res_file answers status with the size bytes of the open file fd, whose ownership passes to
 * the response (server.c closes it once sent). */
void res_file(Response *res, int status, const char *content_type, int fd, uint64_t size);

/* req_files_dir returns the folder of the content-addressed document store (serve --files;
 * by default "<db>.files" beside a file store). */
const char *req_files_dir(Request *req);

/* req_signing_key reads the server's signing key ("<db>.signkey", app/signing.h) into *out
 * (arena), making it first with create; ERR_NOT_FOUND in e when there is none (no certificate
 * was ever imported). */
int req_signing_key(Request *req, int create, const char **out, Err *e);

/* The counters a handler may consult: failures (login guessing, look-up enumeration) and the
 * public's rates per address (web/limits.h). */
typedef enum ThrottleKind {
    THROTTLE_LOGIN_USER = 0, /* failed logins of a name from an address */
    THROTTLE_LOGIN_IP,       /* failed logins from an address */
    THROTTLE_LOOKUP_IP,      /* failed look-ups from an address */
    THROTTLE_FILING_IP,      /* online filings from an address (NULL: no limit) */
    THROTTLE_LOOKUP_RATE_IP, /* look-ups from an address (NULL: no limit) */
    THROTTLE_COUNT
} ThrottleKind;

struct Throttle;

/* req_throttle returns the server's counter of the given kind (NULL for a rate the operator
 * turned off). */
struct Throttle *req_throttle(Request *req, ThrottleKind kind);

/* req_now returns the current time in UTC seconds. */
int64_t req_now(Request *req);

/* res_redirect answers 303 See Other to location (a path of this site, from the arena). */
void res_redirect(Response *res, const char *location);

/* req_payment_secret is the key payment gateways sign their callbacks with (HMAC-SHA256);
 * req_test_gateway says whether the bundled test gateway is on (serve --test-gateway). */
const char *req_payment_secret(Request *req);
int req_test_gateway(Request *req);

/* req_max_pending_online is how many online filings not yet received the store takes (0: no
 * limit). */
int64_t req_max_pending_online(Request *req);

/* req_webhook_allow: the internal addresses a webhook may reach all the same (serve
 * --webhook-allow: a local relay). */
const NetList *req_webhook_allow(Request *req);

/* req_portal: the national portal's URL (serve --portal-url; NULL: none) and credentials
 * (may be NULL), for the reconciliation page. */
const char *req_portal(Request *req, const char **credentials);

/* req_metrics_allowed: the client's address is one the operator lets read /metrics without a
 * token (serve --metrics-allow). */
int req_metrics_allowed(Request *req);

/* req_fail fills req->err and returns code, for `return req_fail(req, ERR_..., ...)`. */
int req_fail(Request *req, int code, const char *field, const char *vi, const char *en);

#endif

/* server.c: the libmicrohttpd adapter (see server.h). Each request gets a context holding
 * its arena and body; the access handler collects the body (two-phase, so keep-alive
 * survives), then dispatches through the router, identifies the caller, checks CSRF and
 * calls the handler. The completion callback records metrics, writes the access-log line
 * and frees the context. Errors are rendered as JSON here and nowhere else. */
#include "web/server.h"

#include "core/vntext.h"
#include "app/jsonv.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/escape.h"
#include "util/secret.h"
#include "web/auth.h"
#include "web/pages/layout.h"
#include "web/metrics.h"
#include "web/router.h"
#include "web/throttle.h"
#include "web/deliver.h"
#include "web/pool.h"
#include "web/writer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    DEFAULT_MAX_BODY = 1024 * 1024,
    DEFAULT_TIMEOUT_S = 30,
    MAX_URL = 2048,
    CONNECTION_MEMORY = 64 * 1024, /* request line + headers must fit */
    MAX_CONNECTIONS = 4096,
    UPLOAD_MAX_FILE = 20 * 1024 * 1024, /* one document */
    UPLOAD_FRAMING = 64 * 1024,         /* multipart boundaries, headers and small fields */
    UPLOAD_DISCARD = 4 * 1024 * 1024,   /* read past an error before closing the connection */
    UPLOAD_MAX_FIELD = 4096,            /* each text part */
    UPLOAD_MAX_FIELDS = 16,
    /* threads that run the requests that may write (pool.h): each waits while the writer
     * commits, so this many writes at most share one group commit */
    WRITE_POOL = 64
};

struct Server {
    struct MHD_Daemon *daemon;
    _Atomic int in_flight; /* requests begun and not completed (idle keep-alives do not count) */
    /* connections suspended for the write pool and not yet back (libmicrohttpd must not stop
     * while there are any), and the flag that stops new ones at shutdown */
    _Atomic int suspended, stopping;
    char *db;
    size_t max_body;
    unsigned port;
    Writer *writer;
    Pool *write_pool;
    Deliverer *deliverer;
    char payment_secret[128];
    int test_gateway;
    pthread_key_t reader_key;
    Throttle *throttles[THROTTLE_COUNT];
};

typedef struct Ctx {
    Request req;
    StrBuf body;
    struct timespec start;
    size_t route;
    int status;
    int answered; /* a response is queued already (early 413) */
    /* an unsafe method runs in the write pool while the connection is suspended; the pool
     * fills res, sets done and resumes the connection, whose next call queues res */
    int in_pool;    /* 1 while counted in Server.suspended, 2 once back */
    int identified; /* req.who is known already (an API upload, before its body) */
    _Atomic int done;
    Response res;
    size_t bytes_out;
    /* ROUTE_UPLOAD: the multipart body, parsed as it arrives; the file part goes to fd */
    int upload;
    int upload_html;   /* the upload route is a page: its errors are pages too */
    uint64_t received; /* body bytes so far */
    struct MHD_PostProcessor *pp;
    int fd; /* the temporary file (Request.upload.path), -1 when not open */
    crypto_hash_sha256_state sha;
    int up_status; /* an error found while streaming (HTTP status), answered at once */
    const char *up_vi, *up_en;
    size_t n_fields;
    const char *field_keys[UPLOAD_MAX_FIELDS];
    char *field_values[UPLOAD_MAX_FIELDS];
    size_t field_lens[UPLOAD_MAX_FIELDS];
} Ctx;

static double elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* ---- what handlers call (http.h) ---- */

const char *req_query(Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

int req_query_int(Request *req, const char *name, int64_t min, int64_t max, int64_t *out)
{
    const char *v = req_query(req, name);
    if (!v)
        return 0;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || *v == '\0' || *end || n < min || n > max) {
        char vi[200], en[200];
        snprintf(vi, sizeof vi, "Tham số %s phải là số nguyên từ %lld đến %lld", name,
                 (long long)min, (long long)max);
        snprintf(en, sizeof en, "%s must be a whole number from %lld to %lld", name, (long long)min,
                 (long long)max);
        return req_fail(req, ERR_INVALID, name, vi, en);
    }
    *out = n;
    return 0;
}

const char *req_header(Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(Request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

void res_header(Response *res, const char *name, const char *value)
{
    if (res->n_headers < HTTP_MAX_HEADERS) {
        res->header_names[res->n_headers] = name;
        res->header_values[res->n_headers] = value;
        res->n_headers++;
    }
}

static void reader_close(void *p)
{
    store_close(p);
}

Store *req_store(Request *req)
{
    Server *srv = req->server;
    Store *s = pthread_getspecific(srv->reader_key);
    if (!s) {
        Err e;
        if (store_open(srv->db, STORE_READER, &s, &e) < 0) {
            LOG_ERROR("cannot open read connection: %s", e.message_en);
            req_fail(req, ERR_UNAVAILABLE, "", "Hệ thống lưu trữ tạm thời không sẵn sàng",
                     "storage unavailable");
            return NULL;
        }
        pthread_setspecific(srv->reader_key, s);
    }
    return s;
}

int req_write(Request *req, WriteFn fn, void *ctx)
{
    return writer_run(req->server->writer, fn, ctx, &req->err);
}

const char *req_files_dir(Request *req)
{
    return arena_printf(req->arena, "%s.files", req->server->db);
}

void res_file(Response *res, int status, const char *content_type, int fd, uint64_t size)
{
    free(res->body);
    res->body = NULL;
    res->len = 0;
    res->status = status;
    res->content_type = content_type;
    res->has_file = 1;
    res->file_fd = fd;
    res->file_size = size;
}

const char *req_payment_secret(Request *req)
{
    return req->server->payment_secret;
}

int req_test_gateway(Request *req)
{
    return req->server->test_gateway;
}

int req_fail(Request *req, int code, const char *field, const char *vi, const char *en)
{
    return err_set(&req->err, code, field, vi, en);
}

struct Throttle *req_throttle(Request *req, ThrottleKind kind)
{
    return req->server->throttles[kind];
}

int64_t req_now(Request *req)
{
    (void)req;
    return (int64_t)time(NULL);
}

int req_json(Request *req, json_t **out)
{
    if (!req->body_len)
        return req_fail(req, ERR_INVALID, "", "Thiếu nội dung yêu cầu (JSON)",
                        "request body (JSON) is missing");
    json_t *o;
    int rc = jsonv_parse(req->body, req->body_len, &o, &req->err);
    if (rc < 0)
        return rc;
    if (!json_is_object(o)) {
        json_decref(o);
        return req_fail(req, ERR_INVALID, "", "Nội dung yêu cầu phải là một đối tượng JSON",
                        "request body must be a JSON object");
    }
    *out = o;
    return 0;
}

void res_text(Response *res, int status, const char *content_type, const char *text, size_t len)
{
    free(res->body);
    res->body = malloc(len + 1);
    if (!res->body)
        abort();
    memcpy(res->body, text, len);
    res->body[len] = '\0';
    res->len = len;
    res->status = status;
    res->content_type = content_type;
}

void res_redirect(Response *res, const char *location)
{
    res_text(res, 303, "text/plain; charset=utf-8", "", 0);
    res_header(res, "Location", location);
}

void res_json(Response *res, int status, json_t *o)
{
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(o);
    if (!text)
        abort();
    free(res->body);
    res->body = text;
    res->len = strlen(text);
    res->status = status;
    res->content_type = "application/json; charset=utf-8";
}

/* ---- errors ---- */

int http_status(int code)
{
    switch (code) {
    case ERR_INVALID: return 400;
    case ERR_AUTH: return 401;
    case ERR_FORBIDDEN: return 403;
    case ERR_NOT_FOUND: return 404;
    case ERR_CONFLICT: return 409;
    case ERR_TOO_LARGE: return 413;
    case ERR_SEMANTIC: return 422;
    case ERR_THROTTLED: return 429;
    case ERR_MEDIA_TYPE: return 415;
    case ERR_UNAVAILABLE: return 503;
    default: return 500;
    }
}

static const char *code_name(int status)
{
    switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 422: return "unprocessable";
    case 429: return "too_many_requests";
    case 503: return "unavailable";
    default: return "internal";
    }
}

static void render_error(Response *res, int status, const Err *e)
{
    json_t *err = json_object();
    json_object_set_new(err, "code", json_string(code_name(status)));
    json_object_set_new(err, "message", json_string(e->message[0] ? e->message : "Lỗi"));
    json_object_set_new(err, "message_en", json_string(e->message_en[0] ? e->message_en : "error"));
    json_object_set_new(err, "field", json_string(e->field)); /* "" when no field is at fault */
    res_json(res, status, json_pack("{s:o}", "error", err));
}

/* fail_at answers an error found before any handler: an error page where a person browses
 * (anything outside /api/ and the operations endpoints), else the JSON error. */
static void fail_at(Request *req, Response *res, int status, const char *vi, const char *en)
{
    err_set(&req->err, ERR_INVALID, "", vi, en);
    const char *p = req->path ? req->path : "";
    if (strncmp(p, "/api/", 5) == 0 || strcmp(p, "/metrics") == 0 || strcmp(p, "/healthz") == 0)
        render_error(res, status, &req->err);
    else
        page_error_page(req, res, status);
}

/* ---- dispatch ---- */

/* unescape decodes %HH in the path and in query names and values as libmicrohttpd does, but
 * turns a decoded NUL into the byte 0xFF, never valid UTF-8: "/thu-tuc/1.004873%00abc" or
 * "q=Nguy%00 OR 1=1" then fail the UTF-8 check with 400 instead of ending, unseen, at the
 * NUL as C strings do. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    size_t n = MHD_http_unescape(s);
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0')
            s[i] = (char)0xFF;
    return n;
}

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    int *bad = cls;
    if (!vntext_valid_utf8(key, strlen(key)) ||
        (value && !vntext_valid_utf8(value, strlen(value)))) {
        *bad = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

static int unsafe_method(const char *m)
{
    return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0;
}

static void dispatch(Ctx *x, Response *res)
{
    Request *req = &x->req;
    int bad = 0;
    if (!vntext_valid_utf8(req->path, strlen(req->path)))
        bad = 1;
    else
        MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, check_arg, &bad);
    if (bad) {
        fail_at(req, res, 400, "Địa chỉ yêu cầu chứa ký tự không hợp lệ (không phải UTF-8)",
                "the request URL is not valid UTF-8");
        return;
    }
    RouteResult rr = router_match(routes, n_routes, req->method, req->path, req->arena, req->params,
                                  &req->n_params, &x->route);
    if (rr == ROUTE_NO_PATH) {
        fail_at(req, res, 404, "Không tìm thấy địa chỉ này", "no such resource");
        return;
    }
    if (rr == ROUTE_NO_METHOD) {
        fail_at(req, res, 405, "Phương thức không được hỗ trợ cho địa chỉ này",
                "method not allowed for this resource");
        return;
    }
    /* Fetch Metadata: a browser says when another site makes it post here. The public forms
     * (login, online filing, rating) have no session for a CSRF token to belong to; this
     * keeps another site from logging a browser in or filing in its name. Programs send no
     * such header. */
    const char *site = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if (unsafe_method(req->method) && site && strcmp(site, "cross-site") == 0) {
        fail_at(req, res, 403, "Yêu cầu gửi từ một trang web khác bị từ chối",
                "a request sent from another site is refused");
        return;
    }
    const Route *route = &routes[x->route];
    int rc = x->identified ? 0 : auth_identify(req);
    if (rc == 0 && req->who.via_session && unsafe_method(req->method) &&
        !(route->flags & ROUTE_NO_CSRF))
        rc = auth_check_csrf(req);
    if (rc == 0)
        rc = route->handler(req, res);
    if (rc < 0 && (route->flags & ROUTE_HTML)) {
        free(res->body);
        memset(res, 0, sizeof *res);
        if (rc == ERR_AUTH && strcmp(req->method, "GET") == 0) {
            StrBuf to;
            sb_init(&to, 4096);
            sb_puts(&to, "/dang-nhap?next=");
            esc_url(&to, req->path);
            res_redirect(res, arena_strdup(req->arena, to.data ? to.data : "/dang-nhap"));
            sb_free(&to);
        } else {
            page_error_page(req, res, http_status(rc));
        }
        return;
    }
    if (rc < 0) {
        render_error(res, http_status(rc), &req->err);
        if (req->retry_after > 0)
            res_header(res, "Retry-After",
                       arena_printf(req->arena, "%lld", (long long)req->retry_after));
    }
}

static enum MHD_Result queue(struct MHD_Connection *c, Ctx *x, Response *res)
{
    struct MHD_Response *r;
    if (res->has_file) {
        r = MHD_create_response_from_fd((size_t)res->file_size, res->file_fd);
        if (!r) {
            close(res->file_fd);
            return MHD_NO;
        }
        res->len = (size_t)res->file_size;
    } else {
        if (!res->body)
            res_text(res, res->status ? res->status : 204, "text/plain; charset=utf-8", "", 0);
        r = MHD_create_response_from_buffer(res->len, res->body, MHD_RESPMEM_MUST_FREE);
        if (!r) {
            free(res->body);
            return MHD_NO;
        }
        res->body = NULL;
    }
    MHD_add_response_header(r, "Content-Type", res->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    Server *srv = x->req.server;
    if (atomic_load(&srv->stopping)) /* no next request on this connection: shutdown ends */
        MHD_add_response_header(r, "Connection", "close");
    int cache_set = 0;
    for (int i = 0; i < res->n_headers; i++) {
        MHD_add_response_header(r, res->header_names[i], res->header_values[i]);
        cache_set |= strcmp(res->header_names[i], "Cache-Control") == 0;
    }
    if (!cache_set)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    x->status = res->status;
    x->bytes_out = res->len;
    x->answered = 1;
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ok;
}

static const char *client_ip(struct MHD_Connection *c, Arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "-";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                      sizeof buf);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                      sizeof buf);
    }
    return arena_strdup(a, buf);
}

/* ---- uploads (ROUTE_UPLOAD) ---- */

/* upload_fail records the first error found while streaming and stops the parser. */
static enum MHD_Result upload_fail(Ctx *x, int status, const char *vi, const char *en)
{
    if (!x->up_status) {
        x->up_status = status;
        x->up_vi = vi;
        x->up_en = en;
    }
    return MHD_NO;
}

/* upload_open creates the temporary file in <db>.files/tmp/. */
static int upload_open(Ctx *x)
{
    Arena *a = x->req.arena;
    const char *dir = req_files_dir(&x->req);
    const char *tmp = arena_printf(a, "%s/tmp", dir);
    char *path = arena_printf(a, "%s/upload-XXXXXX", tmp);
    if ((mkdir(dir, 0700) < 0 && errno != EEXIST) || (mkdir(tmp, 0700) < 0 && errno != EEXIST))
        return -1;
    x->fd = mkstemp(path);
    if (x->fd < 0)
        return -1;
    x->req.upload.path = path;
    crypto_hash_sha256_init(&x->sha);
    return 0;
}

static enum MHD_Result upload_file_data(Ctx *x, const char *filename, const char *data,
                                        uint64_t off, size_t size)
{
    Upload *u = &x->req.upload;
    if (off != u->size)
        return upload_fail(x, 400, "Mỗi lần chỉ gửi một tệp (trường file)",
                           "send one file (the part named file) per request");
    if (!u->path && upload_open(x) < 0) {
        LOG_ERROR("cannot create an upload file in %s.files/tmp: %s", x->req.server->db,
                  strerror(errno));
        return upload_fail(x, 503, "Không lưu được tệp tải lên", "cannot store the upload");
    }
    if (off == 0 && filename && !u->filename && strlen(filename) <= 255 &&
        vntext_valid_utf8(filename, strlen(filename)))
        u->filename = arena_strdup(x->req.arena, filename);
    if (size > UPLOAD_MAX_FILE - u->size)
        return upload_fail(x, 413, "Tệp quá lớn (tối đa 20 MiB)",
                           "the file is too large (at most 20 MiB)");
    for (size_t done = 0; done < size;) {
        ssize_t w = write(x->fd, data + done, size - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            LOG_ERROR("cannot write an upload: %s", strerror(errno));
            return upload_fail(x, 503, "Không lưu được tệp tải lên (đĩa đầy?)",
                               "cannot store the upload (disk full?)");
        }
        done += (size_t)w;
    }
    crypto_hash_sha256_update(&x->sha, (const unsigned char *)data, size);
    while (u->head_len < sizeof u->head && u->head_len < u->size + size) {
        u->head[u->head_len] = (unsigned char)data[u->head_len - u->size];
        u->head_len++;
    }
    u->size += size;
    return MHD_YES;
}

static enum MHD_Result upload_field_data(Ctx *x, const char *key, const char *data, uint64_t off,
                                         size_t size)
{
    size_t i;
    if (off == 0) {
        if (x->n_fields == UPLOAD_MAX_FIELDS)
            return upload_fail(x, 400, "Quá nhiều trường trong biểu mẫu", "too many form fields");
        i = x->n_fields++;
        x->field_keys[i] = arena_strdup(x->req.arena, key);
        x->field_values[i] = arena_alloc(x->req.arena, UPLOAD_MAX_FIELD + 1);
        x->field_lens[i] = 0;
    } else {
        i = x->n_fields - 1;
        if (!x->n_fields || strcmp(x->field_keys[i], key) != 0)
            return upload_fail(x, 400, "Biểu mẫu không hợp lệ", "malformed multipart body");
    }
    if (size > UPLOAD_MAX_FIELD - x->field_lens[i])
        return upload_fail(x, 413, "Một trường của biểu mẫu quá dài (tối đa 4 KiB)",
                           "a form field is too long (at most 4 KiB)");
    memcpy(x->field_values[i] + x->field_lens[i], data, size);
    x->field_lens[i] += size;
    return MHD_YES;
}

/* on_part receives the parsed multipart body: the part named "file" is streamed to disk,
 * every other part is a small text field. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    Ctx *x = cls;
    if (x->up_status || !key)
        return MHD_NO;
    if (strcmp(key, "file") == 0)
        return upload_file_data(x, filename, data, off, size);
    return upload_field_data(x, key, data, off, size);
}

/* upload_begin checks that the body is multipart/form-data and starts its parser; an HTTP
 * status to answer at once, or 0. */
static int upload_begin(Ctx *x, struct MHD_Connection *c)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0)
        x->pp = MHD_create_post_processor(c, 64 * 1024, on_part, x);
    if (!x->pp) {
        upload_fail(x, 415, "Nội dung phải là biểu mẫu multipart/form-data có trường file",
                    "the body must be multipart/form-data with a part named file");
        return 415;
    }
    return 0;
}

/* upload_close stops the parser and closes the temporary file (kept for the handler). */
static void upload_close(Ctx *x)
{
    if (x->pp) {
        int status = x->up_status;
        x->up_status = x->up_status ? x->up_status : -1; /* the parser must not call back now */
        MHD_destroy_post_processor(x->pp);
        x->pp = NULL;
        x->up_status = status;
    }
    if (x->fd >= 0) {
        close(x->fd);
        x->fd = -1;
    }
}

/* upload_finish completes a streamed body: the file's digest, the text parts as the
 * request's form fields (valid UTF-8, NFC). 0, or an HTTP status with up_vi/up_en set. */
static int upload_finish(Ctx *x)
{
    upload_close(x);
    if (x->up_status)
        return x->up_status;
    Request *req = &x->req;
    if (req->upload.path) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&x->sha, digest);
        sodium_bin2hex(req->upload.sha256, sizeof req->upload.sha256, digest, sizeof digest);
    }
    req->form_keys = arena_array(req->arena, x->n_fields + 1, sizeof *req->form_keys);
    req->form_values = arena_array(req->arena, x->n_fields + 1, sizeof *req->form_values);
    for (size_t i = 0; i < x->n_fields; i++) {
        const char *v = x->field_values[i];
        if (!vntext_valid_utf8(v, x->field_lens[i]) ||
            !vntext_valid_utf8(x->field_keys[i], strlen(x->field_keys[i]))) {
            upload_fail(x, 400, "Dữ liệu biểu mẫu không hợp lệ (không phải UTF-8)",
                        "a form field is not valid UTF-8 text");
            return x->up_status;
        }
        req->form_keys[i] = x->field_keys[i];
        req->form_values[i] = vntext_nfc(req->arena, v, x->field_lens[i]);
    }
    req->n_form = x->n_fields;
    req->form_parsed = 1;
    return 0;
}

/* upload_cleanup removes the temporary file unless the handler moved it. */
static void upload_cleanup(Ctx *x)
{
    upload_close(x);
    if (x->req.upload.path && !x->req.upload.moved)
        unlink(x->req.upload.path);
    x->req.upload.path = NULL;
}

/* back_from_pool: the connection of x is no longer suspended (answered or abandoned). */
static void back_from_pool(Server *srv, Ctx *x)
{
    if (x->in_pool == 1) {
        x->in_pool = 2;
        atomic_fetch_sub(&srv->suspended, 1);
    }
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    Server *srv = cls;
    Ctx *x = *con_cls;
    if (!x) {
        x = calloc(1, sizeof *x);
        if (!x)
            abort();
        atomic_fetch_add(&srv->in_flight, 1);
        clock_gettime(CLOCK_MONOTONIC, &x->start);
        x->route = n_routes;
        x->req.arena = arena_new();
        x->req.server = srv;
        x->req.conn = c;
        x->req.method = arena_strdup(x->req.arena, method);
        x->req.path = arena_strdup(x->req.arena, url);
        x->req.client_ip = client_ip(c, x->req.arena);
        x->fd = -1;
        sb_init(&x->body, srv->max_body);
        *con_cls = x;
        Response res = {0};
        if (strlen(url) > MAX_URL) {
            fail_at(&x->req, &res, 414, "Địa chỉ yêu cầu quá dài", "request URI too long");
            return queue(c, x, &res);
        }
        const char *params[HTTP_MAX_PARAMS];
        int n_params;
        size_t ri;
        x->upload = router_match(routes, n_routes, method, url, NULL, params, &n_params, &ri) ==
                        ROUTE_FOUND &&
                    (routes[ri].flags & ROUTE_UPLOAD);
        x->upload_html = x->upload && (routes[ri].flags & ROUTE_HTML);
        size_t max = x->upload ? (size_t)UPLOAD_MAX_FILE + UPLOAD_FRAMING : srv->max_body;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > max) {
                if (x->upload) /* a document: the person can pick a smaller file */
                    fail_at(&x->req, &res, 413,
                            "Tệp quá lớn: mỗi tệp tối đa 20 MB. Vui lòng quay lại, chọn tệp nhỏ "
                            "hơn và gửi lại",
                            "the file is too large (at most 20 MB a file)");
                else
                    fail_at(&x->req, &res, 413, "Nội dung yêu cầu quá lớn",
                            "request body too large");
                return queue(c, x, &res);
            }
        }
        int rc;
        if (x->upload && !x->upload_html) {
            if ((rc = auth_require_login(&x->req)) < 0) {
                render_error(&res, http_status(rc), &x->req.err);
                return queue(c, x, &res);
            }
            x->identified = 1;
        }
        if (x->upload && upload_begin(x, c)) {
            fail_at(&x->req, &res, x->up_status, x->up_vi, x->up_en);
            return queue(c, x, &res);
        }
        return MHD_YES;
    }
    if (*upload_data_size && x->upload) {
        x->received += *upload_data_size;
        if (!x->answered && !x->up_status &&
            MHD_post_process(x->pp, upload_data, *upload_data_size) != MHD_YES && !x->up_status)
            upload_fail(x, 400, "Biểu mẫu multipart không hợp lệ", "malformed multipart body");
        *upload_data_size = 0;
        if (x->up_status) {
            /* the temporary file goes at once; the rest of the body is read and dropped, up
             * to a bound, so that the error can be answered (libmicrohttpd queues no response
             * in the middle of a body) */
            upload_cleanup(x);
            if (x->received > (uint64_t)UPLOAD_MAX_FILE + UPLOAD_DISCARD)
                return MHD_NO;
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!x->answered) {
            sb_append(&x->body, upload_data, *upload_data_size);
            if (x->body.err) {
                Response res = {0};
                *upload_data_size = 0;
                fail_at(&x->req, &res, 413, "Nội dung yêu cầu quá lớn", "request body too large");
                return queue(c, x, &res);
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (x->answered)
        return MHD_YES;
    if (x->in_pool) { /* resumed: the write pool has answered, or is about to */
        if (!atomic_load(&x->done))
            return MHD_YES;
        back_from_pool(srv, x);
        return queue(c, x, &x->res);
    }
    x->req.body = x->body.data ? x->body.data : "";
    x->req.body_len = x->body.len;
    Response res = {0};
    if (x->upload && upload_finish(x)) {
        upload_cleanup(x);
        fail_at(&x->req, &res, x->up_status, x->up_vi, x->up_en);
        return queue(c, x, &res);
    }
    if (!unsafe_method(x->req.method)) {
        dispatch(x, &res);
        return queue(c, x, &res);
    }
    /* counted before the flag is read: server_stop sets the flag, then waits for the count
     * to reach 0, so no connection is suspended after that wait */
    atomic_fetch_add(&srv->suspended, 1);
    if (atomic_load(&srv->stopping)) {
        atomic_fetch_sub(&srv->suspended, 1);
        fail_at(&x->req, &res, 503, "Hệ thống đang dừng; vui lòng gửi lại sau ít phút",
                "the server is stopping; retry in a few minutes");
        return queue(c, x, &res);
    }
    x->in_pool = 1;
    MHD_suspend_connection(c);
    pool_push(srv->write_pool, x);
    return MHD_YES;
}

/* run_in_pool: a write pool thread handles a suspended request, then resumes it. */
static void run_in_pool(void *item)
{
    Ctx *x = item;
    dispatch(x, &x->res);
    atomic_store(&x->done, 1);
    MHD_resume_connection(x->req.conn);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    Server *srv = cls;
    (void)c;
    Ctx *x = *con_cls;
    if (!x)
        return;
    atomic_fetch_sub(&srv->in_flight, 1);
    back_from_pool(srv, x);
    double dt = elapsed(&x->start);
    metrics_record(x->route, x->status, dt);
    StrBuf sb;
    sb_init(&sb, 8192);
    sb_puts(&sb, "level=info msg=request method=");
    sb_logfmt_value(&sb, x->req.method);
    sb_puts(&sb, " path=");
    sb_logfmt_value(&sb, x->req.path);
    long long us = (long long)(dt * 1e6); /* integers format faster than %.3f */
    sb_appendf(&sb, " status=%d bytes=%zu dur_ms=%lld.%03lld ip=", x->status, x->bytes_out,
               us / 1000, us % 1000);
    sb_logfmt_value(&sb, x->req.client_ip);
    if (x->req.who.name) {
        sb_puts(&sb, " user=");
        sb_logfmt_value(&sb, x->req.who.name);
    }
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
        sb_appendf(&sb, " aborted=%d", (int)toe);
    if (log_level <= LOG_LEVEL_INFO && !sb.err)
        log_line(sb.data);
    sb_free(&sb);
    sb_free(&x->body);
    if (!x->answered) { /* the client left before the write pool's response was queued */
        free(x->res.body);
        if (x->res.has_file)
            close(x->res.file_fd);
    }
    upload_cleanup(x);
    arena_free(x->req.arena);
    free(x);
    *con_cls = NULL;
}

/* on_mhd_log passes libmicrohttpd's own messages (its format strings) to our log. */
__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    LOG_WARN("microhttpd: %s", msg);
}

/* parse_listen fills an IPv4 or IPv6 socket address from "host:port". */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, int *ipv6, Err *e)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    if (!colon || (size_t)(colon - listen) >= sizeof host)
        goto bad;
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (errno || *end || end == colon + 1 || port < 0 || port > 65535)
        goto bad;
    memset(ss, 0, sizeof *ss);
    if (host[0] == '[') {
        size_t hl = strlen(host);
        if (hl < 3 || host[hl - 1] != ']')
            goto bad;
        host[hl - 1] = '\0';
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)(void *)ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
            goto bad;
        *ipv6 = 1;
        return 0;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)(void *)ss;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    if (host[0] == '\0')
        a4->sin_addr.s_addr = htonl(INADDR_ANY);
    else if (strcmp(host, "localhost") == 0)
        a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    else if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
        goto bad;
    *ipv6 = 0;
    return 0;
bad:
    return err_setf(e, ERR_INVALID, "listen", "Địa chỉ lắng nghe không hợp lệ: %s",
                    "invalid listen address: %s (want host:port)", listen);
}

int server_start(const ServerConfig *cfg, Server **out, Err *e)
{
    struct sockaddr_storage ss;
    int ipv6 = 0, rc;
    if ((rc = parse_listen(cfg->listen ? cfg->listen : "127.0.0.1:8080", &ss, &ipv6, e)) < 0)
        return rc;
    Server *srv = calloc(1, sizeof *srv);
    if (!srv)
        abort();
    srv->db = strdup(cfg->db);
    srv->max_body = cfg->max_body ? cfg->max_body : DEFAULT_MAX_BODY;
    srv->test_gateway = cfg->test_gateway;
    if (cfg->payment_secret)
        snprintf(srv->payment_secret, sizeof srv->payment_secret, "%s", cfg->payment_secret);
    else
        secret_token(srv->payment_secret);
    pthread_key_create(&srv->reader_key, reader_close);
    srv->throttles[THROTTLE_LOGIN_USER] = throttle_new(5, 15 * 60);
    srv->throttles[THROTTLE_LOGIN_IP] = throttle_new(30, 15 * 60);
    srv->throttles[THROTTLE_LOOKUP_IP] = throttle_new(20, 10 * 60);
    if (!(srv->write_pool = pool_start(WRITE_POOL, run_in_pool))) {
        server_stop(srv);
        return err_set(e, ERR_IO, "", "Không khởi động được các luồng xử lý",
                       "cannot start the request threads");
    }
    if ((rc = writer_start(srv->db, &srv->writer, e)) < 0 ||
        (rc = deliver_start(srv->db, srv->writer, cfg->webhook_retry, cfg->notify_cmd,
                            &srv->deliverer, e)) < 0) {
        server_stop(srv);
        return rc;
    }
    /* The event threads answer reads (writes go to the write pool). A read that waits for
     * the disk, a report or a search over a large store, holds up the other connections of
     * its thread: eight per core (at least 16) keep the rest moving on a small machine. */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)(cores > 0 ? cores * 8 : 8);
    if (!cfg->threads && threads < 16)
        threads = 16;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME | (ipv6 ? MHD_USE_IPv6 : 0);
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)(cfg->timeout_s ? cfg->timeout_s : DEFAULT_TIMEOUT_S),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)MAX_CONNECTIONS, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!srv->daemon) {
        server_stop(srv);
        return err_setf(e, ERR_IO, "listen", "Không lắng nghe được tại %s",
                        "cannot listen on %s (address in use?)", cfg->listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = di ? di->port : 0;
    *out = srv;
    return 0;
}

unsigned server_port(const Server *s)
{
    return s->port;
}

void server_stop(Server *srv)
{
    if (!srv)
        return;
    if (srv->daemon) {
        /* give requests in flight (not idle keep-alive connections) up to 10 s to finish;
         * new writes get 503 meanwhile and every answer closes its connection. (No
         * MHD_quiesce_daemon: in 0.9.75 it races a busy epoll worker removing the listening
         * socket itself, and aborts with "Failed to remove listen FD from epoll set".) */
        atomic_store(&srv->stopping, 1);
        for (int i = 0; i < 1000 && atomic_load(&srv->in_flight) > 0; i++)
            nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
        /* libmicrohttpd must not stop while a connection is suspended: the pool finishes
         * what it holds (the writer is still running) and every connection comes back */
        while (atomic_load(&srv->suspended) > 0)
            nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
        MHD_stop_daemon(srv->daemon);
    }
    pool_stop(srv->write_pool);
    deliver_stop(srv->deliverer);
    writer_stop(srv->writer);
    pthread_key_delete(srv->reader_key);
    for (int i = 0; i < THROTTLE_COUNT; i++)
        throttle_free(srv->throttles[i]);
    free(srv->db);
    free(srv);
}

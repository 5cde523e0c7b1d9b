/* server.c: the libmicrohttpd daemon (see server.h). Each request gets a context holding
 * its arena and body; the access handler collects the body (two-phase, so keep-alive
 * survives; an upload is streamed through web/upload), then dispatches through the router,
 * identifies the caller, checks CSRF and calls the handler. Requests that may write run in
 * the write pool while their connection is suspended. The completion callback records
 * metrics, writes the access-log line and frees the context.
 *
 * Dependencies point one way: server.c -> routes (the table, and through it the error page
 * of the pages, so that no page is included here), router, upload, auth, http (requests,
 * responses, the one ERR_* -> status map and the JSON error), metrics, pool, writer,
 * deliver, throttle. Nothing in web/ includes server.h: only the CLI starts the server. */
#include "web/server.h"

#include "core/vntext.h"
#include "util/escape.h"
#include "util/log.h"
#include "util/secret.h"
#include "util/netaddr.h"
#include "util/strbuf.h"
#include "web/auth.h"
#include "web/conns.h"
#include "web/deliver.h"
#include "web/http_env.h"
#include "web/metrics.h"
#include "web/pool.h"
#include "web/routes.h"
#include "web/upload.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
    DEFAULT_MAX_BODY = 1024 * 1024,
    DEFAULT_TIMEOUT_S = 30,
    DEFAULT_REQUEST_TIMEOUT_S = 30, /* a request's headers (and its body, see MIN_BODY_RATE) */
    DEFAULT_CONN_PER_ADDRESS = 128, /* an office behind one NAT: many people, several each */
    MIN_BODY_RATE = 2048,           /* bytes/s a body must average: a weak commune link */
    BODY_DISCARD = 4 * 1024 * 1024, /* read past an over-limit body before closing */
    MAX_URL = 2048,
    CONNECTION_MEMORY = 64 * 1024, /* request line + headers must fit */
    MAX_CONNECTIONS = 4096,
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
    size_t max_body;
    unsigned port;
    Pool *write_pool;
    Deliverer *deliverer;
    Conns *conns;    /* per-address caps and request deadlines */
    NetList trusted; /* the reverse proxies whose X-Forwarded-For is believed */
    HttpEnv env;     /* the store, writer, readers, throttles and payment settings requests use */
};

typedef struct Ctx {
    Request req;
    Server *srv;
    StrBuf body;
    struct timespec start;
    size_t route;
    int status;
    int answered;       /* a response is queued already (early 413) */
    Conn *conn;         /* the connection's record in Server.conns (NULL: not tracked) */
    uint64_t discarded; /* body bytes read past the limit, to answer 413 at its end */
    /* an unsafe method runs in the write pool while the connection is suspended; the pool
     * fills res, sets done and resumes the connection, whose next call queues res */
    int in_pool;    /* 1 while counted in Server.suspended, 2 once back */
    int identified; /* req.who is known already (an API upload, before its body) */
    _Atomic int done;
    Response res;
    size_t bytes_out;
    /* ROUTE_UPLOAD: the multipart body, parsed as it arrives */
    int upload;
    int upload_html;   /* the upload route is a page: its errors are pages too */
    int upload_public; /* ... posted without login: the anonymous budget */
    UploadStream up;
} Ctx;

static double elapsed(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* fail_at answers an error found before any handler: an error page where a person browses
 * (anything outside /api/ and the operations endpoints), else the JSON error. */
static void fail_at(Request *req, Response *res, int status, const char *vi, const char *en)
{
    err_set(&req->err, ERR_INVALID, "", vi, en);
    const char *p = req->path ? req->path : "";
    if (strncmp(p, "/api/", 5) == 0 || strcmp(p, "/metrics") == 0 || strcmp(p, "/healthz") == 0)
        res_error(res, status, &req->err);
    else
        routes_error_page(req, res, status);
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
    /* the pages are for people: a system's token opens the API only */
    if (rc == 0 && (route->flags & ROUTE_HTML) && req->who.role == ROLE_INTEGRATION)
        rc = req_fail(req, ERR_FORBIDDEN, "Authorization",
                      "Mã truy cập của hệ thống tích hợp chỉ dùng cho API, không mở các trang",
                      "an integration token opens the API only, not the pages");
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
            routes_error_page(req, res, http_status(rc));
        }
        if (rc == ERR_THROTTLED && req->retry_after > 0)
            res_header(res, "Retry-After",
                       arena_printf(req->arena, "%lld", (long long)req->retry_after));
        return;
    }
    if (rc < 0) {
        res_error(res, http_status(rc), &req->err);
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
    Server *srv = x->srv;
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

/* client_ip is the client's address as text: the connecting address, or, when that is a
 * trusted proxy, the right-most X-Forwarded-For entry that is not one (a proxy appends the
 * address it received from; entries further left are the client's word, never believed). */
static const char *client_ip(Server *srv, struct MHD_Connection *c, Arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    NetAddr addr;
    if (!ci || !netaddr_from_sockaddr(ci->client_addr, &addr))
        return "-";
    const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
    if (xff && netlist_has(&srv->trusted, &addr)) {
        char *list = arena_strdup(a, xff);
        for (char *end = list + strlen(list); end > list && netlist_has(&srv->trusted, &addr);) {
            char *comma = end;
            while (comma > list && comma[-1] != ',')
                comma--;
            *end = '\0';
            char *from = comma;
            while (*from == ' ')
                from++;
            for (char *t = end; t > from && t[-1] == ' ';)
                *--t = '\0';
            NetAddr said;
            if (!netaddr_parse(from, &said))
                break; /* not an address: the last proxy's own peer stands */
            addr = said;
            end = comma > list ? comma - 1 : list;
        }
    }
    char text[NETADDR_TEXT];
    netaddr_format(&addr, text);
    return arena_strdup(a, text);
}

/* count_framing counts the headers that say how long the body is: n[0] Content-Length,
 * n[1] Transfer-Encoding. */
static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    (void)value;
    int *n = cls;
    if (strcasecmp(key, "Content-Length") == 0)
        n[0]++;
    else if (strcasecmp(key, "Transfer-Encoding") == 0)
        n[1]++;
    return MHD_YES;
}

/* framing_error: the request says its body's length twice (two Content-Length headers, or one
 * with Transfer-Encoding), which a proxy in front may read the other way (request
 * smuggling): what it says, in Vietnamese; NULL when it does not. */
static const char *framing_error(struct MHD_Connection *c)
{
    int n[2] = {0, 0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, n);
    if (n[0] > 1)
        return "hai tiêu đề Content-Length";
    if (n[0] && n[1])
        return "Content-Length cùng Transfer-Encoding";
    return NULL;
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
        x->srv = srv;
        x->req.env = &srv->env;
        x->req.conn = c;
        x->req.method = arena_strdup(x->req.arena, method);
        x->req.path = arena_strdup(x->req.arena, url);
        x->req.client_ip = client_ip(srv, c, x->req.arena);
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        x->conn = ci ? ci->socket_context : NULL;
        const char *params[HTTP_MAX_PARAMS];
        int n_params;
        size_t ri;
        const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
        int multipart = type && strncasecmp(type, "multipart/form-data", 19) == 0;
        x->upload =
            router_match(routes, n_routes, method, url, NULL, params, &n_params, &ri) ==
                ROUTE_FOUND &&
            ((routes[ri].flags & ROUTE_UPLOAD) || ((routes[ri].flags & ROUTE_FILES) && multipart));
        x->upload_html = x->upload && (routes[ri].flags & ROUTE_HTML);
        x->upload_public = x->upload && (routes[ri].flags & ROUTE_PUBLIC);
        /* what the public posts without login has a smaller budget */
        upload_init(&x->up, &x->req, x->upload_public ? UPLOAD_MAX_ANONYMOUS : UPLOAD_MAX_TOTAL);
        sb_init(&x->body, srv->max_body);
        *con_cls = x;
        Response res = {0};
        if (strlen(url) > MAX_URL) {
            fail_at(&x->req, &res, 414, "Địa chỉ yêu cầu quá dài", "request URI too long");
            return queue(c, x, &res);
        }
        const char *twice = framing_error(c);
        if (twice) {
            fail_at(&x->req, &res, 400,
                    arena_printf(x->req.arena,
                                 "Yêu cầu có %s: không rõ nội dung dài bao nhiêu, bị từ chối",
                                 twice),
                    "the request gives its body length twice (Content-Length and "
                    "Transfer-Encoding, or two Content-Length)");
            return queue(c, x, &res);
        }
        size_t max = !x->upload         ? srv->max_body
                     : x->upload_public ? (size_t)UPLOAD_MAX_ANONYMOUS + UPLOAD_FRAMING
                                        : (size_t)UPLOAD_MAX_BODY;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > max) {
                if (x->upload_public) /* the citizen can pick smaller files */
                    fail_at(&x->req, &res, 413,
                            "Tệp quá lớn: các tệp nộp trực tuyến một lần tối đa 10 MB cộng lại. "
                            "Vui lòng quay lại, chọn tệp nhỏ hơn và gửi lại",
                            "the files of an online filing are at most 10 MB together");
                else if (x->upload) /* documents: the person can pick smaller files */
                    fail_at(&x->req, &res, 413,
                            "Tệp quá lớn: mỗi tệp tối đa 20 MB, các tệp gửi cùng lúc tối đa 50 "
                            "MB. Vui lòng quay lại, chọn tệp nhỏ hơn và gửi lại",
                            "the files are too large (at most 20 MB a file, 50 MB together)");
                else
                    fail_at(&x->req, &res, 413, "Nội dung yêu cầu quá lớn",
                            "request body too large");
                return queue(c, x, &res);
            }
        }
        int rc;
        if (x->upload && !x->upload_html) {
            if ((rc = auth_require_login(&x->req)) < 0) {
                res_error(&res, http_status(rc), &x->req.err);
                return queue(c, x, &res);
            }
            x->identified = 1;
        }
        if (x->upload && upload_begin(&x->up, c)) {
            fail_at(&x->req, &res, x->up.status, x->up.vi, x->up.en);
            return queue(c, x, &res);
        }
        return MHD_YES;
    }
    conns_received(x->conn, *upload_data_size);
    if (*upload_data_size && x->upload) {
        int more = upload_feed(&x->up, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return more < 0 ? MHD_NO : MHD_YES;
    }
    if (*upload_data_size) {
        /* past the limit (a chunked body says its length only at its end) the rest is read
         * and dropped, up to a bound, so that the 413 can be answered once it has come */
        if (!x->answered && !x->discarded)
            sb_append(&x->body, upload_data, *upload_data_size);
        if (x->body.err)
            x->discarded += *upload_data_size;
        *upload_data_size = 0;
        return x->discarded > BODY_DISCARD ? MHD_NO : MHD_YES;
    }
    if (!x->in_pool)
        conns_arrived(x->conn);
    if (x->answered)
        return MHD_YES;
    if (x->discarded) {
        Response res = {0};
        fail_at(&x->req, &res, 413, "Nội dung yêu cầu quá lớn", "request body too large");
        return queue(c, x, &res);
    }
    if (x->in_pool) { /* resumed: the write pool has answered, or is about to */
        if (!atomic_load(&x->done))
            return MHD_YES;
        back_from_pool(srv, x);
        return queue(c, x, &x->res);
    }
    x->req.body = x->body.data ? x->body.data : "";
    x->req.body_len = x->body.len;
    Response res = {0};
    if (x->upload && upload_finish(&x->up)) {
        fail_at(&x->req, &res, x->up.status, x->up.vi, x->up.en);
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
    conns_answered(x->conn);
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
    upload_cleanup(&x->up);
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

int server_parse_listen(const char *listen, struct sockaddr_storage *ss, int *ipv6, Err *e)
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

/* on_accept is the accept policy: the per-address cap (conns.h). */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    (void)len;
    Server *srv = cls;
    NetAddr a;
    return !netaddr_from_sockaddr(addr, &a) || conns_admit(srv->conns, &a) ? MHD_YES : MHD_NO;
}

/* on_connection records each connection as it opens and forgets it as it closes. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    Server *srv = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *addr =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        const union MHD_ConnectionInfo *fd =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        NetAddr a;
        if (addr && fd && netaddr_from_sockaddr(addr->client_addr, &a))
            *socket_context = conns_open(srv->conns, &a, fd->connect_fd);
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        conns_close(srv->conns, *socket_context);
        *socket_context = NULL;
    }
}

/* reader_close closes a worker thread's read connection (req_store opens it) when the
 * thread ends. */
static void reader_close(void *p)
{
    store_close(p);
}

int server_start(const ServerConfig *cfg, Server **out, Err *e)
{
    struct sockaddr_storage ss;
    int ipv6 = 0, rc;
    if ((rc = server_parse_listen(cfg->listen ? cfg->listen : "127.0.0.1:8080", &ss, &ipv6, e)) < 0)
        return rc;
    Server *srv = calloc(1, sizeof *srv);
    if (!srv)
        abort();
    srv->env.db = strdup(cfg->db);
    if (cfg->files)
        srv->env.files = strdup(cfg->files);
    else if (asprintf(&srv->env.files, "%s.files", cfg->db) < 0)
        abort();
    srv->max_body = cfg->max_body ? cfg->max_body : DEFAULT_MAX_BODY;
    srv->env.test_gateway = cfg->test_gateway;
    if (cfg->payment_secret)
        snprintf(srv->env.payment_secret, sizeof srv->env.payment_secret, "%s",
                 cfg->payment_secret);
    else
        secret_token(srv->env.payment_secret);
    pthread_key_create(&srv->env.reader_key, reader_close);
    if (netlist_parse(cfg->metrics_allow, &srv->env.metrics_allow) < 0) {
        server_stop(srv);
        return err_setf(e, ERR_INVALID, "metrics-allow", "Danh sách địa chỉ không hợp lệ: %s",
                        "invalid address list: %s (want ADDR[/BITS][,...])", cfg->metrics_allow);
    }
    if (netlist_parse(cfg->webhook_allow, &srv->env.webhook_allow) < 0) {
        server_stop(srv);
        return err_setf(e, ERR_INVALID, "webhook-allow", "Danh sách địa chỉ không hợp lệ: %s",
                        "invalid address list: %s (want ADDR[/BITS][,...])", cfg->webhook_allow);
    }
    if (netlist_parse(cfg->trusted_proxies, &srv->trusted) < 0) {
        server_stop(srv);
        return err_setf(e, ERR_INVALID, "trusted-proxy", "Danh sách proxy tin cậy không hợp lệ: %s",
                        "invalid trusted proxy list: %s (want ADDR[,ADDR])", cfg->trusted_proxies);
    }
    srv->conns =
        conns_start(cfg->conn_per_address ? cfg->conn_per_address : DEFAULT_CONN_PER_ADDRESS,
                    cfg->request_timeout_s ? cfg->request_timeout_s : DEFAULT_REQUEST_TIMEOUT_S,
                    MIN_BODY_RATE, &srv->trusted);
    if (!srv->conns) {
        server_stop(srv);
        return err_set(e, ERR_IO, "", "Không khởi động được luồng theo dõi kết nối",
                       "cannot start the connection reaper");
    }
    srv->env.throttles[THROTTLE_LOGIN_USER] = throttle_new(5, 15 * 60);
    srv->env.throttles[THROTTLE_LOGIN_IP] = throttle_new(30, 15 * 60);
    srv->env.throttles[THROTTLE_LOOKUP_IP] = throttle_new(20, 10 * 60);
    if (cfg->filings_per_hour)
        srv->env.throttles[THROTTLE_FILING_IP] = throttle_new((int)cfg->filings_per_hour, 3600);
    if (cfg->lookups_per_minute)
        srv->env.throttles[THROTTLE_LOOKUP_RATE_IP] =
            throttle_new((int)cfg->lookups_per_minute, 60);
    srv->env.max_pending_online = cfg->max_pending_online;
    srv->env.portal_url = cfg->portal_url;
    srv->env.portal_credentials = cfg->portal_credentials;
    metrics_routes(routes, n_routes);
    if (!(srv->write_pool = pool_start(WRITE_POOL, run_in_pool))) {
        server_stop(srv);
        return err_set(e, ERR_IO, "", "Không khởi động được các luồng xử lý",
                       "cannot start the request threads");
    }
    if ((rc = writer_start(srv->env.db, &srv->env.writer, e)) < 0 ||
        (rc = deliver_start(srv->env.db, srv->env.files, srv->env.writer, cfg->webhook_retry,
                            cfg->notify_cmd, &srv->env.webhook_allow, cfg->checkpoint_every,
                            cfg->portal_url, cfg->portal_credentials, &srv->deliverer, e)) < 0) {
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
        flags, 0, on_accept, srv, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
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
    conns_stop(srv->conns);
    deliver_stop(srv->deliverer);
    writer_stop(srv->env.writer);
    pthread_key_delete(srv->env.reader_key);
    for (int i = 0; i < THROTTLE_COUNT; i++)
        throttle_free(srv->env.throttles[i]);
    free(srv->env.db);
    free(srv->env.files);
    free(srv);
}

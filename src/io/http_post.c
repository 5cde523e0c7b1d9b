/* http_post.c: a minimal blocking HTTP/1.1 client, POST and GET, with timeouts (see
 * http_post.h). */
#include "io/http_post.h"

#include "util/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

/* split parses url into host, port and path; -1 if it is not a valid http:// URL. */
static int split(const char *url, char *host, size_t host_cap, char *port, size_t port_cap,
                 const char **path)
{
    if (strncmp(url, "http://", 7) != 0)
        return -1;
    const char *h = url + 7, *end = h;
    if (*h == '[') {
        end = strchr(h, ']');
        if (!end)
            return -1;
        h++;
    } else {
        while (*end && *end != ':' && *end != '/')
            end++;
    }
    size_t hl = (size_t)(end - h);
    if (hl == 0 || hl >= host_cap)
        return -1;
    memcpy(host, h, hl);
    host[hl] = '\0';
    if (*end == ']')
        end++;
    const char *p = end;
    snprintf(port, port_cap, "80");
    if (*p == ':') {
        const char *q = ++p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q == p || q - p > 5 || (*q && *q != '/'))
            return -1;
        snprintf(port, port_cap, "%.*s", (int)(q - p), p);
        p = q;
    }
    *path = *p ? p : "/";
    for (const char *c = *path; *c; c++)
        if (*c <= ' ' || *c >= 0x7f)
            return -1;
    for (const char *c = host; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '.' || *c == '-' || *c == ':'))
            return -1;
    return 0;
}

int http_url_valid(const char *url)
{
    char host[256], port[8];
    const char *path;
    return url && strlen(url) < 2048 &&
           split(url, host, sizeof host, port, sizeof port, &path) == 0;
}

/* wait_fd polls fd for events within timeout_ms; 1 when ready. */
static int wait_fd(int fd, short events, int timeout_ms)
{
    struct pollfd p = {.fd = fd, .events = events};
    int rc;
    do
        rc = poll(&p, 1, timeout_ms);
    while (rc < 0 && errno == EINTR);
    return rc > 0;
}

static int fail(Err *e, const char *what, const char *url)
{
    char en[256];
    snprintf(en, sizeof en, "%s: %s", what, url);
    return err_set(e, ERR_IO, "url", "Không gửi được tới địa chỉ nhận", en);
}

/* allowed: the resolved address sa may be connected to: public, or in allow. */
static int allowed(const struct sockaddr *sa, const NetList *allow)
{
    NetAddr a;
    return netaddr_from_sockaddr(sa, &a) && (!netaddr_internal(&a) || netlist_has(allow, &a));
}

int http_target_check(const char *url, const NetList *allow, Err *e)
{
    char host[256], port[8];
    const char *path;
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    int ok = split(url, host, sizeof host, port, sizeof port, &path) == 0 &&
             getaddrinfo(host, port, &hints, &res) == 0;
    for (struct addrinfo *ai = ok ? res : NULL; ai; ai = ai->ai_next)
        ok = ok && allowed(ai->ai_addr, allow);
    if (res)
        freeaddrinfo(res);
    return ok ? 0
              : err_set(e, ERR_SEMANTIC, "url",
                        "Địa chỉ nhận phải là một máy chủ công khai có tên phân giải được (không "
                        "phải mạng nội bộ, máy này hay địa chỉ dành riêng)",
                        "the receiver must be a public host that resolves (no internal, "
                        "loopback or reserved address)");
}

/* connect_to opens a non-blocking connection to host:port within timeout_ms, to one of its
 * addresses that is allowed; -1 on failure. */
static int connect_to(const char *host, const char *port, const NetList *allow, int timeout_ms)
{
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *res = NULL;
    if (getaddrinfo(host, port, &hints, &res) != 0)
        return -1;
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        if (!allowed(ai->ai_addr, allow)) /* resolved elsewhere since it was registered */
            continue;
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
        int err = 0;
        socklen_t len = sizeof err;
        if (rc < 0 && (errno != EINPROGRESS || !wait_fd(fd, POLLOUT, timeout_ms) ||
                       getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err)) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    return fd;
}

/* exchange sends one request (method, the extra header lines, body[0..len)) to url and reads
 * the answer: its status line only, or with whole, every byte of it up to max into whole.
 * *out_status gets the status. */
static int exchange(const char *url, const NetList *allow, const char *method,
                    const char *const *headers, size_t n_headers, const char *body, size_t len,
                    int timeout_ms, StrBuf *whole, size_t max, int *out_status, Err *e)
{
    char host[256], port[8];
    const char *path;
    if (split(url, host, sizeof host, port, sizeof port, &path) < 0)
        return err_set(e, ERR_INVALID, "url", "Địa chỉ nhận phải có dạng http://máy:cổng/đường-dẫn",
                       "the URL must be http://host:port/path");
    int fd = connect_to(host, port, allow, timeout_ms);
    if (fd < 0)
        return fail(e, "cannot connect", url);
    StrBuf req;
    sb_init(&req, 0);
    sb_appendf(&req, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nUser-Agent: motcua\r\n",
               method, path, host);
    if (body)
        sb_appendf(&req, "Content-Type: application/json\r\nContent-Length: %zu\r\n", len);
    for (size_t i = 0; i < n_headers; i++)
        if (headers[i])
            sb_appendf(&req, "%s\r\n", headers[i]);
    sb_puts(&req, "\r\n");
    if (body)
        sb_append(&req, body, len);
    size_t sent = 0;
    int rc = 0;
    while (rc == 0 && sent < req.len) {
        if (!wait_fd(fd, POLLOUT, timeout_ms)) {
            rc = fail(e, "timeout sending", url);
            break;
        }
        ssize_t n = send(fd, req.data + sent, req.len - sent, MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            rc = fail(e, "send failed", url);
        else if (n > 0)
            sent += (size_t)n;
    }
    sb_free(&req);
    char buf[4096];
    size_t got = 0; /* without whole: the bytes in buf, until the status line is in */
    while (rc == 0 && (whole || (got < sizeof buf - 1 && !memchr(buf, '\n', got)))) {
        if (!wait_fd(fd, POLLIN, timeout_ms)) {
            rc = fail(e, "timeout waiting for the answer", url);
            break;
        }
        char *into = whole ? buf : buf + got;
        ssize_t n = recv(fd, into, whole ? sizeof buf : sizeof buf - 1 - got, 0);
        if (n == 0)
            break;
        if (n < 0 && errno != EAGAIN && errno != EINTR)
            rc = fail(e, "receive failed", url);
        else if (n > 0 && whole && whole->len + (size_t)n > max)
            rc = fail(e, "answer too long", url);
        else if (n > 0 && whole && (sb_append(whole, buf, (size_t)n), whole->err))
            rc = fail(e, "out of memory", url);
        else if (n > 0 && !whole)
            got += (size_t)n;
    }
    close(fd);
    if (rc < 0)
        return rc;
    buf[got] = '\0';
    int status = 0;
    if (sscanf(whole && whole->data ? whole->data : buf, "HTTP/1.%*d %d", &status) != 1 ||
        status < 100 || status > 599)
        return fail(e, "not an HTTP answer", url);
    *out_status = status;
    return 0;
}

int http_post(const char *url, const NetList *allow, const char *const *headers, size_t n_headers,
              const char *body, size_t len, int timeout_ms, int *out_status, Err *e)
{
    return exchange(url, allow, "POST", headers, n_headers, body, len, timeout_ms, NULL, 0,
                    out_status, e);
}

/* split_answer finds, in out->raw (the whole answer read by exchange, rc its result), the body
 * and the header named header (NULL: none wanted); frees out->raw on failure. */
static int split_answer(const char *url, int rc, const char *header, HttpAnswer *out, Err *e)
{
    char *text = rc == 0 ? out->raw.data : NULL;
    char *end = text ? strstr(text, "\r\n\r\n") : NULL;
    if (rc == 0 && !end)
        rc = fail(e, "not an HTTP answer", url);
    if (rc < 0) {
        sb_free(&out->raw);
        return rc;
    }
    *end = '\0';
    out->body = end + 4;
    out->len = out->raw.len - (size_t)(out->body - text);
    size_t hl = header ? strlen(header) : 0;
    for (char *line = strstr(text, "\r\n"); header && line && !out->header;
         line = strstr(line, "\r\n")) {
        line += 2;
        if (strncasecmp(line, header, hl) == 0 && line[hl] == ':') {
            char *v = line + hl + 1, *stop = strstr(v, "\r\n");
            if (stop)
                *stop = '\0';
            out->header = v + strspn(v, " \t");
        }
    }
    return 0;
}

int http_get(const char *url, const NetList *allow, const char *header, size_t max, int timeout_ms,
             HttpAnswer *out, Err *e)
{
    *out = (HttpAnswer){0};
    sb_init(&out->raw, 0);
    int rc =
        exchange(url, allow, "GET", NULL, 0, NULL, 0, timeout_ms, &out->raw, max, &out->status, e);
    return split_answer(url, rc, header, out, e);
}

int http_post_answer(const char *url, const NetList *allow, const char *const *headers,
                     size_t n_headers, const char *body, size_t len, int timeout_ms,
                     int *out_status, StrBuf *answer, Err *e)
{
    HttpAnswer a = {0};
    sb_init(&a.raw, 0);
    int rc = exchange(url, allow, "POST", headers, n_headers, body, len, timeout_ms, &a.raw,
                      HTTP_ANSWER_MAX, out_status, e);
    if ((rc = split_answer(url, rc, NULL, &a, e)) < 0)
        return rc;
    sb_append(answer, a.body, a.len);
    http_answer_free(&a);
    return 0;
}

void http_answer_free(HttpAnswer *a)
{
    sb_free(&a->raw);
}

/* http_post.h: a minimal HTTP/1.1 client for webhook and agency deliveries: one POST to an
 * http:// URL with a connect and a read timeout, returning the status code; one GET returning
 * the whole answer (the population register, app/people.h). (There is no TLS library in
 * motcua's dependencies: an https receiver is reached through a local relay, e.g. nginx.)
 * A receiver must be a public address once its name is resolved: loopback, private,
 * link-local, shared, unspecified, multicast and reserved addresses are refused (at
 * registration and again at each delivery, whatever the name resolves to then), unless the
 * operator allows them (serve --webhook-allow: a local relay). */
#ifndef MOTCUA_HTTP_POST_H
#define MOTCUA_HTTP_POST_H

#include "util/err.h"
#include "util/netaddr.h"
#include "util/strbuf.h"

#include <stddef.h>

/* http_url_valid returns 1 for http://host[:port][/path] with a host of letters, digits,
 * '.', '-' (or an [IPv6] literal) and a path of printable ASCII. */
int http_url_valid(const char *url);

/* http_target_check resolves url's host and checks every address it has against the
 * internal ranges (util/netaddr.h) outside allow (may be NULL): ERR_SEMANTIC naming "url", with
 * one message whatever the reason (a name that does not resolve too), which tells nothing of
 * the networks behind the server. */
int http_target_check(const char *url, const NetList *allow, Err *e);

/* http_post sends body to url with the extra header lines (each "Name: value", may be NULL)
 * and writes the response status into *out_status, connecting only to addresses of the host
 * that are public or in allow (may be NULL). ERR_IO with a message on a connection failure,
 * no allowed address or a timeout (timeout_ms for connecting and again for the answer). */
int http_post(const char *url, const NetList *allow, const char *const *headers, size_t n_headers,
              const char *body, size_t len, int timeout_ms, int *out_status, Err *e);

/* A GET's answer: its status, the value of the one header asked for (NULL when absent) and
 * its body[0..len), all inside raw (freed by http_answer_free). */
typedef struct HttpAnswer {
    int status;
    const char *header;
    const char *body;
    size_t len;
    StrBuf raw;
} HttpAnswer;

/* http_get fetches url as http_post posts (the same addresses allowed, the same timeouts), the
 * whole answer at most max bytes (ERR_IO beyond), picking out the header named header. On
 * success the caller frees out with http_answer_free. */
int http_get(const char *url, const NetList *allow, const char *header, size_t max, int timeout_ms,
             HttpAnswer *out, Err *e);
void http_answer_free(HttpAnswer *a);

enum { HTTP_ANSWER_MAX = 16 * 1024 * 1024 }; /* the most of an answer http_post_answer reads */

/* http_post_answer is http_post that also reads the answer's body (until the receiver closes
 * the connection, at most HTTP_ANSWER_MAX bytes) into answer (NUL-terminated): a call whose answer
 * matters (the national portal's). */
int http_post_answer(const char *url, const NetList *allow, const char *const *headers,
                     size_t n_headers, const char *body, size_t len, int timeout_ms,
                     int *out_status, StrBuf *answer, Err *e);

#endif

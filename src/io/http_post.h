/* http_post.h: a minimal HTTP/1.1 client for webhook deliveries: one POST to an http:// URL
 * with a connect and a read timeout, returning the status code. (There is no TLS library in
 * motcua's dependencies: an https receiver is reached through a local relay, e.g. nginx.) */
#ifndef MOTCUA_HTTP_POST_H
#define MOTCUA_HTTP_POST_H

#include "util/err.h"

#include <stddef.h>

/* http_url_valid returns 1 for http://host[:port][/path] with a host of letters, digits,
 * '.', '-' (or an [IPv6] literal) and a path of printable ASCII. */
int http_url_valid(const char *url);

/* http_post sends body to url with the extra header lines (each "Name: value", may be NULL)
 * and writes the response status into *out_status. ERR_IO with a message on a connection
 * failure or timeout (timeout_ms for connecting and again for the answer). */
int http_post(const char *url, const char *const *headers, size_t n_headers, const char *body,
              size_t len, int timeout_ms, int *out_status, Err *e);

#endif

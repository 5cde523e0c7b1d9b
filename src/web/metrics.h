/* metrics.h: request counters by route and status and a latency histogram, kept in atomics
 * and rendered in the Prometheus text format at /metrics. The server records; the /metrics
 * handler renders; neither direction needs the route table, which the server lends. */
#ifndef MOTCUA_METRICS_H
#define MOTCUA_METRICS_H

#include "util/strbuf.h"
#include "web/router.h"

#include <stddef.h>

/* metrics_routes names the n routes whose requests are counted apart: the server passes its
 * table at start, before any request runs, so that metrics need not know it. routes must
 * stay valid while metrics are recorded and rendered (a static table). */
void metrics_routes(const Route *routes, size_t n);

/* metrics_record counts one request: route index (n, of metrics_routes, for "no route"),
 * status, and its duration in seconds. */
void metrics_record(size_t route, int status, double seconds);

/* The most routes metrics_record counts separately (test_router checks routes.c fits). */
enum { METRICS_MAX_ROUTES = 256 };

/* metrics_render appends the request counters and the latency histogram. */
void metrics_render(StrBuf *sb);

#endif

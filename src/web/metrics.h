/* metrics.h: request counters by route and status and a latency histogram, kept in atomics
 * and rendered in the Prometheus text format at /metrics. */
#ifndef MOTCUA_METRICS_H
#define MOTCUA_METRICS_H

#include "util/strbuf.h"

#include <stddef.h>

/* metrics_record counts one request: route index (n_routes for "no route"), status, and
 * its duration in seconds. */
void metrics_record(size_t route, int status, double seconds);

/* The most routes metrics_record counts separately (test_router checks routes.c fits). */
enum { METRICS_MAX_ROUTES = 256 };

/* metrics_render appends the request counters and the latency histogram. */
void metrics_render(StrBuf *sb);

#endif

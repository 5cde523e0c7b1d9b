/* metrics.c: lock-free request metrics (see metrics.h). */
#include "web/metrics.h"

#include <stdatomic.h>
#include <stdint.h>

enum { MAX_ROUTES = METRICS_MAX_ROUTES, N_BUCKETS = 10 };

static const int statuses[] = {200, 201, 204, 303, 304, 400, 401, 403, 404, 405,
                               409, 413, 414, 415, 422, 429, 431, 500, 503, 0};
enum { N_STATUSES = sizeof statuses / sizeof statuses[0] }; /* last: any other */

static const double bounds[N_BUCKETS - 1] = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                             0.025,  0.05,  0.1,    0.5};
static const char *const bound_labels[N_BUCKETS] = {"0.0005", "0.001", "0.0025", "0.005", "0.01",
                                                    "0.025",  "0.05",  "0.1",    "0.5",   "+Inf"};

/* the routes counted apart (metrics_routes): written once before the server's threads start */
static const Route *table;
static size_t n_table;

static _Atomic uint64_t requests[MAX_ROUTES + 1][N_STATUSES];
static _Atomic uint64_t buckets[N_BUCKETS];
static _Atomic uint64_t total_micros;

void metrics_routes(const Route *rs, size_t n)
{
    table = rs;
    n_table = n;
}

void metrics_record(size_t route, int status, double seconds)
{
    if (route > n_table || route > MAX_ROUTES)
        route = n_table < MAX_ROUTES ? n_table : MAX_ROUTES;
    int s = N_STATUSES - 1;
    for (int i = 0; i < N_STATUSES - 1; i++)
        if (statuses[i] == status)
            s = i;
    atomic_fetch_add_explicit(&requests[route][s], 1, memory_order_relaxed);
    int b = 0;
    while (b < N_BUCKETS - 1 && seconds > bounds[b])
        b++;
    atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&total_micros, (uint64_t)(seconds * 1e6), memory_order_relaxed);
}

void metrics_render(StrBuf *sb)
{
    sb_puts(sb, "# HELP motcua_http_requests_total HTTP requests by route and status.\n"
                "# TYPE motcua_http_requests_total counter\n");
    for (size_t r = 0; r <= n_table && r <= MAX_ROUTES; r++) {
        for (int s = 0; s < N_STATUSES; s++) {
            uint64_t n = atomic_load_explicit(&requests[r][s], memory_order_relaxed);
            if (!n)
                continue;
            const char *route = r < n_table ? table[r].pattern : "none";
            const char *method = r < n_table ? table[r].method : "";
            if (statuses[s])
                sb_appendf(sb,
                           "motcua_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} "
                           "%llu\n",
                           method, route, statuses[s], (unsigned long long)n);
            else
                sb_appendf(sb,
                           "motcua_http_requests_total{method=\"%s\",route=\"%s\","
                           "status=\"other\"} %llu\n",
                           method, route, (unsigned long long)n);
        }
    }
    sb_puts(sb, "# HELP motcua_http_request_duration_seconds Time to answer a request.\n"
                "# TYPE motcua_http_request_duration_seconds histogram\n");
    uint64_t cum = 0;
    for (int b = 0; b < N_BUCKETS; b++) {
        cum += atomic_load_explicit(&buckets[b], memory_order_relaxed);
        sb_appendf(sb, "motcua_http_request_duration_seconds_bucket{le=\"%s\"} %llu\n",
                   bound_labels[b], (unsigned long long)cum);
    }
    sb_appendf(sb, "motcua_http_request_duration_seconds_sum %.6f\n",
               (double)atomic_load_explicit(&total_micros, memory_order_relaxed) / 1e6);
    sb_appendf(sb, "motcua_http_request_duration_seconds_count %llu\n", (unsigned long long)cum);
}

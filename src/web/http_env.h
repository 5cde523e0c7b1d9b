/* http_env.h: what the server lends every request it runs: where the store is, the single
 * writer, each worker thread's read connection, the failure throttles, the payment
 * settings and the addresses that may read the metrics. server.c fills one HttpEnv and points every
 * Request at it; http.c's req_* calls read it. Only those two include this header: handlers reach
 * these through web/http.h. */
#ifndef MOTCUA_HTTP_ENV_H
#define MOTCUA_HTTP_ENV_H

#include "util/netaddr.h"
#include "web/http.h"
#include "web/throttle.h"
#include "web/writer.h"

#include <pthread.h>

struct HttpEnv {
    char *db;    /* the store URL (malloc'd by server.c) */
    char *files; /* the documents' folder (malloc'd by server.c) */
    Writer *writer;
    pthread_key_t reader_key; /* this thread's read connection (Store *), opened on first use */
    Throttle *throttles[THROTTLE_COUNT];
    char payment_secret[128];
    int test_gateway;
    NetList
        metrics_allow; /* addresses that read /metrics without a token (serve --metrics-allow) */
    NetList webhook_allow;      /* internal addresses webhooks may reach (serve --webhook-allow) */
    int64_t max_pending_online; /* online filings not yet received the store takes; 0: any */
    const char *portal_url;     /* the national portal (serve --portal-url); NULL: none */
    const char *portal_credentials; /* "user:password" for its session; may be NULL */
};

#endif

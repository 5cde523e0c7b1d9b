/* server.h: the HTTP server: libmicrohttpd with an internal epoll thread pool, one arena
 * per request, limits on sizes and time, JSON errors, metrics and a logfmt access log.
 * The server owns the writer connection (docs/ARCHITECTURE.md §5) and one read connection per
 * worker. */
#ifndef MOTCUA_SERVER_H
#define MOTCUA_SERVER_H

#include "util/err.h"

#include <stddef.h>
#include <sys/socket.h>

/* The defaults serve starts with: the public's limits (web/limits.h; 0 turns one off) and the
 * interval of the signed checkpoints. */
enum {
    SERVER_FILINGS_PER_HOUR = 20,    /* online filings from one address in an hour */
    SERVER_LOOKUPS_PER_MINUTE = 300, /* look-ups from one address in a minute */
    SERVER_PENDING_ONLINE = 5000,    /* online filings waiting for a clerk, in the store */
    SERVER_CHECKPOINT_EVERY = 3600   /* seconds between the units' signed checkpoints */
};

typedef struct ServerConfig {
    const char *db; /* store URL */
    /* the documents' folder (shared by every node of one database); NULL: <db>.files beside
     * a file store (a store on a server has no "beside": serve asks for --files) */
    const char *files;
    const char *listen;     /* "127.0.0.1:8080", "[::1]:8080", ":8080"; port 0 picks a free one */
    unsigned threads;       /* event threads (reads); 0: eight per core, at least 16 */
    size_t max_body;        /* bytes; 0: default 1 MiB */
    unsigned timeout_s;     /* idle connection timeout; 0: default 30 s */
    int webhook_retry;      /* first webhook retry delay in seconds; 0: default 10 */
    const char *notify_cmd; /* sends messages to applicants; NULL: they wait */
    const char *portal_url; /* the national portal's API (serve --portal-url); NULL: none */
    const char *portal_credentials; /* "user:password" for its session (may be NULL) */
    const char *payment_secret;     /* gateway callbacks' HMAC key; NULL: random (test gateway) */
    int test_gateway;               /* serve the bundled test payment gateway (development) */
    /* the reverse proxies (ADDR[/BITS][,...]) whose X-Forwarded-For is believed; NULL: none,
     * every client is the address that connects */
    const char *trusted_proxies;
    unsigned conn_per_address; /* open connections from one address; 0: default 128 */
    const char
        *metrics_allow; /* addresses (ADDR[/BITS][,...]) that read /metrics without a token */
    const char *webhook_allow; /* internal addresses (ADDR[/BITS][,...]) webhooks may reach */
    /* the public's limits; 0: none (serve sets the SERVER_* defaults) */
    unsigned filings_per_hour, lookups_per_minute, max_pending_online;
    unsigned request_timeout_s; /* a request's headers must arrive within; 0: default 30 s */
    unsigned checkpoint_every;  /* seconds between signed checkpoints (app/checkpoint.h); 0: none */
} ServerConfig;

typedef struct Server Server;

/* server_parse_listen fills an IPv4 or IPv6 socket address from "host:port" ("" host: any;
 * "localhost"; port 0: a free one), *ipv6 saying which. ERR_INVALID naming "listen". */
int server_parse_listen(const char *listen, struct sockaddr_storage *ss, int *ipv6, Err *e);

/* server_start opens the stores and starts listening. */
int server_start(const ServerConfig *cfg, Server **out, Err *e);

/* server_port returns the port the server listens on. */
unsigned server_port(const Server *s);

/* server_stop stops accepting, lets requests in flight finish, and frees everything. */
void server_stop(Server *s);

#endif

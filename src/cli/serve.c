/* serve.c: `motcua serve`: run the HTTP server until SIGINT or SIGTERM. */
#include "cli/cli.h"

#include "web/server.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* parse_uint reads a decimal number in [min, max]. */
static int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *s == '\0' || *s == '-' || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int cli_serve(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"listen", required_argument, NULL, 'l'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"max-body", required_argument, NULL, 'b'},
                                         {"webhook-retry", required_argument, NULL, 'w'},
                                         {"notify-cmd", required_argument, NULL, 'n'},
                                         {"payment-secret-env", required_argument, NULL, 'P'},
                                         {"test-gateway", no_argument, NULL, 'g'},
                                         {"trusted-proxy", required_argument, NULL, 'T'},
                                         {"max-conn-per-ip", required_argument, NULL, 'C'},
                                         {"request-timeout", required_argument, NULL, 'R'},
                                         {"metrics-allow", required_argument, NULL, 'M'},
                                         {"webhook-allow", required_argument, NULL, 'W'},
                                         {"filings-per-hour", required_argument, NULL, 'F'},
                                         {"lookups-per-minute", required_argument, NULL, 'L'},
                                         {"max-pending-online", required_argument, NULL, 'Q'},
                                         {"checkpoint-every", required_argument, NULL, 'K'},
                                         {"portal-url", required_argument, NULL, 'U'},
                                         {"portal-credentials-env", required_argument, NULL, 'E'},
                                         {"files", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    ServerConfig cfg = {.listen = "127.0.0.1:8080",
                        .filings_per_hour = SERVER_FILINGS_PER_HOUR,
                        .lookups_per_minute = SERVER_LOOKUPS_PER_MINUTE,
                        .max_pending_online = SERVER_PENDING_ONLINE,
                        .checkpoint_every = SERVER_CHECKPOINT_EVERY};
    const char *db = NULL;
    unsigned long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f': cfg.files = optarg; break;
        case 'l': cfg.listen = optarg; break;
        case 't':
            if (parse_uint(optarg, 1, 256, &v) < 0) {
                fprintf(stderr, "motcua: --threads phải từ 1 đến 256 / must be 1..256\n");
                return EXIT_USAGE;
            }
            cfg.threads = (unsigned)v;
            break;
        case 'b':
            if (parse_uint(optarg, 1024, 1024UL * 1024 * 1024, &v) < 0) {
                fprintf(stderr, "motcua: --max-body phải từ 1024 byte đến 1 GiB\n");
                return EXIT_USAGE;
            }
            cfg.max_body = v;
            break;
        case 'w':
            if (parse_uint(optarg, 1, 3600, &v) < 0) {
                fprintf(stderr, "motcua: --webhook-retry phải từ 1 đến 3600 giây\n");
                return EXIT_USAGE;
            }
            cfg.webhook_retry = (int)v;
            break;
        case 'K':
            if (parse_uint(optarg, 0, 7 * 86400, &v) < 0) {
                fprintf(stderr, "motcua: --checkpoint-every phải từ 0 đến 604800 giây\n");
                return EXIT_USAGE;
            }
            cfg.checkpoint_every = (unsigned)v;
            break;
        case 'n': cfg.notify_cmd = optarg; break;
        case 'T': cfg.trusted_proxies = optarg; break;
        case 'M': cfg.metrics_allow = optarg; break;
        case 'W': cfg.webhook_allow = optarg; break;
        case 'F':
        case 'L':
        case 'Q':
            if (parse_uint(optarg, 0, 1000000, &v) < 0) {
                fprintf(stderr, "motcua: --%s phải từ 0 (không giới hạn) đến 1000000\n",
                        c == 'F'   ? "filings-per-hour"
                        : c == 'L' ? "lookups-per-minute"
                                   : "max-pending-online");
                return EXIT_USAGE;
            }
            *(c == 'F'   ? &cfg.filings_per_hour
              : c == 'L' ? &cfg.lookups_per_minute
                         : &cfg.max_pending_online) = (unsigned)v;
            break;
        case 'C':
            if (parse_uint(optarg, 1, 4096, &v) < 0) {
                fprintf(stderr, "motcua: --max-conn-per-ip phải từ 1 đến 4096\n");
                return EXIT_USAGE;
            }
            cfg.conn_per_address = (unsigned)v;
            break;
        case 'R':
            if (parse_uint(optarg, 1, 3600, &v) < 0) {
                fprintf(stderr, "motcua: --request-timeout phải từ 1 đến 3600 giây\n");
                return EXIT_USAGE;
            }
            cfg.request_timeout_s = (unsigned)v;
            break;
        case 'g': cfg.test_gateway = 1; break;
        case 'P':
            /* the secret itself never appears in the process list: name its variable */
            cfg.payment_secret = getenv(optarg);
            if (!cfg.payment_secret || strlen(cfg.payment_secret) < 16) {
                fprintf(stderr, "motcua: biến %s phải chứa khóa ít nhất 16 ký tự\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'U': cfg.portal_url = optarg; break;
        case 'E':
            /* like the payment secret: the credentials are named, never written out */
            if (!(cfg.portal_credentials = getenv(optarg))) {
                fprintf(stderr, "motcua: biến %s không có / variable %s is not set\n", optarg,
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': return cli_help("serve");
        default: return cli_usage("serve");
        }
    }
    if (optind != argc)
        return cli_usage("serve");
    if (!(cfg.db = cli_db(db)))
        return EXIT_USAGE;
    if (!cfg.files && !store_is_file(cfg.db)) {
        fprintf(stderr, "motcua: cơ sở dữ liệu trên máy chủ cần --files THƯ_MỤC (thư mục tài "
                        "liệu dùng chung cho mọi nút) / a database server needs --files DIR "
                        "(the documents' folder every node shares)\n");
        return EXIT_USAGE;
    }

    /* Block the stop signals before any thread starts, so that every worker inherits the
     * mask and only sigwait below receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    Server *srv;
    Err e;
    if (server_start(&cfg, &srv, &e) < 0)
        return cli_fail(&e);
    char host[128];
    const char *colon = strrchr(cfg.listen, ':');
    size_t hl = (size_t)(colon - cfg.listen);
    snprintf(host, sizeof host, "%.*s", (int)(hl < sizeof host ? hl : 0), cfg.listen);
    printf("http://%s:%u/\n", host[0] ? host : "0.0.0.0", server_port(srv));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "motcua: nhận tín hiệu %d, đang dừng / stopping\n", sig);
    server_stop(srv);
    return EXIT_OK;
}

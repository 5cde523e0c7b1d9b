/* portal_sim.c: `motcua portal-sim`: run the national portal's simulator (web/portal_sim.h)
 * until SIGINT or SIGTERM, for tests, demos and training; it prints its URL. */
#include "cli/cli.h"

#include "web/portal_sim.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_portal_sim(int argc, char **argv)
{
    static const struct option opts[] = {{"listen", required_argument, NULL, 'l'},
                                         {"fail-rate", required_argument, NULL, 'r'},
                                         {"down-for", required_argument, NULL, 'o'},
                                         {"credentials-env", required_argument, NULL, 'c'},
                                         {"keep", required_argument, NULL, 'k'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    PortalSimConfig cfg = {.listen = "127.0.0.1:0"};
    const char *fail_rate = NULL, *down_for = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'l': cfg.listen = optarg; break;
        case 'r': fail_rate = optarg; break;
        case 'o': down_for = optarg; break;
        case 'k': cfg.keep_file = optarg; break;
        case 'c':
            if (!(cfg.credentials = getenv(optarg))) {
                fprintf(stderr, "motcua: biến %s không có / variable %s is not set\n", optarg,
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': return cli_help("portal-sim");
        default: return cli_usage("portal-sim");
        }
    }
    char *end = NULL;
    cfg.fail_rate = fail_rate ? strtod(fail_rate, &end) : 0;
    cfg.down_for_s = cli_seconds(down_for);
    if (optind != argc || cfg.down_for_s < 0 || (end && *end) || cfg.fail_rate < 0 ||
        cfg.fail_rate > 1)
        return cli_usage("portal-sim");
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    PortalSim *sim;
    Err e;
    if (portal_sim_start(&cfg, &sim, &e) < 0)
        return cli_fail(&e);
    const char *colon = strrchr(cfg.listen, ':');
    printf("http://%.*s:%u\n", (int)(colon - cfg.listen), cfg.listen, portal_sim_port(sim));
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    portal_sim_stop(sim);
    return EXIT_OK;
}

/* agency_sim.c: `motcua agency-sim`: run a simulated agency (web/agency_sim.h) until SIGINT or
 * SIGTERM, for demos, training and tests. Its key pair comes from --key-file (made there on
 * first use) or is new each run; it prints its URL and its public key, to register it with
 * `motcua agency add`. The population register's persons come from --data (JSONL). */
#include "cli/cli.h"

#include "app/jsonv.h"
#include "app/people.h"
#include "core/chain.h"
#include "util/secret.h"
#include "web/agency_sim.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct SimOpts {
    const char *kind, *listen, *motcua, *key_file, *delay, *fail_rate, *down_for, *motcua_key;
    const char *data;
} SimOpts;

/* read_people reads the population register's persons of path, one JSON object a line
 * (app/people.h people_read; blank lines skipped; an identity number once), into cfg, from a.
 * 0, or the exit code after printing why with the line number. */
static int read_people(const char *path, Arena *a, AgencySimConfig *cfg)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "motcua: không đọc được / cannot read %s\n", path);
        return EXIT_FAIL;
    }
    char *line = NULL;
    size_t cap = 0, n = 0, max = 16;
    Applicant *people = arena_array(a, max, sizeof *people);
    Err e = {0};
    int rc = 0;
    long no = 0;
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        no++;
        if (line[strspn(line, " \t\r\n")] == '\0')
            continue;
        json_t *o = NULL;
        if ((rc = jsonv_parse(line, strlen(line), &o, &e)) == 0)
            rc = people_read(a, o, &people[n], &e);
        json_decref(o);
        for (size_t i = 0; rc == 0 && i < n; i++)
            if (strcmp(people[i].id_number, people[n].id_number) == 0)
                rc = err_setf(&e, ERR_INVALID, "id_number", "Số định danh %s lặp lại",
                              "identity number %s appears twice", people[n].id_number);
        if (rc == 0 && ++n == max) {
            Applicant *more = arena_array(a, max * 2, sizeof *more);
            memcpy(more, people, n * sizeof *people);
            people = more;
            max *= 2;
        }
    }
    free(line);
    fclose(f);
    if (rc < 0) {
        fprintf(stderr, "motcua: %s dòng %ld: %s\n        line %ld: %s\n", path, no, e.message, no,
                e.message_en);
        return EXIT_USAGE;
    }
    cfg->people = people;
    cfg->n_people = n;
    return 0;
}

/* load_key reads the base64 secret key of path, or makes one and writes it there (mode 0600);
 * without a path a new key. 0, or -1 after printing why. */
static int load_key(const char *path, unsigned char sk[64])
{
    unsigned char pk[32];
    if (!path) {
        secret_sign_keypair(pk, sk);
        return 0;
    }
    FILE *f = fopen(path, "r");
    if (f) {
        char text[SECRET_B64_MAX + 2] = "";
        int ok = fgets(text, sizeof text, f) != NULL;
        fclose(f);
        text[strcspn(text, "\r\n")] = '\0';
        if (ok && secret_unb64(text, sk, 64) == 0)
            return 0;
        fprintf(stderr, "motcua: %s không chứa khóa / holds no key\n", path);
        return -1;
    }
    secret_sign_keypair(pk, sk);
    char text[SECRET_B64_MAX];
    secret_b64(sk, 64, text);
    f = fopen(path, "wx");
    if (!f || fprintf(f, "%s\n", text) < 0 || fclose(f) != 0) {
        fprintf(stderr, "motcua: không ghi được / cannot write %s\n", path);
        return -1;
    }
    return 0;
}

int cli_agency_sim(int argc, char **argv)
{
    static const struct option opts[] = {{"kind", required_argument, NULL, 'k'},
                                         {"listen", required_argument, NULL, 'l'},
                                         {"motcua", required_argument, NULL, 'm'},
                                         {"key-file", required_argument, NULL, 'f'},
                                         {"delay", required_argument, NULL, 'd'},
                                         {"fail-rate", required_argument, NULL, 'r'},
                                         {"down-for", required_argument, NULL, 'o'},
                                         {"motcua-key", required_argument, NULL, 'p'},
                                         {"data", required_argument, NULL, 'D'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    SimOpts o = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'k': o.kind = optarg; break;
        case 'l': o.listen = optarg; break;
        case 'm': o.motcua = optarg; break;
        case 'f': o.key_file = optarg; break;
        case 'd': o.delay = optarg; break;
        case 'r': o.fail_rate = optarg; break;
        case 'o': o.down_for = optarg; break;
        case 'p': o.motcua_key = optarg; break;
        case 'D': o.data = optarg; break;
        case 'h': return cli_help("agency-sim");
        default: return cli_usage("agency-sim");
        }
    }
    /* the register is asked, and posts nothing to motcua; the others post their answers */
    bool population = o.kind && strcmp(o.kind, AGENCY_POPULATION) == 0;
    AgencySimConfig cfg = {.kind = o.kind,
                           .listen = o.listen ? o.listen : "127.0.0.1:0",
                           .motcua_url = o.motcua,
                           .delay_s = cli_seconds(o.delay),
                           .down_for_s = cli_seconds(o.down_for)};
    char *end = NULL;
    cfg.fail_rate = o.fail_rate ? strtod(o.fail_rate, &end) : 0;
    if (optind != argc || !agency_kind_known(o.kind) || population != !o.motcua ||
        (o.motcua && strncmp(o.motcua, "http://", 7) != 0) || (o.data && !population) ||
        cfg.delay_s < 0 || cfg.down_for_s < 0 || (end && *end) || cfg.fail_rate < 0 ||
        cfg.fail_rate > 1)
        return cli_usage("agency-sim");
    cfg.check_motcua = o.motcua_key != NULL;
    if (o.motcua_key && secret_unb64(o.motcua_key, cfg.motcua_key, 32) < 0)
        return cli_usage("agency-sim");
    Arena *a = arena_new();
    int rc = o.data ? read_people(o.data, a, &cfg) : 0;
    if (rc == 0 && load_key(o.key_file, cfg.secret_key) < 0)
        rc = EXIT_FAIL;
    if (rc != 0) {
        arena_free(a);
        return rc;
    }
    /* only sigwait below receives the stop signals (the threads inherit this mask) */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    AgencySim *sim;
    Err e;
    if (agency_sim_start(&cfg, &sim, &e) < 0) {
        arena_free(a);
        return cli_fail(&e);
    }
    char key[SECRET_B64_MAX];
    secret_b64(cfg.secret_key + 32, 32, key); /* an Ed25519 secret key ends with its public */
    const char *colon = strrchr(cfg.listen, ':');
    printf("http://%.*s:%u %s\n", (int)(colon - cfg.listen), cfg.listen, agency_sim_port(sim), key);
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    agency_sim_stop(sim);
    arena_free(a);
    memset(cfg.secret_key, 0, sizeof cfg.secret_key);
    return EXIT_OK;
}

/* agency.c: `motcua agency add|list|key`: the agencies an interconnected group's steps go to
 * (their endpoint and the Ed25519 public key that signs their messages) and this node's own
 * key, which they check motcua's messages with (app/agencies.h). */
#include "cli/cli.h"

#include "app/agencies.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct AgencyOpts {
    const char *db, *kind, *url, *key;
} AgencyOpts;

/* parse reads the options; returns the first positional index, or -1 after printing usage
 * (or -2 after printing help). */
static int parse(int argc, char **argv, AgencyOpts *o)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},  {"kind", required_argument, NULL, 'k'},
        {"url", required_argument, NULL, 'u'}, {"public-key", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},      {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    memset(o, 0, sizeof *o);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'k': o->kind = optarg; break;
        case 'u': o->url = optarg; break;
        case 'p': o->key = optarg; break;
        case 'h': cli_help("agency"); return -2;
        default: cli_usage("agency"); return -1;
        }
    }
    return optind;
}

/* list prints one line per agency: its kind, its endpoint and its public key. */
static int list(Store *s, Arena *a, Err *e)
{
    Agency *gs;
    size_t n;
    int rc = store_agency_list(s, a, &gs, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char key[SECRET_B64_MAX];
        secret_b64(gs[i].public_key, 32, key);
        printf("%-14s %s %s\n", gs[i].kind, gs[i].url, key);
    }
    return rc;
}

int cli_agency(int argc, char **argv)
{
    AgencyOpts o;
    int i = parse(argc, argv, &o);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    const char *verb = i < argc ? argv[i] : "";
    if (i + 1 != argc)
        return cli_usage("agency");
    if (strcmp(verb, "list") == 0)
        return cli_read(o.db, list);
    int add = strcmp(verb, "add") == 0;
    if (!add && strcmp(verb, "key") != 0)
        return cli_usage("agency");
    if (add && (!o.kind || !o.url || !o.key))
        return cli_usage("agency");
    Store *s;
    Err e;
    int64_t now = (int64_t)time(NULL);
    unsigned char pk[32];
    if (cli_open_write(o.db, &s, &e) < 0)
        return cli_fail(&e);
    int rc = add ? agencies_add(s, o.kind, o.url, o.key, now, &e) : agencies_key(s, now, pk, &e);
    if (cli_finish(s, rc, &e) < 0)
        return cli_fail(&e);
    if (add) {
        printf("Đã lưu cơ quan %s\n", o.kind);
        return EXIT_OK;
    }
    char key[SECRET_B64_MAX];
    secret_b64(pk, 32, key);
    printf("%s\n", key);
    return EXIT_OK;
}

/* checkpoint.c: `motcua checkpoint`: sign each unit's chain heads now (app/checkpoint.h); the
 * server does the same at its --checkpoint-every interval. */
#include "cli/cli.h"

#include "app/checkpoint.h"
#include "app/signing.h"

#include <getopt.h>
#include <stdio.h>
#include <time.h>

int cli_checkpoint(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"files", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *files = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f': files = optarg; break;
        case 'h': return cli_help("checkpoint");
        default: return cli_usage("checkpoint");
        }
    }
    if (optind != argc)
        return cli_usage("checkpoint");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    Arena *a = arena_new();
    const char *key;
    Store *s;
    Err e;
    long n = 0;
    int rc = signing_key(a, db, files, 0, &key, &e);
    if (rc == 0 && (rc = cli_open_write(db, &s, &e)) == 0)
        rc = cli_finish(s, checkpoint_make(s, key, (int64_t)time(NULL), &n, &e), &e);
    arena_free(a);
    if (rc < 0)
        return cli_fail(&e);
    printf("Đã ký %ld điểm kiểm tra / signed %ld checkpoints\n", n, n);
    return EXIT_OK;
}

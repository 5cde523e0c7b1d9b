/* export.c: `motcua export`: the store as interchange JSONL on stdout. */
#include "cli/cli.h"

#include "io/interchange.h"

#include <getopt.h>
#include <stdio.h>

int cli_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'h': return cli_help("export");
        default: return cli_usage("export");
        }
    }
    if (optind != argc)
        return cli_usage("export");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_open(db, STORE_READONLY, &s, &e) < 0)
        return cli_fail(&e);
    int rc = interchange_export_catalogue(s, stdout, &e);
    store_close(s);
    if (rc == 0 && fflush(stdout) != 0)
        rc = err_set(&e, ERR_IO, "", "Không ghi được dữ liệu xuất", "write error on output");
    return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

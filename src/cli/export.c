/* export.c: `motcua export`: the store as interchange JSONL on stdout (catalogue first,
 * then dossiers with their events and derived fields); --since CURSOR only the dossiers that
 * changed since a previous export, whose cursor it prints on stderr. Each export is recorded
 * in the access log of personal-data views first. */
#include "cli/cli.h"

#include "core/dossier_code.h"
#include "io/interchange.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* log_export records the export, which shows every applicant's personal data, in the access log
 * before it starts (Decree 13/2023): by the operating-system user, of unit (NULL: all). */
static int log_export(const char *db, long long since, const char *unit, Err *e)
{
    const char *user = getenv("USER");
    char who[160], query[160];
    snprintf(who, sizeof who, "dòng lệnh (%s)", user && *user ? user : "?");
    snprintf(query, sizeof query, "since=%lld%s%s", since, unit ? "&unit=" : "", unit ? unit : "");
    AccessEntry v = {
        .at = (int64_t)time(NULL), .who = who, .unit = unit, .what = "export", .query = query};
    Store *s;
    int rc = store_open(db, STORE_OPEN, &s, e);
    if (rc < 0)
        return rc;
    if ((rc = store_begin(s, e)) == 0 && (rc = store_access_log(s, &v, e)) == 0)
        rc = store_commit(s, e);
    if (rc < 0)
        store_rollback(s);
    store_close(s);
    return rc;
}

int cli_export(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"since", required_argument, NULL, 's'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *unit = NULL;
    long long since = 0;
    char *end;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'u': unit = optarg; break;
        case 's':
            errno = 0;
            since = strtoll(optarg, &end, 10);
            if (errno || *end || end == optarg || since < 0) {
                fprintf(stderr, "motcua: --since phải là một số con trỏ (cursor) >= 0\n");
                return EXIT_USAGE;
            }
            break;
        case 'h': return cli_help("export");
        default: return cli_usage("export");
        }
    }
    if (optind != argc)
        return cli_usage("export");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    if (unit && !dossier_code_unit_valid(unit)) {
        fprintf(stderr, "motcua: mã đơn vị không hợp lệ / invalid unit code: %s\n", unit);
        return EXIT_USAGE;
    }
    Store *s;
    Err e;
    if (log_export(db, since, unit, &e) < 0 || store_open(db, STORE_READONLY, &s, &e) < 0)
        return cli_fail(&e);
    int64_t cursor = 0;
    int rc = interchange_export(s, stdout, since, unit, &cursor, &e);
    store_close(s);
    if (rc == 0 && fflush(stdout) != 0)
        rc = err_set(&e, ERR_IO, "", "Không ghi được dữ liệu xuất", "write error on output");
    if (rc < 0)
        return cli_fail(&e);
    fprintf(stderr, "cursor: %lld\n", (long long)cursor);
    return EXIT_OK;
}

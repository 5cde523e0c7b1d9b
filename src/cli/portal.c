/* portal.c: `motcua portal reconcile`: motcua's dossiers of a period against what the national
 * portal holds (app/portal.h), per status and 766 indicator, and each dossier that differs. */
#include "cli/cli.h"

#include "app/portal.h"
#include "io/portal_client.h"
#include "util/timefmt.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TRIES = 6 }; /* attempts of the look-up call */

static int print(const PortalReconcile *r, const char *from, const char *to, const char *unit)
{
    printf("Đối soát với Cổng DVCQG / reconcile with the portal: %s..%s%s%s\n", from, to,
           unit ? ", " : "", unit ? unit : "");
    printf("%-28s %8s %8s\n", "trạng thái / status", "motcua", "cổng");
    for (int st = 1; st <= 10; st++)
        if (r->ours_status[st] || r->theirs_status[st])
            printf("%-22d %8ld %8ld%s\n", st, r->ours_status[st], r->theirs_status[st],
                   r->ours_status[st] != r->theirs_status[st] ? "  *" : "");
    printf("%-28s %8s %8s\n", "chỉ số 766 / indicator", "motcua", "cổng");
    for (int i = 0; i < PI_COUNT; i++)
        printf("%-22s %8ld %8ld%s\n", portal_indicator_name((PortalIndicator)i),
               r->ours_indicator[i], r->theirs_indicator[i],
               r->ours_indicator[i] != r->theirs_indicator[i] ? "  *" : "");
    printf("hồ sơ khác nhau / dossiers that differ: %zu (of %ld)\n", r->n_diffs, r->compared);
    for (size_t i = 0; i < r->n_diffs; i++)
        printf("%s\t%s\n", r->diffs[i].code,
               r->diffs[i].ours_missing ? "không có trong motcua / not in motcua"
               : strcmp(r->diffs[i].field, "MaHoSo") == 0 ? "không có trên Cổng / not on the portal"
                                                          : r->diffs[i].field);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

static int reconcile(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"portal-url", required_argument, NULL, 'p'},
                                         {"portal-credentials-env", required_argument, NULL, 'c'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *from = NULL, *to = NULL, *unit = NULL, *url = NULL, *cred = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f': from = optarg; break;
        case 't': to = optarg; break;
        case 'u': unit = optarg; break;
        case 'p': url = optarg; break;
        case 'c':
            if (!(cred = getenv(optarg))) {
                fprintf(stderr, "motcua: biến %s không có / variable %s is not set\n", optarg,
                        optarg);
                return EXIT_USAGE;
            }
            break;
        default: return cli_usage("portal");
        }
    }
    Err e;
    int32_t d_from, d_to;
    if (optind != argc || !from || !to || !url)
        return cli_usage("portal");
    if (timefmt_parse_date(from, strlen(from), &e, &d_from) < 0 ||
        timefmt_parse_date(to, strlen(to), &e, &d_to) < 0)
        return cli_fail(&e);
    if (d_to < d_from) {
        fprintf(stderr, "motcua: --to phải không trước --from / --to must not precede --from\n");
        return EXIT_USAGE;
    }
    PortalClient *pc = portal_client_new(url, cred);
    if (!pc) {
        fprintf(stderr, "motcua: --portal-url phải có dạng http://máy:cổng / must be "
                        "http://host:port\n");
        return EXIT_USAGE;
    }
    if (!(db = cli_db(db))) {
        portal_client_free(pc);
        return EXIT_USAGE;
    }
    Store *s;
    if (store_open(db, STORE_READONLY, &s, &e) < 0) {
        portal_client_free(pc);
        return cli_fail(&e);
    }
    Arena *a = arena_new();
    StrBuf ans;
    sb_init(&ans, 0);
    PortalReconcile r;
    json_t *theirs = NULL;
    int rc = portal_client_retry(pc, "TraCuuHoSo", portal_lookup_query(a, d_from, d_to), &ans,
                                 TRIES, &e);
    if (rc == 0 && !(theirs = json_loads(ans.data ? ans.data : "", 0, NULL)))
        rc = err_set(&e, ERR_INVALID, "portal", "Cổng DVCQG trả lời không phải JSON",
                     "the portal's answer is not JSON");
    if (rc == 0)
        rc = portal_reconcile(s, a, d_from, d_to, unit, theirs, &r, &e);
    int exit_code = rc < 0                          ? cli_fail(&e)
                    : print(&r, from, to, unit) < 0 ? EXIT_FAIL
                    : r.n_diffs                     ? EXIT_FAIL
                                                    : EXIT_OK;
    json_decref(theirs);
    sb_free(&ans);
    arena_free(a);
    store_close(s);
    portal_client_free(pc);
    return exit_code;
}

int cli_portal(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "reconcile") == 0)
        return reconcile(argc - 1, argv + 1);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0))
        return cli_help("portal");
    return cli_usage("portal");
}

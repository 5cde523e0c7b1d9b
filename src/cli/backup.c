/* backup.c: the store's upkeep: `motcua backup` (an online, consistent copy), `motcua verify`
 * (integrity, references, every dossier's hash chain and projection, the counters, the
 * documents' files; exit 1 on any problem) and `motcua recount` (the counters rebuilt from
 * the events). */
#include "cli/cli.h"

#include "store/documents.h"
#include "store/dossiers.h"

#include <getopt.h>
#include <stdio.h>

/* parse_db reads --db and --help; returns the first positional index, -1 on bad usage,
 * -2 after help. */
static int parse_db(int argc, char **argv, const char *command, const char **db)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    *db = NULL;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'h': cli_help(command); return -2;
        default: cli_usage(command); return -1;
        }
    }
    return optind;
}

int cli_backup(int argc, char **argv)
{
    const char *db;
    int i = parse_db(argc, argv, "backup", &db);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    if (i + 1 != argc)
        return cli_usage("backup");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_open(db, STORE_OPEN, &s, &e) < 0)
        return cli_fail(&e);
    int rc = store_backup(s, argv[i], &e);
    store_close(s);
    if (rc < 0)
        return cli_fail(&e);
    printf("Đã sao lưu vào %s\n", argv[i]);
    return EXIT_OK;
}

int cli_recount(int argc, char **argv)
{
    const char *db;
    int i = parse_db(argc, argv, "recount", &db);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    if (i != argc)
        return cli_usage("recount");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_open(db, STORE_OPEN, &s, &e) < 0)
        return cli_fail(&e);
    long dossiers = 0, changed = 0;
    int rc = store_begin(s, &e);
    if (rc == 0)
        rc = dossiers_recount(s, &dossiers, &changed, &e);
    if (rc == 0)
        rc = store_commit(s, &e);
    if (rc < 0)
        store_rollback(s);
    store_close(s);
    if (rc < 0)
        return cli_fail(&e);
    printf("Đã đếm lại số liệu từ %ld hồ sơ; %ld nhóm số liệu đã được sửa / recounted %ld "
           "dossiers; %ld counter groups corrected\n",
           dossiers, changed, dossiers, changed);
    return EXIT_OK;
}

static void print_problem(void *ctx, const char *problem)
{
    (void)ctx;
    printf("LỖI: %s\n", problem);
}

int cli_verify(int argc, char **argv)
{
    const char *db;
    int i = parse_db(argc, argv, "verify", &db);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    if (i != argc)
        return cli_usage("verify");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_open(db, STORE_OPEN, &s, &e) < 0)
        return cli_fail(&e);
    long problems = 0, chains = 0, files = 0;
    int rc = store_check(s, print_problem, NULL, &problems, &e);
    if (rc == 0)
        rc = dossiers_verify(s, print_problem, NULL, &chains, &e);
    /* the documents' bytes live beside the database (store/documents.h) */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s.files", db);
    if (rc == 0)
        rc = documents_verify(s, dir, print_problem, NULL, &files, &e);
    problems += chains + files;
    store_close(s);
    if (rc < 0)
        return cli_fail(&e);
    if (problems) {
        printf("%ld lỗi / problems found\n", problems);
        return EXIT_FAIL;
    }
    printf("Toàn vẹn: không có lỗi / ok\n");
    return EXIT_OK;
}

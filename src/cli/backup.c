/* backup.c: the store's upkeep: `motcua backup` (an online, consistent copy), `motcua verify`
 * (integrity, references, every dossier's hash chain and projection, the counters, the
 * documents' files; exit 1 on any problem) and `motcua recount` (the counters rebuilt from
 * the events). */
#include "cli/cli.h"

#include "app/agencies.h"
#include "app/checkpoint.h"
#include "app/documents.h"
#include "app/dossiers.h"

#include <getopt.h>
#include <stdio.h>

/* open_db parses `command --db PATH [--files DIR] ARG...` with n_args positional arguments
 * (the index of the first in *first, if not NULL) and opens the store into *s: 1 then;
 * otherwise 0, with *code the exit code (after --help, bad usage or a store that cannot be
 * opened). *files is the documents' folder: --files, else <db>.files beside a file store,
 * else NULL (a database server's store whose folder was not named). */
static int open_db(int argc, char **argv, const char *command, int n_args, const char **db,
                   const char **files, int *first, Store **s, int *code)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"files", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    static char beside[4096];
    int c;
    optind = 1;
    *db = NULL;
    *files = NULL;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'f': *files = optarg; break;
        case 'h': *code = cli_help(command); return 0;
        default: *code = cli_usage(command); return 0;
        }
    }
    if (first)
        *first = optind;
    if (optind + n_args != argc) {
        *code = cli_usage(command);
        return 0;
    }
    if (!(*db = cli_db(*db))) {
        *code = EXIT_USAGE;
        return 0;
    }
    if (!*files && store_is_file(*db)) {
        snprintf(beside, sizeof beside, "%s.files", *db);
        *files = beside;
    }
    Err e;
    if (store_open(*db, STORE_OPEN, s, &e) < 0) {
        *code = cli_fail(&e);
        return 0;
    }
    return 1;
}

int cli_backup(int argc, char **argv)
{
    const char *db, *from;
    int i, code;
    Store *s;
    if (!open_db(argc, argv, "backup", 1, &db, &from, &i, &s, &code))
        return code;
    Err e;
    char to[4096];
    snprintf(to, sizeof to, "%s.files", argv[i]);
    long files = 0;
    /* the documents' files after the database: the copy names none that is not there yet */
    int rc = store_backup(s, argv[i], &e);
    if (rc == 0 && from)
        rc = documents_copy(s, from, to, &files, &e);
    store_close(s);
    if (rc < 0)
        return cli_fail(&e);
    printf("Đã sao lưu vào %s (%ld tệp tài liệu vào %s)\n", argv[i], files, to);
    return EXIT_OK;
}

int cli_recount(int argc, char **argv)
{
    const char *db, *files;
    int code;
    Store *s;
    if (!open_db(argc, argv, "recount", 0, &db, &files, NULL, &s, &code))
        return code;
    Err e;
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
    const char *db, *dir;
    int code;
    Store *s;
    if (!open_db(argc, argv, "verify", 0, &db, &dir, NULL, &s, &code))
        return code;
    Err e;
    long problems = 0, chains = 0, files = 0;
    int rc = store_check(s, print_problem, NULL, &problems, &e);
    if (rc == 0)
        rc = dossiers_verify(s, print_problem, NULL, &chains, &e);
    /* the documents' bytes live in their folder (store/files.h) */
    if (rc == 0 && dir)
        rc = documents_verify(s, dir, print_problem, NULL, &files, &e);
    else if (rc == 0)
        printf("Tài liệu: chưa kiểm tra, hãy chỉ --files THƯ_MỤC / documents not checked: name "
               "their folder with --files DIR\n");
    long signatures = 0, messages = 0;
    if (rc == 0 && !dir)
        printf("Chữ ký số của tệp kết quả: chưa kiểm tra, hãy chỉ --files THƯ_MỤC / result "
               "files' signatures not checked: name their folder with --files DIR\n");
    if (rc == 0)
        rc = checkpoint_verify(s, dir, print_problem, NULL, &signatures, &e);
    if (rc == 0)
        rc = agencies_verify(s, print_problem, NULL, &messages, &e);
    problems += chains + files + signatures + messages;
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

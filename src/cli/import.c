/* import.c: `motcua import`: interchange JSONL into the store, all or nothing, with a
 * progress line on a terminal (lines/s and, for a file, the time left). */
#include "cli/cli.h"

#include "io/interchange.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct Progress {
    struct timespec start;
    long total_bytes; /* 0 when unknown (a pipe) */
} Progress;

static void show(void *ctx, long lines, long bytes)
{
    Progress *p = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt =
        (double)(now.tv_sec - p->start.tv_sec) + (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
    double rate = dt > 0 ? (double)lines / dt : 0;
    if (p->total_bytes > 0 && bytes > 0) {
        double left = dt * (double)(p->total_bytes - bytes) / (double)bytes;
        fprintf(stderr, "\r%ld dòng, %.0f dòng/s, %3.0f%%, còn khoảng %.0f s   ", lines, rate,
                100.0 * (double)bytes / (double)p->total_bytes, left);
    } else {
        fprintf(stderr, "\r%ld dòng, %.0f dòng/s   ", lines, rate);
    }
}

int cli_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'h': return cli_help("import");
        default: return cli_usage("import");
        }
    }
    if (optind != argc - 1)
        return cli_usage("import");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    const char *path = argv[optind];
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!in) {
        fprintf(stderr, "motcua: không mở được %s / cannot open %s\n", path, path);
        return EXIT_USAGE;
    }
    Progress p = {0};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    struct stat st;
    if (in != stdin && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
        p.total_bytes = (long)st.st_size;
    int tty = isatty(STDERR_FILENO);
    Store *s;
    Err e;
    int rc = store_open(db, STORE_OPEN, &s, &e);
    ImportCounts counts;
    if (rc == 0) {
        rc = interchange_import(s, in, tty ? show : NULL, &p, &counts, &e);
        store_close(s);
    }
    if (in != stdin)
        fclose(in);
    if (tty)
        fputc('\n', stderr);
    if (rc < 0)
        return cli_fail(&e);
    printf("Đã nhập %ld dòng: %ld đơn vị, %ld lĩnh vực, %ld thủ tục, %ld hồ sơ (%ld sự kiện "
           "mới)\n",
           counts.lines, counts.units, counts.fields, counts.procedures, counts.dossiers,
           counts.events);
    if (counts.queue_groups || counts.queue_counters)
        printf("%ld nhóm quầy, %ld quầy\n", counts.queue_groups, counts.queue_counters);
    if (counts.chains)
        printf("%ld nhóm thủ tục liên thông\n", counts.chains);
    if (counts.users)
        printf("%ld người dùng (người dùng mới chưa có mật khẩu: đặt bằng motcua user passwd)\n",
               counts.users);
    if (counts.operations)
        printf("%ld thao tác sắp xếp đơn vị (unit operations)\n", counts.operations);
    if (counts.parents_left_out)
        printf("%ld đơn vị có cấp trên không dòng nào khai báo: để trống cấp trên\n",
               counts.parents_left_out);
    return EXIT_OK;
}

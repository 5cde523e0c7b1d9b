/* cert.c: `motcua cert import|list|revoke`: the units' signing certificates (app/signing.h),
 * and the demo certificate authority `motcua init --demo` makes (cert_demo). */
#include "cli/cli.h"

#include "app/signing.h"
#include "util/timefmt.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct CertOpts {
    const char *db, *files, *unit, *password_env, *on;
} CertOpts;

/* parse reads the options; returns the first positional index, or -1 after printing usage
 * (or -2 after printing help). */
static int parse(int argc, char **argv, CertOpts *o)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"files", required_argument, NULL, 'f'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"password-env", required_argument, NULL, 'p'},
                                         {"on", required_argument, NULL, 'o'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    memset(o, 0, sizeof *o);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'f': o->files = optarg; break;
        case 'u': o->unit = optarg; break;
        case 'p': o->password_env = optarg; break;
        case 'o': o->on = optarg; break;
        case 'h': cli_help("cert"); return -2;
        default: cli_usage("cert"); return -1;
        }
    }
    return optind;
}

/* read_file reads the whole of path (at most 1 MiB) into a. */
static int read_file(Arena *a, const char *path, char **out, size_t *out_len, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_setf(e, ERR_INVALID, "file", "Không mở được tệp %s", "cannot open the file %s",
                        path);
    enum { MAX = 1 << 20 };
    char *buf = arena_alloc(a, MAX + 1);
    size_t n = fread(buf, 1, MAX + 1, f);
    fclose(f);
    if (n > MAX)
        return err_set(e, ERR_INVALID, "file", "Tệp chứng thư số quá lớn (tối đa 1 MiB)",
                       "the certificate file is too large (1 MiB at most)");
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return 0;
}

/* day_text is the local date of day, or "-" for none. */
static const char *day_text(int32_t day, char buf[TIMEFMT_DATE_SIZE])
{
    if (day == INT32_MIN || timefmt_format_date(day, buf, TIMEFMT_DATE_SIZE) < 0)
        return "-";
    return buf;
}

static int cert_list(Store *s, Arena *a, Err *e)
{
    UnitCert *certs;
    size_t n;
    int rc = store_cert_list(s, a, NULL, &certs, &n, e);
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const UnitCert *c = &certs[i];
        UnitCert current;
        Err none;
        char from[TIMEFMT_DATE_SIZE], to[TIMEFMT_DATE_SIZE], revoked[TIMEFMT_DATE_SIZE];
        int signing =
            signing_current(s, a, c->unit, now, &current, &none) == 0 && current.id == c->id;
        printf("%-5lld %-16s %s..%s  thu hồi/revoked %s  %s  %s\n", (long long)c->id, c->unit,
               day_text(timefmt_local_day(c->not_before), from),
               day_text(timefmt_local_day(c->not_after), to), day_text(c->revoked_on, revoked),
               signing ? "đang ký/signing" : "-", c->subject);
    }
    return rc;
}

/* import one identity for unit and print what was recorded. */
static int import_identity(const char *db, const char *files, const char *unit,
                           const SignIdentity *id, Err *e)
{
    Store *s;
    Arena *a = arena_new();
    const char *key;
    UnitCert c;
    int rc = signing_key(a, db, files, 1, &key, e);
    if (rc == 0 && (rc = cli_open_write(db, &s, e)) == 0)
        rc = cli_finish(s, signing_import(s, a, unit, id, key, (int64_t)time(NULL), &c, e), e);
    if (rc == 0)
        printf("Chứng thư số %lld của đơn vị %s: %s / certificate %lld of unit %s\n",
               (long long)c.id, unit, c.subject, (long long)c.id, unit);
    arena_free(a);
    return rc;
}

int cert_demo(const char *db, const char *files, const char *const *units, const char *const *names,
              size_t n, Err *e)
{
    Arena *a = arena_new();
    const char *ca, *ca_key;
    int64_t now = (int64_t)time(NULL);
    int rc = sign_demo_ca(a, "motcua Demo CA (không dùng thật / not for production)", now, &ca,
                          &ca_key, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        SignIdentity id;
        rc = sign_demo_issue(a, ca, ca_key, names[i], "motcua demo", now, 3, &id, e);
        if (rc == 0)
            rc = import_identity(db, files, units[i], &id, e);
    }
    /* the CA's certificate, to check signatures with openssl; its key is dropped now */
    const char *path = signing_file(a, db, files, "demo-ca.pem"); /* beside the key */
    FILE *f = rc == 0 ? fopen(path, "w") : NULL;
    if (rc == 0 && (!f || fputs(ca, f) < 0))
        rc = err_setf(e, ERR_IO, "", "Không ghi được %s", "cannot write %s", path);
    if (f && fclose(f) != 0 && rc == 0)
        rc = err_setf(e, ERR_IO, "", "Không ghi được %s", "cannot write %s", path);
    if (rc == 0)
        printf("CA mẫu / demo CA: %s\n", path);
    arena_free(a);
    return rc;
}

int cli_cert(int argc, char **argv)
{
    CertOpts o;
    int i = parse(argc, argv, &o);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    const char *verb = i < argc ? argv[i] : "";
    if (strcmp(verb, "list") == 0 && i + 1 == argc)
        return cli_read(o.db, cert_list);
    const char *db = cli_db(o.db);
    if (!db)
        return EXIT_USAGE;
    Err e;
    if (strcmp(verb, "import") == 0 && i + 2 == argc && o.unit) {
        const char *password = o.password_env ? getenv(o.password_env) : NULL;
        if (o.password_env && !password) {
            fprintf(stderr, "Biến môi trường %s không có / environment variable %s is not set\n",
                    o.password_env, o.password_env);
            return EXIT_USAGE;
        }
        Arena *a = arena_new();
        char *data = NULL;
        size_t len = 0;
        SignIdentity id;
        int rc = read_file(a, argv[i + 1], &data, &len, &e);
        if (rc == 0)
            rc = sign_load(a, data, len, password, &id, &e);
        if (rc == 0)
            rc = import_identity(db, o.files, o.unit, &id, &e);
        arena_free(a);
        return rc < 0 ? cli_fail(&e) : EXIT_OK;
    }
    if (strcmp(verb, "revoke") == 0 && i + 2 == argc && o.on) {
        char *end;
        errno = 0;
        long long id = strtoll(argv[i + 1], &end, 10);
        int32_t day;
        if (errno || *end || id <= 0) {
            fprintf(stderr, "Số chứng thư không hợp lệ / invalid certificate id: %s\n",
                    argv[i + 1]);
            return EXIT_USAGE;
        }
        if (timefmt_parse_date(o.on, strlen(o.on), &e, &day) < 0)
            return cli_fail(&e);
        Store *s;
        if (cli_open_write(db, &s, &e) < 0 ||
            cli_finish(s, store_cert_revoke(s, id, day, &e), &e) < 0)
            return cli_fail(&e);
        printf("Đã thu hồi chứng thư số %lld từ ngày %s / certificate %lld revoked from %s\n", id,
               o.on, id, o.on);
        return EXIT_OK;
    }
    return cli_usage("cert");
}

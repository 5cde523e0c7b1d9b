/* token.c: `motcua token add|list|revoke`: bearer API tokens for systems and people, with an
 * expiry, through the same app/accounts functions as the admin pages. */
#include "cli/cli.h"

#include "app/accounts.h"
#include "util/timefmt.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct TokenOpts {
    const char *db, *role, *unit, *expires;
} TokenOpts;

/* parse reads the options; returns the first positional index, or -1 after printing usage
 * (or -2 after printing help). */
static int parse(int argc, char **argv, TokenOpts *o)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"role", required_argument, NULL, 'r'},
        {"unit", required_argument, NULL, 'u'}, {"expires", required_argument, NULL, 'x'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    memset(o, 0, sizeof *o);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'r': o->role = optarg; break;
        case 'u': o->unit = optarg; break;
        case 'x': o->expires = optarg; break;
        case 'h': cli_help("token"); return -2;
        default: cli_usage("token"); return -1;
        }
    }
    return optind;
}

/* day_of writes the local date of t ("2026-12-06"), or "-" for 0, into buf. */
static const char *day_of(int64_t t, char buf[TIMEFMT_DATE_SIZE])
{
    if (!t || timefmt_format_date(timefmt_local_day(t), buf, TIMEFMT_DATE_SIZE) < 0)
        return "-";
    return buf;
}

/* token_list prints one line per token: id, name, role, unit, the day it was made, the last
 * day it works, and its state now. */
static int token_list(Store *s, Arena *a, Err *e)
{
    int64_t now = (int64_t)time(NULL);
    ApiToken *tokens;
    size_t n;
    int rc = store_token_list(s, a, NULL, &tokens, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const ApiToken *t = &tokens[i];
        char made[TIMEFMT_DATE_SIZE], last[TIMEFMT_DATE_SIZE];
        const char *state = t->revoked_at                           ? "đã thu hồi"
                            : t->expires_at && now >= t->expires_at ? "hết hạn"
                                                                    : "hiệu lực";
        printf("%-6lld %-20s %-12s %-14s %s  %s  %s\n", (long long)t->id, t->name, t->role, t->unit,
               day_of(t->created_at, made),
               t->expires_at ? day_of(t->expires_at - 1, last) : "không hạn", state);
    }
    return rc;
}

int cli_token(int argc, char **argv)
{
    TokenOpts o;
    int i = parse(argc, argv, &o);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    const char *verb = i < argc ? argv[i] : "";
    int64_t now = (int64_t)time(NULL);
    if (strcmp(verb, "list") == 0 && i + 1 == argc)
        return cli_read(o.db, token_list);
    int add = strcmp(verb, "add") == 0, revoke = strcmp(verb, "revoke") == 0;
    if (i + 2 != argc || !(add || revoke) || (add && (!o.role || !o.unit)))
        return cli_usage("token");
    Store *s;
    Err e;
    char token[64];
    int64_t expires_at = 0, id = 0;
    int n = 0;
    if (add && accounts_token_expiry(o.expires, now, &expires_at, &e) < 0)
        return cli_fail(&e);
    if (cli_open_write(o.db, &s, &e) < 0)
        return cli_fail(&e);
    int rc =
        add ? accounts_add_token(s, argv[i + 1], o.role, o.unit, now, expires_at, token, &id, &e)
            : accounts_revoke_tokens(s, argv[i + 1], NULL, now, &n, &e);
    if (cli_finish(s, rc, &e) < 0)
        return cli_fail(&e);
    if (revoke) {
        printf("Đã thu hồi %d mã truy cập\n", n);
        return EXIT_OK;
    }
    char last[TIMEFMT_DATE_SIZE];
    printf("%s\n", token);
    fprintf(stderr,
            "Mã truy cập số %lld, dùng được đến hết ngày %s. Lưu mã này ngay: nó chỉ được in "
            "một lần / token %lld, valid through %s; store it now: it is shown only once\n",
            (long long)id, day_of(expires_at - 1, last), (long long)id, last);
    return EXIT_OK;
}

/* user.c: `motcua user add|passwd|list` and `motcua token add`: officer accounts and API
 * tokens from the command line, through the same store/accounts functions as the API. */
#include "cli/cli.h"

#include "app/accounts.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

typedef struct UserOpts {
    const char *db, *role, *unit;
    int password_stdin;
} UserOpts;

/* parse reads the options shared by user and token; returns the first positional index,
 * or -1 after printing usage (or -2 after printing help). */
static int parse(int argc, char **argv, const char *command, UserOpts *o)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"role", required_argument, NULL, 'r'},
        {"unit", required_argument, NULL, 'u'}, {"password-stdin", no_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    memset(o, 0, sizeof *o);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'r': o->role = optarg; break;
        case 'u': o->unit = optarg; break;
        case 'p': o->password_stdin = 1; break;
        case 'h': cli_help(command); return -2;
        default: cli_usage(command); return -1;
        }
    }
    return optind;
}

/* read_line reads one line from f into buf without its newline; -1 at EOF or overflow. */
static int read_line(FILE *f, char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, f))
        return -1;
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '\n')
        buf[--n] = '\0';
    else if (!feof(f))
        return -1; /* longer than the buffer */
    if (n && buf[n - 1] == '\r')
        buf[--n] = '\0';
    return 0;
}

/* ask reads a password without echo on the terminal. */
static int ask(const char *prompt, char *buf, size_t cap)
{
    struct termios old, quiet;
    fputs(prompt, stderr);
    fflush(stderr);
    if (tcgetattr(STDIN_FILENO, &old) < 0)
        return -1;
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    int rc = read_line(stdin, buf, cap);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    return rc;
}

/* get_password reads the new password from stdin or the terminal (asked twice). */
static int get_password(const UserOpts *o, char *buf, size_t cap)
{
    if (o->password_stdin) {
        if (read_line(stdin, buf, cap) == 0)
            return 0;
        fprintf(stderr, "motcua: không đọc được mật khẩu từ stdin / cannot read password\n");
        return -1;
    }
    if (!isatty(STDIN_FILENO)) {
        fprintf(stderr, "motcua: dùng --password-stdin khi không có terminal / "
                        "use --password-stdin when stdin is not a terminal\n");
        return -1;
    }
    char again[300];
    if (ask("Mật khẩu mới: ", buf, cap) < 0 || ask("Nhập lại: ", again, sizeof again) < 0)
        return -1;
    if (strcmp(buf, again) != 0) {
        fprintf(stderr, "motcua: hai lần nhập không khớp / passwords do not match\n");
        return -1;
    }
    return 0;
}

static int open_write(const UserOpts *o, Store **s, Err *e)
{
    const char *db = cli_db(o->db);
    if (!db)
        return err_set(e, ERR_INVALID, "db", "Thiếu --db", "missing --db");
    int rc = store_open(db, STORE_OPEN, s, e);
    if (rc == 0 && (rc = store_begin(*s, e)) < 0)
        store_close(*s);
    return rc;
}

/* finish commits (or rolls back on failure) and closes. */
static int finish(Store *s, int rc, Err *e)
{
    if (rc == 0)
        rc = store_commit(s, e);
    if (rc < 0)
        store_rollback(s);
    store_close(s);
    return rc;
}

static int user_list(const UserOpts *o)
{
    const char *db = cli_db(o->db);
    if (!db)
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_open(db, STORE_READONLY, &s, &e) < 0)
        return cli_fail(&e);
    Arena *a = arena_new();
    User *users;
    size_t n;
    int rc = store_user_list(s, a, NULL, &users, &n, &e);
    for (size_t i = 0; rc == 0 && i < n; i++)
        printf("%-20s %-12s %-14s%s\n", users[i].name, users[i].role, users[i].unit,
               users[i].disabled ? " (khóa)" : "");
    arena_free(a);
    store_close(s);
    return rc < 0 ? cli_fail(&e) : EXIT_OK;
}

int cli_user(int argc, char **argv)
{
    UserOpts o;
    int i = parse(argc, argv, "user", &o);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    const char *verb = i < argc ? argv[i] : "";
    if (strcmp(verb, "list") == 0 && i + 1 == argc)
        return user_list(&o);
    int add = strcmp(verb, "add") == 0, passwd = strcmp(verb, "passwd") == 0;
    if (!(add || passwd) || i + 2 != argc || (add && (!o.role || !o.unit)))
        return cli_usage("user");
    const char *name = argv[i + 1];
    char password[300];
    if (get_password(&o, password, sizeof password) < 0)
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (open_write(&o, &s, &e) < 0)
        return cli_fail(&e);
    int64_t now = (int64_t)time(NULL);
    int rc = add ? accounts_add_user(s, name, o.role, o.unit, password, now, NULL, &e)
                 : accounts_set_password(s, name, password, now, &e);
    memset(password, 0, sizeof password);
    if (finish(s, rc, &e) < 0)
        return cli_fail(&e);
    printf(add ? "Đã tạo người dùng %s\n" : "Đã đổi mật khẩu của %s\n", name);
    return EXIT_OK;
}

int cli_token(int argc, char **argv)
{
    UserOpts o;
    int i = parse(argc, argv, "token", &o);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    if (i + 2 != argc || strcmp(argv[i], "add") != 0 || !o.role || !o.unit)
        return cli_usage("token");
    Store *s;
    Err e;
    char token[64];
    if (open_write(&o, &s, &e) < 0)
        return cli_fail(&e);
    int rc = accounts_add_token(s, argv[i + 1], o.role, o.unit, (int64_t)time(NULL), token, &e);
    if (finish(s, rc, &e) < 0)
        return cli_fail(&e);
    printf("%s\n", token);
    fprintf(stderr, "Lưu mã này ngay: nó chỉ được in một lần / store this token now: it is "
                    "shown only once\n");
    return EXIT_OK;
}

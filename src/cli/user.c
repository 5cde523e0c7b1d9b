/* user.c: `motcua user add|set|passwd|disable|enable|list`: officer accounts from the command
 * line, with the profile the printed forms read, through the same app/accounts functions as
 * the admin pages and the API. */
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
    UserProfile profile; /* a field not given is NULL; "" clears it (user set) */
    int password_stdin;
} UserOpts;

/* parse reads the options; returns the first positional index, or -1 after printing usage
 * (or -2 after printing help). */
static int parse(int argc, char **argv, UserOpts *o)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"role", required_argument, NULL, 'r'},
                                         {"unit", required_argument, NULL, 'u'},
                                         {"full-name", required_argument, NULL, 'f'},
                                         {"title", required_argument, NULL, 't'},
                                         {"phone", required_argument, NULL, 'P'},
                                         {"password-stdin", no_argument, NULL, 'p'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    memset(o, 0, sizeof *o);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'r': o->role = optarg; break;
        case 'u': o->unit = optarg; break;
        case 'f': o->profile.full_name = optarg; break;
        case 't': o->profile.title = optarg; break;
        case 'P': o->profile.phone = optarg; break;
        case 'p': o->password_stdin = 1; break;
        case 'h': cli_help("user"); return -2;
        default: cli_usage("user"); return -1;
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

/* user_list prints one line per user: name, role, unit, "(khóa)" when disabled, and the
 * profile the forms print. */
static int user_list(Store *s, Arena *a, Err *e)
{
    User *users;
    size_t n;
    int rc = store_user_list(s, a, NULL, &users, &n, e);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const User *u = &users[i];
        printf("%-20s %-12s %-14s%s", u->name, u->role, u->unit, u->disabled ? " (khóa)" : "");
        if (u->full_name || u->title || u->phone)
            printf("  %s%s%s%s%s", u->full_name ? u->full_name : "", u->title ? ", " : "",
                   u->title ? u->title : "", u->phone ? ", " : "", u->phone ? u->phone : "");
        putchar('\n');
    }
    return rc;
}

/* given returns the option value v when given, else the stored value kept. */
static const char *given(const char *v, const char *kept)
{
    return v ? v : kept;
}

/* change runs `set`, `disable` or `enable` on user name in one transaction. */
static int change(const UserOpts *o, const char *verb, const char *name)
{
    Store *s;
    Err e;
    if (cli_open_write(o->db, &s, &e) < 0)
        return cli_fail(&e);
    int rc;
    if (strcmp(verb, "set") == 0) {
        Arena *a = arena_new();
        User u;
        if ((rc = store_user_get(s, a, name, &u, &e)) == 0) {
            UserProfile p = {given(o->profile.full_name, u.full_name),
                             given(o->profile.title, u.title), given(o->profile.phone, u.phone)};
            rc = accounts_set_profile(s, name, &p, &e);
        }
        arena_free(a);
    } else {
        rc = accounts_set_disabled(s, name, strcmp(verb, "disable") == 0, &e);
    }
    if (cli_finish(s, rc, &e) < 0)
        return cli_fail(&e);
    printf(strcmp(verb, "set") == 0       ? "Đã cập nhật thông tin của %s\n"
           : strcmp(verb, "disable") == 0 ? "Đã khóa %s và kết thúc mọi phiên đăng nhập\n"
                                          : "Đã mở khóa %s\n",
           name);
    return EXIT_OK;
}

int cli_user(int argc, char **argv)
{
    UserOpts o;
    int i = parse(argc, argv, &o);
    if (i < 0)
        return i == -2 ? EXIT_OK : EXIT_USAGE;
    const char *verb = i < argc ? argv[i] : "";
    if (strcmp(verb, "list") == 0 && i + 1 == argc)
        return cli_read(o.db, user_list);
    if (i + 2 != argc)
        return cli_usage("user");
    const char *name = argv[i + 1];
    if (strcmp(verb, "set") == 0 || strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0)
        return change(&o, verb, name);
    int add = strcmp(verb, "add") == 0, passwd = strcmp(verb, "passwd") == 0;
    if (!(add || passwd) || (add && (!o.role || !o.unit)))
        return cli_usage("user");
    char password[300];
    if (get_password(&o, password, sizeof password) < 0)
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (cli_open_write(o.db, &s, &e) < 0)
        return cli_fail(&e);
    int64_t now = (int64_t)time(NULL);
    int rc = add ? accounts_add_user(s, name, o.role, o.unit, password, &o.profile, now, NULL, &e)
                 : accounts_set_password(s, name, password, now, &e);
    memset(password, 0, sizeof password);
    if (cli_finish(s, rc, &e) < 0)
        return cli_fail(&e);
    printf(add ? "Đã tạo người dùng %s\n" : "Đã đổi mật khẩu của %s\n", name);
    return EXIT_OK;
}

/* main.c: argv -> one subcommand; nothing else. */
#include "cli/cli.h"
#include "util/secret.h"

#include <stdio.h>
#include <string.h>

#ifndef MOTCUA_VERSION
#define MOTCUA_VERSION "dev"
#endif

static int help(FILE *out)
{
    fprintf(out,
            "motcua %s: hệ thống một cửa điện tử / electronic one-stop system\n\n"
            "usage: motcua COMMAND [OPTIONS]   (motcua COMMAND --help for details)\n\n",
            MOTCUA_VERSION);
    for (int i = 0; i < cli_n_commands; i++)
        fputs(cli_commands[i].usage, out);
    fputs("\nEvery command takes --db PATH, or the MOTCUA_DB environment variable.\n"
          "Exit codes: 0 success, 1 failure, 2 bad input or usage.\n",
          out);
    return out == stdout ? EXIT_OK : EXIT_USAGE;
}

/* finish: a command that succeeded has not succeeded if what it printed was lost (a full disk,
 * a closed pipe). */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "motcua: không ghi được kết quả ra stdout / cannot write to stdout\n");
        return rc == EXIT_OK ? EXIT_FAIL : rc;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return help(stderr);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0)
        return help(stdout);
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("motcua %s\n", MOTCUA_VERSION);
        return EXIT_OK;
    }
    if (secret_init() < 0) {
        fprintf(stderr, "motcua: cannot initialise libsodium\n");
        return EXIT_FAIL;
    }
    for (int i = 0; i < cli_n_commands; i++)
        if (strcmp(argv[1], cli_commands[i].name) == 0)
            return finish(cli_commands[i].run(argc - 1, argv + 1));
    fprintf(stderr, "motcua: lệnh không có / unknown command: %s\n\n", argv[1]);
    return help(stderr);
}

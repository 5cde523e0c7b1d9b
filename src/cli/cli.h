/* cli.h: the subcommands (one file each under cli/) and what they share: finding the store
 * (--db or MOTCUA_DB) and opening it for one transaction, printing an Err and turning it into
 * an exit code (0 success, 1 failure, 2 bad input or usage), and the usage text. */
#ifndef MOTCUA_CLI_H
#define MOTCUA_CLI_H

#include "store/store.h"
#include "util/err.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct CliCommand {
    const char *name;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
    const char *usage;                 /* shown by `motcua COMMAND --help` */
} CliCommand;

extern const CliCommand cli_commands[];
extern const int cli_n_commands;

int cli_init(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_token(int argc, char **argv);
int cli_agency(int argc, char **argv);
int cli_agency_sim(int argc, char **argv);
int cli_portal(int argc, char **argv);
int cli_portal_sim(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_calendar(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_verify(int argc, char **argv);
int cli_recount(int argc, char **argv);
int cli_unit(int argc, char **argv);
int cli_cert(int argc, char **argv);
int cli_checkpoint(int argc, char **argv);

/* cert_demo makes a demo certificate authority, issues one certificate per unit (names[i] its
 * subject) and imports them into the store at db; the CA's certificate is written to
 * <db>.demo-ca.pem and its key is dropped (`motcua init --demo`). */
int cert_demo(const char *db, const char *files, const char *const *units, const char *const *names,
              size_t n, Err *e);

/* cli_db returns the --db value, else $MOTCUA_DB, else NULL after printing why. */
const char *cli_db(const char *opt);

/* cli_open_write opens the store named by db (or $MOTCUA_DB) and begins a transaction. */
int cli_open_write(const char *db, Store **out, Err *e);

/* cli_read opens the store named by db (or $MOTCUA_DB) read-only and runs fn on it with a
 * scratch arena (freed after), for the commands that list; returns the exit code: EXIT_OK,
 * EXIT_USAGE without a store, or cli_fail's of fn's or the open's error. */
int cli_read(const char *db, int (*fn)(Store *s, Arena *a, Err *e));

/* cli_finish commits the transaction of cli_open_write when rc is 0 (else, or when the commit
 * fails, rolls it back), closes s and returns rc or the commit's error. */
int cli_finish(Store *s, int rc, Err *e);

/* cli_seconds reads a duration "90", "90s", "5m" or "1h" (at most a day; NULL: 0); -1
 * when it is not one. */
int cli_seconds(const char *s);

/* cli_fail prints e on stderr (Vietnamese, then English) and returns its exit code. */
int cli_fail(const Err *e);

/* cli_usage prints the usage of command on stderr and returns EXIT_USAGE. */
int cli_usage(const char *command);

/* cli_help prints the usage of command on stdout and returns EXIT_OK. */
int cli_help(const char *command);

#endif
